package org.sovaudit.parse.host;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.ParseException;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * Docker's daemon configuration ({@code daemon.json}): {@code registry-mirrors} (context
 * {@code mirror}), {@code insecure-registries} (context {@code insecure}, hosts, host:port or
 * networks) and {@code allow-nondistributable-artifacts} are image registries; {@code dns} are DNS
 * resolvers and {@code dns-search} search domains (role unknown); {@code proxies} (and the older
 * top-level {@code http-proxy}/{@code https-proxy}) are upstream gateways; the logging options
 * {@code syslog-address}, {@code fluentd-address}, {@code gelf-address}, {@code splunk-url} and
 * {@code loki-url} are log sinks (context: the option), {@code awslogs-region} a cloud region of
 * {@code aws}. The host's own networks and sockets ({@code bip}, {@code default-address-pools},
 * {@code hosts} ...) name nobody outside; any other string that holds a host or URL is recorded
 * with an unknown role.
 */
public final class DockerDaemonParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    /** Settings about the host's own networks and sockets: they name nobody outside. */
    private static final Set<String> LOCAL_KEYS = Set.of("bip", "fixed-cidr", "fixed-cidr-v6", "default-address-pools",
            "hosts", "default-gateway", "default-gateway-v6", "ip", "bridge", "data-root", "exec-root", "pidfile", "no-proxy");
    private static final Set<String> LOG_ADDRESSES = Set.of("syslog-address", "fluentd-address", "gelf-address",
            "splunk-url", "loki-url");

    @Override
    public String id() {
        return "docker-daemon";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Docker daemon configuration (daemon.json): registry mirrors, DNS, proxies, log drivers";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.IMAGE_REGISTRY, Role.DNS_RESOLVER, Role.UPSTREAM_GATEWAY, Role.LOG_SINK, Role.CLOUD_REGION,
                Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return file.name().toLowerCase(Locale.ROOT).equals("daemon.json") && file.head(256).strip().startsWith("{");
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        LocatedJson.Node root;
        try {
            root = LocatedJson.parse(file.text());
        } catch (ParseException e) {
            out.error(e.line(), e.getMessage());
            return out.build();
        }
        if (!(root.value() instanceof Map<?, ?>)) {
            out.error(root.line(), "the daemon configuration is not a JSON object");
            return out.build();
        }
        new Reader(lines, out).object(root.object(), "");
        return out.build();
    }

    private record Reader(List<String> lines, ResultBuilder out) {

        void object(Map<String, LocatedJson.Node> object, String parent) {
            for (Map.Entry<String, LocatedJson.Node> e : object.entrySet()) {
                String key = e.getKey().toLowerCase(Locale.ROOT);
                LocatedJson.Node node = e.getValue();
                switch (key) {
                    case "registry-mirrors" -> each(node, v -> registry(v, "mirror"));
                    case "insecure-registries" -> each(node, v -> registry(v, "insecure"));
                    case "allow-nondistributable-artifacts" -> each(node, v -> registry(v, "nondistributable"));
                    case "dns" -> each(node, v -> Values.ip(v.text()).ifPresentOrElse(
                            ip -> add(ObservationKind.IP_ADDRESS, ip, Role.DNS_RESOLVER, v, ""),
                            () -> out.error(v.line(), "dns entry '" + v.text() + "' is not an IP address")));
                    case "dns-search" -> each(node, v -> Values.hostname(v.text()).ifPresent(
                            name -> add(ObservationKind.HOSTNAME, name, Role.UNKNOWN, v, "search")));
                    case "http-proxy", "https-proxy" -> each(node, v -> gateway(v, key));
                    case "awslogs-region" -> each(node, v -> {
                        if (!v.text().isBlank()) {
                            add(ObservationKind.CLOUD_REGION, v.text().strip().toLowerCase(Locale.ROOT), Role.CLOUD_REGION, v, "aws");
                        }
                    });
                    default -> {
                        if (LOCAL_KEYS.contains(key)) {
                            continue;
                        }
                        if (LOG_ADDRESSES.contains(key)) {
                            each(node, v -> logSink(v, key));
                        } else if (node.value() instanceof Map<?, ?>) {
                            object(node.object(), key);
                        } else {
                            each(node, v -> out.addUnexplained(v.line(), TextLines.line(lines, v.line())));
                        }
                    }
                }
            }
        }

        private void registry(LocatedJson.Node v, String context) {
            String text = v.text().strip();
            var url = Values.url(text);
            if (url.isPresent()) {
                add(ObservationKind.URL, url.get().value(), Role.IMAGE_REGISTRY, v, context);
                return;
            }
            int slash = text.indexOf('/');
            if (slash > 0 && Values.ip(text.substring(0, slash)).isPresent()) {
                add(ObservationKind.CIDR, Values.ip(text.substring(0, slash)).get() + text.substring(slash), Role.IMAGE_REGISTRY, v, context);
                return;
            }
            String authority = slash > 0 ? text.substring(0, slash) : text;
            Optional<Values.HostPort> hp = Values.hostPort(authority);
            if (hp.isPresent()) {
                out.add(hp.get().host(), Role.IMAGE_REGISTRY, v.line(), TextLines.line(lines, v.line()), context);
            } else {
                out.error(v.line(), "registry '" + text + "' is not a URL, host or network");
            }
        }

        private void gateway(LocatedJson.Node v, String context) {
            String text = v.text().strip();
            if (text.isEmpty()) {
                return;
            }
            var url = Values.url(text);
            if (url.isPresent()) {
                add(ObservationKind.URL, url.get().value(), Role.UPSTREAM_GATEWAY, v, context);
            } else {
                Values.hostPort(text).ifPresentOrElse(
                        hp -> out.add(hp.host(), Role.UPSTREAM_GATEWAY, v.line(), TextLines.line(lines, v.line()), context),
                        () -> out.error(v.line(), context + " '" + text + "' is not a URL or host"));
            }
        }

        private void logSink(LocatedJson.Node v, String key) {
            String text = v.text().strip();
            if (text.isEmpty()) {
                return;
            }
            String context = key.substring(0, key.indexOf('-'));
            var url = Values.url(text);
            if (url.isPresent()) {
                if (key.endsWith("-url")) {
                    add(ObservationKind.URL, url.get().value(), Role.LOG_SINK, v, context);
                } else {
                    out.add(url.get().host(), Role.LOG_SINK, v.line(), TextLines.line(lines, v.line()), context);
                }
                return;
            }
            if (text.startsWith("unix://") || text.startsWith("/")) {
                return;
            }
            Values.hostPort(text).ifPresentOrElse(
                    hp -> out.add(hp.host(), Role.LOG_SINK, v.line(), TextLines.line(lines, v.line()), context),
                    () -> out.error(v.line(), key + " '" + text + "' is not a URL or host"));
        }

        private void add(ObservationKind kind, String value, Role role, LocatedJson.Node v, String context) {
            out.add(kind, value, role, v.line(), TextLines.line(lines, v.line()), context);
        }

        /** Applies {@code f} to a string node, or to every string of an array node. */
        private void each(LocatedJson.Node node, java.util.function.Consumer<LocatedJson.Node> f) {
            if (node.value() instanceof List<?>) {
                for (LocatedJson.Node item : node.array()) {
                    each(item, f);
                }
            } else if (node.value() instanceof Map<?, ?>) {
                object(node.object(), "");
            } else if (node.text() != null) {
                f.accept(node);
            }
        }
    }
}
