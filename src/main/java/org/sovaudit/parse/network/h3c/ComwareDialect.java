package org.sovaudit.parse.network.h3c;

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
 * The H3C Comware dialect (Comware 5 and 7: S-series switches, MSR routers, SecPath firewalls, and
 * HPE FlexNetwork switches that run Comware): layout and its own commands. Comware began as a
 * branch of VRP; the commands both still write alike are read by {@link VrpStyle}. What Comware
 * alone writes: {@code hwtacacs scheme} and {@code radius scheme} with {@code primary} and
 * {@code secondary} servers, portal (web authentication) servers ({@code portal server NAME ip A url U}
 * in Comware 5, {@code portal server} and {@code portal web-server} views in Comware 7), the H3C cloud
 * connection ({@code cloud-management server domain}),
 * {@code line vty} and the version header ({@code version 7.1.070, Release 6728P21}).
 */
final class ComwareDialect {

    private static final Set<String> VIEW_COMMANDS = Set.of(
            "interface", "user-interface", "line", "bgp", "ospf", "ospfv3", "isis", "rip", "acl", "domain",
            "local-user", "hwtacacs", "radius", "vlan", "telemetry", "destination-group", "sensor-group",
            "subscription", "ike", "ipsec", "traffic", "qos", "route-policy", "irf-port", "address-family");

    static final ConfigSyntax SYNTAX = ConfigSyntax.builder()
            .comments("#")
            .separators("#")
            .closeWords("quit")
            .endWords("return")
            .opensView(ComwareDialect::opensView)
            .pagerMarkers("---- More ----")
            .prompt(DeviceDetection.VRP_PROMPT, "<[")
            .textBlock(ComwareDialect::textBlock)
            .build();

    /** {@code version 7.1.070, Release 6728P21} or {@code version 5.20.99, Release 1106}. */
    private static final Pattern VERSION = Pattern.compile("^version\\s+(\\d+\\.\\d+(?:\\.\\d+)?)\\s*,.*", Pattern.CASE_INSENSITIVE);
    /** {@code H3C Comware Software, Version 7.1.070, Release 6728P21}. */
    private static final Pattern DISPLAY_VERSION = Pattern.compile(
            "^(H3C|HPE|HP)\\s+Comware\\s+(?:Platform\\s+)?Software,\\s*Version\\s+(\\d+\\.\\d+(?:\\.\\d+)?)\\b.*", Pattern.CASE_INSENSITIVE);
    /**
     * {@code Comware Software, Version 5.20, Release 2202}: the second line of the two-line form,
     * after {@code H3C Comware Platform Software}, which names the vendor.
     */
    private static final Pattern SOFTWARE_LINE = Pattern.compile(
            "^Comware\\s+Software,?\\s*Version\\s+(\\d+\\.\\d+(?:\\.\\d+)?)\\b.*", Pattern.CASE_INSENSITIVE);
    /** {@code H3C Comware Platform Software}: the first line of the two-line form. */
    private static final Pattern PLATFORM_LINE = Pattern.compile("^(H3C|HPE|HP)\\s+Comware\\s+Platform\\s+Software\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** {@code H3C S6850-56HF uptime is 0 weeks, ...}. */
    private static final Pattern UPTIME = Pattern.compile("^(H3C|HPE|HP)\\s+([A-Za-z0-9][A-Za-z0-9._-]{1,39})\\s+uptime\\s+is\\b.*",
            Pattern.CASE_INSENSITIVE);

    /** Longest line tried against the product patterns; version and model lines are short. */
    private static final int MAX_PRODUCT_LINE = 512;

    private ComwareDialect() {
    }

    private static boolean opensView(List<String> words) {
        String first = words.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("vlan")) {
            return words.size() == 2;
        }
        if (first.equals("ip") && words.size() >= 2) {
            return words.get(1).equalsIgnoreCase("vpn-instance");
        }
        if (first.equals("dhcp") && words.size() >= 3) {
            return words.get(1).equalsIgnoreCase("server") && words.get(2).equalsIgnoreCase("ip-pool");
        }
        return VIEW_COMMANDS.contains(first);
    }

    /** {@code header motd %text%}: the first character of the text is its delimiter. */
    private static String textBlock(List<String> words) {
        if (words.size() >= 3 && words.get(0).equalsIgnoreCase("header")) {
            return words.get(2).substring(0, 1);
        }
        return null;
    }

