package org.sovaudit.parse.network.huawei;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.Role;
import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.ConfigSyntax;
import org.sovaudit.parse.ConfigTokenizer;
import org.sovaudit.parse.network.DeviceDetection;
import org.sovaudit.parse.network.DeviceReader;
import org.sovaudit.parse.network.VrpStyle;

/**
 * The Huawei VRP dialect (VRP5 and VRP8: S/CE switches, AR routers, NE/CX routers, USG/Eudemon
 * firewalls): how its configuration is laid out and what its own commands name. The commands it
 * shares with H3C Comware are read by {@link VrpStyle}; what no rule understands goes to the
 * generic extractor. Stateless; one {@link #read} call keeps its state on its own stack.
 */
final class VrpDialect {

    /** Commands that enter a view, for flat scripts that rely on {@code quit}. */
    private static final Set<String> VIEW_COMMANDS = Set.of(
            "aaa", "interface", "user-interface", "bgp", "ospf", "ospfv3", "isis", "rip", "acl", "domain",
            "local-user-policy", "ipv4-family", "ipv6-family", "area", "vlan", "mpls", "telemetry",
            "destination-group", "sensor-group", "subscription", "ike", "ipsec", "traffic", "qos", "route-policy",
            "ip-prefix");

    static final ConfigSyntax SYNTAX = ConfigSyntax.builder()
            .comments("#", "!")
            .separators("#")
            .closeWords("quit")
            .endWords("return")
            .opensView(VrpDialect::opensView)
            .pagerMarkers("---- More ----")
            .prompt(DeviceDetection.VRP_PROMPT, "<[")
            .textBlock(VrpDialect::textBlock)
            .build();

    private static final Pattern SOFTWARE_HEADER = Pattern.compile("^!\\s*Software\\s+Version\\s+(V\\d{3}R\\d{3}[A-Z0-9]*)\\b.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VRP_VERSION = Pattern.compile(
            "^VRP\\s*\\(R\\)\\s*software,\\s*Version\\s+[0-9.]+\\s*\\(\\s*([A-Za-z0-9][A-Za-z0-9._-]{0,39})?\\s*(V\\d{3}R\\d{3}[A-Z0-9]*)\\s*\\).*",
            Pattern.CASE_INSENSITIVE);
    /** {@code CE6880-24S4Q2CQ-EI}, {@code S5735-L48T4XE-A-V2}: a board type as {@code device board N board-type} names it. */
    private static final Pattern BOARD_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{2,39}");
    private static final Pattern UPTIME = Pattern.compile("^HUAWEI\\s+([A-Za-z0-9][A-Za-z0-9._-]{1,39})\\b.*\\buptime\\s+is\\b.*",
            Pattern.CASE_INSENSITIVE);

