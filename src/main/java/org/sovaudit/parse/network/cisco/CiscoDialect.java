package org.sovaudit.parse.network.cisco;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.sovaudit.parse.network.IosStyle;

/**
 * The Cisco dialect, in its two flavours: IOS and IOS-XE, and NX-OS. Both lay a configuration out
 * the same way ({@code !} separators, indented blocks, {@code end}); most commands are the IOS
 * family's and are read by {@link IosStyle}. What Cisco alone writes: {@code show version} lines
 * (kept by RANCID and Oxidized as comments), {@code license udi}, the Plug and Play cloud
 * ({@code pnp profile} / {@code transport https host}), Smart Call Home and Smart Licensing
 * destinations, PKI enrolment URLs, and NX-OS's {@code vrf context} and {@code callhome}. IOS XR and
 * ASA running configurations are read here too: XR's {@code ntp}, {@code router static},
 * {@code domain name-server}, management-plane and telemetry blocks, and the ASA's
 * interface-first hosts, {@code aaa-server}, {@code route}, {@code dhcpd} and
 * {@code ssh}/{@code http}/{@code telnet} management sources.
 */
final class CiscoDialect {

    /** IOS and IOS-XE, or NX-OS. */
    enum Flavor {
        IOS, NXOS
    }

    private static final Set<String> VIEW_COMMANDS = Set.of(
            "interface", "router", "line", "vrf", "address-family", "aaa", "tacacs", "radius", "flow", "crypto",
            "pnp", "call-home", "callhome", "profile", "telemetry", "route-map", "class-map", "policy-map", "key",
            "archive", "control-plane", "vlan", "template", "neighbor", "destination-group", "sensor-group",
            "subscription", "event", "track", "object-group", "ipv6", "license", "management");

    static final ConfigSyntax SYNTAX = ConfigSyntax.builder()
            .comments("!")
            .separators("!")
            .separatorsYieldToIndentation(true)
            .closeWords("exit", "exit-address-family", "exit-vrf", "exit-peer-policy", "exit-peer-session",
                    "exit-service-family", "quit")
            .endWords("end")
            .opensView(CiscoDialect::opensView)
            .pagerMarkers("--More--")
            .textBlock(CiscoDialect::textBlock)
            .build();

    private static final Pattern IOS_XE = Pattern.compile(
            "(?i).*\\bCisco IOS[ -]XE Software,\\s*(?:\\w+\\s+)?Version\\s+([0-9][0-9A-Za-z.()_-]*).*");
    private static final Pattern IOS = Pattern.compile(
            "(?i).*\\bCisco IOS Software\\b.*?,\\s*Version\\s+([0-9][0-9A-Za-z.()_-]*?),?\\s.*");
    private static final Pattern PROCESSOR = Pattern.compile(
            "(?i)^[!#\\s]*cisco\\s+((?:Nexus\\S*\\s+)?[A-Z0-9][A-Za-z0-9/_.+-]{2,40})\\s+(?:\\([^)]*\\)\\s+)?(?:processor|chassis)\\b.*");
    private static final Pattern CHASSIS = Pattern.compile("(?i)^!\\s*Chassis type:\\s*([A-Z0-9][A-Za-z0-9/_.+-]{2,40}).*");
    private static final Pattern NXOS_VERSION = Pattern.compile(
            "(?i)^[!\\s]*(?:NXOS|NX-OS|system):\\s+version\\s+([0-9][0-9A-Za-z.()_-]*).*");
    /** {@code ASA Version 9.8(4)20} (the ASA's first configuration line) and {@code !! IOS XR Configuration 7.3.2}. */
    private static final Pattern ASA_OR_XR = Pattern.compile("(?i)^(?:!!\\s*IOS XR Configuration|ASA Version)\\s+([0-9][0-9A-Za-z.()_-]*).*");
    /** {@code version 15.2}, {@code version 9.3(10)}, and NX-OS trains {@code version 7.0(3)I4(7)}, {@code 4.2(1)SV1(5.1)}. */
    private static final Pattern CONFIG_VERSION = Pattern.compile(
            "^version\\s+(\\d+\\.\\d+(?:\\(\\d+[A-Za-z0-9.]*\\)(?:[A-Z]{1,3}\\d+\\(\\d+[A-Za-z0-9.]*\\))?)?).*");