    static void read(String text, DeviceReader r) {
        ConfigTokenizer.Result tokens = ConfigTokenizer.read(text, SYNTAX);
        r.problems(tokens.problems());
        ConfigLine sysname = null;
        boolean returned = false;
        String platformVendor = null;
        for (ConfigLine line : tokens.lines()) {
            if (line.comment()) {
                continue;
            }
            if (product(line, r)) {
                continue;
            }
            char c = line.word(0).charAt(0);
            if ((c == 'c' || c == 'C' || c == 'h' || c == 'H') && line.raw().length() <= MAX_PRODUCT_LINE) {
                Matcher platform = PLATFORM_LINE.matcher(line.text());
                if (platform.matches()) {
                    platformVendor = vendor(platform.group(1));
                    continue;
                }
                Matcher software = SOFTWARE_LINE.matcher(line.text());
                if (software.matches()) {
                    r.product(line, (platformVendor == null ? "H3C" : platformVendor) + " Comware " + software.group(1));
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
    }

    /** The version header and {@code display version} lines; returns whether the line was one. */
    private static boolean product(ConfigLine line, DeviceReader r) {
        char c = line.word(0).charAt(0);
        if (line.raw().length() > MAX_PRODUCT_LINE) {
            return false;
        }
        if (c == 'v' || c == 'V') {
            Matcher version = VERSION.matcher(line.text());
            if (version.matches() && line.parent() == null) {
                r.product(line, "H3C Comware " + version.group(1));
                return true;
            }
        } else if (c == 'h' || c == 'H') {
            Matcher display = DISPLAY_VERSION.matcher(line.text());
            if (display.matches()) {
                r.product(line, vendor(display.group(1)) + " Comware " + display.group(2));
                return true;
            }
            Matcher uptime = UPTIME.matcher(line.text());
            if (uptime.matches()) {
                r.product(line, vendor(uptime.group(1)) + " " + uptime.group(2));
                return true;
            }
        }
        return false;
    }

    private static String vendor(String written) {
        return written.toUpperCase(Locale.ROOT).equals("H3C") ? "H3C" : "HPE";
    }

    /** The commands only Comware writes; returns whether the line was one. */
    private static boolean command(ConfigLine line, DeviceReader r) {
        switch (line.keyword(0)) {
            case "primary", "secondary" -> {
                ConfigLine scheme = line.parent();
                String function = line.keyword(1);
                if (scheme != null && (scheme.startsWith("hwtacacs", "scheme") || scheme.startsWith("radius", "scheme"))
                        && (function.equals("authentication") || function.equals("authorization") || function.equals("accounting"))) {
                    r.add(line, VrpStyle.value(line, 2), Role.AAA_SERVER, scheme.keyword(0) + " " + function);
                }
                return true;
            }
            case "portal" -> {
                // Comware 5: portal server NAME ip A [key ...] url U; free rules and interface bindings name no party
                if (line.keyword(1).equals("server") && line.size() > 3) {
                    portalServer(line, 3, r);
                }
                return true;
            }
            case "ip", "ipv6", "url" -> {
                // Comware 7: portal server NAME / ip A key ...; portal web-server NAME / url U
                ConfigLine view = line.parent();
                if (view == null || !view.keyword(0).equals("portal")
                        || !(view.keyword(1).equals("server") || view.keyword(1).equals("web-server"))) {
                    return false;
                }
                portalServer(line, 0, r);
                return true;
            }
            case "cloud-management" -> {
                String k1 = line.keyword(1);
                if (k1.equals("server") || k1.equals("backup-server")) {
                    int domain = line.indexOf("domain", 2);
                    String value = domain > 0 ? line.word(domain + 1) : VrpStyle.value(line, 2);
                    r.add(line, value, Role.DEVICE_MANAGEMENT, "cloud-management");
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The {@code ip}, {@code ipv6} and {@code url} values of a portal (web authentication) server, from word {@code from}. */
    private static void portalServer(ConfigLine line, int from, DeviceReader r) {
        for (int i = from; i + 1 < line.size(); i++) {
            String k = line.keyword(i);
            if (k.equals("ip") || k.equals("ipv6")) {
                r.add(line, line.word(i + 1), Role.AAA_SERVER, "portal");
            } else if (k.equals("url")) {
                r.addUrlOrHost(line, line.word(i + 1), Role.AAA_SERVER, "portal");
            }
        }
    }
}
