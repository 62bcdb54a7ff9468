package org.sovaudit.parse.network;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.SourceFile;

/**
 * Which device dialect a file is written in, judged from its first {@value #SNIFF_BYTES} bytes
 * and its name together: a router export named {@code backup.txt} is still recognised. Every
 * family has markers, each worth points; a family's score is the sum over the distinct markers
 * found. The family with the highest score of at least {@value #THRESHOLD} wins; a tie goes to the
 * more generic family ({@link DeviceFamily} order). Every network parser accepts a file exactly when
 * this judgement names its family, so no dialect can take another's files.
 *
 * <p>Markers (points; "top" means at the start of an unindented line):
 * <ul>
 * <li>Huawei VRP: {@code !Software Version V...} header (3), {@code display version} output (3),
 * {@code hwtacacs-server template}, {@code radius-server template}, {@code stelnet server enable},
 * {@code vlan batch}, {@code cloud-mng} (2 each), a top-level {@code aaa} view,
 * {@code user-interface}, Huawei interface names (Vlanif, Eth-Trunk, 10GE), VRP CLI prompts (1 each).</li>
 * <li>H3C Comware: {@code version 7.1.070, Release 6728P21} (3), {@code display version} output (3),
 * {@code hwtacacs scheme}, {@code radius scheme}, {@code $c$}/{@code $h$} ciphers, H3C interface
 * names (Vlan-interface, Ten-GigabitEthernet, Bridge-Aggregation), {@code irf},
 * {@code cloud-management}, {@code local-user ... class}, {@code line class} (2 each),
 * {@code domain system}, {@code user-role network-*} (1 each).</li>
 * <li>Shared by VRP and Comware (1 each): top {@code sysname}, top {@code return}, {@code undo},
 * {@code info-center}, {@code snmp-agent}, {@code ntp-service}, {@code ip route-static},
 * {@code local-user}, {@code dns server}, {@code ip vpn-instance}, three or more {@code #} separators.</li>
 * <li>Cisco IOS and IOS-XE: {@code show version} lines ({@code Cisco IOS Software},
 * {@code Cisco IOS XE Software}), the IOS XR ({@code !! IOS XR Configuration}) and ASA
 * ({@code ASA Version}) headers (3), {@code Building configuration...},
 * {@code Current configuration : N bytes}, {@code boot-start-marker}, {@code license udi} (2 each),
 * {@code version 15.2} (no parentheses), {@code service timestamps},
 * {@code service password-encryption}, {@code aaa new-model}, {@code line con 0},
 * {@code line vty 0 4}, IOS interface names (GigabitEthernet, FastEthernet, Serial, Dialer),
 * {@code ! Last configuration change at}, {@code ip http server}, {@code ip domain name},
 * {@code crypto pki}, {@code ip sla} (1 each), a top IOS XR {@code ipsla} (2).</li>
 * <li>Cisco NX-OS: {@code version 9.3(10)} (parentheses), {@code boot nxos}, {@code show version}
 * ({@code Cisco Nexus Operating System}) (3 each), {@code !Command: show running-config} (no blank
 * after {@code !}), {@code !Time:}, top {@code feature}, {@code vrf context}, {@code use-vrf},
 * {@code interface mgmt0}, {@code switchname} (2 each), {@code copp profile} (1).</li>
 * <li>Arista EOS: {@code ! device: name (DCS-..., EOS-...)} header, {@code daemon TerminAttr} (3
 * each), {@code ! boot system flash:}, {@code transceiver qsfp}, {@code service routing protocols
 * model}, {@code management api}, {@code interface Management1}, {@code secret sha512},
 * {@code aaa root}, {@code Software image version} (2 each), {@code ! Command: show running-config}
 * (with a blank), {@code dns domain}, {@code management ssh} (1 each).</li>
 * <li>Shared by IOS, NX-OS and EOS (1 each): top {@code hostname}, top {@code end},
 * {@code ip name-server}, {@code snmp-server}, {@code ntp server}, {@code router bgp}, three or more
 * {@code !} separators.</li>
 * <li>ZTE ZXROS/ZXR10: two or more {@code !<section>} / {@code !</section>} tags (3), three or more
 * {@code $} block ends, ZTE interface names (gei-, xgei-, smartgroup), {@code syslog-server},
 * {@code ipv4-access-list}, the words ZXR10 or ZXROS (2 each), {@code mgmt_eth}, and the
 * IOS-style {@code hostname}, {@code ntp server}, {@code snmp-server}, {@code router bgp} (1 each).</li>
 * <li>Juniper Junos: {@code version 22.4R3.25;} or {@code set version} (3), {@code ## Last commit:}
 * (3), {@code show version} ({@code Junos: 22.4R3}) (3), top {@code system {}, {@code routing-options},
 * {@code ## SECRET-DATA}, Junos interface names in set form (ge-, xe-, et-, lo0, fxp0, irb, ae),
 * {@code set system services|syslog|login|root-authentication}, a {@code set} under a hierarchy only Junos
 * has ({@code routing-instances}, {@code policy-options}, {@code security}, {@code snmp}, {@code access} ...)
 * (2 each), top {@code interfaces {},
 * {@code protocols}, {@code set system}, ten or more lines ending in {@code ;} (1 each).</li>
 * <li>Any family: the {@code RANCID-CONTENT-TYPE} header RANCID writes ({@code cisco}, {@code cisco-xr}:
 * IOS; {@code cisco-nx}: NX-OS; {@code arista}, {@code juniper}, {@code mikrotik} ...) (3).</li>
 * <li>MikroTik RouterOS: {@code # ... by RouterOS 7.14.2} header (3), {@code # software id =},
 * {@code [ find default...} (2 each), {@code # model =} (1), each distinct menu ({@code /ip},
 * {@code /interface}, {@code /system} ...) 1, at most 3; a {@code .rsc} file name (1).</li>
 * </ul>
 */
