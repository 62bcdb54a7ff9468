package org.sovaudit.parse.network.mikrotik;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.ConfigSyntax;
import org.sovaudit.parse.ConfigTokenizer;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.network.Addresses;
import org.sovaudit.parse.network.DeviceReader;

/**
 * The MikroTik RouterOS dialect: {@code /export} writes a menu line ({@code /ip dns}) followed by
 * commands ({@code set servers=8.8.8.8,1.1.1.1}), {@code /export terse} writes the menu on every
 * command, long commands continue after a {@code \}. Both forms are read the same way: a command
 * is a menu, a verb ({@code add}, {@code set}), positional words and {@code key=value} arguments.
 * Disabled items ({@code disabled=yes}) are not in effect: their values are kept with role
 * {@link Role#UNKNOWN}.
 */
final class RouterOsDialect {

    static final ConfigSyntax SYNTAX = ConfigSyntax.builder()
            .comments("#")
            .continuation('\\')
            .sectionPrefix("/")
            .quotedWords(true)
            .build();

    private static final Set<String> VERBS = Set.of(
            "add", "set", "remove", "disable", "enable", "print", "export", "import", "move", "unset", "comment",
            "edit", "reset", "find");

    /** Menus about the router itself: never parties, never leftovers. */
    private static final Set<String> LOCAL_MENUS = Set.of(
            "ip address", "ip pool", "ip dhcp-server", "ip dhcp-server lease", "ip dhcp-server option", "ip arp",
            "ip neighbor", "ip neighbor discovery-settings", "ip settings", "ipv6 address", "ipv6 settings",
            "ipv6 nd", "ipv6 nd prefix", "ip dns static", "routing ospf instance", "routing ospf area",
            "routing ospf interface-template", "routing filter rule", "routing table", "routing rule", "routing id",
            "queue simple", "queue tree", "queue type", "system clock", "system identity", "system note",
            "system routerboard", "system routerboard settings", "user group", "ip firewall nat", "ip firewall mangle",
            "ip firewall raw", "ipv6 firewall filter", "ipv6 firewall address-list", "ip firewall connection tracking",
            "ip firewall service-port", "tool mac-server", "tool mac-server mac-winbox", "ip dhcp-client",
            "system package update", "ip upnp", "ip upnp interfaces", "ip vrf", "ipv6 pool", "ppp secret",
            "ip ssh", "system logging", "snmp", "ip cloud", "system ntp server", "certificate settings",
            // prefixes the router announces or matches, and IPsec traffic selectors: its own networks
            "routing bgp network", "routing ospf network", "routing ospf interface", "routing filter",
            "routing bgp advertisements", "ip ipsec policy", "ipv6 ipsec policy", "ip ipsec proposal",
            "ip ipsec profile", "routing ospf-v3 interface");

    /** Ports of management services, for firewall input rules. */
    private static final Set<String> MANAGEMENT_PORTS = Set.of("21", "22", "23", "80", "443", "8291", "8728", "8729");

    /** {@code # 2024-03-18 09:12:44 by RouterOS 7.14.2}. */
    private static final Pattern HEADER = Pattern.compile("^#.*\\bby RouterOS\\s+([0-9][0-9A-Za-z.()-]*).*");
    /** {@code # model = CCR2004-16G-2S+}. */
    private static final Pattern MODEL = Pattern.compile("^#\\s*model\\s*=\\s*([A-Za-z0-9][A-Za-z0-9+._-]*)\\s*$");

    private final DeviceReader r;
    /** The section header last read and its menu, so that the lines of a section share one menu string. */
    private ConfigLine section;
    private String sectionMenu;

    private RouterOsDialect(DeviceReader r) {
        this.r = r;
    }

    /**
     * One command: its menu, verb, positional words, arguments and {@code [ find ... ]} selectors
     * (both as alternating keys and values: commands hold a handful, a scan beats a map).
     */
    private record Command(String menu, String verb, List<String> positional, String[] args, String[] find) {
        String arg(String key) {
            return lookup(args, key);
        }

        String selector(String key, String otherwise) {
            String v = lookup(find, key);
            return v.isEmpty() ? otherwise : v;
        }

