package org.sovaudit.parse.network.huawei;

import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * The Huawei VRP dialect (VRP5 and VRP8: S/CE switches, AR routers, NE/CX routers, USG/Eudemon
 * firewalls): how its configuration is laid out, how to recognise it, and what its commands name.
 * Stateless; one {@link #read} call keeps its state on its own stack.
 */
final class VrpDialect {

    /** Commands that enter a view, for flat scripts that rely on {@code quit}. */
    private static final Set<String> VIEW_COMMANDS = Set.of(
            "aaa", "interface", "user-interface", "bgp", "ospf", "ospfv3", "isis", "rip", "acl", "domain",
            "local-user-policy", "ipv4-family", "ipv6-family", "area", "vlan", "mpls",
            "ike", "ipsec", "traffic", "qos", "route-policy", "ip-prefix");

    /** {@code <PE1>}, {@code [PE1]}, {@code [~PE1-aaa]}, {@code [*PE1-hwtacacs-ACS]}: user and system views, VRP8 commit marks. */
    private static final Pattern PROMPT = Pattern.compile("^\\s*(?:<[^<>\\s]{1,64}>|\\[[~*]?[^\\[\\]\\s]{1,96}\\])\\s*");

    static final ConfigSyntax SYNTAX = new ConfigSyntax(
            Set.of("#", "!"),
            Set.of("#"),
            Set.of("quit"),
            Set.of("return"),
            VrpDialect::opensView,
            Set.of("---- More ----"),
            PROMPT);

    private static final Pattern SOFTWARE_HEADER = Pattern.compile("^!\\s*Software\\s+Version\\s+(V\\d{3}R\\d{3}[A-Z0-9]*)\\b.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VRP_VERSION = Pattern.compile(
            "^VRP\\s*\\(R\\)\\s*software,\\s*Version\\s+[0-9.]+\\s*\\(\\s*([A-Za-z0-9][A-Za-z0-9._-]{0,39})?\\s*(V\\d{3}R\\d{3}[A-Z0-9]*)\\s*\\).*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UPTIME = Pattern.compile("^HUAWEI\\s+([A-Za-z0-9][A-Za-z0-9._-]{1,39})\\b.*\\buptime\\s+is\\b.*",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern H3C_VERSION = Pattern.compile("(?m)^[ \\t]*version[ \\t]+\\d+\\.\\d+");
    private static final Pattern DISPLAY_VERSION = Pattern.compile(
            "(?m)^[ \\t]*(?:VRP[ \\t]*\\(R\\)[ \\t]*software|Huawei Versatile Routing Platform)", Pattern.CASE_INSENSITIVE);

    private VrpDialect() {
    }

    private static boolean opensView(List<String> words) {
        String first = words.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("vlan")) {
            return words.size() == 2 && !words.get(1).equalsIgnoreCase("batch");
        }
        if ((first.equals("hwtacacs-server") || first.equals("radius-server")) && words.size() >= 3) {
            return words.get(1).equalsIgnoreCase("template");
        }
        if (first.equals("ip") && words.size() >= 2) {
            return words.get(1).equalsIgnoreCase("vpn-instance");
        }
        return VIEW_COMMANDS.contains(first);
    }

    /**
     * Whether {@code head} (the start of a file) reads as a VRP configuration or {@code display
     * version} output: at least three distinct VRP markers and no marker of a look-alike (Cisco IOS
     * and its clones, H3C Comware, Junos).
     */
    static boolean looksLikeVrp(String head) {
        if (DISPLAY_VERSION.matcher(head).find()) {
            return true;
        }
        if (H3C_VERSION.matcher(head).find()) {
            return false;
        }
        Set<String> positives = new HashSet<>();
        int hashSeparators = 0;
        int bangSeparators = 0;
        for (String captured : TextLines.split(head)) {
            Matcher prompt = PROMPT.matcher(captured);
            String raw = prompt.lookingAt() ? captured.substring(prompt.end()) : captured;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean topLevel = !raw.isEmpty() && raw.charAt(0) != ' ' && raw.charAt(0) != '\t';
            String lower = line.toLowerCase(Locale.ROOT);
            if (line.equals("#")) {
                hashSeparators++;
            } else if (line.equals("!")) {
                bangSeparators++;
            }
            if (topLevel && (lower.startsWith("hostname ") || lower.startsWith("ip name-server")
                    || lower.startsWith("line vty") || lower.startsWith("hwtacacs scheme")
                    || lower.startsWith("radius scheme") || lower.startsWith("set system")
                    || lower.equals("system {") || lower.equals("end"))) {
                return false;
            }
            if (topLevel && lower.startsWith("sysname ")) {
                positives.add("sysname");
            } else if (topLevel && lower.equals("return")) {
                positives.add("return");
            } else if (lower.startsWith("undo ")) {
                positives.add("undo");
            } else if (lower.startsWith("info-center ")) {
                positives.add("info-center");
            } else if (lower.startsWith("hwtacacs-server ") || lower.startsWith("radius-server template")) {
                positives.add("aaa-server");
            } else if (topLevel && lower.equals("aaa")) {
                positives.add("aaa");
            } else if (lower.startsWith("!software version v")) {
                positives.add("software-version");
            } else if (lower.startsWith("user-interface ")) {
                positives.add("user-interface");
            } else if (lower.startsWith("snmp-agent")) {
                positives.add("snmp-agent");
            } else if (lower.startsWith("ntp-service ")) {
                positives.add("ntp-service");
            } else if (lower.startsWith("vlan batch ")) {
                positives.add("vlan-batch");
            } else if (lower.startsWith("ip route-static ")) {
                positives.add("route-static");
            } else if (lower.startsWith("stelnet server enable")) {
                positives.add("stelnet");
            } else if (lower.startsWith("local-user ")) {
                positives.add("local-user");
            }
        }
        if (bangSeparators >= 3) {
            return false;
        }
        if (hashSeparators >= 3) {
            positives.add("separators");
        }
        return positives.size() >= 3;
    }

    /** Reads every line into {@code out}. */
    static void read(List<ConfigLine> lines, ResultBuilder out) {
        Map<String, ConfigLine> products = new LinkedHashMap<>();
        String family = null;
        ConfigLine familyLine = null;
        boolean modelSeen = false;
        ConfigLine sysname = null;
        boolean returned = false;
        for (ConfigLine line : lines) {
            if (line.comment()) {
                Matcher software = SOFTWARE_HEADER.matcher(line.text());
                if (software.matches()) {
                    products.putIfAbsent("Huawei VRP " + software.group(1).toUpperCase(Locale.ROOT), line);
                }
                continue;
            }
            Matcher version = VRP_VERSION.matcher(line.text());
            if (version.matches()) {
                products.putIfAbsent("Huawei VRP " + version.group(2).toUpperCase(Locale.ROOT), line);
                if (version.group(1) != null && family == null) {
                    family = version.group(1);
                    familyLine = line;
                }
                continue;
            }
            Matcher uptime = UPTIME.matcher(line.text());
            if (uptime.matches()) {
                products.putIfAbsent("Huawei " + uptime.group(1), line);
                modelSeen = true;
                continue;
            }
            if (line.parent() == null && line.startsWith("sysname")) {
                sysname = line;
            } else if (line.parent() == null && line.size() == 1 && line.keyword(0).equals("return")) {
                returned = true;
            }
            readCommand(line, out);
        }
        if (sysname != null && !returned) {
            out.error(0, "configuration has no closing 'return': the export may be truncated");
        }
        if (family != null && !modelSeen) {
            products.putIfAbsent("Huawei " + family, familyLine);
        }
        for (Map.Entry<String, ConfigLine> product : products.entrySet()) {
            ConfigLine at = product.getValue();
            out.add(ObservationKind.PRODUCT, product.getKey(), Role.NETWORK_DEVICE, at.number(), at.raw(), "");
        }
    }

    private static void readCommand(ConfigLine line, ResultBuilder out) {
        switch (line.keyword(0)) {
            case "dns" -> {
                if (line.keyword(1).equals("server")) {
                    ipAt(line, skip(line, 2, "ipv6"), out).ifPresent(h -> out.add(h, Role.DNS_RESOLVER, line.number(), line.raw(), ""));
                }
            }
            case "ntp-service", "ntp" -> {
                String sub = line.keyword(1);
                if (sub.equals("unicast-server") || sub.equals("unicast-peer")) {
                    String context = sub.equals("unicast-server") ? "server" : "peer";
                    hostAt(line, skip(line, 2, "ipv6", "domain"), out)
                            .ifPresent(h -> out.add(h, Role.NTP_SOURCE, line.number(), line.raw(), context));
                }
            }
            case "info-center" -> {
                if (line.keyword(1).equals("loghost")) {
                    hostAt(line, skip(line, 2, "ipv6", "domain"), out)
                            .ifPresent(h -> out.add(h, Role.LOG_SINK, line.number(), line.raw(), ""));
                }
            }
            case "hwtacacs-server", "radius-server" -> {
                String function = line.keyword(1);
                if (function.equals("authentication") || function.equals("authorization") || function.equals("accounting")) {
                    String protocol = line.keyword(0).equals("radius-server") ? "radius" : "hwtacacs";
                    hostAt(line, skip(line, 2, "ipv6", "host-name", "domain"), out)
                            .ifPresent(h -> out.add(h, Role.AAA_SERVER, line.number(), line.raw(), protocol + " " + function));
                }
            }
            case "snmp-agent" -> {
                if (line.keyword(1).equals("target-host")) {
                    int at = line.indexOf("udp-domain", 2);
                    if (at < 0) {
                        at = line.indexOf("address", 2);
                    }
                    if (at > 0) {
                        String context = line.indexOf("inform", 2) > 0 ? "inform" : "trap";
                        ipAt(line, skip(line, at + 1, "ipv6", "udp-domain"), out)
                                .ifPresent(h -> out.add(h, Role.SNMP_MANAGER, line.number(), line.raw(), context));
                    }
                }
            }
            default -> {
                // other commands name no outside party this dialect reports yet
            }
        }
    }

    /** The first index at or after {@code from} whose word is not one of {@code keywords}. */
    private static int skip(ConfigLine line, int from, String... keywords) {
        int i = from;
        outer:
        while (i < line.size()) {
            for (String k : keywords) {
                if (line.keyword(i).equals(k)) {
                    i++;
                    continue outer;
                }
            }
            break;
        }
        return i;
    }

    private static Optional<Values.Host> ipAt(ConfigLine line, int index, ResultBuilder out) {
        String token = line.word(index);
        Optional<String> ip = Values.ip(token);
        if (ip.isEmpty() && Values.looksLikeIpv4(token)) {
            out.error(line.number(), "'" + line.keyword(0) + " " + line.keyword(1) + "' names '" + token
                    + "', which is not a valid IPv4 address");
        }
        return ip.map(v -> new Values.Host(ObservationKind.IP_ADDRESS, v));
    }

    /**
     * An IP address, or a host name with at least one dot (a single word at that position is more
     * likely the next keyword, such as {@code source-interface}, than a name).
     */
    private static Optional<Values.Host> hostAt(ConfigLine line, int index, ResultBuilder out) {
        Optional<Values.Host> ip = ipAt(line, index, out);
        if (ip.isPresent()) {
            return ip;
        }
        String token = line.word(index);
        if (token.indexOf('.') <= 0 || Values.looksLikeIpv4(token)) {
            return Optional.empty();
        }
        return Values.hostname(token).map(name -> new Values.Host(ObservationKind.HOSTNAME, name));
    }
}
