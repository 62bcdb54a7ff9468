package org.sovaudit.parse.host;

import org.sovaudit.model.IpLiterals;

/** Whether an address can name a party outside the host's own networks (pure arithmetic, no lookups). */
final class Addresses {

    private Addresses() {
    }

    /**
     * True for a valid address outside the private (RFC 1918, RFC 6598 shared, IPv6 unique-local),
     * loopback, link-local, unspecified, multicast and reserved ranges.
     */
    static boolean outside(String ip) {
        byte[] a = IpLiterals.parse(ip);
        if (a == null) {
            return false;
        }
        if (a.length == 16 && isV4Mapped(a)) {
            byte[] v4 = new byte[] {a[12], a[13], a[14], a[15]};
            return outsideV4(v4);
        }
        return a.length == 4 ? outsideV4(a) : outsideV6(a);
    }

    /** Loopback or unspecified: the host itself. */
    static boolean local(byte[] a) {
        if (a.length == 16 && isV4Mapped(a)) {
            return local(new byte[] {a[12], a[13], a[14], a[15]});
        }
        if (a.length == 4) {
            int first = a[0] & 0xFF;
            return first == 127 || first == 0;
        }
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[15] == 0 || a[15] == 1;
    }

    private static boolean outsideV4(byte[] a) {
        int b0 = a[0] & 0xFF;
        int b1 = a[1] & 0xFF;
        if (b0 == 0 || b0 == 10 || b0 == 127 || b0 >= 224) {
            return false;
        }
        if (b0 == 100 && b1 >= 64 && b1 <= 127) {
            return false;
        }
        if (b0 == 169 && b1 == 254 || b0 == 172 && b1 >= 16 && b1 <= 31 || b0 == 192 && b1 == 168) {
            return false;
        }
        return true;
    }

    private static boolean outsideV6(byte[] a) {
        int b0 = a[0] & 0xFF;
        // multicast, unique-local (fc00::/7), and fe00::/8 (link-local, deprecated site-local, reserved)
        if (b0 == 0xFF || (b0 & 0xFE) == 0xFC || b0 == 0xFE) {
            return false;
        }
        return !local(a);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
    }
}