        private static String lookup(String[] pairs, String key) {
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                if (pairs[i].equals(key)) {
                    return pairs[i + 1];
                }
            }
            return "";
        }
    }

    static void read(String text, DeviceReader r) {
        new RouterOsDialect(r).run(text);
    }

    private void run(String text) {
        ConfigTokenizer.Result tokens = ConfigTokenizer.read(text, SYNTAX);
        r.problems(tokens.problems());
        for (ConfigLine line : tokens.lines()) {
            if (line.comment()) {
                product(line);
                continue;
            }
            Optional<Command> command = command(line);
            if (command.isEmpty()) {
                continue;
            }
            Command c = command.get();
            ConfigLine evidence = c.menu().equals("snmp community") ? masked(line) : line;
            if (c.arg("disabled").equals("yes") || c.verb().equals("remove")) {
                if (!local(c.menu())) {
                    r.leftovers(evidence, 0);
                }
                continue;
            }
            if (!read(evidence, c) && !local(c.menu())) {
                r.leftovers(evidence, 0);
            }
        }
    }

    private void product(ConfigLine line) {
        String t = line.text();
        if (t.length() > 512) {
            return;
        }
        if (t.indexOf("RouterOS") > 0) {
            Matcher m = HEADER.matcher(t);
            if (m.matches()) {
                r.product(line, "MikroTik RouterOS " + m.group(1));
            }
        } else if (t.indexOf("model") > 0) {
            Matcher m = MODEL.matcher(t);
            if (m.matches()) {
                r.product(line, "MikroTik " + m.group(1));
            }
        }
    }

    /** The command on {@code line}: its menu from the line itself ({@code /ip dns set ...}) or from its section. */
    private Optional<Command> command(ConfigLine line) {
        int i = 0;
        StringBuilder menu = new StringBuilder();
        String menuName = null;
        if (line.word(0).startsWith("/")) {
            while (i < line.size() && !VERBS.contains(line.keyword(i)) && line.word(i).indexOf('=') < 0 && !line.word(i).equals("[")) {
                String w = i == 0 ? line.keyword(0).substring(1) : line.keyword(i);
                if (!w.isEmpty()) {
                    menu.append(menu.isEmpty() ? "" : " ").append(w);
                }
                i++;
            }
            if (i >= line.size()) {
                return Optional.empty();
            }
        } else {
            ConfigLine header = line.parent();
            if (header == null || !header.word(0).startsWith("/") || line.word(0).startsWith(":")) {
                return Optional.empty();
            }
            if (header != section) {
                for (int j = 0; j < header.size(); j++) {
                    String w = j == 0 ? header.keyword(0).substring(1) : header.keyword(j);
                    if (!w.isEmpty()) {
                        menu.append(menu.isEmpty() ? "" : " ").append(w);
                    }
                }
                section = header;
                sectionMenu = menu.toString();
            }
            menuName = sectionMenu;
        }
        String verb = line.keyword(i);
        if (!VERBS.contains(verb)) {
            return Optional.empty();
        }
        List<String> positional = new ArrayList<>(2);
        List<String> args = new ArrayList<>(16);
        List<String> find = new ArrayList<>(2);
        boolean inFind = false;
        String dotted = "";
        for (int j = i + 1; j < line.size(); j++) {
            String w = line.word(j);
            if (w.equals("[")) {
                inFind = true;
                continue;
            }
            if (w.equals("]")) {
                inFind = false;
                continue;
            }
            int eq = w.indexOf('=');
            if (eq > 0) {
                List<String> target = inFind ? find : args;
                String key = w.substring(0, eq);
                int dot = key.indexOf('.');
                if (dot == 0) {
                    // RouterOS 7 writes remote.address=X .as=N: a key starting with a dot continues the previous prefix
                    key = dotted + key;
                } else if (dot > 0) {
                    dotted = key.substring(0, dot);
                }
                target.add(key);
                target.add(ConfigLine.unquote(w.substring(eq + 1)));
            } else if (!inFind) {
                positional.add(w);
            }
        }
        return Optional.of(new Command(menuName == null ? menu.toString() : menuName, verb, positional,
                args.toArray(new String[0]), find.toArray(new String[0])));
    }

    private static boolean local(String menu) {
        if (LOCAL_MENUS.contains(menu)) {
            return true;
        }
        if (menu.startsWith("interface")) {
            for (String tunnel : new String[] {"wireguard", "l2tp", "pptp", "sstp", "ovpn", "eoip", "gre", "ipip", "vxlan", "6to4"}) {
                if (menu.contains(tunnel)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** A copy of {@code line} whose evidence hides the community name ({@code name=} in {@code /snmp community}). */
    private static ConfigLine masked(ConfigLine line) {
        String raw = line.raw().replaceAll("(?i)(\\bname=)(\"[^\"]*\"|\\S+)", "$1****");
        return new ConfigLine(line.number(), line.indent(), line.text(), line.words(), false, line.parent(), raw);
    }

    /** Reads one command; returns whether its menu is one this dialect understands. */
    private boolean read(ConfigLine line, Command c) {
        switch (c.menu()) {
            case "ip dns" -> {
                list(line, c, "servers", Role.DNS_RESOLVER, "");
                if (!c.arg("use-doh-server").isEmpty()) {
                    r.addUrlOrHost(line, c.arg("use-doh-server"), Role.DNS_RESOLVER, "doh");
                }
            }
            case "ip dhcp-server network" -> {
                list(line, c, "dns-server", Role.DNS_RESOLVER, "dhcp");
                list(line, c, "ntp-server", Role.NTP_SOURCE, "dhcp");
            }
            case "system ntp client" -> {
                for (String key : new String[] {"servers", "primary-ntp", "secondary-ntp", "server-dns-names"}) {
                    list(line, c, key, Role.NTP_SOURCE, "server");
                }
            }
            case "system ntp client servers" -> list(line, c, "address", Role.NTP_SOURCE, "server");
            case "system logging action" -> {
                String remote = c.arg("remote");
                if (!remote.isEmpty() && !Addresses.isZero(remote)) {
                    r.add(line, remote, Role.LOG_SINK, "", label(c, "remote"));
                }
            }
            case "radius" -> list(line, c, "address", Role.AAA_SERVER, "radius");
            case "snmp" -> list(line, c, "trap-target", Role.SNMP_MANAGER, "trap");
            case "snmp community" -> sources(line, c.arg("addresses"), "snmp");
            case "ip traffic-flow target" -> {
                String context = c.arg("version").equalsIgnoreCase("ipfix") ? "ipfix" : "netflow";
                String address = c.arg("dst-address").isEmpty() ? c.arg("address") : c.arg("dst-address");
                if (!address.isEmpty()) {
                    r.add(line, address, Role.FLOW_COLLECTOR, context, label(c, "dst-address"));
                }
            }
            case "routing bgp connection", "routing bgp peer" -> bgp(line, c);
            case "routing bgp instance", "routing bgp template" -> {
                long asn = r.asn(line, c.arg("as"));
                if (asn != 0) {
                    r.bgp().localAs(asn);
                }
            }
            case "ip route", "ipv6 route" -> route(line, c);
            case "ip service" -> {
                String service = c.selector("name", c.positional().isEmpty() ? "" : c.positional().get(0));
                sources(line, c.arg("address"), service.isEmpty() ? "service" : service);
            }
            case "user" -> sources(line, c.arg("address"), "user");
            case "ip firewall address-list" -> {
                String list = c.arg("list");
                for (String a : c.arg("address").split(",", 64)) {
                    source(a).ifPresent(s -> r.acls().permit(list, line, s));
                }
            }
            case "ip firewall filter" -> filter(line, c);
            case "ip cloud" -> {
                if (c.arg("ddns-enabled").equals("yes")) {
                    r.add(line, ObservationKind.PRODUCT, "MikroTik IP Cloud", Role.DEVICE_MANAGEMENT, "ddns");
                }
                if (c.arg("back-to-home-vpn").equals("enabled")) {
                    r.add(line, ObservationKind.PRODUCT, "MikroTik IP Cloud", Role.DEVICE_MANAGEMENT, "back-to-home");
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Records every host in the comma list of argument {@code key}. */
    private void list(ConfigLine line, Command c, String key, Role role, String context) {
        String values = c.arg(key);
        if (values.isEmpty()) {
            return;
        }
        for (String v : values.split(",", 64)) {
            if (!v.isBlank()) {
                r.add(line, v.strip(), role, context, label(c, key));
            }
        }
    }

    /** How errors name an argument: {@code /ip dns servers}. */
    private static String label(Command c, String key) {
        return "/" + c.menu() + " " + key;
    }

    /** Addresses allowed to reach a management service: {@link Role#MANAGEMENT_ACCESS}. */
    private void sources(ConfigLine line, String values, String context) {
        if (values.isEmpty()) {
            return;
        }
        for (String v : values.split(",", 256)) {
            Optional<Addresses.Source> s = source(v);
            if (s.isPresent() && !s.get().value().endsWith("/0")) {
                r.add(line, s.get().kind(), s.get().value(), Role.MANAGEMENT_ACCESS, context);
            } else if (s.isEmpty() && Values.looksLikeIpv4(v.strip())) {
                r.error(line, "'" + context + "' allows '" + v.strip() + "', which is not a valid IPv4 address");
            }
        }
    }

    private static Optional<Addresses.Source> source(String v) {
        String t = v.strip();
        if (t.indexOf('/') > 0) {
            return Addresses.prefix(t);
        }
        if (t.indexOf('-') > 0) {
            return Optional.empty();
        }
        return Values.ip(t).map(a -> new Addresses.Source(ObservationKind.IP_ADDRESS, a));
    }

    /** {@code /routing bgp connection add remote.address=X remote.as=N} (v7) and {@code /routing bgp peer} (v6). */
    private void bgp(ConfigLine line, Command c) {
        String address = c.arg("remote.address").isEmpty() ? c.arg("remote-address") : c.arg("remote.address");
        String as = c.arg("remote.as").isEmpty() ? c.arg("remote-as") : c.arg("remote.as");
        if (address.endsWith("/32") || address.endsWith("/128")) {
            address = address.substring(0, address.indexOf('/'));
        }
        long local = r.asn(line, c.arg("as").isEmpty() ? c.arg("local.as") : c.arg("as"));
        if (local != 0) {
            r.bgp().localAs(local);
        }
        Optional<String> ip = Values.ip(address);
        if (ip.isEmpty()) {
            if (Values.looksLikeIpv4(address)) {
                r.error(line, "BGP connection names '" + address + "', which is not a valid IPv4 address");
            }
            return;
        }
        String scope = c.arg("vrf").isEmpty() || c.arg("vrf").equals("main") ? "" : c.arg("vrf");
        r.bgp().peer(scope, ip.get(), line);
        long asn = r.asn(line, as);
        if (asn != 0) {
            r.bgp().peerAs(scope, ip.get(), asn, line);
        }
    }

    /** A default route's gateways ({@code dst-address} absent means the default route). */
    private void route(ConfigLine line, Command c) {
        String destination = c.arg("dst-address");
        if (!destination.isEmpty() && !Addresses.isDefault(destination)) {
            return;
        }
        String table = c.arg("routing-table").isEmpty() ? c.arg("routing-mark") : c.arg("routing-table");
        String context = table.isEmpty() || table.equals("main") ? "" : "vrf=" + table;
        for (String gateway : c.arg("gateway").split(",", 16)) {
            String g = gateway.strip();
            int percent = g.indexOf('%');
            if (percent > 0) {
                g = g.substring(0, percent);
            }
            if (Values.ip(g).isPresent() || Values.looksLikeIpv4(g)) {
                r.add(line, g, Role.UPSTREAM_GATEWAY, context, label(c, "gateway"));
            }
        }
    }

    /** An input-chain accept rule for management ports: its sources may reach device management. */
    private void filter(ConfigLine line, Command c) {
        if (!c.arg("chain").equals("input") || !c.arg("action").equals("accept")) {
            return;
        }
        boolean management = false;
        for (String port : c.arg("dst-port").split(",", 32)) {
            management |= MANAGEMENT_PORTS.contains(port.strip());
        }
        if (!management) {
            return;
        }
        if (!c.arg("src-address-list").isEmpty()) {
            r.acls().apply(c.arg("src-address-list"), "firewall input");
        }
        sources(line, c.arg("src-address"), "firewall input");
    }
}