    /** Local commands the Cisco flavours add to the IOS family's. */
    private static final Set<String> LOCAL = Set.of(
            "copp", "cfs", "system", "boot", "line", "logging", "snmp-server", "aaa", "username", "role",
            "power", "fex", "port-profile", "hsrp", "vpc", "install", "diagnostic", "memory", "redundancy",
            "multilink", "transceiver", "key", "key-string", "password", "secret", "login",
            "exec-timeout", "transport", "stopbits", "privilege", "history", "session-timeout",
            "absolute-timeout", "autoselect", "modem", "speed", "length", "width", "escape-character",
            "rotary", "certificate", "enrollment", "revocation-check", "rsakeypair", "subject-name",
            "subject-alt-name", "serial-number", "fqdn", "keypair", "trustpoint", "crl", "ntp", "ip-address",
            "contact-email-addr", "site-id", "customer-id", "active", "reporting", "mail-server", "sender",
            "http-proxy", "source-interface", "source-ip-address", "vrf", "parser", "archive", "maximum",
            "time-period", "write-memory", "kron", "policy-list", "cli", "occurrence", "event", "action",
            "file", "scheduler", "snmp", "cdp", "lldp", "udld", "spanning-tree", "track", "monitor",
            "destination", "source", "sensor-group", "sensor-path", "subscription", "encoding", "stream",
            "update-policy", "filter", "data-source", "dst-grp", "snsr-grp", "receiver");

    /** Longest line tried against the product patterns; version and model lines are short. */
    private static final int MAX_PRODUCT_LINE = 512;

    /** Words of {@code transport https host NAME port N} that come before the server. */
    private static final Set<String> TRANSPORT_WORDS = Set.of("http", "https", "host", "ipv4", "ipv6", "cns", "xmpp");

    private CiscoDialect() {
    }

    private static boolean opensView(List<String> words) {
        return VIEW_COMMANDS.contains(words.get(0).toLowerCase(Locale.ROOT)) && words.size() > 1;
    }

    /**
     * {@code banner motd ^C ... ^C}: the delimiter is the first character (or {@code ^C}) of the text.
     * A banner whose text starts with a letter or digit is the ASA's one-line form
     * ({@code banner motd Authorised users only}, one command per line): IOS prints its banners
     * with {@code ^C} and nobody delimits with a letter.
     */
    private static String textBlock(List<String> words) {
        if (words.size() >= 3 && words.get(0).equalsIgnoreCase("banner")) {
            String text = words.get(2);
            if (text.startsWith("^C")) {
                return "^C";
            }
            return Character.isLetterOrDigit(text.charAt(0)) ? null : text.substring(0, 1);
        }
        return null;
    }

