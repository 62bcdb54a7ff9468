package org.sovaudit.parse.iac.compose;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.ai.AiSettingsParser;
import org.sovaudit.parse.iac.Endpoints;
import org.sovaudit.parse.iac.tree.Tree;
import org.sovaudit.parse.iac.tree.TreeReader;
import org.sovaudit.parse.k8s.KubernetesYamlParser;

/**
 * Docker Compose files. For every service: its {@code image} (a container image, credentials
 * dropped, {@code ${VAR:-default}} taking its default, a tag left unresolved dropped, other
 * unresolved {@code ${VAR}} references skipped), its {@code dns} servers (DNS resolvers),
 * its {@code extra_hosts} (the pinned name and address, API endpoints with context
 * {@code extra_hosts}; Docker's {@code host.docker.internal:host-gateway} is the host itself),
 * its {@code environment} settings (inference endpoints, API base URLs, data
 * stores and AI models, classified by name as in {@code .env} files), and its {@code logging} destination: the address options of the
 * {@code syslog}, {@code fluentd}, {@code gelf}, {@code splunk} and {@code loki} drivers as log
 * sinks, and the cloud of the {@code awslogs} and {@code gcplogs} drivers (with the
 * {@code awslogs-region}). Top-level {@code x-} extension fields and YAML anchors are honoured
 * through the merge keys that reference them.
 */
public final class ComposeParser implements Parser {

