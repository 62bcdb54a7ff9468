package org.sovaudit.parse.iac.cloudinit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.sovaudit.parse.iac.Endpoints;
import org.sovaudit.parse.iac.ShellMirrors;
import org.sovaudit.parse.iac.tree.Tree;
import org.sovaudit.parse.iac.tree.TreeReader;

/**
 * cloud-init configuration: {@code #cloud-config} user data and the image's {@code cloud.cfg} (and
 * {@code cloud.cfg.d/*.cfg}). Reported:
 * <ul>
 * <li>package mirrors: {@code apt.primary}/{@code apt.security} URIs and search lists, every URL in
 * {@code apt.sources.*.source}, their key servers, APT proxies, the legacy {@code apt_mirror} and
 * {@code apt_proxy}, {@code yum_repos.*} base URLs, mirror lists and key URLs, and the
 * {@code system_info.package_mirrors} of cloud.cfg;</li>
 * <li>{@code ntp.servers} and {@code ntp.pools} (NTP sources); {@code resolv_conf.nameservers} (DNS
 * resolvers) and its search domains (unknown role, as the resolv.conf parser records them);</li>
 * <li>{@code rsyslog.remotes} (log sinks); {@code phone_home.url} (API endpoint); the Chef, Puppet,
 * Salt and Landscape servers the host enrols with (device management);</li>
 * <li>{@code runcmd} and {@code bootcmd}: the mirrors their commands switch to, what
 * {@code curl}, {@code wget} and {@code git clone} download (package mirrors), and any other URL
 * with the role unknown ({@link ShellMirrors}).</li>
 * </ul>
 */
public final class CloudInitParser implements Parser {

    /** A sources.list line or a PPA shortcut, as a bare {@code apt.sources} entry may hold. */
    private static final Pattern APT_LINE = Pattern.compile("\\s*(?:deb(?:-src)?\\s|ppa:)");

    static final long MAX_BYTES = 2L << 20;
    private static final Pattern CFG_D = Pattern.compile("(?:^|/)cloud\\.cfg\\.d/[^/]+\\.cfg$");

    @Override
    public String id() {
        return "cloud-init";
    }

    @Override
    public String version() {
        return "4";
    }