    static void read(String text, DeviceReader r, Flavor flavor) {
        ConfigTokenizer.Result tokens = ConfigTokenizer.read(text, SYNTAX);
        r.problems(tokens.problems());
        Products products = new Products();
        State state = new State();
        boolean fullExport = false;
        ConfigLine hostname = null;
        boolean ended = false;
        boolean showOutput = false;
        for (ConfigLine line : tokens.lines()) {
            if (products.read(line, r)) {
                continue;
            }
            if (line.comment()) {
                continue;
            }
            if (line.parent() == null && prompt(line.word(0))) {
                // a captured session: what follows 'host# show ip bgp' is command output, not configuration
                showOutput = showOutput(line);
                if (!showOutput) {
                    // a command typed at a prompt (R1(config)# logging host A): its values stay visible
                    r.leftovers(line, 1);
                }
                continue;
            }
            if (showOutput) {
                continue;
            }
            String k0 = line.keyword(0);
            if (line.parent() == null) {
                if (k0.equals("hostname") || k0.equals("switchname")) {
                    hostname = line;
                } else if (k0.equals("end") && line.size() == 1) {
                    ended = true;
                } else if ((k0.equals("building") || k0.equals("current")) && line.keyword(1).startsWith("configuration")) {
                    fullExport = true;
                    continue;
                }
            }
            if (line.parent() == null && k0.equals("name") && state.name(line)) {
                continue;
            }
            line = state.resolveNames(line);
            if (command(line, r, state) || IosStyle.read(line, r) || IosStyle.local(line) || LOCAL.contains(k0)) {
                continue;
            }
            r.leftovers(line, 0);
        }
        products.finish(r, flavor);
        if (flavor == Flavor.IOS && fullExport && hostname != null && !ended) {
            r.out().error(0, "configuration has no closing 'end': the export may be truncated");
        }
    }

    /** {@code leaf1#}, {@code leaf1(config-if)#}, {@code R1>}: a CLI prompt standing at the start of a captured line. */
    private static boolean prompt(String word) {
        int n = word.length();
        if (n < 2 || n > 96) {
            return false;
        }
        char last = word.charAt(n - 1);
        return (last == '#' || last == '>') && Character.isLetterOrDigit(word.charAt(0)) && word.indexOf(last) == n - 1;
    }

    /**
     * Whether the command after a prompt prints output that is not configuration: any {@code show}
     * but {@code show running-config}, {@code show startup-config}, {@code show configuration} and
     * {@code show version} (whose product lines are read anyway).
     */
    private static boolean showOutput(ConfigLine prompt) {
        String verb = prompt.keyword(1);
        if (!(verb.equals("show") || verb.equals("sh") || verb.equals("sho"))) {
            return false;
        }
        String what = prompt.keyword(2);
        return !(what.startsWith("run") || what.startsWith("start") || what.startsWith("conf") || what.startsWith("ver"));
    }

    /** What one configuration states early and later lines need: AAA server group protocols, inactive Call Home profiles. */
    private static final class State {
        /** ASA {@code aaa-server NAME protocol tacacs+}: the protocol of each group. */
        final Map<String, String> aaaProtocols = new HashMap<>();
        /** Call Home profiles with {@code no active}: their destinations are not in effect. */
        final Set<ConfigLine> inactiveProfiles = new HashSet<>();
        /** ASA {@code names}: {@code name 192.0.2.13 log-server} lets later commands name a host by its alias. */
        final Map<String, String> names = new HashMap<>();

        /** Records an ASA {@code name ADDRESS ALIAS} line; returns whether the line was one. */
        boolean name(ConfigLine line) {
            Optional<String> address = Values.ip(line.word(1));
            String alias = line.word(2);
            if (address.isEmpty() || alias.isEmpty() || names.size() >= MAX_NAMES) {
                return false;
            }
            names.putIfAbsent(alias, address.get());
            return true;
        }

        /**
         * {@code line} with every alias defined by {@code name} replaced by its address, for the
         * commands that name hosts ({@code logging host inside log-server}); the evidence keeps the
         * alias as written.
         */
        ConfigLine resolveNames(ConfigLine line) {
            if (names.isEmpty() || line.comment() || !NAMED_HOST_COMMANDS.contains(line.keyword(0))) {
                return line;
            }
            List<String> words = null;
            for (int i = 1; i < line.size(); i++) {
                String address = names.get(line.word(i));
                if (address != null) {
                    if (words == null) {
                        words = new ArrayList<>(line.words());
                    }
                    words.set(i, address);
                }
            }
            return words == null ? line
                    : new ConfigLine(line.number(), line.indent(), line.text(), words, false, line.parent(), line.raw());
        }
    }

    /** Most ASA {@code name} aliases kept: real firewalls define a few hundred at most. */
    private static final int MAX_NAMES = 10_000;