    static final long MAX_BYTES = 4L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Pattern COMPOSE_NAME = Pattern.compile("(?:docker-)?compose(?:[.-][a-z0-9_.-]+)?\\.ya?ml");
    private static final Pattern SERVICES = Pattern.compile("(?m)^services[ \\t]*:[ \\t]*(?:#.*)?$");
    private static final Pattern SERVICE_IMAGE = Pattern.compile("(?m)^[ \\t]+image[ \\t]*:");
    private static final Pattern API_VERSION = Pattern.compile("(?m)^apiVersion[ \\t]*:");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,63})");
    /** A variable with a default and no nested reference: {@code ${VAR:-default}} or {@code ${VAR-default}}. */
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]{0,127}):?-([^${}]{0,512})\\}");
    /** Docker's names for the host a container runs on: they name no other party. */
    private static final java.util.Set<String> DOCKER_HOST_NAMES = java.util.Set.of("host.docker.internal",
            "gateway.docker.internal", "host-gateway");

    /** Logging driver options that hold a destination address. */
    private static final Map<String, String> ADDRESS_OPTIONS = Map.of(
            "syslog-address", "syslog",
            "fluentd-address", "fluentd",
            "gelf-address", "gelf",
            "splunk-url", "splunk",
            "loki-url", "loki");

    /** Logging drivers that ship to a cloud's log service. */
    private static final Map<String, String> CLOUD_DRIVERS = Map.of("awslogs", "aws", "gcplogs", "google");

    @Override
    public String id() {
        return "docker-compose";
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "Docker Compose files: service images, DNS servers, extra hosts, environment endpoints, logging destinations";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.CONTAINER_IMAGE, Role.DNS_RESOLVER, Role.API_ENDPOINT, Role.LOG_SINK, Role.CLOUD_PROVIDER,
                Role.CLOUD_REGION, Role.AI_ENDPOINT, Role.AI_MODEL, Role.STORAGE_LOCATION);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (COMPOSE_NAME.matcher(name).matches()) {
            return true;
        }
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            return false;
        }
        // a compose file by content: a top-level services map whose services name images, and no Kubernetes apiVersion
        String head = file.head(SNIFF_BYTES);
        return SERVICES.matcher(head).find() && SERVICE_IMAGE.matcher(head).find() && !API_VERSION.matcher(head).find();
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        TreeReader.yaml(lines, out, document -> {
            if (document instanceof Tree.MapNode root && root.get("services") instanceof Tree.MapNode services) {
                for (Map.Entry<String, Tree.Node> e : services.entries().entrySet()) {
                    if (e.getValue() instanceof Tree.MapNode service) {
                        service(service, lines, out);
                    }
                }
            }
        });
        return out.build();
    }

    private static void service(Tree.MapNode service, List<String> lines, ResultBuilder out) {
        Tree.Scalar image = service.scalar("image");
        if (image != null) {
            String ref = KubernetesYamlParser.withoutCredentials(interpolated(image.text().strip()));
            if (KubernetesYamlParser.isImageReference(ref)) {
                out.add(ObservationKind.CONTAINER_IMAGE, ref, Role.CONTAINER_IMAGE, image.line(), raw(lines, image), "");
            }
        }
        for (Tree.Scalar dns : Tree.scalars(service.get("dns"))) {
            Values.host(dns.text()).filter(Values.Host::ip).ifPresent(ip -> out.add(ip, Role.DNS_RESOLVER, dns.line(),
                    raw(lines, dns), ""));
        }
        extraHosts(service.get("extra_hosts"), lines, out);
        environment(service.get("environment"), lines, out);
        Tree.MapNode logging = service.map("logging");
        if (logging != null) {
            logging(logging, lines, out);
        }
    }

    /**
     * An image as Compose resolves it without an environment: {@code ${VAR:-default}} and
     * {@code ${VAR-default}} take their default; a tag or digest that stays unresolved
     * ({@code repo:${TAG}}) is dropped, leaving the repository, which is what names the registry;
     * any other unresolved reference leaves the value templated (and so skipped).
     */
    static String interpolated(String image) {
        String resolved = DEFAULTED.matcher(image).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
        int slash = resolved.lastIndexOf('/');
        int tag = resolved.indexOf(':', slash + 1);
        int digest = resolved.indexOf('@', slash + 1);
        int cut = tag < 0 ? digest : digest < 0 ? tag : Math.min(tag, digest);
        if (cut > 0 && Endpoints.templated(resolved.substring(cut)) && !Endpoints.templated(resolved.substring(0, cut))) {
            return resolved.substring(0, cut);
        }
        return resolved;
    }

    /** {@code environment} as a list of {@code KEY=value} or a map: settings classified by name. */
    private static void environment(Tree.Node node, List<String> lines, ResultBuilder out) {
        if (node instanceof Tree.MapNode map) {
            for (Map.Entry<String, Tree.Node> e : map.entries().entrySet()) {
                if (e.getValue() instanceof Tree.Scalar value && !local(value.text())) {
                    AiSettingsParser.setting(e.getKey(), value.text(), value.line(), raw(lines, value), out);
                }
            }
            return;
        }
        for (Tree.Scalar entry : Tree.scalars(node)) {
            int eq = entry.text().indexOf('=');
            if (eq > 0 && !local(entry.text().substring(eq + 1))) {
                AiSettingsParser.setting(entry.text().substring(0, eq), entry.text().substring(eq + 1), entry.line(),
                        raw(lines, entry), out);
            }
        }
    }

    /** {@code ["host:ip", "host=ip"]} or {@code {host: ip}}; IPv6 addresses may follow the first colon. */
    private static void extraHosts(Tree.Node node, List<String> lines, ResultBuilder out) {
        if (node instanceof Tree.MapNode map) {
            for (Map.Entry<String, Tree.Node> e : map.entries().entrySet()) {
                if (e.getValue() instanceof Tree.Scalar ip) {
                    pinned(e.getKey(), ip.text(), ip.line(), lines, out);
                }
            }
            return;
        }
        for (Tree.Scalar entry : Tree.scalars(node)) {
            String t = entry.text().strip();
            int eq = t.indexOf('=');
            int sep = eq >= 0 ? eq : t.indexOf(':');
            if (sep > 0) {
                pinned(t.substring(0, sep), t.substring(sep + 1), entry.line(), lines, out);
            }
        }
    }

    private static void pinned(String host, String address, int line, List<String> lines, ResultBuilder out) {
        if (DOCKER_HOST_NAMES.contains(host.strip().toLowerCase(Locale.ROOT)) || DOCKER_HOST_NAMES.contains(address.strip())) {
            return; // the container's own host (host.docker.internal:host-gateway)
        }
        String raw = TextLines.line(lines, line);
        Values.hostname(host.strip()).filter(h -> h.indexOf('.') > 0).ifPresent(h ->
                out.add(ObservationKind.HOSTNAME, h, Role.API_ENDPOINT, line, raw, "extra_hosts"));
        Values.host(address.strip()).filter(Values.Host::ip).ifPresent(ip ->
                out.add(ip, Role.API_ENDPOINT, line, raw, "extra_hosts " + host.strip().toLowerCase(Locale.ROOT)));
    }

    private static void logging(Tree.MapNode logging, List<String> lines, ResultBuilder out) {
        String driver = logging.text("driver").strip().toLowerCase(Locale.ROOT);
        Tree.MapNode options = logging.map("options");
        String provider = CLOUD_DRIVERS.get(driver);
        if (provider != null) {
            Tree.Scalar d = logging.scalar("driver");
            out.add(ObservationKind.CLOUD_PROVIDER, provider, Role.LOG_SINK, d.line(), raw(lines, d), "logging " + driver);
        }
        if (options == null) {
            return;
        }
        for (Map.Entry<String, Tree.Node> e : options.entries().entrySet()) {
            if (!(e.getValue() instanceof Tree.Scalar value)) {
                continue;
            }
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (ADDRESS_OPTIONS.containsKey(key)) {
                String context = "logging " + ADDRESS_OPTIONS.get(key);
                if (key.endsWith("-url")) {
                    Endpoints.add(out, value.text(), Role.LOG_SINK, value.line(), raw(lines, value), context);
                } else {
                    Endpoints.addHost(out, value.text(), Role.LOG_SINK, value.line(), raw(lines, value), context);
                }
            } else if (key.equals("awslogs-region") && REGION.matcher(value.text().strip()).matches()) {
                out.add(ObservationKind.CLOUD_REGION, value.text().strip(), Role.LOG_SINK, value.line(), raw(lines, value), "aws");
            } else if (key.equals("awslogs-endpoint")) {
                Endpoints.add(out, value.text(), Role.LOG_SINK, value.line(), raw(lines, value), "logging awslogs");
            }
        }
    }

    /** A setting whose value is this very machine (a loopback URL, a unix socket) names no party. */
    private static boolean local(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.startsWith("unix:") || v.startsWith("npipe:") || Endpoints.localUrl(v);
    }

    private static String raw(List<String> lines, Tree.Node node) {
        return TextLines.line(lines, node.line());
    }
}
