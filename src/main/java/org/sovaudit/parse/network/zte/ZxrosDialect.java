package org.sovaudit.parse.network.zte;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.Role;
import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.ConfigSyntax;
import org.sovaudit.parse.ConfigTokenizer;
import org.sovaudit.parse.network.DeviceReader;
import org.sovaudit.parse.network.IosStyle;

/**
 * The ZTE ZXROS dialect (ZXR10 M6000 and 5900/6100 series routers and switches, ZXAN OLTs):
 * {@code show running-config} groups commands in {@code !<section>} ... {@code !</section>} tags
 * and ends blocks with {@code $}, and writes most commands the IOS way (read by {@link IosStyle}).
 * What ZXROS alone writes: {@code syslog-server host}, {@code ip dns server},
 * {@code ipv4-access-list} with {@code rule} lines, {@code access-class ipv4 ACL} on management
 * services, and AAA servers inside {@code radius}/{@code tacacs} groups ({@code server 1 ADDRESS}).
 */
final class ZxrosDialect {

    private static final Set<String> VIEW_COMMANDS = Set.of(
            "interface", "router", "vrf", "address-family", "ipv4-access-list", "ipv6-access-list", "line",
            "system-user", "authentication-template", "authorization-template", "user-name",
            "aaa-authentication-template", "aaa-authorization-template", "radius", "tacacs", "tacplus",
            "class-map", "policy-map", "class", "ptp", "ssm", "spantree", "lacp", "vpws", "vpls", "access-point",
            "pseudo-wire", "l2vpn", "mpls", "telemetry", "destination-group", "sensor-group", "subscription",
            "pon", "gpon", "pon-onu-mng", "netconf", "dcn", "ipfix", "exporter");

    static final ConfigSyntax SYNTAX = ConfigSyntax.builder()
            .comments("!")
            .separators("!")
            .closeWords("$", "exit")
            .endWords("end")
            .opensView(ZxrosDialect::opensView)
            .pagerMarkers("--More--", " --More-- ")
            .textBlock(ZxrosDialect::textBlock)
            .build();

    /** Local commands ZXROS adds to the IOS family's. */
    private static final Set<String> LOCAL = Set.of(
            "syslog", "alarm", "performance", "load-sharing", "nsr", "mgmt-eth", "dcn", "commit-mode", "ssm",
            "synchronization-clock", "priority", "port-receive-mode", "receive-quality", "rule", "pon", "gpon",
            "onu", "tcont", "gemport", "service-port", "vport", "spantree", "lacp", "smartgroup", "loopback-detection",
            "loopback-detect", "tpid", "traffic-profile", "eth-switch", "quick-ping", "discard-packet-mode",
            "ecmp-mode", "vgw-bypass", "add-card", "fiber-distance", "uncfg-onu-aging-time", "onu-type",
            "onu-type-if", "wdm-pon", "pon-onu-mng", "login", "system-user", "authorization-template",
            "authentication-template", "bind", "local-privilege-level", "global-user-aging", "user-authen-restriction",
            "user-name", "password", "strong-username", "strong-password", "once-password",
            "aaa-authentication-template", "aaa-authorization-template", "aaa-authentication-type",
            "aaa-authorization-type", "security", "fec", "accept", "buffer", "interval", "snetconf", "netconf",
            "ipv4-access-list", "ipv6-access-list", "$", "ptp", "enable", "domain", "state-algorithm", "free-mode",
            "network-protocol", "transmit-mode", "manual-port-state", "sync-interval", "delay-req-interval",
            "usessm", "statistics", "bandwidth-remaining", "priority-level", "queue-limit", "random-detect",
            "permit", "tacacs", "radius", "tacplus", "aaa-accounting-template");

    /** {@code ZXROS Version V5.00.10.21}, {@code ZXR10 ... Software, Version: V5.00.10}. */
    private static final Pattern VERSION = Pattern.compile(
            "(?i).*\\b(?:ZXROS|ZXR10)\\b.*?\\bVersion\\b[:\\s]+V?(\\d+\\.\\d+\\.\\d+[0-9A-Za-z._-]*).*");
    /** {@code ZXR10 M6000-8S PLUS}, {@code ZXR10 5960-56QU-HI}. */
    private static final Pattern MODEL = Pattern.compile(
            "(?i).*\\bZXR10\\s+((?:M|T|ZSR|C)?\\d{3,5}[A-Za-z0-9-]*(?:\\s+PLUS)?)\\b.*");

