package org.sovaudit.parse.host;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;

/**
 * The kernel's routing tables ({@code /proc/net/route}, {@code /proc/net/ipv6_route}): the next hop
 * of every default route (destination and mask all zero, a gateway set) is the upstream gateway,
 * context {@code dev=<interface>}. Addresses are decoded from the kernel's hex (see
 * {@link ProcNetHex}). A row of the wrong shape is reported with its line.
 */
public final class ProcNetRouteParser implements Parser {

    static final long MAX_BYTES = 8L << 20;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern IPV4_HEADER = Pattern.compile("^Iface\\s+Destination\\s+Gateway\\s");
    private static final Pattern IPV6_ROW = Pattern.compile("^[0-9a-fA-F]{32} [0-9a-fA-F]{2} [0-9a-fA-F]{32} ");
    private static final int RTF_GATEWAY = 0x2;

    @Override
    public String id() {
        return "proc-net-route";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Kernel routing tables (/proc/net/route, /proc/net/ipv6_route): default gateways";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.UPSTREAM_GATEWAY);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        String head = file.head(512);
        if (IPV4_HEADER.matcher(head).lookingAt()) {
            return true;
        }
        return name.equals("ipv6_route") && (head.isEmpty() || IPV6_ROW.matcher(head).lookingAt());
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        boolean ipv4 = !lines.isEmpty() && IPV4_HEADER.matcher(lines.get(0)).lookingAt();
        for (int i = ipv4 ? 1 : 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            int number = i + 1;
            String[] f = WHITESPACE.split(s);
            if (ipv4) {
                ipv4Row(f, number, raw, out);
            } else {
                ipv6Row(f, number, raw, out);
            }
        }
        return out.build();
    }

    /** {@code Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT}. */
    private static void ipv4Row(String[] f, int number, String raw, ResultBuilder out) {
        if (f.length < 8) {
            out.error(number, "route row has " + f.length + " fields, expected 11");
            return;
        }
        byte[] destination = ProcNetHex.wordsAddress(f[1]);
        byte[] gateway = ProcNetHex.wordsAddress(f[2]);
        byte[] mask = ProcNetHex.wordsAddress(f[7]);
        int flags = hex(f[3]);
        if (destination == null || gateway == null || mask == null || destination.length != 4 || gateway.length != 4
                || mask.length != 4 || flags < 0) {
            out.error(number, "route row is not in the kernel's hex format");
            return;
        }
        if (zero(destination) && zero(mask) && !zero(gateway) && (flags & RTF_GATEWAY) != 0) {
            out.add(ObservationKind.IP_ADDRESS, ProcNetHex.format(gateway), Role.UPSTREAM_GATEWAY, number, raw, "dev=" + f[0]);
        }
    }

    /** {@code destination prefix source prefix next-hop metric refcnt use flags device}. */
    private static void ipv6Row(String[] f, int number, String raw, ResultBuilder out) {
        if (f.length != 10) {
            out.error(number, "ipv6_route row has " + f.length + " fields, expected 10");
            return;
        }
        byte[] destination = ProcNetHex.networkOrderAddress(f[0]);
        int prefix = hex(f[1]);
        byte[] nextHop = ProcNetHex.networkOrderAddress(f[4]);
        if (destination == null || nextHop == null || prefix < 0) {
            out.error(number, "ipv6_route row is not in the kernel's hex format");
            return;
        }
        if (zero(destination) && prefix == 0 && !zero(nextHop)) {
            out.add(ObservationKind.IP_ADDRESS, ProcNetHex.format(nextHop), Role.UPSTREAM_GATEWAY, number, raw, "dev=" + f[9]);
        }
    }

    private static int hex(String s) {
        if (s.isEmpty() || s.length() > 8) {
            return -1;
        }
        try {
            return (int) Long.parseLong(s, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean zero(byte[] a) {
        for (byte b : a) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
