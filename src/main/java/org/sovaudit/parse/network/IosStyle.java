package org.sovaudit.parse.network;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.sovaudit.model.Role;
import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.Values;

/**
 * The commands the IOS family writes alike: Cisco IOS and IOS-XE, Cisco NX-OS, Arista EOS and ZTE
 * ZXROS all say {@code ntp server}, {@code logging host}, {@code snmp-server host},
 * {@code router bgp} / {@code neighbor ... remote-as}, {@code ip route 0.0.0.0 0.0.0.0} and
 * {@code access-list} the same way, with small variations handled here ({@code vrf NAME} before
 * or {@code use-vrf NAME} after an address, prefixes with a length or a mask, {@code peer-group}
 * or {@code peer group}). Each dialect reads its own commands first and hands the rest to
 * {@link #read}; {@link #local} names the commands about the device's own addressing that the
 * generic extractor must not read.
 */
public final class IosStyle {

    /** Words that take a value naming no party: {@code vrf MGMT}, {@code use-vrf management}, ... */
    private static final Set<String> PAIRED = Set.of(
            "vrf", "use-vrf", "port", "source", "source-interface", "key", "prefer", "version", "priority",
            "auth-port", "acct-port", "timeout", "retransmit", "transport", "facility", "severity", "level",
            "udp-port", "tcp-port", "fport", "lport", "vrf-name");

    /** Single words that may stand before an address ({@code mng}: the ZXROS management VRF). */
    private static final Set<String> FLAGS = Set.of("ip", "ipv4", "ipv6", "host", "address", "mng");

    /** First words (or first two) of commands about the device itself: never parties, never leftovers. */
    private static final Set<String> LOCAL_FIRST = Set.of(
            "hostname", "description", "interface", "version", "boot", "boot-start-marker", "boot-end-marker",
            "service", "clock", "enable", "username", "spanning-tree", "vlan", "name", "shutdown", "no", "end",
            "exit", "exit-address-family", "mtu", "speed", "duplex", "switchport", "channel-group", "vrrp",
            "standby", "route-map", "match", "set", "network", "redistribute", "passive-interface",
            "maximum-paths", "bgp", "distance", "auto-summary", "synchronization", "license", "platform",
            "hardware", "mac", "mac-address", "lldp", "cdp", "udld", "errdisable", "storm-control", "power",
            "rd", "route-target", "address-family", "ip-address", "encapsulation", "bandwidth", "load-interval",
            "negotiation", "flowcontrol", "vrf", "mpls", "segment-routing", "queue-monitor", "qos", "policy-map",
            "class-map", "class", "police", "priority-queue", "transceiver", "alias", "banner", "feature",
            "switchname", "default-router", "lease", "domain-name", "mlag", "peer-address", "peer-link",
            "local-interface", "peer-keepalive", "vpc", "remark", "seq", "object-group", "ip-prefix",
            "port-channel", "evpn", "rt", "vni", "vxlan", "certificate", "quit", "router-id", "area",
            "timers", "neighbor-down", "authentication", "summary-address", "default-information", "dhcp");

    private static final Set<String> LOCAL_IP = Set.of(
            "address", "route", "prefix-list", "access-list", "vrf", "routing", "dhcp", "nat", "ospf", "pim",
            "igmp", "helper-address", "unnumbered", "mtu", "redirects", "unreachables", "proxy-arp",
            "virtual-router", "virtual-address", "forward-protocol", "multicast-routing", "cef", "local",
            "domain", "domain-lookup", "host", "arp", "verify", "policy", "tcp", "icmp", "ssh", "http", "scp",
            "ftp", "tftp", "bgp-community", "community-list", "as-path", "extcommunity-list", "options",
            "sla", "flow", "accounting", "split-horizon", "authentication", "summary-address",
            "vrf-also", "directed-broadcast", "mroute", "classless", "subnet-zero", "source-route", "finger",
            "bootp", "dns", "admission", "device", "audit");

