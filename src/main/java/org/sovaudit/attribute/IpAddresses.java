package org.sovaudit.attribute;

import java.util.Arrays;

import org.sovaudit.model.IpLiterals;

/**
 * IP address and CIDR literals for matching: addresses as bytes (IPv4-mapped IPv6 unmapped, brackets
 * and zones allowed) and networks with their host bits cleared. Literals are read by {@link IpLiterals}.
 */
final class IpAddresses {

    /** A network: address bytes (4 or 16) with the host bits cleared, and a prefix length. */
    record Network(byte[] address, int prefix) {
        Network {
            address = address.clone();
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        int bits() {
            return address.length * 8;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Network n && n.prefix == prefix && Arrays.equals(n.address, address);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(address) * 31 + prefix;
        }

        @Override
        public String toString() {
            return format(address) + "/" + prefix;
        }
    }

    private static final int MAX_LITERAL = 64;

    private IpAddresses() {
    }

    /**
     * Parses an IPv4 or IPv6 literal (IPv6 optionally in brackets, with a zone id) into 4 or 16
     * bytes. An IPv4-mapped IPv6 address becomes its IPv4 address. Returns null for anything else.
     */
    static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.length() > MAX_LITERAL || s.isEmpty()) {
            return null;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        byte[] address = IpLiterals.parse(s);
        return address != null && address.length == 16 ? unmapV4(address) : address;
    }

    /** Parses {@code address/prefix}; a bare address is a /32 or /128. Host bits are cleared. */
    static Network parseNetwork(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = parse(addr);
        if (bytes == null) {
            return null;
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            prefix = Integer.parseInt(p);
            // an IPv4-mapped IPv6 network keeps its meaning as an IPv4 one
            if (bytes.length == 4 && addr.indexOf(':') >= 0) {
                prefix -= 96;
            }
            if (prefix < 0 || prefix > max) {
                return null;
            }
        }
        return new Network(mask(bytes, prefix), prefix);
    }

    static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF00 >>> keep));
        }
        return out;
    }

    static String format(byte[] address) {
        return IpLiterals.format(address);
    }

    private static byte[] unmapV4(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        if (v6[10] != (byte) 0xFF || v6[11] != (byte) 0xFF) {
            return v6;
        }
        return Arrays.copyOfRange(v6, 12, 16);
    }
}
