package org.sovaudit.parse.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * LLDP and CDP neighbour outputs, recognised by content: {@code lldpctl}, Cisco
 * {@code show lldp neighbors detail} and {@code show cdp neighbors detail}, Arista
 * {@code show lldp neighbors detail} (keys after {@code - }, values in quotes), Huawei and H3C
 * {@code display lldp neighbor}, and the Junos {@code show lldp neighbors} table (its
 * {@code Chassis Id} column). For every neighbour, as attached devices: the chassis MAC address
 * (or the chassis IP address when the chassis is named by one), CDP's peer source MAC, the
 * management and entry IP addresses (link-local IPv6 ones name no device beyond the link and are
 * skipped), and as products the system description (its first line, with the second added when
 * the first names no version or model, as Huawei's does) and CDP's platform (context
 * {@code platform}), as written; a description without a letter (a bare version number, a masked
 * {@code ###}) names no product. Names of neighbours are the ministry's own and are not recorded.
 * A chassis MAC address or management address that is malformed is reported.
 */
public final class NeighborsParser implements Parser {

    static final long MAX_BYTES = 16L << 20;
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final int MAX_PRODUCT = 200;
    private static final Pattern KEY_VALUE = Pattern.compile("^\\s*(?:-\\s+)?([A-Za-z][A-Za-z0-9 ()/_.-]*?)\\s*:\\s*(.*)$");
    private static final Set<String> DESCRIPTIONS = Set.of("sysdescr", "system description", "version");
    private static final Set<String> CHASSIS = Set.of("chassisid", "chassis id", "peer source mac");
    private static final Set<String> ADDRESSES = Set.of("mgmtip", "ip", "ipv6", "ip address", "ipv4 address", "ipv6 address",
            "management address value", "management address", "mgmt address");
    private static final List<String> CLUES = List.of("chassis id", "chassisid", "device id:", "system description",
            "sysdescr", "lldp neighbor", "local intf", "neighbor index", "entry address", "platform:", "mgmtip",
            "local interface", "port info", "parent interface");
    private static final Pattern LINK_LOCAL = Pattern.compile("fe[89ab][0-9a-f]:.*");
    /** The header of a neighbour table ({@code show lldp neighbors} of Junos): one row per neighbour. */
    private static final Pattern TABLE_HEADER = Pattern.compile("(?i)^\\s*local interface\\s.*\\bchassis id\\b.*$");

    @Override
    public String id() {
        return "lldp-neighbors";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "LLDP and CDP neighbour outputs (lldpctl, show lldp/cdp neighbors detail, display lldp neighbor, "
                + "Junos show lldp neighbors): attached devices";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.ATTACHED_DEVICE);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String head = file.head(SNIFF_BYTES).toLowerCase(Locale.ROOT);
        int clues = 0;
        for (String clue : CLUES) {
            if (head.contains(clue)) {
                clues++;
            }
        }
        return clues >= 3;
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        boolean table = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            int number = i + 1;
            if (TABLE_HEADER.matcher(raw).matches()) {
                table = true;
                continue;
            }
            if (table) {
                if (raw.isBlank()) {
                    table = false;
                } else if (tableRow(raw, number, out)) {
                    continue;
                }
            }
            Matcher m = KEY_VALUE.matcher(raw);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            String value = unquote(m.group(2).strip());
            if (CHASSIS.contains(key)) {
                chassis(value, number, raw, out);
            } else if (ADDRESSES.contains(key)) {
                address(value, number, raw, out);
            } else if (key.equals("platform")) {
                int comma = value.indexOf(',');
                String platform = (comma >= 0 ? value.substring(0, comma) : value).strip();
                if (!platform.isEmpty()) {
                    product(platform, number, raw, "platform", out);
                }
            } else if (DESCRIPTIONS.contains(key)) {
                description(lines, i, value, out);
            }
        }
        return out.build();
    }

    /** A row of a neighbour table: its MAC address is the neighbour's chassis. */
    private static boolean tableRow(String raw, int number, ResultBuilder out) {
        for (String token : raw.strip().split("\\s+")) {
            Optional<String> mac = Macs.parse(token);
            if (mac.isPresent() && token.length() >= 14) {
                if (Macs.unicast(mac.get())) {
                    out.add(ObservationKind.MAC, mac.get(), Role.ATTACHED_DEVICE, number, raw, "");
                }
                return true;
            }
        }
        return false;
    }

    /** Arista writes names and descriptions in double quotes. */
    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1).strip() : value;
    }

    /** {@code mac 00:11:..} (lldpctl), {@code 0011.2233.4455} (Cisco), {@code 0011-2233-4455} (Huawei), or an IP address. */
    private static void chassis(String value, int number, String raw, ResultBuilder out) {
        String lower = value.toLowerCase(Locale.ROOT);
        String v = lower.startsWith("mac ") ? value.substring(4).strip() : value;
        Optional<String> mac = Macs.parse(v);
        if (mac.isPresent()) {
            if (Macs.unicast(mac.get())) {
                out.add(ObservationKind.MAC, mac.get(), Role.ATTACHED_DEVICE, number, raw, "");
            }
        } else if (Macs.meant(v)) {
            out.error(number, "chassis MAC address '" + v + "' is malformed");
        } else if (lower.startsWith("ip ")) {
            address(value.substring(3).strip(), number, raw, out);
        } else if (Values.ip(value.split("\\s+")[0]).isPresent()) {
            address(value, number, raw, out);
        }
    }

    private static void address(String value, int number, String raw, ResultBuilder out) {
        if (value.isEmpty()) {
            return;
        }
        String token = value.split("\\s+")[0];
        Optional<String> ip = Values.ip(token);
        if (ip.isPresent()) {
            if (!LINK_LOCAL.matcher(ip.get()).matches()) {
                out.add(ObservationKind.IP_ADDRESS, ip.get(), Role.ATTACHED_DEVICE, number, raw, "");
            }
        } else if (Values.looksLikeIpv4(token)) {
            out.error(number, "management address '" + token + "' is not a valid IPv4 address");
        }
    }

    /** The description on the key's line, or on the lines after it; a second line joins a first without digits. */
    private static void description(List<String> lines, int index, String sameLine, ResultBuilder out) {
        int at = index;
        String first = sameLine;
        if (first.isEmpty()) {
            at = nextNonBlank(lines, index + 1);
            if (at < 0 || KEY_VALUE.matcher(lines.get(at)).matches() && !looksLikeDescription(lines.get(at))) {
                return;
            }
            first = lines.get(at).strip();
        }
        first = unquote(first);
        String product = first;
        if (first.chars().noneMatch(Character::isDigit) && at + 1 < lines.size()) {
            String second = lines.get(at + 1).strip();
            if (!second.isEmpty() && (!KEY_VALUE.matcher(lines.get(at + 1)).matches() || looksLikeDescription(second))) {
                product = first + " " + second;
            }
        }
        product(product, at + 1, lines.get(at), "", out);
    }

    /** A description line that happens to contain a colon ("Cisco IOS Software, ..." has none; some do). */
    private static boolean looksLikeDescription(String line) {
        String l = line.strip().toLowerCase(Locale.ROOT);
        return l.contains("software") || l.contains("version") || l.contains("linux");
    }

    private static void product(String value, int number, String raw, String context, ResultBuilder out) {
        String v = value.replaceAll("\\s+", " ").strip();
        if (v.length() > MAX_PRODUCT) {
            v = v.substring(0, MAX_PRODUCT).strip();
        }
        if (v.chars().anyMatch(Character::isLetter)) {
            out.add(ObservationKind.PRODUCT, v, Role.ATTACHED_DEVICE, number, raw, context);
        }
    }

    private static int nextNonBlank(List<String> lines, int from) {
        for (int i = from; i < lines.size() && i < from + 3; i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }
}
