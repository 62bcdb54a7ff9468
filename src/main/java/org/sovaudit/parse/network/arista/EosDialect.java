package org.sovaudit.parse.network.arista;

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
 * The Arista EOS dialect: laid out like IOS ({@code !} separators, three-space indentation,
 * {@code end}), with most commands the IOS family's (read by {@link IosStyle}). What EOS alone
 * writes: the {@code ! device: NAME (MODEL, EOS-VERSION)} header, the CloudVision agent
 * ({@code daemon TerminAttr} with {@code -cvaddr=}), CVX servers, InfluxDB telemetry destinations
 * ({@code monitor telemetry influx}), {@code dns domain}, ACLs applied
 * under {@code management ssh}, {@code management api} and {@code system control-plane}, and
 * banners that end with {@code EOF}.
 */
final class EosDialect {

    private static final Set<String> VIEW_COMMANDS = Set.of(
            "interface", "router", "vrf", "address-family", "management", "daemon", "ip", "ipv6", "aaa", "mlag",
            "route-map", "policy-map", "class-map", "system", "control-plane", "flow", "tracker", "exporter",
            "monitor", "queue-monitor", "vlan", "sflow");

    static final ConfigSyntax SYNTAX = ConfigSyntax.builder()
            .comments("!")
            .separators("!")
            .separatorsYieldToIndentation(true)
            .closeWords("exit")
            .endWords("end")
            .opensView(words -> VIEW_COMMANDS.contains(words.get(0).toLowerCase(Locale.ROOT)) && words.size() > 1)
            .pagerMarkers("--More--")
            .textBlock(EosDialect::textBlock)
            .build();

    /** {@code ! device: leaf1 (DCS-7050SX3-48YC12, EOS-4.31.2F)}. */
    private static final Pattern DEVICE = Pattern.compile("^!\\s*device:\\s*\\S+\\s*\\(\\s*([A-Za-z0-9][A-Za-z0-9._+-]*)\\s*,\\s*EOS-([0-9][0-9A-Za-z.-]*)\\s*\\).*");
    /** {@code ! boot system flash:/EOS-4.31.2F.swi}. */
    private static final Pattern BOOT = Pattern.compile("^!\\s*boot system flash:/?EOS-([0-9][0-9A-Za-z.-]*?)\\.swi.*", Pattern.CASE_INSENSITIVE);
    /** {@code Software image version: 4.31.2F}. */
    private static final Pattern IMAGE = Pattern.compile("^Software image version:\\s*([0-9][0-9A-Za-z.-]*).*", Pattern.CASE_INSENSITIVE);
    /** {@code Arista DCS-7280SR-48C6-F}, the first line of {@code show version}. */
    private static final Pattern MODEL = Pattern.compile("^Arista\\s+((?:DCS|CCS|vEOS|cEOS)[A-Za-z0-9._+-]*)\\s*$");

    /** Local commands EOS adds to the IOS family's. */
    private static final Set<String> LOCAL = Set.of(
            "service", "transceiver", "aaa", "username", "role", "management", "daemon", "system", "queue-monitor",
            "hardware", "platform", "mlag", "switchport", "vxlan", "tap", "tool", "ptp", "event-monitor",
            "agent", "errdisable", "load-balance", "port-channel", "shutdown", "ip", "ipv6", "logging", "snmp-server",
            "ntp", "sflow", "router", "protocol", "idle-timeout", "authentication", "exec", "option", "option-args",
            "server", "prompt", "terminal", "spanning-tree");

    /** Longest line tried against the product patterns; version and model lines are short. */
    private static final int MAX_PRODUCT_LINE = 512;

    private EosDialect() {
    }

    /** {@code banner login} / {@code banner motd}: the text ends at a line {@code EOF}. */
    private static String textBlock(List<String> words) {
        return words.size() == 2 && words.get(0).equalsIgnoreCase("banner") ? "EOF" : null;
    }