    /** Commands in which the ASA lets an alias stand for a host. */
    private static final Set<String> NAMED_HOST_COMMANDS = Set.of(
            "logging", "snmp-server", "aaa-server", "ntp", "http", "ssh", "telnet", "route", "dhcpd", "name-server",
            "flow-export", "tftp-server");

    /** The commands only Cisco writes (IOS, IOS XR, NX-OS and ASA forms); returns whether the line was one. */
    private static boolean command(ConfigLine line, DeviceReader r, State state) {
        if (line.parent() != null && line.enclosing("ipsla") != null && !line.keyword(0).equals("destination")) {
            // IOS XR ipsla: source addresses, responders, schedules and reactions are the device's own
            return true;
        }
        if (line.parent() != null && line.enclosing("mpls", "ldp") != null) {
            // IOS XR mpls ldp / neighbor / 10.255.0.2:0 password ...: label-distribution neighbours, the device's own topology
            return true;
        }
        switch (line.keyword(0)) {
            case "server", "peer" -> {
                // IOS XR: ntp / server [vrf V] 192.0.2.1 prefer
                if (line.parent() != null && line.parent().keyword(0).equals("ntp") && line.parent().size() == 1) {
                    String value = IosStyle.firstValue(line, 1);
                    if (!value.isEmpty()) {
                        r.add(line, value, Role.NTP_SOURCE, line.keyword(0));
                    }
                    return true;
                }
                return false;
            }
            case "host", "fqdn", "subnet", "range", "nat" -> {
                // ASA address objects: object network PARTNER-API / host 198.51.100.80 (or fqdn NAME) names a
                // host that firewall rules refer to; subnets, ranges and NAT rules are the device's own policy
                ConfigLine object = line.enclosing("object", "network");
                if (object == null) {
                    return false;
                }
                String k0 = line.keyword(0);
                if (k0.equals("host") || k0.equals("fqdn")) {
                    String value = IosStyle.firstValue(line, 1);
                    if (!value.isEmpty()) {
                        r.add(line, value, Role.UNKNOWN, "object network " + object.word(2));
                    }
                }
                return true;
            }
            case "client" -> {
                // aaa server radius dynamic-author / client 192.0.2.12 server-key K: a RADIUS server sending change-of-authorisation
                if (line.enclosing("aaa", "server", "radius") == null) {
                    return false;
                }
                r.add(line, IosStyle.firstValue(line, 1), Role.AAA_SERVER, "radius dynamic-author");
                return true;
            }
            case "network-object" -> {
                // object-group network G / network-object host 198.51.100.81 (a prefix with its mask is policy)
                ConfigLine group = line.enclosing("object-group");
                if (group == null) {
                    return false;
                }
                if (line.keyword(1).equals("host")) {
                    r.add(line, line.word(2), Role.UNKNOWN, "object-group " + group.word(2));
                }
                return true;
            }
            case "path" -> {
                // archive / path tftp://192.0.2.44/configs/$h: where the device copies its configuration
                if (line.enclosing("archive") == null) {
                    return false;
                }
                if (line.word(1).indexOf("://") > 0) {
                    r.addUrlOrHost(line, line.word(1), Role.UNKNOWN, "config-backup");
                }
                return true;
            }
            case "icmp-echo", "udp-echo", "udp-jitter", "tcp-connect", "icmp-jitter", "path-echo", "path-jitter",
                    "dns" -> {
                // ip sla N / icmp-echo 198.51.100.1 source-interface G0/0: a probe target the device watches
                ConfigLine sla = line.parent();
                if (sla == null || !(sla.startsWith("ip", "sla") || sla.keyword(0).equals("ip-sla"))) {
                    return false;
                }
                String target = line.word(1);
                if (!target.isEmpty()) {
                    r.addUrlOrHost(line, target, Role.UNKNOWN, "ip-sla " + line.keyword(0));
                }
                return true;
            }
            case "0.0.0.0/0", "::/0" -> {
                // IOS XR: router static / [vrf V /] address-family ipv4 unicast / 0.0.0.0/0 [IFACE] 192.0.2.1
                if (line.enclosing("router", "static") == null) {
                    return false;
                }
                ConfigLine vrf = line.enclosing("vrf");
                String context = vrf == null || vrf.size() < 2 ? "" : "vrf=" + vrf.word(1);
                for (int i = 1; i < line.size() && i <= 2; i++) {
                    if (Values.ip(line.word(i)).isPresent() || Values.looksLikeIpv4(line.word(i))) {
                        r.addIp(line, line.word(i), Role.UPSTREAM_GATEWAY, context);
                        break;
                    }
                }
                return true;
            }
            case "address" -> {
                // IOS XR management plane protection: control-plane / management-plane / ... / allow SSH peer / address ipv4 192.0.2.0/24
                if (line.enclosing("control-plane") != null && line.enclosing("allow") != null) {
                    String value = line.word(line.keyword(1).equals("ipv4") || line.keyword(1).equals("ipv6") ? 2 : 1);
                    Optional<Addresses.Source> source = value.indexOf('/') > 0 ? Addresses.prefix(value)
                            : Values.ip(value).map(ip -> new Addresses.Source(ObservationKind.IP_ADDRESS, ip));
                    ConfigLine allow = line.enclosing("allow");
                    String context = allow == null ? "management-plane" : "management-plane " + allow.keyword(1);
                    source.ifPresent(src -> r.add(line, src.kind(), src.value(), Role.MANAGEMENT_ACCESS, context));
                    return true;
                }
                return false;
            }
            case "domain" -> {
                return line.parent() == null && xrDomain(line, r);
            }
            case "address-family" -> {
                // IOS XR: telemetry model-driven / destination-group D / address-family ipv4 192.0.2.1 port 57000
                if (line.enclosing("telemetry") != null && line.size() >= 3) {
                    r.add(line, line.word(2), Role.FLOW_COLLECTOR, "telemetry");
                    return true;
                }
                return false;
            }
            case "no" -> {
                if (line.keyword(1).equals("active") && line.parent() != null && line.parent().keyword(0).equals("profile")) {
                    state.inactiveProfiles.add(line.parent());
                    return true;
                }
                return false;
            }
            case "route" -> {
                return line.parent() == null && asaRoute(line, r);
            }
            case "dhcpd" -> {
                if (line.keyword(1).equals("dns")) {
                    for (int i = 2; i < line.size(); i++) {
                        r.add(line, line.word(i), Role.DNS_RESOLVER, "dhcp");
                    }
                } else if (line.keyword(1).equals("domain")) {
                    r.domain(line, line.word(2));
                }
                return true;
            }
            case "name-server" -> {
                // ASA: dns server-group DefaultDNS / name-server 192.0.2.53 [inside]
                if (line.enclosing("dns", "server-group") != null) {
                    for (int i = 1; i < line.size(); i++) {
                        r.add(line, line.word(i), Role.DNS_RESOLVER, "");
                    }
                    return true;
                }
                return false;
            }
            case "aaa-server" -> {
                // ASA: aaa-server NAME protocol tacacs+ ; aaa-server NAME (inside) host 192.0.2.49
                String group = line.word(1);
                if (line.keyword(2).equals("protocol")) {
                    state.aaaProtocols.putIfAbsent(group, line.keyword(3).startsWith("tacacs") ? "tacacs+" : line.keyword(3));
                } else {
                    int host = line.indexOf("host", 2);
                    if (host > 0) {
                        r.add(line, line.word(host + 1), Role.AAA_SERVER, state.aaaProtocols.getOrDefault(group, "aaa-server"));
                    }
                }
                return true;
            }
            case "http", "ssh", "telnet" -> {
                // ASA: ssh 192.0.2.0 255.255.255.0 inside (who may reach device management)
                if (line.parent() == null && line.size() >= 4 && Values.ipv4(line.word(1)).isPresent()
                        && Values.ipv4(line.word(2)).isPresent()) {
                    Addresses.masked(line.word(1), line.word(2), false)
                            .filter(source -> !source.value().endsWith("/0"))
                            .ifPresent(source -> r.add(line, source.kind(), source.value(), Role.MANAGEMENT_ACCESS,
                                    line.keyword(0)));
                    return true;
                }
                return false;
            }
            case "mail-server" -> {
                // call-home / mail-server 192.0.2.25 priority 1: the relay that carries Call Home e-mail
                if (line.enclosing("call-home") == null) {
                    return false;
                }
                r.add(line, IosStyle.firstValue(line, 1), Role.UNKNOWN, "call-home smtp");
                return true;
            }
            case "transport" -> {
                if (line.enclosing("callhome") != null && line.keyword(1).equals("email") && line.keyword(2).equals("smtp-server")) {
                    // NX-OS callhome / transport email smtp-server 192.0.2.25 port 25 use-vrf management
                    r.add(line, line.word(3), Role.UNKNOWN, "call-home smtp");
                    return true;
                }
                if (line.enclosing("pnp", "profile") != null) {
                    for (int i = 1; i < line.size(); i++) {
                        String k = line.keyword(i);
                        if (!TRANSPORT_WORDS.contains(k)) {
                            r.add(line, line.word(i), Role.DEVICE_MANAGEMENT, "pnp");
                            break;
                        }
                    }
                    return true;
                }
                return false;
            }
            case "destination", "destination-profile" -> {
                if (line.enclosing("ipsla") != null) {
                    // IOS XR: ipsla / operation N / type icmp echo / destination address 198.51.100.2
                    if (line.keyword(1).equals("address")) {
                        r.add(line, line.word(2), Role.UNKNOWN, "ip-sla");
                    }
                    return true;
                }
                if (line.enclosing("call-home") != null || line.enclosing("callhome") != null
                        || line.keyword(0).equals("destination-profile")) {
                    boolean inactive = line.parent() != null && state.inactiveProfiles.contains(line.parent());
                    urls(line, inactive ? Role.UNKNOWN : Role.DEVICE_MANAGEMENT, "call-home", r);
                    return true;
                }
                return false;
            }
            case "license" -> {
                if (line.keyword(1).equals("smart") && line.keyword(2).equals("url")) {
                    urls(line, Role.DEVICE_MANAGEMENT, "smart-licensing", r);
                } else if (line.keyword(1).equals("udi")) {
                    int pid = line.indexOf("pid", 2);
                    if (pid > 0 && !line.word(pid + 1).isEmpty()) {
                        r.product(line, "Cisco " + line.word(pid + 1));
                    }
                }
                return true;
            }
            case "enrollment" -> {
                if (line.keyword(1).equals("url") && line.enclosing("crypto", "pki", "trustpoint") != null) {
                    urls(line, Role.TRUST_ANCHOR, "pki-enrollment", r);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** IOS XR {@code domain name-server [vrf V] 192.0.2.53}, {@code domain vrf V name-server ...}, {@code domain name D}. */
    private static boolean xrDomain(ConfigLine line, DeviceReader r) {
        int i = 1;
        if (line.keyword(i).equals("vrf")) {
            i += 2;
        }
        String sub = line.keyword(i);
        if (sub.equals("name-server")) {
            String value = IosStyle.firstValue(line, i + 1);
            if (!value.isEmpty()) {
                r.add(line, value, Role.DNS_RESOLVER, "");
            }
        } else if (sub.equals("name") || sub.equals("list")) {
            String value = IosStyle.firstValue(line, i + 1);
            if (!value.isEmpty()) {
                r.domain(line, value);
            }
        }
        return true;
    }

    /**
     * ASA {@code route IFACE 0.0.0.0 0.0.0.0 GATEWAY [metric]}: the default route's gateway; other
     * static routes name the device's own networks.
     */
    private static boolean asaRoute(ConfigLine line, DeviceReader r) {
        if (line.size() < 5 || Values.ipv4(line.word(2)).isEmpty()) {
            return false;
        }
        if (Addresses.isZero(line.word(2)) && Addresses.isZero(line.word(3))) {
            r.addIp(line, line.word(4), Role.UPSTREAM_GATEWAY, "");
        }
        return true;
    }

    private static void urls(ConfigLine line, Role role, String context, DeviceReader r) {
        for (int i = 1; i < line.size(); i++) {
            if (line.word(i).indexOf("://") > 0) {
                r.addUrlOrHost(line, line.word(i), role, context);
            }
        }
    }

    /** The device's own model and software, from {@code show version} lines, {@code version} and chassis comments. */
    private static final class Products {
        private String configVersion;
        private ConfigLine configVersionLine;
        private String iosVersion;
        private ConfigLine iosLine;
        private boolean xeSeen;
        private boolean nxosSeen;

        boolean read(ConfigLine line, DeviceReader r) {
            String t = line.raw();
            if (t.length() > MAX_PRODUCT_LINE) {
                return false;
            }
            char c = line.word(0).charAt(0);
            if (!line.comment() && line.parent() == null && (c == 'v' || c == 'V') && line.keyword(0).equals("version")) {
                Matcher m = CONFIG_VERSION.matcher(line.text());
                if (m.matches()) {
                    configVersion = m.group(1);
                    configVersionLine = line;
                }
                return true;
            }
            if (line.parent() == null && (c == 'A' || c == '!') && (t.startsWith("ASA Version") || t.startsWith("!! IOS XR"))) {
                Matcher m = ASA_OR_XR.matcher(t);
                if (m.matches()) {
                    r.product(line, (c == 'A' ? "Cisco ASA " : "Cisco IOS XR ") + m.group(1));
                    xeSeen = true;
                    return true;
                }
            }
            if (line.word(0).equals("TAC") && line.text().startsWith("TAC support:")) {
                // the support site every NX-OS show version prints: no dependency of the device
                return true;
            }
            if (t.indexOf("isco") < 0 && t.indexOf("ISCO") < 0) {
                if (t.indexOf(':') > 0) {
                    Matcher m = line.comment() && t.indexOf("hassis") > 0 ? CHASSIS.matcher(line.text())
                            : t.indexOf("ersion") > 0 ? NXOS_VERSION.matcher(line.text()) : null;
                    if (m != null && m.matches()) {
                        r.product(line, (m.pattern() == CHASSIS ? "Cisco " : "Cisco NX-OS ") + m.group(1));
                        nxosSeen |= m.pattern() == NXOS_VERSION;
                        return true;
                    }
                }
                return false;
            }
            t = line.text();
            Matcher m = IOS_XE.matcher(t);
            if (m.matches()) {
                r.product(line, "Cisco IOS XE " + m.group(1));
                xeSeen = true;
                return true;
            }
            m = IOS.matcher(t);
            if (m.matches()) {
                if (iosVersion == null) {
                    iosVersion = m.group(1);
                    iosLine = line;
                }
                return true;
            }
            m = PROCESSOR.matcher(t);
            if (m.matches()) {
                r.product(line, "Cisco " + m.group(1));
                return true;
            }
            return false;
        }

        void finish(DeviceReader r, Flavor flavor) {
            if (iosVersion != null && !xeSeen) {
                r.product(iosLine, (major(iosVersion) >= 16 ? "Cisco IOS XE " : "Cisco IOS ") + iosVersion);
            } else if (configVersion != null && !xeSeen && !nxosSeen && iosVersion == null) {
                String name = flavor == Flavor.NXOS ? "Cisco NX-OS " : major(configVersion) >= 16 ? "Cisco IOS XE " : "Cisco IOS ";
                r.product(configVersionLine, name + configVersion);
            }
        }

        private static int major(String version) {
            int dot = version.indexOf('.');
            try {
                return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
