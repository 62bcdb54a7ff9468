package org.sovaudit.model;

/**
 * IPv4 and IPv6 address literals, parsed by hand and never resolved: {@link
 * java.net.InetAddress#getByName} would look up a name that is not a literal, and the appliance
 * never touches the network. The one parser of addresses for every stage.
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    /**
     * The 4 bytes of a dotted-decimal IPv4 address or the 16 bytes of an IPv6 address (which may
     * end in a dotted IPv4 tail); null for anything else. No brackets, zones, prefixes or ports;
     * IPv4 octets with leading zeros are refused (they read as octal elsewhere).
     */
    public static byte[] parse(String s) {
        if (s == null) {
            return null;
        }
        if (s.indexOf(':') >= 0) {
            int[] groups = parseIpv6(s);
            if (groups == null) {
                return null;
            }
            byte[] out = new byte[16];
            for (int i = 0; i < 8; i++) {
                out[2 * i] = (byte) (groups[i] >>> 8);
                out[2 * i + 1] = (byte) groups[i];
            }
            return out;
        }
        int[] octets = parseIpv4(s);
        if (octets == null) {
            return null;
        }
        return new byte[] {(byte) octets[0], (byte) octets[1], (byte) octets[2], (byte) octets[3]};
    }

    /**
     * The normal form: dotted decimal for 4 bytes; for 16, RFC 5952 (lower-case hex, the longest
     * run of two or more zero groups, the first if tied, as {@code ::}), with IPv4-mapped addresses
     * as {@code ::ffff:a.b.c.d}.
     */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "."
                    + (address[3] & 0xFF);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xFFFF) {
            return "::ffff:" + (g[6] >> 8) + "." + (g[6] & 0xFF) + "." + (g[7] >> 8) + "." + (g[7] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Four octets, or null. */
    private static int[] parseIpv4(String s) {
        if (s.length() < 7 || s.length() > 15) {
            return null;
        }
        int[] octets = new int[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        boolean leadingZero = false;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part > 3 || (leadingZero && digits > 1)) {
                    return null;
                }
                octets[part++] = value;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 0) {
                    leadingZero = c == '0';
                    value = 0;
                }
                value = value * 10 + (c - '0');
                digits++;
                if (digits > 3 || value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? octets : null;
    }

    /** Eight 16-bit groups, or null. */
    private static int[] parseIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return null;
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        int[] groups = new int[8];
        if (doubleColon < 0) {
            return parseGroups(s, groups, 8, true) == 8 ? groups : null;
        }
        String head = s.substring(0, doubleColon);
        String tail = s.substring(doubleColon + 2);
        int[] headGroups = new int[8];
        int[] tailGroups = new int[8];
        int h = head.isEmpty() ? 0 : parseGroups(head, headGroups, 7, false);
        int t = tail.isEmpty() ? 0 : parseGroups(tail, tailGroups, 7, true);
        if (h < 0 || t < 0 || h + t > 7) {
            return null;
        }
        System.arraycopy(headGroups, 0, groups, 0, h);
        System.arraycopy(tailGroups, 0, groups, 8 - t, t);
        return groups;
    }

    /** Parses colon-separated groups into {@code out}; returns how many, or -1 when malformed. */
    private static int parseGroups(String s, int[] out, int max, boolean ipv4TailAllowed) {
        String[] parts = s.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (last && ipv4TailAllowed && part.indexOf('.') >= 0) {
                int[] v4 = parseIpv4(part);
                if (v4 == null || n + 2 > max) {
                    return -1;
                }
                out[n++] = v4[0] << 8 | v4[1];
                out[n++] = v4[2] << 8 | v4[3];
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || n >= max) {
                return -1;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                int d = c < 0x80 ? Character.digit(c, 16) : -1;
                if (d < 0) {
                    return -1;
                }
                value = value << 4 | d;
            }
            out[n++] = value;
        }
        return n;
    }
}