    /** Longest line tried against the product patterns; version and model lines are short. */
    private static final int MAX_PRODUCT_LINE = 512;

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
        if (first.equals("hwtacacs") && words.size() >= 4) {
            // VRP8: hwtacacs server template NAME
            return words.get(1).equalsIgnoreCase("server") && words.get(2).equalsIgnoreCase("template");
        }
        if ((first.equals("ip") || first.equals("ipv6")) && words.size() >= 2) {
            return words.get(1).equalsIgnoreCase("vpn-instance") || words.get(1).equalsIgnoreCase("pool");
        }
        return VIEW_COMMANDS.contains(first);
    }

    /** {@code header login information "text..."}: the quoted banner may span lines. */
    private static String textBlock(List<String> words) {
        if (words.size() >= 3 && words.get(0).equalsIgnoreCase("header")) {
            String last = words.get(words.size() - 1);
            if (last.startsWith("\"")) {
                return "\"";
            }
        }
        return null;
    }

    /** Reads every line into {@code r}. */
    static void read(String text, DeviceReader r) {
        ConfigTokenizer.Result tokens = ConfigTokenizer.read(text, SYNTAX);
        r.problems(tokens.problems());
        String family = null;
        ConfigLine familyLine = null;
        boolean modelSeen = false;
        ConfigLine sysname = null;
        boolean returned = false;
        for (ConfigLine line : tokens.lines()) {
            if (line.comment()) {
                String w = line.word(0);
                if (w.length() == 1 && line.size() > 2 || w.length() > 1 && (w.charAt(1) == 'S' || w.charAt(1) == 's')) {
                    Matcher software = SOFTWARE_HEADER.matcher(line.text());
                    if (software.matches()) {
                        r.product(line, "Huawei VRP " + software.group(1).toUpperCase(Locale.ROOT));
                    }
                }
                continue;
            }
            char c = line.word(0).charAt(0);
            if ((c == 'V' || c == 'v' || c == 'H' || c == 'h') && line.raw().length() <= MAX_PRODUCT_LINE) {
                Matcher version = VRP_VERSION.matcher(line.text());
                if (version.matches()) {
                    r.product(line, "Huawei VRP " + version.group(2).toUpperCase(Locale.ROOT));
                    if (version.group(1) != null && family == null) {
                        family = version.group(1);
                        familyLine = line;
                    }
                    continue;
                }
                Matcher uptime = UPTIME.matcher(line.text());
                if (uptime.matches()) {
                    r.product(line, "Huawei " + uptime.group(1));
                    modelSeen = true;
                    continue;
                }
            }
            if (line.parent() == null && line.keyword(0).equals("sysname")) {
                sysname = line;
            } else if (line.parent() == null && line.size() == 1 && line.keyword(0).equals("return")) {
                returned = true;
            }
            if (command(line, r) || VrpStyle.read(line, r) || VrpStyle.local(line)) {
                continue;
            }
            r.leftovers(line, 0);
        }
        if (sysname != null && !returned) {
            r.out().error(0, "configuration has no closing 'return': the export may be truncated");
        }
        if (family != null && !modelSeen) {
            r.product(familyLine, "Huawei " + family);
        }
    }

    /** The commands only VRP writes; returns whether the line was one. */
    private static boolean command(ConfigLine line, DeviceReader r) {
        switch (line.keyword(0)) {
            case "hwtacacs-server", "radius-server" -> {
                String function = line.keyword(1);
                if (function.equals("authentication") || function.equals("authorization") || function.equals("accounting")) {
                    String protocol = line.keyword(0).equals("radius-server") ? "radius" : "hwtacacs";
                    r.add(line, VrpStyle.value(line, 2), Role.AAA_SERVER, protocol + " " + function);
                }
                return true;
            }
            case "hwtacacs", "radius" -> {
                // VRP8: hwtacacs server authentication 192.0.2.8 [vpn-instance V] [secondary], inside hwtacacs server template
                String function = line.keyword(2);
                if (line.keyword(1).equals("server") && (function.equals("authentication") || function.equals("authorization")
                        || function.equals("accounting"))) {
                    String protocol = line.keyword(0).equals("radius") ? "radius" : "hwtacacs";
                    r.add(line, VrpStyle.value(line, 3), Role.AAA_SERVER, protocol + " " + function);
                }
                return true;
            }
            case "device" -> {
                // device board 1 board-type CE6880-24S4Q2CQ-EI: the chassis (or a card) the software runs on
                int type = line.indexOf("board-type", 2);
                if (line.keyword(1).equals("board") && type > 0 && BOARD_TYPE.matcher(line.word(type + 1)).matches()) {
                    r.product(line, "Huawei " + line.word(type + 1).toUpperCase(Locale.ROOT));
                }
                return true;
            }
            case "ztp" -> {
                // ztp domain-type registration-center domain register.naas.huawei.com port 10020
                int domain = line.indexOf("domain", 2);
                if (domain > 0 && !line.word(domain + 1).isEmpty()) {
                    r.add(line, line.word(domain + 1), Role.DEVICE_MANAGEMENT, "ztp " + line.keyword(2));
                }
                return true;
            }
            case "dns" -> {
                // BRAS AAA domain: dns primary-ip | second-ip | primary-ipv6 | second-ipv6 ADDRESS, handed to subscribers
                ConfigLine domain = line.enclosing("domain");
                if (domain != null && domain.parent() != null && line.keyword(1).matches("(primary|second|secondary)-ipv?6?")) {
                    r.add(line, line.word(2), Role.DNS_RESOLVER, "subscriber");
                    return true;
                }
                return false;
            }
            case "dns-server" -> {
                // ip pool P bas local / ipv6 pool P: dns-server A [B]: resolvers handed to DHCP and PPPoE clients
                if (line.enclosing("ip", "pool") != null || line.enclosing("ipv6", "pool") != null) {
                    for (int i = 1; i < line.size(); i++) {
                        r.add(line, line.word(i), Role.DNS_RESOLVER, "dhcp");
                    }
                    return true;
                }
                return false;
            }
            case "section", "gateway", "prefix", "redirect", "excluded-ip-address" -> {
                // address pool ranges, pool gateways, delegated prefixes, policy-routing next hops: the device's own addressing
                return line.parent() != null;
            }
            case "cloud-mng" -> {
                if (line.keyword(1).equals("controller")) {
                    String value = VrpStyle.value(line, 2);
                    if (line.keyword(2).equals("url") || line.keyword(2).equals("domain") || line.keyword(2).equals("ip-address")) {
                        value = line.word(3);
                    }
                    r.addUrlOrHost(line, value, Role.DEVICE_MANAGEMENT, "cloud-mng");
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
