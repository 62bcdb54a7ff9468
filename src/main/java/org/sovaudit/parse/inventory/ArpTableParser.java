package org.sovaudit.parse.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
 * ARP and neighbour tables, recognised by content whatever the file is called: {@code ip neigh},
 * {@code arp -an} and {@code arp -a} (Linux, BSD and Windows), {@code /proc/net/arp}, Cisco
 * {@code show arp}/{@code show ip arp}, Huawei and H3C {@code display arp}. Every entry with a
 * hardware address is an attached device: its MAC address (unicast only) and its IP address.
 * Incomplete and failed entries (and {@code /proc/net/arp}'s unresolved all-zero ones) are skipped,
 * and so are the device's own interface addresses (Cisco's entries without an age, {@code -};
 * Huawei's of type {@code I}): they are not attached devices. A line whose hardware address is
 * malformed is reported. A file is taken for a table when most of its lines with an address also carry a MAC.
 */
public final class ArpTableParser implements Parser {

    static final long MAX_BYTES = 16L << 20;
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final Pattern SPLIT = Pattern.compile("[\\s()\\[\\],]+");
    private static final Set<String> INCOMPLETE = Set.of("incomplete", "<incomplete>", "failed", "(incomplete)");

    @Override
    public String id() {
        return "arp-table";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "ARP and neighbour tables (ip neigh, arp -a, /proc/net/arp, show arp, display arp): attached devices";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.ATTACHED_DEVICE);
    }

    /** What one line holds. */
    private record Entry(String ip, String mac, String malformedMac, boolean incomplete, boolean own) {
    }

    @Override
    public boolean accepts(SourceFile file) {
        String head = file.head(SNIFF_BYTES);
        String start = head.stripLeading();
        if (start.startsWith("<?xml") || start.startsWith("<!") || start.startsWith("{")) {
            return false;
        }
        int withIp = 0;
        int pairs = 0;
        for (String line : TextLines.split(head)) {
            Entry e = entry(line);
            if (e.ip() == null) {
                continue;
            }
            withIp++;
            if (e.mac() != null || e.incomplete()) {
                pairs++;
            }
        }
        return pairs >= 1 && pairs * 5 >= withIp * 4;
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            Entry e = entry(raw);
            int number = i + 1;
            if (e.ip() == null || e.incomplete() || e.own()) {
                continue;
            }
            if (e.mac() == null) {
                if (e.malformedMac() != null) {
                    out.error(number, "hardware address '" + e.malformedMac() + "' is malformed");
                }
                continue;
            }
            if (Macs.unicast(e.mac())) {
                out.add(ObservationKind.MAC, e.mac(), Role.ATTACHED_DEVICE, number, raw, "");
            }
            out.add(ObservationKind.IP_ADDRESS, e.ip(), Role.ATTACHED_DEVICE, number, raw, "");
        }
        return out.build();
    }

    private static Entry entry(String line) {
        String ip = null;
        String mac = null;
        String malformed = null;
        boolean incomplete = false;
        boolean own = false;
        String[] tokens = SPLIT.split(line.strip());
        // Cisco: "Internet  10.0.0.1  -  0011.2233.4455  ARPA  Vlan1", an age of "-" is the router's own address
        if (tokens.length > 3 && tokens[0].equalsIgnoreCase("Internet") && tokens[2].equals("-")) {
            own = true;
        }
        for (String token : tokens) {
            if (token.isEmpty()) {
                continue;
            }
            if (mac != null && token.equals("I")) {
                own = true; // Huawei: type I, an interface of the device itself
                continue;
            }
            if (INCOMPLETE.contains(token.toLowerCase(Locale.ROOT))) {
                incomplete = true;
                continue;
            }
            if (ip == null) {
                Optional<String> v = Values.ip(token);
                if (v.isPresent()) {
                    ip = v.get();
                    continue;
                }
            }
            if (mac == null) {
                Optional<String> m = Macs.parse(token);
                if (m.isPresent() && m.get().equals("00:00:00:00:00:00")) {
                    // /proc/net/arp writes an unresolved entry with a zero address
                    incomplete = true;
                } else if (m.isPresent()) {
                    mac = m.get();
                } else if (Macs.meant(token) && malformed == null) {
                    malformed = token;
                }
            }
        }
        return new Entry(ip, mac, malformed, incomplete, own);
    }
}
