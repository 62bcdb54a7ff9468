package org.sovaudit.parse.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.Values;

/**
 * The commands Huawei VRP and H3C Comware (which began as a branch of VRP) write alike:
 * {@code dns server}, {@code ntp-service unicast-server}, {@code info-center loghost},
 * {@code snmp-agent target-host}, {@code ip netstream export host}, {@code sflow collector},
 * {@code telemetry} destination groups, {@code bgp} / {@code peer ... as-number},
 * {@code ip route-static 0.0.0.0 0.0.0.0}, DHCP pool {@code dns-list}, and {@code acl} / {@code rule}
 * applied to {@code user-interface vty} or to the SSH, Telnet, HTTP and SNMP servers. The small
 * differences (Comware writes {@code vpn-instance NAME} before the address, VRP after it) are
 * handled here. Each dialect reads its own commands first and hands the rest to {@link #read}.
 */
public final class VrpStyle {

    /** Words that take a value naming no party ({@code vpn-instance NAME}, {@code source LoopBack0}). */
    private static final Set<String> PAIRED = Set.of(
            "vpn-instance", "source", "source-ip", "source-interface", "port", "facility", "channel", "level",
            "key", "description", "preference", "authentication-keyid", "version", "udp-port", "weight", "language");

    /** Single words that may stand before an address. */
    private static final Set<String> FLAGS = Set.of("ipv6", "domain", "host-name", "ip", "ipv4", "ipv4-address",
            "ipv6-address", "host", "unicast-server", "unicast-peer", "address", "udp-domain");

    /** First words of commands about the device itself: never parties, never leftovers. */
    private static final Set<String> LOCAL_FIRST = Set.of(
            "sysname", "description", "interface", "undo", "vlan", "port", "stp", "user-interface", "line",
            "authentication-mode", "protocol", "user", "local-user", "aaa", "domain", "authentication-scheme",
            "authorization-scheme", "accounting-scheme", "authentication", "authorization", "accounting",
            "rule", "acl", "ospf", "ospfv3", "area", "network", "isis", "mpls", "mpls-lsr-id", "ipv4-family",
            "ipv6-family", "address-family", "route-distinguisher", "vpn-target", "header", "clock", "drop-profile",
            "qos", "traffic", "traffic-policy", "traffic-classifier", "traffic-behavior", "lldp", "dhcp", "set",
            "vrrp", "bfd", "shutdown", "return", "quit", "import-route", "router-id", "peer", "group", "bgp",
            "stelnet", "ssh", "telnet", "http", "ftp", "sftp", "scp", "snmp-agent", "ntp-service", "info-center",
            "dns", "ip", "ipv6", "telemetry", "sensor-group", "subscription", "destination-group", "gateway-list",
            "excluded-ip-address", "static-bind", "lease", "eth-trunk", "mode", "link-type", "stack", "irf",
            "irf-port", "version", "password-recovery", "super", "user-role", "role", "system-view", "commit",
            "save", "license", "power", "fan", "sflow", "netstream", "filter-policy", "route-policy",
            "if-match", "apply", "ip-prefix", "arp", "mac-address", "isolate", "loopback-detect", "storm-control",
            "voice-vlan", "poe", "ptp", "nqa", "track", "vpn-instance", "cipher", "shared-key", "retransmit",
            "timer", "hwtacacs-server", "radius-server", "hwtacacs", "radius", "primary", "secondary",
            "key", "nas-ip", "security-policy-version", "user-name", "state", "cloud-management", "sntp",
            "device", "multicast", "igmp-snooping", "mld-snooping", "port-isolate", "pki", "ssl",
            "attack-defense", "firewall", "security-policy", "nat", "local-address", "service-type", "level",
            "router", "hrp");

    /**
     * Top-level views of firewall policy (USG and Comware security policies, NAT policies, address and
     * service sets, object groups): what they match is traffic through the device, never a party it uses.
     */
    private static final Set<String> POLICY_VIEWS = Set.of(
            "security-policy", "nat-policy", "audit-policy", "auth-policy", "decryption-policy", "bandwidth-policy",
            "policy-based-route", "object-group", "profile", "firewall");

    private VrpStyle() {
    }

