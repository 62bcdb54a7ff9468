package org.sovaudit.parse.network.juniper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.ConfigSyntax;
import org.sovaudit.parse.ConfigTokenizer;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.network.Addresses;
import org.sovaudit.parse.network.DeviceReader;

/**
 * The Juniper Junos dialect, in both forms: the curly hierarchy of {@code show configuration}
 * (read with the tokenizer's brace layout) and the flat {@code show configuration | display set}.
 * Both become the same statement paths ({@code system ntp server 10.0.0.1 prefer}), so one set of
 * rules reads both. {@code groups} are read like the configuration they are applied to.
 * Deactivated statements ({@code inactive:}, {@code deactivate ...}) are not in effect: their
 * values are kept with role {@link Role#UNKNOWN}. A reference written on several {@code set} lines
 * is recorded once, at its first line.
 */
final class JunosDialect {

    static final ConfigSyntax CURLY = ConfigSyntax.builder()
            .layout(ConfigSyntax.Layout.BRACES)
            .build();

    static final ConfigSyntax SET = ConfigSyntax.builder()
            .comments("#")
            .quotedWords(true)
            .build();

    /** Words that annotate a statement rather than name it. */
    private static final Set<String> ANNOTATIONS = Set.of("inactive:", "protect:", "replace:", "active:", "delete:");

    /** Top-level hierarchies about the device itself: never parties, never leftovers. */
    private static final Set<String> LOCAL_TOP = Set.of(
            "interfaces", "chassis", "class-of-service", "vlans", "bridge-domains", "policy-options", "firewall",
            "routing-options", "apply-groups", "virtual-chassis", "switch-options", "poe", "ethernet-switching-options",
            "multi-chassis", "vmhost", "applications");

    /** Second levels under {@code system} about the device itself. */
    private static final Set<String> LOCAL_SYSTEM = Set.of(
            "host-name", "login", "root-authentication", "time-zone", "ports", "commit", "max-configurations-on-flash",
            "processes", "syslog", "ntp", "name-server", "domain-name", "domain-search", "tacplus-server",
            "radius-server", "authentication-order", "location", "internet-options", "arp", "default-address-selection",
            "no-redirects", "configuration-database", "management-instance", "auto-snapshot");

    /** Protocols about the device's own topology. */
    private static final Set<String> LOCAL_PROTOCOLS = Set.of(
            "ospf", "ospf3", "isis", "ldp", "mpls", "rsvp", "lldp", "lldp-med", "rstp", "mstp", "vstp", "igmp-snooping",
            "pim", "igmp", "bfd", "router-advertisement", "l2circuit", "vrrp", "evpn", "layer2-control", "oam");

    /** Words inside {@code outbound-ssh client NAME} that are settings, not the server. */
    private static final Set<String> OUTBOUND_SSH_WORDS = Set.of(
            "device-id", "secret", "services", "keep-alive", "reconnect-strategy", "trace", "traceoptions", "port",
            "timeout", "retry", "routing-instance");

    private final DeviceReader r;
    /** The statements enclosing the one being read, with their paths: headers come before their children. */
    private final java.util.ArrayDeque<Object[]> open = new java.util.ArrayDeque<>();
    private final Set<String> recorded = new HashSet<>();
    /** Deactivated statement paths ({@code deactivate system ntp}), lower-cased and joined by blanks. */
    private final Set<String> deactivated = new HashSet<>();
    private final Map<String, List<Term>> filters = new LinkedHashMap<>();
    private final Map<String, List<Prefix>> prefixLists = new LinkedHashMap<>();
    /** Internal BGP groups (scope, group, line): their neighbours are in the device's own AS. */
    private final List<Object[]> internalGroups = new ArrayList<>();
    private long localAs;
    private boolean setForm;

    private record Prefix(ConfigLine line, Addresses.Source source) {
    }

    /** The sources and action of one firewall filter term. */
    private static final class Term {
        final String name;
        final List<Prefix> sources = new ArrayList<>();
        final Set<String> prefixLists = new java.util.LinkedHashSet<>();
        boolean accept;

        Term(String name) {
            this.name = name;
        }
    }

    private JunosDialect(DeviceReader r) {
        this.r = r;
    }

