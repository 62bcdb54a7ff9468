package org.sovaudit.parse.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * Container runtimes' registry settings, all TOML:
 * <ul>
 *   <li>containerd {@code config.toml}: {@code registry.mirrors."<registry>".endpoint} URLs are image
 *       registries (context {@code mirror-of=<registry>}, the mirrored registry is recorded too),
 *       {@code registry.configs."<registry>"} names a registry with credentials or TLS settings, and
 *       {@code sandbox_image} (or v3's {@code pinned_images.sandbox}) is a container image;</li>
 *   <li>containerd {@code certs.d/<registry>/hosts.toml}: {@code server} is the upstream registry and
 *       every {@code [host."<url>"]} a mirror of the registry the directory names;</li>
 *   <li>{@code containers-registries.conf} (Podman, CRI-O, Buildah; {@code registries.conf} and
 *       {@code registries.conf.d/*.conf}): {@code unqualified-search-registries} (context
 *       {@code search}), each {@code [[registry]]}'s {@code location} (skipped when
 *       {@code blocked = true}; context {@code insecure} when insecure) and its
 *       {@code [[registry.mirror]]} locations, and the version 1 tables
 *       {@code [registries.search]} and {@code [registries.insecure]}. Short-name aliases are not
 *       read.</li>
 * </ul>
 * Other strings that hold a host or URL are recorded with an unknown role.
 */
public final class ContainerRegistriesParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;

    private enum Flavour { CONTAINERD, HOSTS_TOML, REGISTRIES_CONF }

    @Override
    public String id() {
        return "container-registries";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "Container registry settings (containerd config.toml and certs.d hosts.toml, containers registries.conf): "
                + "registries, mirrors, sandbox image";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.IMAGE_REGISTRY, Role.CONTAINER_IMAGE, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return flavour(file) != null;
    }

    private static Flavour flavour(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        String path = "/" + file.path().toLowerCase(Locale.ROOT);
        if (name.equals("hosts.toml")) {
            return Flavour.HOSTS_TOML;
        }
        if (name.equals("config.toml") && (path.contains("/containerd/") || file.head(SNIFF_BYTES).contains("io.containerd"))) {
            return Flavour.CONTAINERD;
        }
        if (name.equals("registries.conf") || name.endsWith(".conf") && path.contains("/registries.conf.d/")) {
            return Flavour.REGISTRIES_CONF;
        }
        return null;
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        List<TomlLite.Leaf> leaves = TomlLite.read(file.text(), out);
        Reader reader = new Reader(lines, out);
        switch (flavour(file)) {
            case CONTAINERD -> reader.containerd(leaves);
            case HOSTS_TOML -> reader.hostsToml(leaves, namespace(file.path()));
            case REGISTRIES_CONF -> reader.registriesConf(leaves);
            case null -> {
            }
        }
        return out.build();
    }

    /** The registry a {@code certs.d/<registry>/hosts.toml} is for, from its directory; "" when unknown. */
    private static String namespace(String path) {
        String[] parts = path.split("/");
        if (parts.length >= 3 && parts[parts.length - 3].equals("certs.d")) {
            return parts[parts.length - 2];
        }
        return "";
    }

    private record Reader(List<String> lines, ResultBuilder out) {

        void containerd(List<TomlLite.Leaf> leaves) {
            Set<String> configured = new java.util.HashSet<>();
            Set<String> upstreams = new java.util.HashSet<>();
            for (TomlLite.Leaf leaf : leaves) {
                List<String> table = leaf.table();
                int mirrors = indexOfPair(table, "registry", "mirrors");
                int configs = indexOfPair(table, "registry", "configs");
                if (leaf.header()) {
                    // the registry a table names is recorded where the table opens
                    if (mirrors >= 0 && table.size() == mirrors + 3 && upstreams.add(table.get(mirrors + 2))) {
                        registry(table.get(mirrors + 2), leaf.line(), "");
                    } else if (configs >= 0 && table.size() > configs + 2 && configured.add(table.get(configs + 2))) {
                        registry(table.get(configs + 2), leaf.line(), "configured");
                    }
                    continue;
                }
                if (mirrors >= 0 && table.size() == mirrors + 3 && leaf.name().equals("endpoint")) {
                    String upstream = table.get(mirrors + 2);
                    registry(leaf.value(), leaf.line(), "mirror-of=" + upstream);
                    if (upstreams.add(upstream)) {
                        registry(upstream, leaf.line(), "");
                    }
                } else if (configs >= 0 && table.size() > configs + 2) {
                    String registry = table.get(configs + 2);
                    if (configured.add(registry)) {
                        registry(registry, leaf.line(), "configured");
                    }
                } else if (leaf.name().equals("sandbox_image") || leaf.name().equals("sandbox")
                        && !table.isEmpty() && table.get(table.size() - 1).equals("pinned_images")) {
                    if (!leaf.value().isBlank()) {
                        out.add(ObservationKind.CONTAINER_IMAGE, leaf.value().strip(), Role.CONTAINER_IMAGE, leaf.line(),
                                raw(leaf), "");
                    }
                } else if (leaf.string()) {
                    out.addUnexplained(leaf.line(), raw(leaf));
                }
            }
        }

        void hostsToml(List<TomlLite.Leaf> leaves, String namespace) {
            String mirrorOf = namespace.isEmpty() || namespace.equals("_default") ? "" : "mirror-of=" + namespace;
            for (TomlLite.Leaf leaf : leaves) {
                List<String> table = leaf.table();
                if (leaf.header() && table.size() == 2 && table.get(0).equals("host")) {
                    registry(table.get(1), leaf.line(), mirrorOf);
                } else if (!leaf.header() && table.isEmpty() && leaf.name().equals("server")) {
                    registry(leaf.value(), leaf.line(), "");
                } else if (!leaf.header() && leaf.string() && !leaf.name().equals("ca") && !leaf.name().equals("client")) {
                    out.addUnexplained(leaf.line(), raw(leaf));
                }
            }
        }

        void registriesConf(List<TomlLite.Leaf> leaves) {
            List<TomlLite.Leaf> group = new ArrayList<>();
            int groupSeq = -1;
            String current = "";
            for (TomlLite.Leaf leaf : leaves) {
                List<String> table = leaf.table();
                if (table.equals(List.of("registry"))) {
                    if (leaf.tableSeq() != groupSeq) {
                        current = flush(group);
                        group.clear();
                        groupSeq = leaf.tableSeq();
                    }
                    if (!leaf.header()) {
                        group.add(leaf);
                    }
                    continue;
                }
                if (!group.isEmpty()) {
                    current = flush(group);
                    group.clear();
                    groupSeq = -1;
                }
                if (leaf.header()) {
                    continue;
                }
                if (table.equals(List.of("registry", "mirror")) && leaf.name().equals("location")) {
                    registry(leaf.value(), leaf.line(), current.isEmpty() ? "mirror" : "mirror-of=" + current);
                } else if (table.isEmpty() && leaf.name().equals("unqualified-search-registries")) {
                    registry(leaf.value(), leaf.line(), "search");
                } else if (table.equals(List.of("registries", "search")) && leaf.name().equals("registries")) {
                    registry(leaf.value(), leaf.line(), "search");
                } else if (table.equals(List.of("registries", "insecure")) && leaf.name().equals("registries")) {
                    registry(leaf.value(), leaf.line(), "insecure");
                } else if (table.equals(List.of("registries", "block")) || table.equals(List.of("aliases"))) {
                    continue;
                } else if (leaf.string()) {
                    out.addUnexplained(leaf.line(), raw(leaf));
                }
            }
            flush(group);
        }

        /** Records one {@code [[registry]]} unless it is blocked; returns what its mirrors mirror. */
        private String flush(List<TomlLite.Leaf> group) {
            TomlLite.Leaf location = null;
            TomlLite.Leaf prefix = null;
            boolean blocked = false;
            boolean insecure = false;
            for (TomlLite.Leaf leaf : group) {
                switch (leaf.name()) {
                    case "location" -> location = leaf;
                    case "prefix" -> prefix = leaf;
                    case "blocked" -> blocked = leaf.value().equals("true");
                    case "insecure" -> insecure = leaf.value().equals("true");
                    default -> {
                    }
                }
            }
            if (location != null && !blocked) {
                registry(location.value(), location.line(), insecure ? "insecure" : "");
            }
            TomlLite.Leaf named = prefix != null ? prefix : location;
            return named == null ? "" : named.value().strip();
        }

        /** A registry written as a URL, {@code host[:port][/namespace]}, or {@code *.domain}; {@code *} alone names none. */
        private void registry(String value, int line, String context) {
            String text = value.strip();
            if (text.isEmpty() || text.equals("*")) {
                return; // "*": the settings of every registry, which names none
            }
            String raw = TextLines.line(lines, line);
            var url = Values.url(text);
            if (url.isPresent()) {
                out.add(ObservationKind.URL, url.get().value(), Role.IMAGE_REGISTRY, line, raw, context);
                return;
            }
            if (text.startsWith("*.")) {
                text = text.substring(2);
            }
            int slash = text.indexOf('/');
            String authority = slash < 0 ? text : text.substring(0, slash);
            Optional<Values.HostPort> hp = Values.hostPort(authority);
            if (hp.isPresent()) {
                out.add(hp.get().host(), Role.IMAGE_REGISTRY, line, raw, context);
            } else {
                out.error(line, "registry '" + value.strip() + "' is not a URL or host");
            }
        }

        private String raw(TomlLite.Leaf leaf) {
            return TextLines.line(lines, leaf.line());
        }

        private static int indexOfPair(List<String> table, String a, String b) {
            for (int i = 0; i + 1 < table.size(); i++) {
                if (table.get(i).equals(a) && table.get(i + 1).equals(b)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