    /** IP protocol keywords that may precede the source of an extended ACL rule. */
    private static final Set<String> PROTOCOLS = Set.of(
            "ip", "ipv4", "ipv6", "tcp", "udp", "icmp", "icmpv6", "igmp", "gre", "esp", "ahp", "ah", "ospf", "pim",
            "eigrp", "sctp", "vrrp", "nos", "ipinip", "pcp");

    private IosStyle() {
    }

    /** Reads one IOS-family command; returns whether it was understood (whatever it recorded). */
    public static boolean read(ConfigLine line, DeviceReader r) {
        switch (line.keyword(0)) {
            case "ip" -> {
                return ip(line, r);
            }
            case "ipv6" -> {
                return ipv6(line, r);
            }
            case "ntp" -> {
                return ntp(line, r);
            }
            case "logging" -> {
                return logging(line, r);
            }
            case "tacacs-server", "radius-server" -> {
                if (line.keyword(1).equals("host")) {
                    String protocol = line.keyword(0).equals("tacacs-server") ? "tacacs+" : "radius";
                    r.add(line, line.word(2), Role.AAA_SERVER, protocol);
                }
                return true;
            }
            case "server", "server-private" -> {
                return groupServer(line, r);
            }
            case "address" -> {
                return serverAddress(line, r);
            }
            case "snmp-server" -> {
                return snmp(line, r);
            }
            case "access-list" -> {
                numberedAcl(line, r);
                return true;
            }
            case "access-class" -> {
                if (line.enclosing("line") != null) {
                    r.acls().apply(aclName(line, 1), "vty");
                }
                return true;
            }
            case "router" -> {
                if (line.keyword(1).equals("bgp")) {
                    long asn = r.asn(line, line.word(2));
                    if (asn != 0) {
                        r.bgp().localAs(asn);
                    }
                    return true;
                }
                return line.keyword(1).equals("ospf") || line.keyword(1).equals("isis");
            }
            case "neighbor" -> {
                return neighbor(line, r);
            }
            case "remote-as" -> {
                return remoteAs(line, r);
            }
            case "inherit" -> {
                ConfigLine n = line.parent();
                if (n != null && n.keyword(0).equals("neighbor") && line.keyword(1).equals("peer")) {
                    neighborAddress(n, r).ifPresent(a -> r.bgp().peerGroup(bgpScope(line), a, line.word(2), n));
                }
                return true;
            }
            case "use" -> {
                // IOS XR: neighbor 192.0.2.1 / use neighbor-group G
                ConfigLine n = line.parent();
                if (n != null && n.keyword(0).equals("neighbor") && line.keyword(1).equals("neighbor-group")
                        && line.enclosing("router", "bgp") != null) {
                    neighborAddress(n, r).ifPresent(a -> r.bgp().peerGroup(bgpScope(line), a, line.word(2), n));
                    return true;
                }
                return false;
            }
            case "permit", "deny" -> {
                permitRule(line, 0, r);
                return true;
            }
            case "dns-server" -> {
                if (line.enclosing("ip", "dhcp", "pool") != null) {
                    for (int i = 1; i < line.size(); i++) {
                        r.add(line, line.word(i), Role.DNS_RESOLVER, "dhcp");
                    }
                }
                return true;
            }
            case "destination" -> {
                if (line.enclosing("flow", "exporter") != null || line.enclosing("flow", "exporter-map") != null) {
                    r.add(line, firstValue(line, 1), Role.FLOW_COLLECTOR, "netflow");
                    return true;
                }
                return false;
            }
            case "receiver" -> {
                if (line.enclosing("telemetry") != null && line.keyword(1).equals("ip") && line.keyword(2).equals("address")) {
                    r.add(line, line.word(3), Role.FLOW_COLLECTOR, "telemetry");
                    return true;
                }
                return false;
            }
            case "host" -> {
                if (line.enclosing("telemetry") != null && line.keyword(1).equals("ip-address")) {
                    r.add(line, line.word(2), Role.FLOW_COLLECTOR, "telemetry");
                    return true;
                }
                return false;
            }
            case "sflow" -> {
                int at = line.indexOf("destination", 1);
                if (at < 0) {
                    at = line.indexOf("collector-ip", 1);
                }
                if (at > 0) {
                    r.add(line, line.word(at + 1), Role.FLOW_COLLECTOR, "sflow");
                }
                return true;
            }
            case "collector" -> {
                if (line.enclosing("exporter") != null) {
                    r.add(line, firstValue(line, 1), Role.FLOW_COLLECTOR, "ipfix");
                    return true;
                }
                return false;
            }
            default -> {
                if (isSequence(line.word(0)) && (line.keyword(1).equals("permit") || line.keyword(1).equals("deny")
                        || line.keyword(1).equals("remark"))) {
                    permitRule(line, 1, r);
                    return true;
                }
                return false;
            }
        }
    }

