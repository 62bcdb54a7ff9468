package org.sovaudit.parse.host;

import org.sovaudit.model.IpLiterals;

/**
 * Addresses as the kernel prints them in {@code /proc/net}: IPv4 as 8 hex digits of a 32-bit word
 * in the host's byte order (little-endian on every platform the appliance runs on: x86 and ARM), so
 * {@code 0100007F} is 127.0.0.1; IPv6 in {@code tcp6} as four such words; IPv6 in {@code ipv6_route}
 * as 32 hex digits in network order. Ports are 4 hex digits, big-endian.
 */
final class ProcNetHex {

    private ProcNetHex() {
    }

    /** The address of a {@code tcp}/{@code tcp6}/{@code route} field, or null when malformed. */
    static byte[] wordsAddress(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            return null;
        }
        byte[] out = new byte[hex.length() / 2];
        for (int word = 0; word < hex.length() / 8; word++) {
            for (int b = 0; b < 4; b++) {
                int v = octet(hex, word * 8 + (3 - b) * 2);
                if (v < 0) {
                    return null;
                }
                out[word * 4 + b] = (byte) v;
            }
        }
        return out;
    }

    /** The address of an {@code ipv6_route} field (network order), or null when malformed. */
    static byte[] networkOrderAddress(String hex) {
        if (hex.length() != 32) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            int v = octet(hex, i * 2);
            if (v < 0) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** A 4-digit hex port, or -1. */
    static int port(String hex) {
        if (hex.length() != 4) {
            return -1;
        }
        int hi = octet(hex, 0);
        int lo = octet(hex, 2);
        return hi < 0 || lo < 0 ? -1 : hi << 8 | lo;
    }

    static String format(byte[] address) {
        return IpLiterals.format(address);
    }

    private static int octet(String hex, int at) {
        int hi = Character.digit(hex.charAt(at), 16);
        int lo = Character.digit(hex.charAt(at + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    }
}