    /** Whether {@code text} is in the {@code display set} form: its first command starts with {@code set}. */
    static boolean setForm(String text) {
        int start = 0;
        int length = text.length();
        while (start < length) {
            int lf = text.indexOf('\n', start);
            int end = lf < 0 ? length : lf;
            String line = text.substring(start, Math.min(end, start + 200)).strip();
            start = end + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("/*")) {
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.endsWith("{") || lower.endsWith(";") || lower.equals("}")) {
                return false;
            }
            if (lower.startsWith("set ") || lower.startsWith("deactivate ") || lower.startsWith("delete ")) {
                return true;
            }
        }
        return false;
    }

    static void read(String text, DeviceReader r) {
        new JunosDialect(r).run(text);
    }

    private void run(String text) {
        boolean set = setForm(text);
        this.setForm = set;
        ConfigTokenizer.Result tokens = ConfigTokenizer.read(text, set ? SET : CURLY);
        r.problems(tokens.problems());
        if (set) {
            for (ConfigLine line : tokens.lines()) {
                if (!line.comment() && line.keyword(0).equals("deactivate") && line.size() > 1) {
                    deactivated.add(String.join(" ", lower(line.words().subList(1, line.size()))));
                }
            }
        }
        for (ConfigLine line : tokens.lines()) {
            if (line.comment() || showVersion(line)) {
                continue;
            }
            String[] path;
            int own;
            boolean inactive;
            if (set) {
                String k0 = line.keyword(0);
                if (!k0.equals("set")) {
                    if (!k0.equals("deactivate") && !k0.equals("delete") && !k0.equals("activate")) {
                        r.leftovers(line, 0);
                    }
                    continue;
                }
                path = words(line, 1);
                own = 0;
                inactive = isDeactivated(path);
            } else {
                String[] parentPath = parentPath(line);
                String[] mine = words(line, 0);
                path = new String[parentPath.length + mine.length];
                System.arraycopy(parentPath, 0, path, 0, parentPath.length);
                System.arraycopy(mine, 0, path, parentPath.length, mine.length);
                own = parentPath.length;
                inactive = inactive(line);
                open.push(new Object[] {line, path});
            }
            if (path.length == 0) {
                continue;
            }
            if (inactive) {
                r.leftovers(line, 0);
                continue;
            }
            statement(line, path, own);
        }
        finishFilters();
        if (localAs != 0) {
            for (Object[] g : internalGroups) {
                r.bgp().groupAs((String) g[0], (String) g[1], localAs, (ConfigLine) g[2]);
            }
        }
    }

    /** {@code show version} lines ({@code Junos: 22.4R3.25}, {@code Model: mx204}); returns whether the line was one. */
    private boolean showVersion(ConfigLine line) {
        String k0 = line.keyword(0);
        switch (k0) {
            case "junos:" -> {
                r.product(line, "Juniper Junos " + line.word(1));
                return true;
            }
            case "model:" -> {
                r.product(line, "Juniper " + line.word(1).toUpperCase(Locale.ROOT));
                return true;
            }
            case "hostname:" -> {
                return true;
            }
            default -> {
                if (k0.equals("junos") && line.keyword(1).equals("software") && line.keyword(2).equals("release")) {
                    String v = line.word(3).equals("[") ? line.word(4) : line.word(3);
                    r.product(line, "Juniper Junos " + v.replace("[", "").replace("]", ""));
                    return true;
                }
                return false;
            }
        }
    }

    /** The path of the block {@code line} stands in: its header was read just before, or is still open. */
    private String[] parentPath(ConfigLine line) {
        ConfigLine parent = line.parent();
        while (!open.isEmpty() && open.peek()[0] != parent) {
            open.pop();
        }
        return parent == null || open.isEmpty() ? new String[0] : (String[]) open.peek()[1];
    }

    /** The words of {@code line} from {@code from}, annotations removed, keywords as written. */
    private static String[] words(ConfigLine line, int from) {
        int annotations = 0;
        for (int i = from; i < line.size(); i++) {
            String w = line.word(i);
            if (w.endsWith(":") && ANNOTATIONS.contains(line.keyword(i))) {
                annotations++;
            }
        }
        String[] out = new String[line.size() - from - annotations];
        int n = 0;
        for (int i = from; i < line.size(); i++) {
            String w = line.word(i);
            if (annotations == 0 || !(w.endsWith(":") && ANNOTATIONS.contains(line.keyword(i)))) {
                out[n++] = w;
            }
        }
        return out;
    }

    private static boolean inactive(ConfigLine line) {
        for (ConfigLine l = line; l != null; l = l.parent()) {
            if (l.keyword(0).equals("inactive:")) {
                return true;
            }
        }
        return false;
    }

    private static String[] lower(List<String> words) {
        String[] out = new String[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = words.get(i).toLowerCase(Locale.ROOT);
        }
        return out;
    }

    /** Whether {@code path} or one of its ancestors was deactivated. */
    private boolean isDeactivated(String[] path) {
        if (deactivated.isEmpty()) {
            return false;
        }
        StringBuilder prefix = new StringBuilder();
        for (String word : path) {
            if (!prefix.isEmpty()) {
                prefix.append(' ');
            }
            prefix.append(word.toLowerCase(Locale.ROOT));
            if (deactivated.contains(prefix.toString())) {
                return true;
            }
        }
        return false;
    }

    private static String k(String[] p, int i) {
        return i < p.length ? p[i].toLowerCase(Locale.ROOT) : "";
    }

    private static String w(String[] p, int i) {
        return i < p.length ? p[i] : "";
    }

    /** The values at {@code p[i]}: one word, or the words of a {@code [ a b ]} list. */
    private static List<String> values(String[] p, int i) {
        if (i >= p.length) {
            return List.of();
        }
        if (!p[i].equals("[")) {
            return List.of(p[i]);
        }
        List<String> out = new ArrayList<>();
        for (int j = i + 1; j < p.length && !p[j].equals("]"); j++) {
            out.add(p[j]);
        }
        return out;
    }

    /** Reads one statement; {@code own} is the index of the statement's own first word in {@code path}. */
    private void statement(ConfigLine line, String[] path, int ownStart) {
        boolean grouped = k(path, 0).equals("groups") && path.length > 2;
        String[] p = grouped ? java.util.Arrays.copyOfRange(path, 2, path.length) : path;
        int own = grouped ? Math.max(0, ownStart - 2) : ownStart;
        switch (k(p, 0)) {
            case "version" -> {
                if (own <= 1 && p.length > 1) {
                    r.product(line, "Juniper Junos " + ConfigLine.unquote(p[1]));
                }
            }
            case "system" -> system(line, p, own);
            case "snmp" -> snmp(line, p, own);
            case "routing-options" -> routing(line, p, 1, own, "");
            case "routing-instances" -> {
                String instance = w(p, 1);
                if (k(p, 2).equals("routing-options")) {
                    routing(line, p, 3, own, instance);
                } else if (k(p, 2).equals("protocols") && k(p, 3).equals("bgp")) {
                    bgp(line, p, 4, own, instance);
                } else if (!k(p, 2).equals("interface") && !k(p, 2).equals("instance-type")
                        && !k(p, 2).equals("route-distinguisher") && !k(p, 2).startsWith("vrf-")
                        && !k(p, 2).equals("protocols")) {
                    r.leftovers(line, 0);
                }
            }
            case "protocols" -> protocols(line, p, own);
            case "forwarding-options", "services" -> collectors(line, p, own);
            case "firewall" -> firewall(line, p, own);
            case "policy-options" -> {
                if (k(p, 1).equals("prefix-list") && p.length > 3 && own <= 3) {
                    for (String v : values(p, 3)) {
                        Addresses.prefix(DeviceReaderValues.clean(v))
                                .or(() -> Values.ip(DeviceReaderValues.clean(v)).map(a -> new Addresses.Source(ObservationKind.IP_ADDRESS, a)))
                                .ifPresent(s -> prefixLists.computeIfAbsent(p[2], x -> new ArrayList<>()).add(new Prefix(line, s)));
                    }
                }
            }
            case "interfaces" -> interfaces(line, p);
            case "access" -> {
                int at = indexOf(p, "radius-server", 1);
                if (at > 0 && at + 1 >= own) {
                    record(line, w(p, at + 1), Role.AAA_SERVER, "radius", "access radius-server");
                }
            }
            default -> {
                if (!LOCAL_TOP.contains(k(p, 0)) && !(k(p, 0).equals("security") && !k(p, 1).equals("ike")
                        && !k(p, 1).equals("ipsec"))) {
                    r.leftovers(line, 0);
                }
            }
        }
    }

    private void system(ConfigLine line, String[] p, int own) {
        String s1 = k(p, 1);
        switch (s1) {
            case "name-server" -> value(line, p, 2, own, Role.DNS_RESOLVER, "", "system name-server");
            case "domain-name", "domain-search" -> {
                if (own <= 2) {
                    for (String v : values(p, 2)) {
                        r.domain(line, v);
                    }
                }
            }
            case "ntp" -> {
                String s2 = k(p, 2);
                if (s2.equals("server") || s2.equals("peer") || s2.equals("boot-server")) {
                    value(line, p, 3, own, Role.NTP_SOURCE, s2, "system ntp " + s2);
                }
            }
            case "syslog" -> {
                if (k(p, 2).equals("host")) {
                    value(line, p, 3, own, Role.LOG_SINK, "", "system syslog host");
                }
            }
            case "tacplus-server" -> value(line, p, 2, own, Role.AAA_SERVER, "tacacs+", "system tacplus-server");
            case "radius-server" -> value(line, p, 2, own, Role.AAA_SERVER, "radius", "system radius-server");
            case "accounting" -> {
                int server = indexOf(p, "server", 2);
                if (server > 0 && k(p, 2).equals("destination")) {
                    String protocol = k(p, 3).equals("tacplus") ? "tacacs+" : k(p, 3);
                    value(line, p, server + 1, own, Role.AAA_SERVER, protocol + " accounting", "system accounting");
                }
            }
            case "services" -> {
                if (k(p, 2).equals("outbound-ssh") && k(p, 3).equals("client") && p.length > 5) {
                    String host = p[5];
                    if (!OUTBOUND_SSH_WORDS.contains(host.toLowerCase(Locale.ROOT)) && 5 >= own) {
                        record(line, host, Role.DEVICE_MANAGEMENT, "outbound-ssh " + p[4], "system services outbound-ssh");
                    }
                } else if (k(p, 2).equals("outbound-https") && k(p, 3).equals("client")) {
                    int servers = indexOf(p, "servers", 4);
                    if (servers > 0) {
                        value(line, p, servers + 1, own, Role.DEVICE_MANAGEMENT, "outbound-https " + w(p, 4), "system services outbound-https");
                    }
                }
            }
            case "phone-home" -> {
                if (k(p, 2).equals("server")) {
                    url(line, p, 3, own, Role.DEVICE_MANAGEMENT, "phone-home");
                }
            }
            case "license" -> {
                if (k(p, 2).equals("autoupdate") && k(p, 3).equals("url")) {
                    url(line, p, 4, own, Role.DEVICE_MANAGEMENT, "license");
                }
            }
            default -> {
                if (!LOCAL_SYSTEM.contains(s1)) {
                    r.leftovers(line, 0);
                }
            }
        }
    }

    private void snmp(ConfigLine line, String[] p, int own) {
        switch (k(p, 1)) {
            case "trap-group" -> {
                if (k(p, 3).equals("targets")) {
                    value(line, p, 4, own, Role.SNMP_MANAGER, "trap", "snmp trap-group targets");
                }
            }
            case "v3" -> {
                if (k(p, 2).equals("target-address") && k(p, 4).equals("address")) {
                    value(line, p, 5, own, Role.SNMP_MANAGER, "trap", "snmp v3 target-address");
                }
            }
            case "community" -> {
                if (k(p, 3).equals("clients") && p.length > 4 && own <= 4 && !k(p, 5).equals("restrict")) {
                    for (String v : values(p, 4)) {
                        client(line, v);
                    }
                } else if (k(p, 3).equals("client-list-name")) {
                    r.acls().apply(w(p, 4), "snmp");
                }
            }
            case "client-list" -> {
                if (p.length > 3 && own <= 3 && !k(p, 4).equals("restrict")) {
                    for (String v : values(p, 3)) {
                        Optional<Addresses.Source> s = source(v);
                        s.ifPresent(src -> r.acls().permit(p[2], line, src));
                    }
                }
            }
            default -> {
                // location, contact, view, engine-id...: no party
            }
        }
    }

    /** An SNMP community's client prefix: management access to the device. */
    private void client(ConfigLine line, String v) {
        Optional<Addresses.Source> s = source(v);
        if (s.isPresent() && !s.get().value().endsWith("/0")) {
            recordSource(line, s.get(), Role.MANAGEMENT_ACCESS, "snmp clients");
        }
    }

    private static Optional<Addresses.Source> source(String v) {
        String c = DeviceReaderValues.clean(v);
        return Addresses.prefix(c).or(() -> Values.ip(c).map(a -> new Addresses.Source(ObservationKind.IP_ADDRESS, a)));
    }

    /** {@code static route 0.0.0.0/0 next-hop X}, also in {@code rib inet6.0} and routing instances; the AS. */
    private void routing(ConfigLine line, String[] p, int at, int own, String instance) {
        int i = at;
        if (k(p, i).equals("rib")) {
            i += 2;
        }
        if (k(p, i).equals("bmp")) {
            // bmp station S station-address 192.0.2.7: a BGP Monitoring Protocol collector
            int station = indexOf(p, "station-address", i + 1);
            if (station > 0) {
                value(line, p, station + 1, own, Role.FLOW_COLLECTOR, "bmp", "routing-options bmp station-address");
            }
            return;
        }
        if (k(p, i).equals("autonomous-system") && instance.isEmpty()) {
            long asn = r.asn(line, w(p, i + 1));
            if (asn != 0) {
                r.bgp().localAs(asn);
                if (localAs == 0) {
                    localAs = asn;
                }
            }
            return;
        }
        if (!k(p, i).equals("static") || !k(p, i + 1).equals("route") || !Addresses.isDefault(w(p, i + 2))) {
            return;
        }
        int hop = indexOf(p, "next-hop", i + 3);
        if (hop < 0) {
            hop = indexOf(p, "qualified-next-hop", i + 3);
        }
        if (hop > 0) {
            value(line, p, hop + 1, own, Role.UPSTREAM_GATEWAY, instance.isEmpty() ? "" : "vrf=" + instance,
                    "routing-options static route");
        }
    }

    private void protocols(ConfigLine line, String[] p, int own) {
        String proto = k(p, 1);
        if (proto.equals("bgp")) {
            bgp(line, p, 2, own, "");
        } else if (proto.equals("sflow") && k(p, 2).equals("collector")) {
            value(line, p, 3, own, Role.FLOW_COLLECTOR, "sflow", "protocols sflow collector");
        } else if (!LOCAL_PROTOCOLS.contains(proto)) {
            r.leftovers(line, 0);
        }
    }

    /** {@code bgp group G [neighbor X] peer-as N}. */
    private void bgp(ConfigLine line, String[] p, int at, int own, String scope) {
        if (!k(p, at).equals("group")) {
            if (k(p, at).equals("neighbor")) {
                neighbor(line, p, at, own, scope, null);
            }
            return;
        }
        String group = w(p, at + 1);
        int n = at + 2;
        if (k(p, n).equals("neighbor")) {
            neighbor(line, p, n, own, scope, group);
        } else if (k(p, n).equals("type") && k(p, n + 1).equals("internal") && n >= own) {
            internalGroups.add(new Object[] {scope, group, line});
        } else if (k(p, n).equals("peer-as") && n >= own) {
            long asn = r.asn(line, w(p, n + 1));
            if (asn != 0) {
                r.bgp().groupAs(scope, group, asn, line);
            }
        }
    }

    private void neighbor(ConfigLine line, String[] p, int at, int own, String scope, String group) {
        String target = DeviceReaderValues.clean(w(p, at + 1));
        Optional<String> address = Values.ip(target);
        if (address.isEmpty()) {
            if (Values.looksLikeIpv4(target) && at + 1 >= own) {
                r.error(line, "'bgp neighbor' names '" + target + "', which is not a valid IPv4 address");
            }
            return;
        }
        if (at + 1 >= own) {
            r.bgp().peer(scope, address.get(), line);
            if (group != null) {
                r.bgp().peerGroup(scope, address.get(), group, line);
            }
        }
        int peerAs = indexOf(p, "peer-as", at + 2);
        if (peerAs > 0 && peerAs >= own) {
            long asn = r.asn(line, w(p, peerAs + 1));
            if (asn != 0) {
                r.bgp().peerAs(scope, address.get(), asn, line);
            }
        }
    }

    /** {@code flow-server X} (J-Flow, IPFIX), {@code streaming-server S remote-address X} (telemetry). */
    private void collectors(ConfigLine line, String[] p, int own) {
        int server = indexOf(p, "flow-server", 1);
        if (server > 0) {
            value(line, p, server + 1, own, Role.FLOW_COLLECTOR, indexOf(p, "version-ipfix", 1) > 0 ? "ipfix" : "jflow",
                    "flow-server");
            return;
        }
        int remote = indexOf(p, "remote-address", 1);
        if (remote > 0 && indexOf(p, "streaming-server", 1) > 0) {
            value(line, p, remote + 1, own, Role.FLOW_COLLECTOR, "telemetry", "streaming-server remote-address");
            return;
        }
        if (k(p, 0).equals("services") || !k(p, 1).equals("sampling")) {
            r.leftovers(line, 0);
        }
    }

    /** Firewall filter terms: their sources and whether they accept. */
    private void firewall(ConfigLine line, String[] p, int own) {
        int f = indexOf(p, "filter", 1);
        int t = f > 0 ? indexOf(p, "term", f + 2) : -1;
        if (t < 0) {
            return;
        }
        String filter = w(p, f + 1);
        Term term = term(filter, w(p, t + 1));
        int from = indexOf(p, "source-address", t + 2);
        if (from > 0 && from + 1 >= own && !k(p, from + 2).equals("except")) {
            for (String v : values(p, from + 1)) {
                source(v).ifPresent(s -> term.sources.add(new Prefix(line, s)));
            }
        }
        int list = indexOf(p, "source-prefix-list", t + 2);
        if (list > 0 && list + 1 >= own && !k(p, list + 2).equals("except")) {
            term.prefixLists.add(w(p, list + 1));
        }
        int then = indexOf(p, "then", t + 2);
        if (then > 0 && (k(p, then + 1).equals("accept") || indexOf(p, "accept", then + 1) > 0)) {
            term.accept = true;
        }
    }

    private Term term(String filter, String name) {
        List<Term> terms = filters.computeIfAbsent(filter, x -> new ArrayList<>());
        for (Term t : terms) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        Term t = new Term(name);
        terms.add(t);
        return t;
    }

    /** Filters applied to {@code lo0} (the routing engine) or to a management interface guard management. */
    private void interfaces(ConfigLine line, String[] p) {
        String ifname = k(p, 1);
        int filter = indexOf(p, "filter", 2);
        if (filter < 0 || !(k(p, filter + 1).equals("input") || k(p, filter + 1).equals("input-list"))) {
            return;
        }
        String use;
        if (ifname.equals("lo0")) {
            use = "lo0";
        } else if (ifname.equals("fxp0") || ifname.equals("em0") || ifname.equals("me0") || ifname.equals("re0:mgmt-0")) {
            use = "management interface";
        } else {
            return;
        }
        for (String v : values(p, filter + 2)) {
            r.acls().apply(DeviceReaderValues.clean(v), use);
        }
    }

    private void finishFilters() {
        for (Map.Entry<String, List<Term>> filter : filters.entrySet()) {
            for (Term t : filter.getValue()) {
                if (!t.accept) {
                    continue;
                }
                for (Prefix s : t.sources) {
                    r.acls().permit(filter.getKey(), s.line(), s.source());
                }
                for (String list : t.prefixLists) {
                    for (Prefix s : prefixLists.getOrDefault(list, List.of())) {
                        r.acls().permit(filter.getKey(), s.line(), s.source());
                    }
                }
            }
        }
    }

    /** Records the host(s) at {@code p[i]} when they are the statement's own words. */
    private void value(ConfigLine line, String[] p, int i, int own, Role role, String context, String command) {
        if (i < own) {
            return;
        }
        for (String v : values(p, i)) {
            record(line, v, role, context, command);
        }
    }

    private void url(ConfigLine line, String[] p, int i, int own, Role role, String context) {
        if (i < own) {
            return;
        }
        for (String v : values(p, i)) {
            String key = role + " " + context + " " + v;
            if (recorded.add(key) || !setForm) {
                r.addUrlOrHost(line, v, role, context);
            }
        }
    }

    /** Records a host; in the set form, a value already recorded for the same role and context is not repeated. */
    private void record(ConfigLine line, String value, Role role, String context, String command) {
        String key = role + " " + context + " " + value.toLowerCase(Locale.ROOT);
        if (setForm && recorded.contains(key)) {
            return;
        }
        if (r.add(line, value, role, context, command)) {
            recorded.add(key);
        }
    }

    private void recordSource(ConfigLine line, Addresses.Source source, Role role, String context) {
        String key = role + " " + context + " " + source.value();
        if (recorded.add(key) || !setForm) {
            r.add(line, source.kind(), source.value(), role, context);
        }
    }

    private static int indexOf(String[] p, String word, int from) {
        for (int i = Math.max(0, from); i < p.length; i++) {
            if (p[i].equalsIgnoreCase(word)) {
                return i;
            }
        }
        return -1;
    }

    /** Value cleaning shared with {@link DeviceReader}: quotes and trailing punctuation removed. */
    private static final class DeviceReaderValues {
        static String clean(String token) {
            String t = ConfigLine.unquote(token);
            return t.endsWith(";") ? t.substring(0, t.length() - 1) : t;
        }
    }
}