    static void read(String text, DeviceReader r) {
        ConfigTokenizer.Result tokens = ConfigTokenizer.read(text, SYNTAX);
        r.problems(tokens.problems());
        boolean header = false;
        boolean ended = false;
        boolean versionSeen = false;
        ConfigLine boot = null;
        String bootVersion = null;
        for (ConfigLine line : tokens.lines()) {
            boolean productLine = line.raw().length() <= MAX_PRODUCT_LINE;
            if (line.comment()) {
                if (!productLine) {
                    continue;
                }
                String t = line.text();
                Matcher device = t.length() > 8 && t.indexOf("device:") > 0 ? DEVICE.matcher(t) : null;
                if (device != null && device.matches()) {
                    r.product(line, "Arista EOS " + device.group(2));
                    r.product(line, "Arista " + device.group(1));
                    header = true;
                    versionSeen = true;
                } else if (t.indexOf("boot system") > 0) {
                    Matcher m = BOOT.matcher(t);
                    if (m.matches() && boot == null) {
                        boot = line;
                        bootVersion = m.group(1);
                    }
                } else if (t.indexOf("Command:") > 0) {
                    header = true;
                }
                continue;
            }
            char c = line.word(0).charAt(0);
            if (productLine && (c == 'S' || c == 's' || c == 'A')) {
                String t = line.text();
                Matcher image = IMAGE.matcher(t);
                if (image.matches()) {
                    r.product(line, "Arista EOS " + image.group(1));
                    versionSeen = true;
                    continue;
                }
                Matcher model = MODEL.matcher(t);
                if (model.matches()) {
                    r.product(line, "Arista " + model.group(1));
                    continue;
                }
            }
            if (line.parent() == null && line.size() == 1 && line.keyword(0).equals("end")) {
                ended = true;
            }
            if (command(line, r) || IosStyle.read(line, r) || IosStyle.local(line) || LOCAL.contains(line.keyword(0))) {
                continue;
            }
            r.leftovers(line, 0);
        }
        if (!versionSeen && boot != null) {
            r.product(boot, "Arista EOS " + bootVersion);
        }
        if (header && !ended) {
            r.out().error(0, "configuration has no closing 'end': the export may be truncated");
        }
    }

    /** The commands only EOS writes; returns whether the line was one. */
    private static boolean command(ConfigLine line, DeviceReader r) {
        switch (line.keyword(0)) {
            case "exec" -> {
                ConfigLine daemon = line.enclosing("daemon");
                if (daemon == null) {
                    return false;
                }
                for (int i = 1; i < line.size(); i++) {
                    String w = line.word(i);
                    int eq = w.indexOf('=');
                    String flag = eq < 0 ? "" : w.substring(0, eq).toLowerCase(Locale.ROOT).replaceFirst("^-+", "");
                    if (flag.equals("cvaddr") || flag.equals("ingestgrpcurl")) {
                        for (String address : w.substring(eq + 1).split(",", 16)) {
                            r.addUrlOrHost(line, address, Role.DEVICE_MANAGEMENT, "cloudvision");
                        }
                    }
                }
                return true;
            }
            case "server" -> {
                if (line.enclosing("management", "cvx") != null && line.keyword(1).equals("host")) {
                    r.add(line, line.word(2), Role.DEVICE_MANAGEMENT, "cvx");
                    return true;
                }
                return false;
            }
            case "url" -> {
                ConfigLine influx = line.enclosing("monitor", "telemetry", "influx");
                if (influx == null) {
                    return false;
                }
                // destination influxdb NAME / url https://...: the collector the device pushes its counters to;
                // source socket NAME / url unix:///...: a local socket other agents write to.
                if (line.parent() != null && line.parent().keyword(0).equals("destination")) {
                    r.addUrlOrHost(line, line.word(1), Role.FLOW_COLLECTOR, "telemetry influx");
                }
                return true;
            }
            case "dns" -> {
                if (line.keyword(1).equals("domain")) {
                    r.domain(line, line.word(2));
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
