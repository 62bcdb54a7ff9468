package org.sovaudit.parse.network;

import java.util.Optional;
import java.util.OptionalLong;

import org.sovaudit.model.IpLiterals;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.parse.Values;

/**
 * The address shapes device configurations write besides plain hosts: prefixes with a length
 * ({@code 10.0.0.0/8}), address and netmask pairs, address and wildcard pairs (ACLs), and AS
 * numbers (plain or {@code asdot}). Pure string work, like {@link Values}.
 */
public final class Addresses {

    /** Largest four-octet AS number. */
    static final long MAX_ASN = 4_294_967_295L;

    private Addresses() {
    }

    /** An address or prefix in normal form, with its kind. */
    public record Source(ObservationKind kind, String value) {
    }

    /**
     * A prefix {@code address/length} in normal form ({@link Values} address form, decimal
     * length); a /32 or /128 is returned as a plain address.
     */
    public static Optional<Source> prefix(String token) {
        int slash = token.indexOf('/');
        if (slash <= 0 || slash == token.length() - 1) {
            return Optional.empty();
        }
        Optional<String> address = Values.ip(token.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int length = decimal(token, slash + 1, token.length());
        int max = address.get().indexOf(':') >= 0 ? 128 : 32;
        if (length < 0 || length > max) {
            return Optional.empty();
        }
        return Optional.of(of(address.get(), length, max));
    }

    /**
     * An address with a netmask ({@code 255.255.255.0}) or, when {@code wildcard}, an inverse mask
     * ({@code 0.0.0.255}; a lone {@code 0} means the host alone); empty when the mask is not
     * contiguous.
     */
    public static Optional<Source> masked(String address, String mask, boolean wildcard) {
        if (wildcard && mask.equals("0")) {
            return Values.ipv4(address).map(a -> new Source(ObservationKind.IP_ADDRESS, a));
        }
        Optional<String> ip = Values.ipv4(address);
        byte[] bytes = IpLiterals.parse(mask);
        if (ip.isEmpty() || bytes == null || bytes.length != 4) {
            return Optional.empty();
        }
        int bits = 0;
        for (byte b : bytes) {
            bits = bits << 8 | (b & 0xFF);
        }
        if (wildcard) {
            bits = ~bits;
        }
        int length = Integer.bitCount(bits);
        int contiguous = length == 0 ? 0 : (int) (0xFFFF_FFFFL << (32 - length));
        if (bits != contiguous) {
            return Optional.empty();
        }
        return Optional.of(of(ip.get(), length, 32));
    }

    /** A prefix length written as a number ({@code 0 .. 32}), for dialects that write {@code 0.0.0.0 0}. */
    public static int length(String token) {
        int n = decimal(token, 0, token.length());
        return n >= 0 && n <= 128 ? n : -1;
    }

    private static Source of(String address, int length, int max) {
        return length == max
                ? new Source(ObservationKind.IP_ADDRESS, address)
                : new Source(ObservationKind.CIDR, address + "/" + length);
    }

    /** Whether {@code token} is the IPv4 or IPv6 default prefix in any spelling ({@code 0.0.0.0/0}, {@code ::/0}, {@code 0/0}). */
    public static boolean isDefault(String token) {
        return token.equals("0.0.0.0/0") || token.equals("::/0") || token.equals("0/0") || token.equals("0::0/0")
                || token.equals("::0/0") || token.equalsIgnoreCase("default");
    }

    /** Whether {@code token} is an all-zero address ({@code 0.0.0.0}, {@code ::}). */
    public static boolean isZero(String token) {
        return token.equals("0.0.0.0") || token.equals("::") || token.equals("0::0") || token.equals("::0");
    }

    /**
     * Whether an IPv4 address in normal form reads as a mask rather than a host: it starts with 0
     * or 255 (wildcards, netmasks, the unspecified address) or is a contiguous netmask.
     */
    public static boolean maskLike(String ipv4) {
        if (ipv4.startsWith("0.") || ipv4.startsWith("255.")) {
            return true;
        }
        byte[] bytes = IpLiterals.parse(ipv4);
        if (bytes == null || bytes.length != 4) {
            return false;
        }
        int bits = (bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16 | (bytes[2] & 0xFF) << 8 | (bytes[3] & 0xFF);
        int ones = Integer.numberOfLeadingZeros(~bits);
        return ones >= 1 && (bits << ones) == 0;
    }

    /** An AS number, plain ({@code 4200000001}) or asdot ({@code 64086.59904}), 1 .. 4294967295. */
    public static OptionalLong asn(String token) {
        String t = token.regionMatches(true, 0, "AS", 0, 2) ? token.substring(2) : token;
        int dot = t.indexOf('.');
        long value;
        if (dot > 0) {
            int high = decimal(t, 0, dot);
            int low = decimal(t, dot + 1, t.length());
            if (high < 0 || low < 0 || high > 65535 || low > 65535) {
                return OptionalLong.empty();
            }
            value = (long) high * 65536 + low;
        } else {
            if (t.isEmpty() || t.length() > 10) {
                return OptionalLong.empty();
            }
            value = 0;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    return OptionalLong.empty();
                }
                value = value * 10 + (c - '0');
            }
        }
        return value >= 1 && value <= MAX_ASN ? OptionalLong.of(value) : OptionalLong.empty();
    }

    /** Whether {@code token} is written as a number (so an invalid one is an error, not a name). */
    public static boolean numeric(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an AS number is assigned to somebody: not private use (64512-65534,
     * 4200000000-4294967294), documentation (64496-64511, 65536-65551) or reserved (23456, 65535,
     * 4294967295).
     */
    public static boolean publicAsn(long asn) {
        return !(asn >= 64_496 && asn <= 65_551) && asn != 23_456
                && !(asn >= 4_200_000_000L && asn <= MAX_ASN);
    }

    /** A decimal number in {@code s[from, to)} of at most 9 digits, or -1. */
    static int decimal(String s, int from, int to) {
        if (to <= from || to - from > 9) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