    @Override
    public String description() {
        return "cloud-init user data and cloud.cfg: package mirrors, NTP and DNS servers, log and management servers, "
                + "first-boot commands";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.PACKAGE_MIRROR, Role.NTP_SOURCE, Role.DNS_RESOLVER, Role.LOG_SINK, Role.API_ENDPOINT,
                Role.DEVICE_MANAGEMENT, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        String path = file.path().toLowerCase(Locale.ROOT);
        if (name.equals("cloud.cfg") || CFG_D.matcher(path).find()) {
            return true;
        }
        return file.head(16).startsWith("#cloud-config");
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
            if (document instanceof Tree.MapNode root) {
                new Reader(lines, out).read(root);
            }
        });
        return out.build();
    }

    /** Reads one configuration document. */
    private record Reader(List<String> lines, ResultBuilder out) {

        void read(Tree.MapNode root) {
            apt(root.map("apt"));
            mirror(root.scalar("apt_mirror"), "apt mirror");
            mirror(root.scalar("apt_proxy"), "apt proxy");
            yum(root.map("yum_repos"));
            Tree.MapNode systemInfo = root.map("system_info");
            if (systemInfo != null) {
                packageMirrors(systemInfo.list("package_mirrors"));
            }
            Tree.MapNode ntp = root.map("ntp");
            if (ntp != null) {
                for (String key : List.of("servers", "pools")) {
                    for (Tree.Scalar s : Tree.scalars(ntp.get(key))) {
                        Endpoints.addHost(out, s.text(), Role.NTP_SOURCE, s.line(), raw(s), "");
                    }
                }
            }
            Tree.MapNode resolv = root.map("resolv_conf");
            if (resolv != null) {
                for (Tree.Scalar s : Tree.scalars(resolv.get("nameservers"))) {
                    Values.host(s.text()).filter(Values.Host::ip).ifPresent(h -> out.add(h, Role.DNS_RESOLVER, s.line(), raw(s), ""));
                }
                for (Tree.Scalar s : Tree.scalars(resolv.get("searchdomains"))) {
                    Values.hostname(s.text()).ifPresent(h -> out.add(ObservationKind.HOSTNAME, h, Role.UNKNOWN, s.line(), raw(s), "search"));
                }
                Tree.Scalar domain = resolv.scalar("domain");
                if (domain != null) {
                    Values.hostname(domain.text()).ifPresent(h ->
                            out.add(ObservationKind.HOSTNAME, h, Role.UNKNOWN, domain.line(), raw(domain), "domain"));
                }
            }
            Tree.MapNode rsyslog = root.map("rsyslog");
            if (rsyslog != null && rsyslog.map("remotes") != null) {
                for (Tree.Node remote : rsyslog.map("remotes").entries().values()) {
                    if (remote instanceof Tree.Scalar s) {
                        String target = s.text().strip().replaceFirst("^\\*\\.\\*\\s+", "").replaceFirst("^@{1,2}", "");
                        Endpoints.addHost(out, target, Role.LOG_SINK, s.line(), raw(s), "rsyslog");
                    }
                }
            }
            Tree.MapNode phoneHome = root.map("phone_home");
            if (phoneHome != null && phoneHome.scalar("url") != null) {
                Tree.Scalar url = phoneHome.scalar("url");
                Endpoints.add(out, url.text(), Role.API_ENDPOINT, url.line(), raw(url), "phone_home");
            }
            management(root);
            for (String key : List.of("runcmd", "bootcmd")) {
                if (root.get(key) instanceof Tree.ListNode commands) {
                    for (Tree.Node command : commands.items()) {
                        commandItem(command);
                    }
                }
            }
        }

        private void apt(Tree.MapNode apt) {
            if (apt == null) {
                return;
            }
            for (String key : List.of("primary", "security")) {
                if (apt.get(key) instanceof Tree.ListNode entries) {
                    for (Tree.Node entry : entries.items()) {
                        if (entry instanceof Tree.MapNode m) {
                            mirror(m.scalar("uri"), "apt " + key);
                            for (Tree.Scalar s : Tree.scalars(m.get("search"))) {
                                mirror(s, "apt " + key);
                            }
                        }
                    }
                }
            }
            for (String key : List.of("proxy", "http_proxy", "https_proxy", "ftp_proxy")) {
                mirror(apt.scalar(key), "apt proxy");
            }
            Tree.MapNode sources = apt.map("sources");
            if (sources != null) {
                for (Map.Entry<String, Tree.Node> e : sources.entries().entrySet()) {
                    if (e.getValue() instanceof Tree.MapNode source) {
                        aptSource(source.scalar("source"), e.getKey());
                        mirror(source.scalar("keyserver"), "apt keyserver");
                    } else if (e.getValue() instanceof Tree.Scalar line && APT_LINE.matcher(line.text()).lookingAt()) {
                        // the schema wants a map, but a bare source line is written too (a bare key block is not one)
                        aptSource(line, e.getKey());
                    }
                }
            }
        }

        /** A sources.list line ({@code deb [opts] URL suite ...}) or a PPA shortcut ({@code ppa:owner/name}). */
        private void aptSource(Tree.Scalar line, String name) {
            if (line == null) {
                return;
            }
            Optional<String> ppa = ShellMirrors.ppa(line.text().strip());
            if (ppa.isPresent()) {
                out.add(ObservationKind.URL, ppa.get(), Role.PACKAGE_MIRROR, line.line(), raw(line), "apt ppa");
                return;
            }
            for (String word : line.text().split("\\s+")) {
                if (word.contains("://")) {
                    mirror(word, line.line(), "apt source " + name);
                }
            }
        }

        private void yum(Tree.MapNode repos) {
            if (repos == null) {
                return;
            }
            for (Map.Entry<String, Tree.Node> e : repos.entries().entrySet()) {
                if (!(e.getValue() instanceof Tree.MapNode repo)) {
                    continue;
                }
                for (String key : List.of("baseurl", "mirrorlist", "metalink", "gpgkey")) {
                    for (Tree.Scalar s : Tree.scalars(repo.get(key))) {
                        // several URLs may share one value, separated by blanks or line breaks
                        for (String url : s.text().split("\\s+")) {
                            mirror(url, s.line(), "yum " + e.getKey());
                        }
                    }
                }
            }
        }

        private void packageMirrors(Tree.ListNode mirrors) {
            if (mirrors == null) {
                return;
            }
            for (Tree.Node item : mirrors.items()) {
                if (!(item instanceof Tree.MapNode m)) {
                    continue;
                }
                for (String group : List.of("failsafe", "search")) {
                    Tree.MapNode g = m.map(group);
                    if (g == null) {
                        continue;
                    }
                    for (String key : List.of("primary", "security")) {
                        for (Tree.Scalar s : Tree.scalars(g.get(key))) {
                            mirror(s, "package_mirrors " + key);
                        }
                    }
                }
            }
        }

        /** Configuration-management servers the host enrols with. */
        private void management(Tree.MapNode root) {
            Tree.MapNode chef = root.map("chef");
            if (chef != null) {
                manager(chef.scalar("server_url"), "chef");
                // the omnibus installer is downloaded from here and run as root
                mirror(chef.scalar("omnibus_url"), "chef omnibus");
            }
            Tree.MapNode puppet = root.path("puppet", "conf", "agent");
            if (puppet != null) {
                manager(puppet.scalar("server"), "puppet");
            }
            Tree.MapNode salt = root.path("salt_minion", "conf");
            if (salt != null) {
                for (Tree.Scalar s : Tree.scalars(salt.get("master"))) {
                    manager(s, "salt");
                }
            }
            Tree.MapNode landscape = root.path("landscape", "client");
            if (landscape != null) {
                manager(landscape.scalar("url"), "landscape");
            }
        }

        private void manager(Tree.Scalar s, String context) {
            if (s != null) {
                Endpoints.add(out, s.text(), Role.DEVICE_MANAGEMENT, s.line(), raw(s), context);
            }
        }

        private void commandItem(Tree.Node command) {
            if (command instanceof Tree.Scalar s) {
                // a multi-line block scalar: each value stands on the physical line that holds it
                int count = (int) s.text().chars().filter(c -> c == '\n').count() + 2;
                int from = Math.max(1, Math.min(s.line(), lines.size()));
                int to = Math.min(lines.size(), from - 1 + count);
                ShellMirrors.scan(s.text(), lines.subList(from - 1, Math.max(from, to)), from, out);
            } else if (command instanceof Tree.ListNode argv) {
                StringBuilder sb = new StringBuilder();
                for (Tree.Scalar s : Tree.scalars(argv)) {
                    sb.append(sb.isEmpty() ? "" : " ").append('\'').append(s.text().replace("'", "")).append('\'');
                }
                ShellMirrors.scan(sb.toString(), argv.line(), raw(argv), out);
            }
        }

        private void mirror(Tree.Scalar s, String context) {
            if (s != null) {
                mirror(s.text(), s.line(), context);
            }
        }

        private void mirror(String value, int line, String context) {
            Endpoints.add(out, value, Role.PACKAGE_MIRROR, line, TextLines.line(lines, line), context);
        }

        private String raw(Tree.Node node) {
            return TextLines.line(lines, node.line());
        }
    }
}
