package org.sovaudit.parse.network.cisco;

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
 * The Cisco dialect, in its two flavours: IOS and IOS-XE, and NX-OS. Both lay a configuration out
 * the same way ({@code !} separators, indented blocks, {@code end}); most commands are the IOS
 * family's and are read by {@link IosStyle}. What Cisco alone writes: {@code show version} lines
 * (kept by RANCID and Oxidized as comments), {@code license udi}, the Plug and Play cloud
 * ({@code pnp profile} / {@code transport https host}), Smart Call Home and Smart Licensing
 * destinations, PKI enrolment URLs, and NX-OS's {@code vrf context} and {@code callhome}.
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
    private static final Pattern CONFIG_VERSION = Pattern.compile("^version\\s+(\\d+\\.\\d+(?:\\(\\d+[A-Za-z0-9.]*\\))?).*");

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

    /** {@code banner motd ^C ... ^C}: the delimiter is the first character (or {@code ^C}) of the text. */
    private static String textBlock(List<String> words) {
        if (words.size() >= 3 && words.get(0).equalsIgnoreCase("banner")) {
            String text = words.get(2);
            return text.startsWith("^C") ? "^C" : text.substring(0, 1);
        }
        return null;
    }

    static void read(String text, DeviceReader r, Flavor flavor) {
        ConfigTokenizer.Result tokens = ConfigTokenizer.read(text, SYNTAX);
        r.problems(tokens.problems());
        Products products = new Products();
        boolean fullExport = false;
        ConfigLine hostname = null;
        boolean ended = false;
        for (ConfigLine line : tokens.lines()) {
            if (products.read(line, r)) {
                continue;
            }
            if (line.comment()) {
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
            if (command(line, r) || IosStyle.read(line, r) || IosStyle.local(line) || LOCAL.contains(k0)) {
                continue;
            }
            r.leftovers(line, 0);
        }
        products.finish(r, flavor);
        if (flavor == Flavor.IOS && fullExport && hostname != null && !ended) {
            r.out().error(0, "configuration has no closing 'end': the export may be truncated");
        }
    }

    /** The commands only Cisco writes; returns whether the line was one. */
    private static boolean command(ConfigLine line, DeviceReader r) {
        switch (line.keyword(0)) {
            case "transport" -> {
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
                if (line.enclosing("call-home") != null || line.enclosing("callhome") != null
                        || line.keyword(0).equals("destination-profile")) {
                    urls(line, Role.DEVICE_MANAGEMENT, "call-home", r);
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