    /** Reads one VRP-family command; returns whether it was understood (whatever it recorded). */
    public static boolean read(ConfigLine line, DeviceReader r) {
        switch (line.keyword(0)) {
            case "dns" -> {
                if (line.keyword(1).equals("server")) {
                    r.add(line, value(line, 2), Role.DNS_RESOLVER, "");
                } else if (line.keyword(1).equals("domain")) {
                    r.domain(line, value(line, 2));
                }
                return true;
            }
            case "ntp-service", "ntp", "sntp" -> {
                int at = line.keyword(1).equals("ipv6") ? 2 : 1;
                String sub = line.keyword(at);
                if (sub.equals("unicast-server") || sub.equals("unicast-peer")) {
                    String value = value(line, at + 1);
                    if (!value.isEmpty()) {
                        r.add(line, value, Role.NTP_SOURCE, sub.equals("unicast-server") ? "server" : "peer");
                    }
                }
                return true;
            }
            case "info-center" -> {
                if (line.keyword(1).equals("loghost") && !line.keyword(2).equals("source")) {
                    String value = value(line, 2);
                    if (!value.isEmpty()) {
                        r.add(line, value, Role.LOG_SINK, "");
                    }
                }
                return true;
            }
            case "snmp-agent" -> {
                snmp(line, r);
                return true;
            }
            case "ip", "ipv6" -> {
                return ip(line, r);
            }
            case "netstream" -> {
                int host = line.indexOf("host", 1);
                if (line.keyword(1).equals("export") && host > 0) {
                    r.add(line, value(line, host + 1), Role.FLOW_COLLECTOR, "netstream");
                }
                return true;
            }
            case "sflow" -> {
                if (line.keyword(1).equals("collector")) {
                    int at = line.indexOf("ip", 2);
                    if (at < 0) {
                        at = line.indexOf("ipv6", 2);
                    }
                    if (at > 0) {
                        r.add(line, line.word(at + 1), Role.FLOW_COLLECTOR, "sflow");
                    }
                }
                return true;
            }
            case "ipv4-address", "ipv6-address" -> {
                if (line.enclosing("telemetry") != null || line.enclosing("destination-group") != null) {
                    r.add(line, line.word(1), Role.FLOW_COLLECTOR, "telemetry");
                    return true;
                }
                return false;
            }
            case "bgp" -> {
                long asn = r.asn(line, line.word(1));
                if (asn != 0) {
                    r.bgp().localAs(asn);
                }
                return true;
            }
            case "peer" -> {
                peer(line, r);
                return true;
            }
            case "set" -> {
                // set save-configuration backup-to-server server 192.0.2.9 transport-type sftp user U password P path D
                if (line.keyword(1).equals("save-configuration") && line.indexOf("backup-to-server", 2) > 0) {
                    int server = line.indexOf("server", line.indexOf("backup-to-server", 2) + 1);
                    if (server > 0) {
                        r.add(line, value(line, server + 1), Role.UNKNOWN, "config-backup");
                    }
                }
                return true;
            }
            case "dns-list" -> {
                for (int i = 1; i < line.size(); i++) {
                    r.add(line, line.word(i), Role.DNS_RESOLVER, "dhcp");
                }
                return true;
            }
            case "dhcp" -> {
                if (line.keyword(1).equals("server") && line.keyword(2).equals("dns-list")) {
                    for (int i = 3; i < line.size(); i++) {
                        r.add(line, line.word(i), Role.DNS_RESOLVER, "dhcp");
                    }
                }
                return true;
            }
            case "rule" -> {
                rule(line, r);
                return true;
            }
            case "source-address", "destination-address" -> {
                // a firewall policy's match written with its prefix (destination-address 203.0.113.9 32,
                // ... mask 255.255.255.0), also in captured sessions where the policy view is only in the prompt;
                // an NQA probe's destination-address ipv4 A has none and is left to the leftovers
                String address = line.word(1);
                String next = line.keyword(2);
                return (Values.looksLikeIpv4(address) || address.indexOf(':') > 0) && !next.isEmpty()
                        && (next.equals("mask") || Addresses.decimal(next, 0, next.length()) >= 0 || Values.looksLikeIpv4(next));
            }
            case "acl" -> {
                if (line.enclosing("user-interface") != null || line.enclosing("line") != null) {
                    r.acls().apply(aclId(line, 1), "vty");
                }
                return true;
            }
            case "ssh", "stelnet", "telnet", "ftp", "http", "https", "netconf", "sftp" -> {
                int acl = line.indexOf("acl", 1);
                if (acl > 0) {
                    r.acls().apply(aclId(line, acl + 1), line.keyword(0).equals("stelnet") ? "ssh" : line.keyword(0));
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Whether the command is about the device's own addressing or carries no party at all. */
    public static boolean local(ConfigLine line) {
        return LOCAL_FIRST.contains(line.keyword(0)) || inPolicyView(line);
    }

    /** Whether the line sits inside a firewall policy view ({@link #POLICY_VIEWS}, {@code ip address-set}, {@code ip service-set}). */
    private static boolean inPolicyView(ConfigLine line) {
        ConfigLine top = line.parent();
        if (top == null) {
            return false;
        }
        while (top.parent() != null) {
            top = top.parent();
        }
        String k0 = top.keyword(0);
        if (POLICY_VIEWS.contains(k0)) {
            return true;
        }
        String k1 = top.keyword(1);
        return k0.equals("ip") && (k1.equals("address-set") || k1.equals("service-set"));
    }

    private static boolean ip(ConfigLine line, DeviceReader r) {
        String k1 = line.keyword(1);
        if (k1.equals("route-static")) {
            defaultRoute(line, r);
            return true;
        }
        if (k1.equals("netstream") && line.keyword(2).equals("export") && line.keyword(3).equals("host")) {
            r.add(line, value(line, 4), Role.FLOW_COLLECTOR, "netstream");
            return true;
        }
        if ((k1.equals("http") || k1.equals("https")) && line.indexOf("acl", 2) > 0) {
            r.acls().apply(aclId(line, line.indexOf("acl", 2) + 1), k1);
            return true;
        }
        return false;
    }

    private static void snmp(ConfigLine line, DeviceReader r) {
        String k1 = line.keyword(1);
        if (k1.equals("target-host")) {
            int at = line.indexOf("udp-domain", 2);
            if (at < 0) {
                at = line.indexOf("address", 2);
            }
            if (at > 0) {
                String context = line.indexOf("inform", 2) > 0 ? "inform" : "trap";
                String value = value(line, at + 1);
                r.addIp(line, value, Role.SNMP_MANAGER, context);
            }
        } else if (k1.equals("community") || k1.equals("acl") || k1.equals("mib-view")) {
            int acl = k1.equals("acl") ? 1 : line.indexOf("acl", 2);
            if (acl > 0) {
                r.acls().apply(aclId(line, acl + 1), "snmp");
            }
        }
    }

    /** The ACL id after {@code acl}: a number or, after {@code name}, a name ({@code ipv6} skipped). */
    private static String aclId(ConfigLine line, int i) {
        int at = i;
        if (line.keyword(at).equals("ipv6")) {
            at++;
        }
        if (line.keyword(at).equals("name")) {
            at++;
        }
        return line.word(at);
    }

    /** The ids an ACL header gives its ACL: {@code acl number 2000 [name X]}, {@code acl basic 2000}, {@code acl name X 2001}. */
    static List<String> aclIds(ConfigLine acl) {
        List<String> ids = new ArrayList<>(2);
        for (int i = 1; i < acl.size(); i++) {
            String k = acl.keyword(i);
            String w = acl.word(i);
            if (k.equals("name")) {
                ids.add(acl.word(i + 1));
                i++;
            } else if (Addresses.decimal(w, 0, w.length()) >= 0) {
                ids.add(w);
            }
        }
        return ids;
    }

    /** {@code rule [N] permit [protocol] source A W} inside an {@code acl}. */
    private static void rule(ConfigLine line, DeviceReader r) {
        ConfigLine acl = line.enclosing("acl");
        int permit = line.indexOf("permit", 1);
        if (acl == null || permit < 0 || permit > 2) {
            return;
        }
        int source = line.indexOf("source", permit + 1);
        if (source < 0) {
            return;
        }
        String address = line.word(source + 1);
        if (address.equalsIgnoreCase("any") || address.isEmpty()) {
            return;
        }
        String mask = line.word(source + 2);
        Optional<Addresses.Source> permitted;
        if (address.indexOf('/') > 0) {
            permitted = Addresses.prefix(address);
        } else if (Values.ipv4(address).isEmpty()) {
            if (Values.looksLikeIpv4(address)) {
                r.error(line, "'rule' permits '" + address + "', which is not a valid IPv4 address");
            }
            permitted = Values.ipv6(address).map(a -> new Addresses.Source(ObservationKind.IP_ADDRESS, a));
        } else if (mask.startsWith("255.")) {
            permitted = Addresses.masked(address, mask, false);
        } else if (Values.ipv4(mask).isPresent() || mask.equals("0")) {
            permitted = Addresses.masked(address, mask, true);
        } else if (Addresses.length(mask) >= 0) {
            permitted = Addresses.prefix(address + "/" + mask);
        } else {
            permitted = Values.ipv4(address).map(a -> new Addresses.Source(ObservationKind.IP_ADDRESS, a));
        }
        for (String id : aclIds(acl)) {
            permitted.ifPresent(p -> r.acls().permit(id, line, p));
        }
    }

    /** {@code peer X as-number N}, {@code peer X group G}, {@code peer G as-number N} inside {@code bgp}. */
    private static void peer(ConfigLine line, DeviceReader r) {
        if (line.enclosing("bgp") == null) {
            return;
        }
        String scope = scope(line);
        String target = line.word(1);
        Optional<String> address = Values.ip(target);
        if (address.isEmpty() && Values.looksLikeIpv4(target)) {
            r.error(line, "'peer' names '" + target + "', which is not a valid IPv4 address");
            return;
        }
        String k2 = line.keyword(2);
        if (k2.equals("as-number")) {
            long asn = r.asn(line, line.word(3));
            if (address.isPresent()) {
                r.bgp().peer(scope, address.get(), line);
                if (asn != 0) {
                    r.bgp().peerAs(scope, address.get(), asn, line);
                }
            } else if (asn != 0) {
                r.bgp().groupAs(scope, target, asn, line);
            }
        } else if (k2.equals("group") && address.isPresent()) {
            r.bgp().peerGroup(scope, address.get(), line.word(3), line);
            int as = line.indexOf("as-number", 4);
            if (as > 0) {
                long asn = r.asn(line, line.word(as + 1));
                if (asn != 0) {
                    r.bgp().peerAs(scope, address.get(), asn, line);
                }
            }
        }
    }

    /** The VPN instance a {@code peer} stands in ({@code ipv4-family vpn-instance V}, Comware {@code ip vpn-instance V}), or "". */
    private static String scope(ConfigLine line) {
        for (ConfigLine p = line.parent(); p != null; p = p.parent()) {
            int at = p.indexOf("vpn-instance", 1);
            if (at > 0 && (p.keyword(0).equals("ipv4-family") || p.keyword(0).equals("ipv6-family") || p.keyword(0).equals("ip"))) {
                return p.word(at + 1);
            }
        }
        return "";
    }

    /**
     * {@code ip route-static [vpn-instance V] 0.0.0.0 0.0.0.0|0 [interface] HOP ...} and
     * {@code ipv6 route-static :: 0 HOP}: the next hops of default routes.
     */
    private static void defaultRoute(ConfigLine line, DeviceReader r) {
        int i = 2;
        String vrf = null;
        if (line.keyword(i).equals("vpn-instance")) {
            vrf = line.word(i + 1);
            i += 2;
        }
        String destination = line.word(i);
        String mask = line.word(i + 1);
        boolean zeroMask = Addresses.isZero(mask) || mask.equals("0");
        if (Addresses.isDefault(destination)) {
            i++;
        } else if (Addresses.isZero(destination) && zeroMask) {
            i += 2;
        } else {
            return;
        }
        String context = vrf == null ? "" : "vrf=" + vrf;
        for (int j = i; j < line.size() && j <= i + 1; j++) {
            String w = line.word(j);
            if (line.keyword(j).equals("vpn-instance")) {
                return;
            }
            if (Values.ip(w).isPresent() || Values.looksLikeIpv4(w)) {
                r.addIp(line, w, Role.UPSTREAM_GATEWAY, context);
                return;
            }
        }
    }

    /** The first word at or after {@code from} that is not a flag or a paired keyword with its value. */
    public static String value(ConfigLine line, int from) {
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
}
