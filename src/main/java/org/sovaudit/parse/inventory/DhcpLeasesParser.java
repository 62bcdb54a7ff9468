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
 * DHCP lease files:
 * <ul>
 *   <li>ISC dhcpd ({@code dhcpd.leases}): every {@code lease <address> { ... }} with a
 *       {@code hardware ethernet} is an attached device (its MAC and address), and a recorded
 *       {@code vendor-class-identifier} its product;</li>
 *   <li>ISC dhclient ({@code dhclient*.leases}, {@code lease { ... }} without an address): what the
 *       network told this host: {@code option routers} (upstream gateways),
 *       {@code domain-name-servers} (DNS resolvers), {@code ntp-servers} (time sources);</li>
 *   <li>dnsmasq ({@code dnsmasq.leases}: {@code expiry mac address name client-id}, and
 *       {@code duid} lines before IPv6 leases);</li>
 *   <li>Kea's CSV lease files ({@code kea-leases4.csv}, {@code kea-leases6.csv}: the
 *       {@code address} and {@code hwaddr} columns).</li>
 * </ul>
 * A lease block that is never closed, a malformed hardware address or address, or a row of the
 * wrong shape is reported with its line.
 */
public final class DhcpLeasesParser implements Parser {

    static final long MAX_BYTES = 64L << 20;
    private static final int SNIFF_BYTES = 4 * 1024;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LEASE = Pattern.compile("^\\s*lease\\s*(\\S*)\\s*\\{\\s*$");
    private static final Pattern VENDOR_CLASS = Pattern.compile("vendor-class-identifier\\s*=?\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern DNSMASQ_LINE = Pattern.compile("^(?:\\d+|duid)\\s+\\S+");

    private enum Format { ISC, DNSMASQ, KEA }

    @Override
    public String id() {
        return "dhcp-leases";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "DHCP leases (ISC dhcpd and dhclient, dnsmasq, Kea CSV): attached devices, and a client's gateways, "
                + "resolvers and time sources";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.ATTACHED_DEVICE, Role.UPSTREAM_GATEWAY, Role.DNS_RESOLVER, Role.NTP_SOURCE);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return format(file) != null;
    }