public final class DeviceDetection {

    /** How much of a file is looked at. */
    public static final int SNIFF_BYTES = 64 * 1024;

    /** Fewest points a family needs. */
    static final int THRESHOLD = 3;

    private static final int MAX_LINES = 4_000;

    /** {@code <PE1>}, {@code [PE1]}, {@code [~PE1-aaa]}: Huawei and H3C CLI prompts in captured sessions. */
    public static final Pattern VRP_PROMPT = Pattern.compile("^\\s*(?:<[^<>\\s]{1,64}>|\\[[~*]?[^\\[\\]\\s]{1,96}\\])\\s*");

    private static final Pattern NXOS_VERSION = Pattern.compile("^version \\d+\\.\\d+\\(\\d+[a-z0-9.]*\\).*");
    private static final Pattern IOS_VERSION = Pattern.compile("^version \\d+\\.\\d+$");
    private static final Pattern COMWARE_VERSION = Pattern.compile("^version \\d+\\.\\d+\\.?\\d*, (?:ess |release )?\\w+.*");

    /** Top-level RouterOS menus, as {@code /export} writes them. */
    private static final Set<String> ROUTEROS_MENUS = Set.of(
            "interface", "ip", "ipv6", "system", "routing", "tool", "user", "snmp", "radius", "queue", "ppp",
            "certificate", "caps-man", "mpls", "port", "container", "disk", "file", "special-login", "user-manager",
            "zerotier", "iot", "lcd", "console", "dude", "log");

    /**
     * Top-level hierarchies only Junos writes in {@code display set} form (VyOS, the other
     * {@code set system} dialect, has none of them).
     */
    private static final Set<String> JUNOS_SET_HIERARCHIES = Set.of(
            "routing-instances", "policy-options", "security", "chassis", "logical-systems", "snmp",
            "forwarding-options", "class-of-service", "access", "groups", "apply-groups", "vlans", "switch-options",
            "applications", "ethernet-switching-options", "virtual-chassis", "event-options", "poe", "multi-chassis");

    private static final DeviceFamily[] VRP_LIKE = {DeviceFamily.VRP, DeviceFamily.COMWARE};
    private static final DeviceFamily[] IOS_LIKE = {DeviceFamily.IOS, DeviceFamily.NXOS, DeviceFamily.EOS};
    private static final DeviceFamily[] IOS_STYLE = {DeviceFamily.IOS, DeviceFamily.NXOS, DeviceFamily.EOS, DeviceFamily.ZXROS};

    /** The last judgement on this thread: the registry asks every network parser about the same file in turn. */
    private static final ThreadLocal<Cached> LAST = new ThreadLocal<>();

    private record Cached(String path, String sha256, Optional<DeviceFamily> family) {
    }