    /** Whether the command is about the device's own addressing or carries no party at all. */
    public static boolean local(ConfigLine line) {
        String first = line.keyword(0);
        if (LOCAL_FIRST.contains(first)) {
            // a crypto map's "set peer" names the remote end of a tunnel, unlike a route map's "set"
            return !(first.equals("set") && line.keyword(1).equals("peer"));
        }
        if (first.equals("ip") || first.equals("ipv6")) {
            return LOCAL_IP.contains(line.keyword(1));
        }
        return first.equals("snmp-server") || first.equals("aaa") || first.equals("line") || first.equals("ntp")
                || first.equals("logging") || first.equals("crypto") && line.keyword(1).equals("pki")
                && line.keyword(2).equals("certificate");
    }

    private static boolean ip(ConfigLine line, DeviceReader r) {
        switch (line.keyword(1)) {
            case "name-server" -> {
                for (int i = 2; i < line.size(); i++) {
                    String k = line.keyword(i);
                    if (k.equals("vrf") || k.equals("use-vrf")) {
                        i++;
                        continue;
                    }
                    r.add(line, line.word(i), Role.DNS_RESOLVER, "");
                }
                return true;
            }
            case "domain", "domain-name", "domain-list" -> {
                int i = line.keyword(1).equals("domain") ? 2 : 1;
                String k = line.keyword(i);
                if (i == 2 && !k.equals("name") && !k.equals("list")) {
                    return true;
                }
                for (int j = i + 1; j < line.size(); j++) {
                    String w = line.keyword(j);
                    if (w.equals("vrf") || w.equals("use-vrf")) {
                        j++;
                        continue;
                    }
                    r.domain(line, line.word(j));
                }
                return true;
            }
            case "route" -> {
                defaultRoute(line, 2, r);
                return true;
            }
            case "default-gateway" -> {
                r.addIp(line, line.word(2), Role.UPSTREAM_GATEWAY, "");
                return true;
            }
            case "flow-export" -> {
                if (line.keyword(2).equals("destination")) {
                    r.add(line, line.word(3), Role.FLOW_COLLECTOR, "netflow");
                }
                return true;
            }
            case "access-list" -> {
                return true;
            }
            case "http" -> {
                if (line.keyword(2).equals("access-class")) {
                    String acl = line.keyword(3).equals("ipv4") || line.keyword(3).equals("ipv6") ? line.word(4) : line.word(3);
                    r.acls().apply(acl, "http");
                }
                return true;
            }
            case "access-group" -> {
                accessGroup(line, r);
                return true;
            }
            case "access-class" -> {
                if (line.enclosing("line") != null) {
                    r.acls().apply(aclName(line, 2), "vty");
                }
                return true;
            }
            case "address" -> {
                if (line.enclosing("telemetry") != null) {
                    r.add(line, line.word(2), Role.FLOW_COLLECTOR, "telemetry");
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean ipv6(ConfigLine line, DeviceReader r) {
        switch (line.keyword(1)) {
            case "route" -> {
                defaultRoute(line, 2, r);
                return true;
            }
            case "name-server" -> {
                for (int i = 2; i < line.size(); i++) {
                    String k = line.keyword(i);
                    if (k.equals("vrf") || k.equals("use-vrf")) {
                        i++;
                        continue;
                    }
                    r.add(line, line.word(i), Role.DNS_RESOLVER, "");
                }
                return true;
            }
            case "access-class" -> {
                if (line.enclosing("line") != null) {
                    r.acls().apply(aclName(line, 2), "vty");
                }
                return true;
            }
            case "access-group" -> {
                accessGroup(line, r);
                return true;
            }
            case "access-list" -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** {@code ip access-group ACL in} under a management interface or a management service view. */
    private static void accessGroup(ConfigLine line, DeviceReader r) {
        ConfigLine parent = line.parent();
        if (parent == null) {
            return;
        }
        String acl = line.word(2);
        String p0 = parent.keyword(0);
        ConfigLine management = line.enclosing("management");
        if (management != null) {
            r.acls().apply(acl, management.size() > 2 ? management.keyword(1) + " " + management.keyword(2) : management.keyword(1));
        } else if (p0.equals("control-plane") || (p0.equals("system") && parent.keyword(1).equals("control-plane"))) {
            r.acls().apply(acl, "control-plane");
        } else if (p0.equals("interface")) {
            String name = parent.keyword(1);
            if (name.startsWith("mgmt") || name.startsWith("management") || name.startsWith("ma")
                    && name.length() > 2 && Character.isDigit(name.charAt(2))) {
                r.acls().apply(acl, "management interface");
            }
        }
    }

    /** The ACL named at word {@code i} (skipping {@code ipv4}/{@code ipv6} and IOS XR's {@code ingress}). */
    private static String aclName(ConfigLine line, int i) {
        String k = line.keyword(i);
        return k.equals("ipv4") || k.equals("ipv6") || k.equals("ingress") ? line.word(i + 1) : line.word(i);
    }

    private static boolean ntp(ConfigLine line, DeviceReader r) {
        String sub = line.keyword(1);
        if (sub.equals("server") || sub.equals("peer")) {
            String value = firstValue(line, 2);
            if (!value.isEmpty()) {
                r.add(line, value, Role.NTP_SOURCE, sub);
            }
        }
        return true;
    }

    private static boolean logging(ConfigLine line, DeviceReader r) {
        String sub = line.keyword(1);
        int at;
        if (sub.equals("host") || sub.equals("server")) {
            at = 2;
        } else if (sub.equals("vrf") && line.keyword(3).equals("host")) {
            at = 4;
        } else if (Values.ip(line.word(1)).isPresent() || Values.looksLikeIpv4(line.word(1))) {
            at = 1;
        } else {
            return true;
        }
        String value = firstValue(line, asaInterface(line, at));
        if (!value.isEmpty()) {
            r.add(line, value, Role.LOG_SINK, "");
        }
        return true;
    }

    /**
     * Where the address stands in an ASA command that names the interface first
     * ({@code logging host inside 192.0.2.5}, {@code snmp-server host mgmt 192.0.2.6 ...}): one word
     * later when the word at {@code at} is a bare name and the next one an IP address.
     */
    private static int asaInterface(ConfigLine line, int at) {
        String w = line.word(at);
        if (!w.isEmpty() && w.indexOf('.') < 0 && w.indexOf(':') < 0 && !FLAGS.contains(line.keyword(at))
                && !PAIRED.contains(line.keyword(at)) && Values.ip(line.word(at + 1)).isPresent()) {
            return at + 1;
        }
        return at;
    }

    /** {@code server HOST} inside {@code aaa group server tacacs+|radius NAME}. */
    private static boolean groupServer(ConfigLine line, DeviceReader r) {
        ConfigLine group = line.enclosing("aaa", "group", "server");
        if (group == null) {
            return false;
        }
        String protocol = group.keyword(3).startsWith("tacacs") ? "tacacs+" : group.keyword(3);
        if (!line.keyword(1).equals("name")) {
            r.add(line, firstValue(line, 1), Role.AAA_SERVER, protocol);
        }
        return true;
    }

    /** {@code address ipv4 HOST} inside {@code tacacs server NAME} or {@code radius server NAME}. */
    private static boolean serverAddress(ConfigLine line, DeviceReader r) {
        ConfigLine parent = line.parent();
        if (parent == null || !parent.keyword(1).equals("server")) {
            return false;
        }
        String protocol = switch (parent.keyword(0)) {
            case "tacacs" -> "tacacs+";
            case "radius" -> "radius";
            default -> null;
        };
        if (protocol == null) {
            return false;
        }
        r.add(line, firstValue(line, 1), Role.AAA_SERVER, protocol);
        return true;
    }

    private static boolean snmp(ConfigLine line, DeviceReader r) {
        switch (line.keyword(1)) {
            case "host" -> {
                String context = line.indexOf("informs", 3) > 0 || line.indexOf("inform", 3) > 0 ? "inform" : "trap";
                int at = 2;
                if (line.keyword(2).equals("vrf")) {
                    at = 4;
                } else if (line.keyword(2).equals("mng")) {
                    // ZXROS: snmp-server host mng ADDRESS ..., the management VRF named before the address
                    at = 3;
                }
                r.add(line, line.word(asaInterface(line, at)), Role.SNMP_MANAGER, context);
            }
            case "community" -> {
                String acl = communityAcl(line);
                if (acl != null) {
                    r.acls().apply(acl, "snmp");
                }
            }
            default -> {
                // location, contact, user, view, enable traps...: no party
            }
        }
        return true;
    }

    /** The ACL guarding an SNMP community, in any of the family's spellings, or null. */
    private static String communityAcl(ConfigLine line) {
        for (String key : new String[] {"use-ipv4acl", "use-acl", "ipv4-access-list", "acl", "access", "ipv4"}) {
            int at = line.indexOf(key, 3);
            if (at > 0 && at + 1 < line.size()) {
                return line.word(at + 1);
            }
        }
        for (int i = 3; i < line.size(); i++) {
            String k = line.keyword(i);
            if (k.equals("ro") || k.equals("rw")) {
                String next = line.keyword(i + 1);
                if (next.equals("ipv6")) {
                    return line.word(i + 2).isEmpty() ? null : line.word(i + 2);
                }
                return next.isEmpty() || next.equals("view") ? null : line.word(i + 1);
            }
        }
        return null;
    }

    /** {@code neighbor X remote-as N}, {@code neighbor X peer-group G}, NX-OS {@code neighbor X} blocks. */
    private static boolean neighbor(ConfigLine line, DeviceReader r) {
        if (line.enclosing("router", "bgp") == null) {
            return false;
        }
        String scope = bgpScope(line);
        String target = line.word(1);
        Optional<String> address = Values.ip(stripPrefixLength(target));
        String k2 = line.keyword(2);
        if (address.isEmpty() && Values.looksLikeIpv4(target)) {
            r.error(line, "'neighbor' names '" + target + "', which is not a valid IPv4 address");
            return true;
        }
        if (k2.equals("remote-as")) {
            long asn = r.asn(line, line.word(3));
            if (address.isPresent()) {
                r.bgp().peer(scope, address.get(), line);
                if (asn != 0) {
                    r.bgp().peerAs(scope, address.get(), asn, line);
                }
            } else if (asn != 0) {
                r.bgp().groupAs(scope, target, asn, line);
            }
        } else if ((k2.equals("peer-group") || (k2.equals("peer") && line.keyword(3).equals("group"))) && address.isPresent()) {
            String group = k2.equals("peer-group") ? line.word(3) : line.word(4);
            if (!group.isEmpty()) {
                r.bgp().peerGroup(scope, address.get(), group, line);
            }
        } else if (line.size() == 2 && address.isPresent()) {
            r.bgp().peer(scope, address.get(), line);
        }
        return true;
    }

    /** NX-OS {@code remote-as N} inside a {@code neighbor X} block or a {@code template peer T}. */
    private static boolean remoteAs(ConfigLine line, DeviceReader r) {
        ConfigLine parent = line.parent();
        if (parent == null || line.enclosing("router", "bgp") == null) {
            return false;
        }
        long asn = r.asn(line, line.word(1));
        if (asn == 0) {
            return true;
        }
        if (parent.keyword(0).equals("neighbor")) {
            Optional<String> a = neighborAddress(parent, r);
            if (a.isPresent()) {
                r.bgp().peer(bgpScope(parent), a.get(), parent);
                r.bgp().peerAs(bgpScope(parent), a.get(), asn, line);
            }
        } else if (parent.keyword(0).equals("template") && parent.keyword(1).equals("peer")) {
            r.bgp().groupAs(bgpScope(parent), parent.word(2), asn, line);
        } else if (parent.keyword(0).equals("neighbor-group")) {
            r.bgp().groupAs(bgpScope(parent), parent.word(1), asn, line);
        }
        return true;
    }

    private static Optional<String> neighborAddress(ConfigLine neighbor, DeviceReader r) {
        return Values.ip(stripPrefixLength(neighbor.word(1)));
    }

    private static String stripPrefixLength(String s) {
        int slash = s.indexOf('/');
        return slash > 0 && (s.endsWith("/32") || s.endsWith("/128")) ? s.substring(0, slash) : s;
    }

    /** The routing instance a BGP command stands in: {@code address-family ipv4 vrf V}, {@code vrf V}, or "". */
    public static String bgpScope(ConfigLine line) {
        for (ConfigLine p = line.parent(); p != null; p = p.parent()) {
            if (p.keyword(0).equals("vrf") && p.size() >= 2) {
                return p.word(1);
            }
            if (p.keyword(0).equals("address-family")) {
                int vrf = p.indexOf("vrf", 1);
                if (vrf > 0) {
                    return p.word(vrf + 1);
                }
            }
        }
        return "";
    }

    /**
     * A default route's next hops: {@code ip route [vrf V] 0.0.0.0 0.0.0.0 [iface] HOP},
     * {@code ip route [vrf V] 0.0.0.0/0 [iface] HOP}, {@code ipv6 route ::/0 HOP}; inside NX-OS
     * {@code vrf context V} the VRF comes from the block.
     */
    public static void defaultRoute(ConfigLine line, int from, DeviceReader r) {
        int i = from;
        String vrf = null;
        if (line.keyword(i).equals("vrf")) {
            vrf = line.word(i + 1);
            i += 2;
        }
        String destination = line.word(i);
        if (Addresses.isDefault(destination)) {
            i++;
        } else if (destination.equals("0.0.0.0") && Addresses.isZero(line.word(i + 1))) {
            i += 2;
        } else {
            return;
        }
        if (vrf == null) {
            ConfigLine context = line.enclosing("vrf", "context");
            if (context != null) {
                vrf = context.word(2);
            }
        }
        int vrfAfter = line.indexOf("vrf", i);
        if (vrf == null && vrfAfter > 0) {
            vrf = line.word(vrfAfter + 1);
        }
        String context = vrf == null ? "" : "vrf=" + vrf;
        for (int j = i; j < line.size() && j <= i + 1; j++) {
            String w = line.word(j);
            if (Values.ip(w).isPresent() || Values.looksLikeIpv4(w)) {
                r.addIp(line, w, Role.UPSTREAM_GATEWAY, context);
                return;
            }
        }
    }

    /** The first word at or after {@code from} that is not a flag or a paired keyword with its value. */
    public static String firstValue(ConfigLine line, int from) {
        for (int i = from; i < line.size(); i++) {
            String k = line.keyword(i);
            if (PAIRED.contains(k)) {
                i++;
                continue;
            }
            if (FLAGS.contains(k)) {
                continue;
            }
            return line.word(i);
        }
        return "";
    }

    /** {@code access-list N permit|deny ...}: standard (1-99, 1300-1999) or extended numbered ACLs. */
    private static void numberedAcl(ConfigLine line, DeviceReader r) {
        String name = line.word(1);
        int start = 2;
        if (!line.keyword(start).equals("permit")) {
            return;
        }
        int number = Addresses.decimal(name, 0, name.length());
        boolean standard = number >= 1 && number <= 99 || number >= 1300 && number <= 1999;
        source(line, start + 1, standard, name, r);
    }

    /** A rule inside a named ACL ({@code ip access-list [standard|extended] NAME}, ZTE {@code ipv4-access-list}). */
    public static void permitRule(ConfigLine line, int at, DeviceReader r) {
        if (!line.keyword(at).equals("permit")) {
            return;
        }
        ConfigLine acl = line.parent();
        if (acl == null) {
            return;
        }
        String name;
        boolean standard;
        if (acl.startsWith("ip", "access-list") || acl.startsWith("ipv6", "access-list") || acl.startsWith("ipv4", "access-list")) {
            String kind = acl.keyword(2);
            standard = kind.equals("standard");
            name = standard || kind.equals("extended") ? acl.word(3) : acl.word(2);
        } else if (acl.keyword(0).equals("ipv4-access-list") || acl.keyword(0).equals("ipv6-access-list")) {
            standard = false;
            name = acl.word(1);
        } else {
            return;
        }
        source(line, at + 1, standard, name, r);
    }

    /** The source of a permit rule starting at word {@code i}; protocols are skipped for extended rules. */
    private static void source(ConfigLine line, int i, boolean standard, String acl, DeviceReader r) {
        int at = i;
        if (!standard && (PROTOCOLS.contains(line.keyword(at)) || isSequence(line.word(at)))) {
            at++;
        }
        String w = line.word(at);
        String k = w.toLowerCase(Locale.ROOT);
        Optional<Addresses.Source> source;
        if (k.equals("any") || k.isEmpty() || k.equals("object-group") || k.equals("addrgroup")) {
            return;
        } else if (k.equals("host")) {
            source = Values.ip(line.word(at + 1)).map(ip -> new Addresses.Source(org.sovaudit.model.ObservationKind.IP_ADDRESS, ip));
            if (source.isEmpty() && Values.looksLikeIpv4(line.word(at + 1))) {
                r.error(line, "ACL " + acl + " permits '" + line.word(at + 1) + "', which is not a valid IPv4 address");
            }
        } else if (w.indexOf('/') > 0) {
            source = Addresses.prefix(w);
        } else if (Values.ip(w).isPresent()) {
            String next = line.word(at + 1);
            if (Values.ipv4(next).isPresent() && next.startsWith("0.") || next.equals("0.0.0.0")) {
                source = Addresses.masked(w, next, true);
            } else {
                source = Values.ip(w).map(ip -> new Addresses.Source(org.sovaudit.model.ObservationKind.IP_ADDRESS, ip));
            }
        } else {
            if (Values.looksLikeIpv4(w)) {
                r.error(line, "ACL " + acl + " permits '" + w + "', which is not a valid IPv4 address");
            }
            return;
        }
        source.ifPresent(s -> r.acls().permit(acl, line, s));
    }

    /** Whether {@code word} is an ACL sequence number. */
    private static boolean isSequence(String word) {
        if (word.isEmpty() || word.length() > 10) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
