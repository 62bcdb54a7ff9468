package org.sovaudit.parse.iac.terraform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * Module source addresses, as Terraform's getters read them: where the module's code comes from.
 * Local paths name nobody and are skipped. A registry address ({@code ns/name/provider}, or
 * {@code host/ns/name/provider}) becomes the registry host ({@code registry.terraform.io} by default)
 * with the address as context; every other source becomes a URL in normal form (credentials, query
 * such as {@code ?ref=}, and {@code //subdir} removed): forced getters ({@code git::}, {@code s3::},
 * {@code gcs::}, {@code hg::}), scp-like git addresses ({@code git@github.com:org/repo.git} becomes
 * {@code ssh://github.com/org/repo.git}), and the GitHub and Bitbucket shorthands.
 */
final class Sources {

    static final String DEFAULT_REGISTRY = "registry.terraform.io";
    private static final Pattern FORCED = Pattern.compile("^([a-z0-9]+)::(.+)$");
    private static final Pattern SCP = Pattern.compile("^([A-Za-z0-9._-]{1,64})@([A-Za-z0-9.-]{1,253}):(?!//)(.+)$");
    private static final Pattern REGISTRY_PART = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,63})");
    private static final List<String> SHORTHAND_HOSTS = List.of("github.com/", "bitbucket.org/");

    /** A source's observation: a URL or a registry host, and its context. */
    record Source(ObservationKind kind, String value, String context) {
    }

    private Sources() {
    }

    /** Reports the literal {@code source} of every module block. */
    static void modules(List<HclLocator.Node> modules, List<String> lines, ResultBuilder out) {
        for (HclLocator.Node module : modules) {
            HclLocator.Node source = module.attribute("source");
            if (source == null || source.literal() == null) {
                continue;
            }
            String label = module.labels().isEmpty() ? "" : module.labels().get(0);
            report(source.literal(), label, source.line(), TextLines.line(lines, source.line()), out);
        }
    }

    /** Reports one module source found at {@code line}. */
    static void report(String source, String moduleName, int line, String rawLine, ResultBuilder out) {
        parse(source, moduleName).ifPresent(s -> out.add(s.kind(), s.value(), Role.PACKAGE_MIRROR, line, rawLine, s.context()));
    }

    /** The observation for a module source, or empty for a local path or an address that is not one. */
    static Optional<Source> parse(String source, String moduleName) {
        String s = source.strip();
        String context = moduleName.isEmpty() ? "module" : "module " + moduleName;
        if (s.isEmpty() || s.startsWith("./") || s.startsWith("../") || s.startsWith("/") || s.contains("${")) {
            return Optional.empty();
        }
        Matcher forced = FORCED.matcher(s);
        if (forced.matches()) {
            s = forced.group(2);
        }
        if (s.startsWith("git+")) {
            s = s.substring(4);
        }
        Matcher scp = SCP.matcher(s);
        if (!s.contains("://") && scp.matches()) {
            s = "ssh://" + scp.group(2) + "/" + scp.group(3);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (String host : SHORTHAND_HOSTS) {
            if (lower.startsWith(host)) {
                s = "https://" + s;
                break;
            }
        }
        if (s.contains("://")) {
            return Values.url(withoutSubdirectory(s)).map(u -> new Source(ObservationKind.URL, u.value(), context));
        }
        return registry(s).map(host -> new Source(ObservationKind.HOSTNAME, host,
                "module " + source.strip().toLowerCase(Locale.ROOT)));
    }

    /** The registry host of {@code [host/]namespace/name/provider[//subdir]}, or empty. */
    private static Optional<String> registry(String address) {
        String a = address;
        int sub = a.indexOf("//");
        if (sub >= 0) {
            a = a.substring(0, sub);
        }
        String[] parts = a.split("/", -1);
        if (parts.length == 3 && allRegistryParts(parts, 0)) {
            return Optional.of(DEFAULT_REGISTRY);
        }
        if (parts.length == 4 && allRegistryParts(parts, 1)) {
            return Values.hostname(parts[0]).filter(h -> h.indexOf('.') > 0);
        }
        return Optional.empty();
    }

    private static boolean allRegistryParts(String[] parts, int from) {
        for (int i = from; i < parts.length; i++) {
            if (!REGISTRY_PART.matcher(parts[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    /** {@code scheme://host/path//subdir?q} without {@code //subdir}. */
    private static String withoutSubdirectory(String url) {
        int authority = url.indexOf("://") + 3;
        int sub = url.indexOf("//", authority);
        if (sub < 0) {
            return url;
        }
        int query = url.indexOf('?', sub);
        return url.substring(0, sub) + (query < 0 ? "" : url.substring(query));
    }
}