    /** A judgement: the winning family (empty when none reaches the threshold) and every score. */
    public record Verdict(Optional<DeviceFamily> family, Map<DeviceFamily, Integer> scores) {
    }

    private DeviceDetection() {
    }

    /** The family {@code file} is written in, or empty when it is no device configuration we read. */
    public static Optional<DeviceFamily> of(SourceFile file) {
        Cached last = LAST.get();
        if (last != null && last.path().equals(file.path()) && last.sha256().equals(file.sha256())) {
            return last.family();
        }
        Optional<DeviceFamily> family = judge(file.name(), file.head(SNIFF_BYTES)).family();
        LAST.set(new Cached(file.path(), file.sha256(), family));
        return family;
    }

    /** Scores {@code head} (the start of a file called {@code name}) for every family. */
    public static Verdict judge(String name, String head) {
        Scores s = new Scores();
        int hashes = 0;
        int bangs = 0;
        int dollars = 0;
        int tags = 0;
        int semicolons = 0;
        Set<String> menus = new HashSet<>();
        int lines = 0;
        int start = 0;
        int length = head.length();
        while (start < length && lines < MAX_LINES) {
            int lf = head.indexOf('\n', start);
            int end = lf < 0 ? length : lf;
            String captured = head.substring(start, end);
            start = end + 1;
            lines++;
            String raw = captured;
            if (!captured.isEmpty() && (captured.charAt(0) == '<' || captured.charAt(0) == '[')) {
                Matcher prompt = VRP_PROMPT.matcher(captured);
                if (prompt.lookingAt() && prompt.end() < captured.length()) {
                    raw = captured.substring(prompt.end());
                    s.mark(DeviceFamily.VRP, "prompt", 1);
                }
            }
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean top = raw.charAt(0) != ' ' && raw.charAt(0) != '\t';
            String lower = line.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "#" -> hashes++;
                case "!" -> bangs++;
                case "$" -> dollars++;
                default -> {
                }
            }
            if (lower.startsWith("!<") && lower.endsWith(">")) {
                tags++;
            }
            if (lower.endsWith(";")) {
                semicolons++;
            }
            if (top && lower.startsWith("/") && lower.length() > 2) {
                int space = lower.indexOf(' ');
                String menu = space < 0 ? lower.substring(1) : lower.substring(1, space);
                if (ROUTEROS_MENUS.contains(menu)) {
                    menus.add(menu);
                }
            }
            vrp(s, lower, top);
            comware(s, lower, top);
            ios(s, lower, top);
            nxos(s, lower, top);
            eos(s, lower, top);
            zxros(s, lower);
            junos(s, lower, top);
            routeros(s, lower);
            rancid(s, lower);
        }
        if (hashes >= 3) {
            s.mark(VRP_LIKE, "hash-separators", 1);
        }
        if (bangs >= 3) {
            s.mark(IOS_LIKE, "bang-separators", 1);
        }
        if (dollars >= 3) {
            s.mark(DeviceFamily.ZXROS, "dollar", 2);
        }
        if (tags >= 2) {
            s.mark(DeviceFamily.ZXROS, "section-tags", 3);
        }
        if (semicolons >= 10) {
            s.mark(DeviceFamily.JUNOS, "semicolons", 1);
        }
        int menuPoints = 0;
        for (String menu : menus) {
            if (menuPoints++ < 3) {
                s.mark(DeviceFamily.ROUTEROS, "menu " + menu, 1);
            }
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".rsc") && !menus.isEmpty()) {
            s.mark(DeviceFamily.ROUTEROS, "rsc-name", 1);
        }
        return s.verdict();
    }

    private static void vrp(Scores s, String l, boolean top) {
        if (l.startsWith("!software version v")) {
            s.mark(DeviceFamily.VRP, "software-version", 3);
        } else if (l.startsWith("huawei versatile routing platform") || l.contains("vrp (r) software")) {
            s.mark(DeviceFamily.VRP, "display-version", 3);
        } else if (l.startsWith("hwtacacs-server template")) {
            s.mark(DeviceFamily.VRP, "hwtacacs-template", 2);
        } else if (l.startsWith("radius-server template")) {
            s.mark(DeviceFamily.VRP, "radius-template", 2);
        } else if (l.startsWith("stelnet server enable")) {
            s.mark(DeviceFamily.VRP, "stelnet", 2);
        } else if (l.startsWith("vlan batch ")) {
            s.mark(DeviceFamily.VRP, "vlan-batch", 2);
        } else if (l.startsWith("cloud-mng ")) {
            s.mark(DeviceFamily.VRP, "cloud-mng", 2);
        } else if (top && l.equals("aaa")) {
            s.mark(DeviceFamily.VRP, "aaa-view", 1);
        } else if (l.startsWith("user-interface ")) {
            s.mark(DeviceFamily.VRP, "user-interface", 1);
        } else if (l.startsWith("interface vlanif") || l.startsWith("interface eth-trunk") || l.startsWith("interface 10ge")
                || l.startsWith("interface 25ge") || l.startsWith("interface 100ge")) {
            s.mark(DeviceFamily.VRP, "huawei-interface", 1);
        }
        // shared with Comware
        if (top && l.startsWith("sysname ")) {
            s.mark(VRP_LIKE, "sysname", 1);
        } else if (top && l.equals("return")) {
            s.mark(VRP_LIKE, "return", 1);
        } else if (l.startsWith("undo ")) {
            s.mark(VRP_LIKE, "undo", 1);
        } else if (l.startsWith("info-center ")) {
            s.mark(VRP_LIKE, "info-center", 1);
        } else if (l.startsWith("snmp-agent")) {
            s.mark(VRP_LIKE, "snmp-agent", 1);
        } else if (l.startsWith("ntp-service ")) {
            s.mark(VRP_LIKE, "ntp-service", 1);
        } else if (l.startsWith("ip route-static ")) {
            s.mark(VRP_LIKE, "route-static", 1);
        } else if (l.startsWith("local-user ")) {
            s.mark(VRP_LIKE, "local-user", 1);
        } else if (l.startsWith("dns server ")) {
            s.mark(VRP_LIKE, "dns-server", 1);
        } else if (l.startsWith("ip vpn-instance ")) {
            s.mark(VRP_LIKE, "vpn-instance", 1);
        } else if (top && l.startsWith("sysname\t")) {
            s.mark(VRP_LIKE, "sysname", 1);
        }
    }

    private static void comware(Scores s, String l, boolean top) {
        if (l.startsWith("version ") && COMWARE_VERSION.matcher(l).matches()) {
            s.mark(DeviceFamily.COMWARE, "comware-version", 3);
        } else if (l.contains("comware software, version") || l.contains("comware platform software")) {
            s.mark(DeviceFamily.COMWARE, "display-version", 3);
        } else if (l.startsWith("hwtacacs scheme ")) {
            s.mark(DeviceFamily.COMWARE, "hwtacacs-scheme", 2);
        } else if (l.startsWith("radius scheme ")) {
            s.mark(DeviceFamily.COMWARE, "radius-scheme", 2);
        } else if (l.startsWith("interface vlan-interface") || l.startsWith("interface ten-gigabitethernet")
                || l.startsWith("interface bridge-aggregation") || l.startsWith("interface m-gigabitethernet")) {
            s.mark(DeviceFamily.COMWARE, "h3c-interface", 2);
        } else if (top && l.startsWith("irf ")) {
            s.mark(DeviceFamily.COMWARE, "irf", 2);
        } else if (l.startsWith("cloud-management ")) {
            s.mark(DeviceFamily.COMWARE, "cloud-management", 2);
        } else if (l.startsWith("local-user ") && l.contains(" class ")) {
            s.mark(DeviceFamily.COMWARE, "local-user-class", 2);
        } else if (l.startsWith("line class ")) {
            s.mark(DeviceFamily.COMWARE, "line-class", 2);
        } else if (l.equals("domain system")) {
            s.mark(DeviceFamily.COMWARE, "domain-system", 1);
        } else if (l.contains("user-role network-")) {
            s.mark(DeviceFamily.COMWARE, "user-role", 1);
        }
        if (l.contains("$c$") || l.contains("$h$")) {
            s.mark(DeviceFamily.COMWARE, "comware-cipher", 2);
        }
    }

    private static void ios(Scores s, String l, boolean top) {
        if (l.contains("cisco ios software") || l.contains("cisco ios xe software") || l.contains("cisco ios-xe software")) {
            s.mark(DeviceFamily.IOS, "show-version", 3);
        } else if (l.startsWith("!! ios xr configuration") || l.startsWith("asa version ")) {
            // IOS XR and ASA running configurations, read by the IOS dialect
            s.mark(DeviceFamily.IOS, "xr-asa-header", 3);
        } else if (l.startsWith("building configuration")) {
            s.mark(DeviceFamily.IOS, "building", 2);
        } else if (l.startsWith("current configuration :")) {
            s.mark(DeviceFamily.IOS, "current-configuration", 2);
        } else if (l.equals("boot-start-marker")) {
            s.mark(DeviceFamily.IOS, "boot-marker", 2);
        } else if (l.startsWith("license udi ")) {
            s.mark(DeviceFamily.IOS, "license-udi", 2);
        } else if (top && l.startsWith("version ") && IOS_VERSION.matcher(l).matches()) {
            s.mark(DeviceFamily.IOS, "ios-version", 1);
        } else if (l.startsWith("service timestamps")) {
            s.mark(DeviceFamily.IOS, "service-timestamps", 1);
        } else if (l.startsWith("service password-encryption")) {
            s.mark(DeviceFamily.IOS, "password-encryption", 1);
        } else if (l.equals("aaa new-model")) {
            s.mark(DeviceFamily.IOS, "aaa-new-model", 1);
        } else if (l.startsWith("line con 0")) {
            s.mark(DeviceFamily.IOS, "line-con", 1);
        } else if (l.startsWith("line vty ") && l.length() > 9 && Character.isDigit(l.charAt(9))) {
            s.mark(DeviceFamily.IOS, "line-vty", 1);
        } else if (l.startsWith("interface gigabitethernet") || l.startsWith("interface fastethernet")
                || l.startsWith("interface tengigabitethernet") || l.startsWith("interface serial")
                || l.startsWith("interface dialer")) {
            s.mark(DeviceFamily.IOS, "ios-interface", 1);
        } else if (l.startsWith("! last configuration change at")) {
            s.mark(DeviceFamily.IOS, "last-change", 1);
        } else if (l.startsWith("ip http server") || l.startsWith("ip http secure-server")) {
            s.mark(DeviceFamily.IOS, "ip-http", 1);
        } else if (l.startsWith("ip domain name ") || l.startsWith("ip domain-name ")) {
            s.mark(DeviceFamily.IOS, "ip-domain-name", 1);
        } else if (l.startsWith("crypto pki ")) {
            s.mark(DeviceFamily.IOS, "crypto-pki", 1);
        } else if (top && l.equals("ipsla")) {
            s.mark(DeviceFamily.IOS, "xr-ipsla", 2);
        } else if (l.startsWith("ip sla ")) {
            s.mark(DeviceFamily.IOS, "ip-sla", 1);
        }
        // shared with NX-OS and EOS (and some with ZXROS)
        if (top && l.startsWith("hostname ")) {
            s.mark(IOS_STYLE, "hostname", 1);
        } else if (top && l.equals("end")) {
            s.mark(IOS_LIKE, "end", 1);
        } else if (l.startsWith("ip name-server ")) {
            s.mark(IOS_LIKE, "ip-name-server", 1);
        } else if (l.startsWith("snmp-server ")) {
            s.mark(IOS_STYLE, "snmp-server", 1);
        } else if (l.startsWith("ntp server ")) {
            s.mark(IOS_STYLE, "ntp-server", 1);
        } else if (l.startsWith("router bgp ")) {
            s.mark(IOS_STYLE, "router-bgp", 1);
        }
    }

    private static void nxos(Scores s, String l, boolean top) {
        if (top && l.startsWith("version ") && NXOS_VERSION.matcher(l).matches()) {
            s.mark(DeviceFamily.NXOS, "nxos-version", 3);
        } else if (l.startsWith("boot nxos ")) {
            s.mark(DeviceFamily.NXOS, "boot-nxos", 3);
        } else if (l.contains("cisco nexus operating system")) {
            s.mark(DeviceFamily.NXOS, "show-version", 3);
        } else if (l.startsWith("!command: show running-config")) {
            s.mark(DeviceFamily.NXOS, "command-header", 2);
        } else if (l.startsWith("!time:") || l.startsWith("!running configuration last done at:")) {
            s.mark(DeviceFamily.NXOS, "time-header", 2);
        } else if (top && l.startsWith("feature ")) {
            s.mark(DeviceFamily.NXOS, "feature", 2);
        } else if (l.startsWith("vrf context ")) {
            s.mark(DeviceFamily.NXOS, "vrf-context", 2);
        } else if (l.startsWith("interface mgmt0")) {
            s.mark(DeviceFamily.NXOS, "mgmt0", 2);
        } else if (top && l.startsWith("switchname ")) {
            s.mark(DeviceFamily.NXOS, "switchname", 2);
        } else if (l.startsWith("copp profile")) {
            s.mark(DeviceFamily.NXOS, "copp", 1);
        }
        if (l.contains(" use-vrf ")) {
            s.mark(DeviceFamily.NXOS, "use-vrf", 2);
        }
    }

    private static void eos(Scores s, String l, boolean top) {
        if (l.startsWith("! device:") && l.contains("eos-")) {
            s.mark(DeviceFamily.EOS, "device-header", 3);
        } else if (l.startsWith("daemon terminattr")) {
            s.mark(DeviceFamily.EOS, "terminattr", 3);
        } else if (l.startsWith("! boot system flash:")) {
            s.mark(DeviceFamily.EOS, "boot-header", 2);
        } else if (l.startsWith("transceiver qsfp")) {
            s.mark(DeviceFamily.EOS, "transceiver", 2);
        } else if (l.startsWith("service routing protocols model")) {
            s.mark(DeviceFamily.EOS, "routing-model", 2);
        } else if (top && l.startsWith("management api ")) {
            s.mark(DeviceFamily.EOS, "management-api", 2);
        } else if (l.startsWith("interface management1")) {
            s.mark(DeviceFamily.EOS, "management1", 2);
        } else if (l.startsWith("aaa root")) {
            s.mark(DeviceFamily.EOS, "aaa-root", 2);
        } else if (l.startsWith("software image version:")) {
            s.mark(DeviceFamily.EOS, "show-version", 2);
        } else if (l.startsWith("! command: show running-config")) {
            s.mark(DeviceFamily.EOS, "command-header", 1);
        } else if (top && l.startsWith("dns domain ")) {
            s.mark(DeviceFamily.EOS, "dns-domain", 1);
        } else if (top && l.equals("management ssh")) {
            s.mark(DeviceFamily.EOS, "management-ssh", 1);
        }
        if (l.contains(" secret sha512 ")) {
            s.mark(DeviceFamily.EOS, "sha512", 2);
        }
    }

    private static void zxros(Scores s, String l) {
        if (l.startsWith("interface gei-") || l.startsWith("interface xgei-") || l.startsWith("interface smartgroup")
                || l.startsWith("interface cgei-") || l.startsWith("interface xxvgei-")) {
            s.mark(DeviceFamily.ZXROS, "zte-interface", 2);
        } else if (l.startsWith("syslog-server ")) {
            s.mark(DeviceFamily.ZXROS, "syslog-server", 2);
        } else if (l.startsWith("ipv4-access-list ")) {
            s.mark(DeviceFamily.ZXROS, "ipv4-access-list", 2);
        } else if (l.contains("mgmt_eth")) {
            s.mark(DeviceFamily.ZXROS, "mgmt-eth", 1);
        }
        if (l.contains("zxr10") || l.contains("zxros")) {
            s.mark(DeviceFamily.ZXROS, "zxr10", 2);
        }
    }

    private static void junos(Scores s, String l, boolean top) {
        if ((top && l.startsWith("version ") && l.endsWith(";")) || l.startsWith("set version ")) {
            s.mark(DeviceFamily.JUNOS, "version", 3);
        } else if (l.startsWith("## last commit:") || l.startsWith("## last changed:")) {
            s.mark(DeviceFamily.JUNOS, "last-commit", 3);
        } else if (l.startsWith("junos: ") || l.startsWith("junos software release")) {
            s.mark(DeviceFamily.JUNOS, "show-version", 3);
        } else if (top && l.equals("system {")) {
            s.mark(DeviceFamily.JUNOS, "system-block", 2);
        } else if ((top && l.equals("routing-options {")) || l.startsWith("set routing-options ")) {
            s.mark(DeviceFamily.JUNOS, "routing-options", 2);
        } else if (l.startsWith("set interfaces ")) {
            String rest = l.substring(15);
            if (rest.startsWith("ge-") || rest.startsWith("xe-") || rest.startsWith("et-") || rest.startsWith("lo0")
                    || rest.startsWith("fxp0") || rest.startsWith("em0") || rest.startsWith("irb") || rest.startsWith("ae")) {
                s.mark(DeviceFamily.JUNOS, "junos-interface", 2);
            }
        } else if (l.startsWith("set system root-authentication") || l.startsWith("set system services")
                || l.startsWith("set system syslog") || l.startsWith("set system login")) {
            s.mark(DeviceFamily.JUNOS, "set-system-junos", 2);
        } else if (top && (l.equals("interfaces {") || l.equals("protocols {") || l.startsWith("set protocols "))) {
            s.mark(DeviceFamily.JUNOS, l.startsWith("interfaces") ? "interfaces-block" : "protocols", 1);
        }
        if (l.contains("## secret-data")) {
            s.mark(DeviceFamily.JUNOS, "secret-data", 2);
        }
        if (l.startsWith("set system ")) {
            s.mark(DeviceFamily.JUNOS, "set-system", 1);
        } else if (l.startsWith("set ") && JUNOS_SET_HIERARCHIES.contains(firstWord(l, 4))) {
            s.mark(DeviceFamily.JUNOS, "set-hierarchy", 2);
        }
    }

    /** The word of {@code l} that starts at {@code from}. */
    private static String firstWord(String l, int from) {
        int space = l.indexOf(' ', from);
        return space < 0 ? l.substring(from) : l.substring(from, space);
    }

    private static void routeros(Scores s, String l) {
        if (l.startsWith("#") && l.contains(" by routeros ")) {
            s.mark(DeviceFamily.ROUTEROS, "header", 3);
        } else if (l.startsWith("# software id =")) {
            s.mark(DeviceFamily.ROUTEROS, "software-id", 2);
        } else if (l.startsWith("# model =")) {
            s.mark(DeviceFamily.ROUTEROS, "model", 1);
        }
        if (l.contains("[ find default")) {
            s.mark(DeviceFamily.ROUTEROS, "find-default", 2);
        }
    }

    /**
     * The content type RANCID writes at the top of the configurations it collects
     * ({@code !RANCID-CONTENT-TYPE: cisco-nx}, {@code # RANCID-CONTENT-TYPE: juniper}): the collector
     * names the dialect, so short exports with few other markers are still recognised. IOS XR
     * ({@code cisco-xr}) is read by the IOS dialect.
     */
    private static void rancid(Scores s, String l) {
        int at = l.indexOf("rancid-content-type:");
        if (at < 0 || at > 2) {
            return;
        }
        String type = l.substring(at + 20).strip();
        DeviceFamily family = switch (type) {
            case "cisco", "cisco-xr", "ios", "ios-xe" -> DeviceFamily.IOS;
            case "cisco-nx" -> DeviceFamily.NXOS;
            case "arista" -> DeviceFamily.EOS;
            case "juniper", "juniper-srx" -> DeviceFamily.JUNOS;
            case "mikrotik" -> DeviceFamily.ROUTEROS;
            case "h3c", "comware" -> DeviceFamily.COMWARE;
            case "huawei", "vrp" -> DeviceFamily.VRP;
            case "zte" -> DeviceFamily.ZXROS;
            default -> null;
        };
        if (family != null) {
            s.mark(family, "rancid-content-type", 3);
        }
    }

    /** Distinct markers per family with their points. */
    private static final class Scores {
        private final Map<DeviceFamily, Map<String, Integer>> marks = new EnumMap<>(DeviceFamily.class);

        void mark(DeviceFamily family, String marker, int points) {
            marks.computeIfAbsent(family, f -> new HashMap<>()).merge(marker, points, Math::max);
        }

        void mark(DeviceFamily[] families, String marker, int points) {
            for (DeviceFamily f : families) {
                mark(f, marker, points);
            }
        }

        Verdict verdict() {
            Map<DeviceFamily, Integer> scores = new EnumMap<>(DeviceFamily.class);
            DeviceFamily best = null;
            int bestScore = 0;
            for (DeviceFamily f : DeviceFamily.values()) {
                int score = 0;
                for (int points : marks.getOrDefault(f, Map.of()).values()) {
                    score += points;
                }
                scores.put(f, score);
                if (score > bestScore) {
                    best = f;
                    bestScore = score;
                }
            }
            Optional<DeviceFamily> family = bestScore >= THRESHOLD ? Optional.of(best) : Optional.empty();
            return new Verdict(family, Collections.unmodifiableMap(scores));
        }
    }
}
