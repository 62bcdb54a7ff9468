package org.sovaudit.parse.host;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Snippets;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * npm's configuration ({@code .npmrc}, the global {@code npmrc}): {@code registry} and every
 * {@code @scope:registry} (context {@code scope=@scope}) are package mirrors, as are the
 * {@code proxy} and {@code https-proxy} (context: the key) and the registries that credentials are
 * kept for ({@code //host/path/:_authToken=...}, context {@code credentials}; the token itself is
 * never recorded and is masked in snippets). The download mirrors of packages' prebuilt binaries
 * ({@code disturl}, {@code electron_mirror}, {@code sass_binary_site}, {@code chromedriver_cdnurl},
 * {@code sharp_binary_host} ...; context: the key) are package mirrors too. A value that is only an
 * environment reference ({@code ${NPM_REGISTRY}}) names nothing here. Comments start with {@code #} or {@code ;}. Other
 * settings that hold a host or URL are recorded with an unknown role.
 */
public final class NpmrcParser implements Parser {

    static final long MAX_BYTES = 256L << 10;
    /** Settings that point installers at a mirror of prebuilt binaries (node headers, electron, sass, drivers ...). */
    private static final Pattern BINARY_MIRROR = Pattern.compile(
            "dist_?url|.*mirror|.*_cdnurl|.*_binary_(?:site|host)(?:_mirror)?|.*_download_(?:host|base_url)");

    @Override
    public String id() {
        return "npmrc";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "npm configuration (.npmrc): registries, scoped registries, proxies, registries with stored credentials";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.PACKAGE_MIRROR, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        return name.equals(".npmrc") || name.equals("npmrc");
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            int number = i + 1;
            int eq = s.indexOf('=');
            if (eq <= 0) {
                out.error(number, "malformed line: expected 'name=value'");
                continue;
            }
            String key = s.substring(0, eq).strip();
            String value = unquote(s.substring(eq + 1).strip());
            String lower = key.toLowerCase(Locale.ROOT);
            if (key.startsWith("//")) {
                // the evidence shows the key only: "//host/:_authToken=..." is not a shape snippets know to mask
                credentials(key, number, key + "=" + Snippets.MASK, out);
            } else if (secret(lower)) {
                continue;
            } else if (lower.equals("registry")) {
                url(value, "", number, raw, out);
            } else if (lower.startsWith("@") && lower.endsWith(":registry")) {
                url(value, "scope=" + key.substring(0, key.length() - ":registry".length()), number, raw, out);
            } else if (BINARY_MIRROR.matcher(lower.replace('-', '_')).matches()) {
                url(value, lower, number, raw, out);
            } else if (lower.equals("proxy") || lower.equals("https-proxy") || lower.equals("http-proxy")) {
                if (!value.isEmpty() && !value.equalsIgnoreCase("null") && !value.equalsIgnoreCase("false")) {
                    url(value, lower, number, raw, out);
                }
            } else {
                out.addUnexplained(number, raw);
            }
        }
        return out.build();
    }

    private static void url(String value, String context, int number, String raw, ResultBuilder out) {
        if (value.startsWith("${") && value.indexOf('}') == value.length() - 1) {
            return; // npm substitutes the environment variable when it runs
        }
        Values.url(value).ifPresentOrElse(
                url -> out.add(ObservationKind.URL, url.value(), Role.PACKAGE_MIRROR, number, raw, context),
                () -> out.error(number, "'" + value + "' is not a URL with a host"));
    }

    /** {@code //registry.example.com/path/:_authToken}: the registry the credential is for. */
    private static void credentials(String key, int number, String raw, ResultBuilder out) {
        int colon = key.lastIndexOf(':');
        String location = colon > 2 ? key.substring(2, colon) : key.substring(2);
        Values.url("https://" + location).ifPresentOrElse(
                url -> out.add(ObservationKind.URL, url.value(), Role.PACKAGE_MIRROR, number, raw, "credentials"),
                () -> out.error(number, "credential key does not name a registry"));
    }

    /** Keys whose value is a credential: never evidence. */
    private static boolean secret(String key) {
        return key.contains("auth") || key.contains("password") || key.contains("token") || key.equals("email")
                || key.equals("username") || key.equals("certfile") || key.equals("keyfile") || key.equals("key")
                || key.equals("cert");
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