    private static Format format(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        String head = file.head(SNIFF_BYTES);
        if (head.startsWith("address,") && (head.contains(",hwaddr,") || head.contains(",duid,"))) {
            return Format.KEA;
        }
        if (!name.endsWith(".leases") && !name.endsWith(".leases~") && !name.endsWith(".lease")) {
            return null;
        }
        if (name.contains("dnsmasq")) {
            return Format.DNSMASQ;
        }
        for (String line : TextLines.split(head)) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                return DNSMASQ_LINE.matcher(s).lookingAt() ? Format.DNSMASQ : Format.ISC;
            }
        }
        return Format.ISC;
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        switch (format(file)) {
            case ISC -> isc(lines, out);
            case DNSMASQ -> dnsmasq(lines, out);
            case KEA -> kea(lines, out);
            case null -> {
            }
        }
        return out.build();
    }

    private static void isc(List<String> lines, ResultBuilder out) {
        int open = 0;
        boolean client = false;
        String address = null;
        int addressLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            int number = i + 1;
            String s = raw.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            Matcher lease = LEASE.matcher(s);
            if (lease.matches()) {
                if (open > 0) {
                    out.error(open, "lease block is not closed");
                }
                open = number;
                client = lease.group(1).isEmpty();
                address = null;
                if (!client) {
                    Optional<String> ip = Values.ip(lease.group(1));
                    if (ip.isEmpty()) {
                        out.error(number, "lease address '" + lease.group(1) + "' is not a valid IP address");
                    }
                    address = ip.orElse(null);
                    addressLine = number;
                }
                continue;
            }
            if (s.equals("}")) {
                open = 0;
                continue;
            }
            if (open == 0) {
                continue;
            }
            String statement = s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
            String[] words = WHITESPACE.split(statement);
            if (!client && statement.startsWith("hardware ethernet") && words.length >= 3) {
                Optional<String> mac = Macs.parse(words[2]);
                if (mac.isEmpty()) {
                    out.error(number, "hardware address '" + words[2] + "' is malformed");
                    continue;
                }
                if (Macs.unicast(mac.get())) {
                    out.add(ObservationKind.MAC, mac.get(), Role.ATTACHED_DEVICE, number, raw, "");
                }
                if (address != null) {
                    out.add(ObservationKind.IP_ADDRESS, address, Role.ATTACHED_DEVICE, addressLine, lines.get(addressLine - 1), "");
                }
            } else if (!client && statement.contains("vendor-class-identifier")) {
                Matcher m = VENDOR_CLASS.matcher(statement);
                if (m.find() && !m.group(1).isBlank()) {
                    out.add(ObservationKind.PRODUCT, m.group(1).strip(), Role.ATTACHED_DEVICE, number, raw, "vendor-class");
                }
            } else if (client && words.length >= 3 && words[0].equals("option")) {
                Role role = switch (words[1]) {
                    case "routers" -> Role.UPSTREAM_GATEWAY;
                    case "domain-name-servers" -> Role.DNS_RESOLVER;
                    case "ntp-servers" -> Role.NTP_SOURCE;
                    default -> null;
                };
                if (role == null) {
                    continue;
                }
                String list = statement.substring(statement.indexOf(words[1]) + words[1].length());
                for (String token : list.split("[\\s,]+")) {
                    if (token.isEmpty()) {
                        continue;
                    }
                    Values.host(token).ifPresentOrElse(
                            host -> out.add(host, role, number, raw, "dhcp"),
                            () -> out.error(number, "option " + words[1] + " value '" + token + "' is not an address"));
                }
            }
        }
        if (open > 0) {
            out.error(open, "lease block is not closed");
        }
    }

    private static void dnsmasq(List<String> lines, ResultBuilder out) {
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            int number = i + 1;
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("duid ")) {
                continue;
            }
            String[] f = WHITESPACE.split(s);
            if (f.length < 4 || !f[0].chars().allMatch(Character::isDigit)) {
                out.error(number, "lease line has the wrong shape (expected: expiry hardware-address address name [client-id])");
                continue;
            }
            Optional<String> ip = Values.ip(f[2]);
            if (ip.isEmpty()) {
                out.error(number, "lease address '" + f[2] + "' is not a valid IP address");
                continue;
            }
            Optional<String> mac = Macs.parse(f[1]);
            if (mac.isPresent()) {
                if (Macs.unicast(mac.get())) {
                    out.add(ObservationKind.MAC, mac.get(), Role.ATTACHED_DEVICE, number, raw, "");
                }
            } else if (ip.get().indexOf(':') < 0) {
                out.error(number, "hardware address '" + f[1] + "' is malformed");
                continue;
            }
            out.add(ObservationKind.IP_ADDRESS, ip.get(), Role.ATTACHED_DEVICE, number, raw, "");
        }
    }

    private static void kea(List<String> lines, ResultBuilder out) {
        if (lines.isEmpty()) {
            return;
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        int address = header.indexOf("address");
        int hwaddr = header.indexOf("hwaddr");
        for (int i = 1; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (raw.isBlank()) {
                continue;
            }
            int number = i + 1;
            String[] f = raw.split(",", -1);
            if (f.length < header.size() - 1 || address < 0 || address >= f.length) {
                out.error(number, "row has " + f.length + " columns, the header " + header.size());
                continue;
            }
            Optional<String> ip = Values.ip(f[address]);
            if (ip.isEmpty()) {
                out.error(number, "lease address '" + f[address] + "' is not a valid IP address");
                continue;
            }
            if (hwaddr >= 0 && hwaddr < f.length && !f[hwaddr].isEmpty()) {
                Optional<String> mac = Macs.parse(f[hwaddr]);
                if (mac.isEmpty()) {
                    out.error(number, "hardware address '" + f[hwaddr] + "' is malformed");
                    continue;
                }
                if (Macs.unicast(mac.get())) {
                    out.add(ObservationKind.MAC, mac.get(), Role.ATTACHED_DEVICE, number, raw, "");
                }
            }
            out.add(ObservationKind.IP_ADDRESS, ip.get(), Role.ATTACHED_DEVICE, number, raw, "");
        }
    }
}
