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
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * Package-manager and proxy settings held in environment variables: Go's {@code go.env} and
 * {@code go/env} files and captured {@code go env} output, {@code /etc/environment}, and
 * {@code /etc/profile.d/*.sh} scripts ({@code export NAME=value}).
 * <ul>
 *   <li>{@code GOPROXY} (a comma- or pipe-separated list; {@code direct} and {@code off} skipped) and
 *       {@code GOSUMDB} ({@code name[+key] [url]}) are package mirrors, context the variable;</li>
 *   <li>{@code GONOSUMDB}, {@code GOPRIVATE}, {@code GONOPROXY} and {@code GOINSECURE} list module
 *       path patterns; their hosts are recorded with an unknown role (context: the variable);</li>
 *   <li>{@code PIP_INDEX_URL}, {@code PIP_EXTRA_INDEX_URL}, {@code PIP_FIND_LINKS},
 *       {@code PIP_TRUSTED_HOST}, {@code NPM_CONFIG_REGISTRY}, {@code YARN_REGISTRY},
 *       {@code UV_INDEX_URL} and {@code UV_DEFAULT_INDEX} are package mirrors;</li>
 *   <li>{@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code ALL_PROXY} and {@code FTP_PROXY} (any case)
 *       are upstream gateways.</li>
 * </ul>
 * Other lines that hold a host or URL are recorded with an unknown role. In Go's env files and
 * {@code /etc/environment} every line must be an assignment; shell scripts may hold anything.
 */
public final class PackageEnvParser implements Parser {

    static final long MAX_BYTES = 256L << 10;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Pattern GO_LINE = Pattern.compile("^\\s*(?:set\\s+)?GO[A-Z0-9_]+=");
    private static final Pattern LIST = Pattern.compile("[\\s,|]+");
    private static final Set<String> MODULE_PATTERNS = Set.of("GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE");
    private static final Set<String> PACKAGE_URLS = Set.of("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS",
            "NPM_CONFIG_REGISTRY", "YARN_REGISTRY", "UV_INDEX_URL", "UV_DEFAULT_INDEX", "UV_EXTRA_INDEX_URL");
    private static final Set<String> PROXIES = Set.of("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "FTP_PROXY");

    @Override
    public String id() {
        return "package-env";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Package and proxy environment (go env, go.env, /etc/environment, profile.d): GOPROXY, GOSUMDB, "
                + "PIP_INDEX_URL, NPM_CONFIG_REGISTRY, HTTP(S)_PROXY";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.PACKAGE_MIRROR, Role.UPSTREAM_GATEWAY, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return strict(file) || script(file) || looksLikeGoEnv(file.head(SNIFF_BYTES));
    }

    /** Files where every line must be an assignment. */
    private static boolean strict(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        String path = "/" + file.path().toLowerCase(Locale.ROOT);
        return name.equals("go.env") || path.endsWith("/go/env") || path.endsWith("/etc/environment");
    }

    private static boolean script(SourceFile file) {
        String path = "/" + file.path().toLowerCase(Locale.ROOT);
        return path.contains("/profile.d/") && path.endsWith(".sh");
    }

    /** Captured {@code go env} output: most meaningful lines assign a GO variable. */
    static boolean looksLikeGoEnv(String head) {
        int go = 0;
        int other = 0;
        for (String line : TextLines.split(head)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (GO_LINE.matcher(s).lookingAt()) {
                go++;
            } else {
                other++;
            }
        }
        return go >= 3 && go >= 4 * other;
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        boolean strict = strict(file) || !script(file);
        List<String> lines = TextLines.split(file.text());
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            ShellAssignment a;
            try {
                a = ShellAssignment.parse(s);
            } catch (ShellAssignment.UnclosedQuote e) {
                out.error(number, e.getMessage());
                continue;
            }
            if (a == null) {
                if (strict) {
                    out.error(number, "malformed line: expected NAME=value");
                } else {
                    out.addUnexplained(number, raw);
                }
                continue;
            }
            assignment(a, number, raw, out);
        }
        return out.build();
    }

    private static void assignment(ShellAssignment a, int number, String raw, ResultBuilder out) {
        String name = a.name();
        String upper = name.toUpperCase(Locale.ROOT);
        String value = a.value().strip();
        if (value.isEmpty()) {
            return;
        }
        if (name.equals("GOPROXY")) {
            for (String entry : LIST.split(value)) {
                if (!entry.isEmpty() && !entry.equals("direct") && !entry.equals("off")) {
                    location(entry, Role.PACKAGE_MIRROR, name, number, raw, out);
                }
            }
        } else if (name.equals("GOSUMDB")) {
            if (value.equals("off")) {
                return;
            }
            String[] parts = value.split("\\s+");
            if (parts.length > 1) {
                location(parts[1], Role.PACKAGE_MIRROR, name, number, raw, out);
            } else {
                String host = parts[0].contains("+") ? parts[0].substring(0, parts[0].indexOf('+')) : parts[0];
                location(host, Role.PACKAGE_MIRROR, name, number, raw, out);
            }
        } else if (MODULE_PATTERNS.contains(name)) {
            for (String pattern : value.split(",")) {
                String p = pattern.strip();
                int slash = p.indexOf('/');
                String host = slash < 0 ? p : p.substring(0, slash);
                while (host.startsWith("*.")) {
                    host = host.substring(2);
                }
                if (host.indexOf('.') > 0 && host.indexOf('*') < 0) {
                    Values.hostname(host).ifPresent(h -> out.add(ObservationKind.HOSTNAME, h, Role.UNKNOWN, number, raw, name));
                }
            }
        } else if (PACKAGE_URLS.contains(upper)) {
            for (String entry : LIST.split(value)) {
                if (!entry.isEmpty() && !entry.startsWith("/") && !entry.startsWith("file:")) {
                    location(entry, Role.PACKAGE_MIRROR, upper, number, raw, out);
                }
            }
        } else if (upper.equals("PIP_TRUSTED_HOST")) {
            for (String entry : LIST.split(value)) {
                if (!entry.isEmpty()) {
                    location(entry, Role.PACKAGE_MIRROR, upper, number, raw, out);
                }
            }
        } else if (PROXIES.contains(upper)) {
            location(value, Role.UPSTREAM_GATEWAY, upper.toLowerCase(Locale.ROOT).replace('_', '-'), number, raw, out);
        } else if (!upper.equals("NO_PROXY")) {
            out.addUnexplained(number, raw);
        }
    }

    /** A URL, or a host with an optional port. */
    private static void location(String entry, Role role, String context, int number, String raw, ResultBuilder out) {
        var url = Values.url(entry);
        if (url.isPresent()) {
            out.add(ObservationKind.URL, url.get().value(), role, number, raw, context);
            return;
        }
        int slash = entry.indexOf('/');
        String authority = slash < 0 ? entry : entry.substring(0, slash);
        Values.hostPort(authority).ifPresentOrElse(
                hp -> out.add(hp.host(), role, number, raw, context),
                () -> out.error(number, context + " entry '" + entry + "' is not a URL or host"));
    }
}