    /** Longest line tried against the product patterns; version and model lines are short. */
    private static final int MAX_PRODUCT_LINE = 512;

    private ZxrosDialect() {
    }

    private static boolean opensView(List<String> words) {
        String first = words.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("ip") && words.size() >= 2) {
            return words.get(1).equalsIgnoreCase("vrf");
        }
        return VIEW_COMMANDS.contains(first);
    }

    /** {@code banner incoming #} ... {@code #}: a one-character delimiter. */
    private static String textBlock(List<String> words) {
        if (words.size() >= 3 && words.get(0).equalsIgnoreCase("banner")) {
            String d = words.get(2);
            if (!Character.isLetterOrDigit(d.charAt(0))) {
                return d.substring(0, 1);
            }
        }
        return null;
    }

    static void read(String text, DeviceReader r) {
        ConfigTokenizer.Result tokens = ConfigTokenizer.read(text, SYNTAX);
        r.problems(tokens.problems());
        for (ConfigLine line : tokens.lines()) {
            if (product(line, r) || line.comment()) {
                continue;
            }
            if (command(line, r) || IosStyle.read(line, r) || IosStyle.local(line) || LOCAL.contains(line.keyword(0))) {
                continue;
            }
            r.leftovers(line, 0);
        }
    }

    /** {@code show version} lines (also in comments); returns whether the line was one. */
    private static boolean product(ConfigLine line, DeviceReader r) {
        String raw = line.raw();
        if (raw.length() > MAX_PRODUCT_LINE || raw.indexOf("ZXR") < 0 && raw.indexOf("zxr") < 0 && raw.indexOf("Zxr") < 0) {
            return false;
        }
        String t = line.text();
        boolean found = false;
        Matcher model = MODEL.matcher(t);
        if (model.matches()) {
            r.product(line, "ZTE ZXR10 " + model.group(1).toUpperCase(Locale.ROOT));
            found = true;
        }
        Matcher version = VERSION.matcher(t);
        if (version.matches()) {
            r.product(line, "ZTE ZXR10 V" + version.group(1));
            found = true;
        }
        return found;
    }

    /** The commands only ZXROS writes; returns whether the line was one. */
    private static boolean command(ConfigLine line, DeviceReader r) {
        String k0 = line.keyword(0);
        switch (k0) {
            case "syslog-server" -> {
                if (line.keyword(1).equals("host")) {
                    r.add(line, IosStyle.firstValue(line, 2), Role.LOG_SINK, "");
                }
                return true;
            }
            case "rule" -> {
                if (line.enclosing("ipv4-access-list") != null || line.enclosing("ipv6-access-list") != null) {
                    IosStyle.permitRule(line, line.keyword(1).equals("permit") ? 1 : 2, r);
                }
                return true;
            }
            case "server" -> {
                ConfigLine group = line.parent();
                if (group != null && (group.keyword(0).equals("radius") || group.keyword(0).startsWith("tacacs")
                        || group.keyword(0).equals("tacplus"))) {
                    String protocol = group.keyword(0).equals("radius") ? "radius" : "tacacs+";
                    String function = group.keyword(1).startsWith("accounting") ? " accounting"
                            : group.keyword(1).startsWith("authorization") ? " authorization" : " authentication";
                    int at = line.size() > 2 && line.word(1).chars().allMatch(Character::isDigit) ? 2 : 1;
                    r.add(line, IosStyle.firstValue(line, at), Role.AAA_SERVER, protocol + function);
                    return true;
                }
                return false;
            }
            case "ip" -> {
                if (line.keyword(1).equals("dns") && line.keyword(2).equals("server")) {
                    for (int i = 3; i < line.size(); i++) {
                        if (line.keyword(i).equals("vrf")) {
                            i++;
                            continue;
                        }
                        r.add(line, line.word(i), Role.DNS_RESOLVER, "", "ip dns server");
                    }
                    return true;
                }
                return false;
            }
            default -> {
                int acl = line.indexOf("access-class", 1);
                if (acl > 0) {
                    String k = line.keyword(acl + 1);
                    String name = k.equals("ipv4") || k.equals("ipv6") ? line.word(acl + 2) : line.word(acl + 1);
                    r.acls().apply(name, k0.equals("line") ? line.keyword(1) : k0);
                    return true;
                }
                return false;
            }
        }
    }
}
