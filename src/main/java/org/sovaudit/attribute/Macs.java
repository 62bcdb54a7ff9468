package org.sovaudit.attribute;

/**
 * MAC addresses and OUIs read for matching: six octets written {@code a4:be:2b:01:02:03},
 * {@code A4-BE-2B-01-02-03}, {@code a4be.2b01.0203} or {@code a4be2b010203}; an OUI as its first three
 * octets in any of those spellings. The IEEE assigns the OUI (the first 24 bits) to a manufacturer;
 * an address with the locally-administered bit set (0x02 in the first octet) was not assigned by
 * anyone, and one with the group bit set (0x01) names a group, not a device.
 */
final class Macs {

    private Macs() {
    }

    /** The 48-bit address, or -1 when {@code value} is not a MAC address. */
    static long parse(String value) {
        if (value == null) {
            return -1;
        }
        String s = value.strip();
        if (s.length() < 12 || s.length() > 17) {
            return -1;
        }
        long v = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = Character.digit(c, 16);
            if (d >= 0 && c < 0x80) {
                v = v << 4 | d;
                digits++;
            } else if (c != ':' && c != '-' && c != '.') {
                return -1;
            }
        }
        if (digits != 12 || !separatorsWellPlaced(s)) {
            return -1;
        }
        return v;
    }

    /** Separators only between groups of 2 (':' '-') or 4 ('.') hex digits, one kind per address. */
    private static boolean separatorsWellPlaced(String s) {
        char sep = 0;
        int run = 0;
        int group = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' || c == '-' || c == '.') {
                if (sep != 0 && sep != c) {
                    return false;
                }
                sep = c;
                if (group < 0) {
                    group = run;
                }
                if (run != group) {
                    return false;
                }
                run = 0;
            } else {
                run++;
            }
        }
        if (sep == 0) {
            return s.length() == 12;
        }
        return run == group && (group == 2 && sep != '.' || group == 4 && sep == '.');
    }

    /** The OUI of a 48-bit address: its first 24 bits. */
    static int oui(long mac) {
        return (int) (mac >>> 24) & 0xFFFFFF;
    }

    /** An OUI written as 6 hex digits, optionally separated ({@code 00E0FC}, {@code 00-e0-fc}); -1 otherwise. */
    static int parseOui(String value) {
        if (value == null) {
            return -1;
        }
        String s = value.strip().replace(":", "").replace("-", "");
        if (s.length() != 6) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < 6; i++) {
            char c = s.charAt(i);
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    static boolean locallyAdministered(long mac) {
        return (mac >>> 40 & 0x02) != 0;
    }

    static boolean group(long mac) {
        return (mac >>> 40 & 0x01) != 0;
    }

    /** An OUI as the knowledge base writes it: six upper-case hex digits. */
    static String formatOui(int oui) {
        return String.format(java.util.Locale.ROOT, "%06X", oui);
    }
}
