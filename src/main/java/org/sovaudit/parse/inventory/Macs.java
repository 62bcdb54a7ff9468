package org.sovaudit.parse.inventory;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MAC addresses in the one spelling observations use: six lower-case octets separated by colons
 * ({@code a4:be:2b:01:02:03}), read from any of {@code a4:be:2b:01:02:03}, {@code A4-BE-2B-01-02-03},
 * {@code a4be.2b01.0203} (Cisco), {@code a4be-2b01-0203} (Huawei, H3C) and {@code a4be2b010203}.
 * Unicast addresses only: broadcast and multicast (group bit set) are not devices.
 */
final class Macs {

    private static final Pattern SIX = Pattern.compile("[0-9A-Fa-f]{1,2}([:-])[0-9A-Fa-f]{1,2}(\\1[0-9A-Fa-f]{1,2}){4}");
    private static final Pattern THREE = Pattern.compile("[0-9A-Fa-f]{4}([.-])[0-9A-Fa-f]{4}\\1[0-9A-Fa-f]{4}");
    private static final Pattern BARE = Pattern.compile("[0-9A-Fa-f]{12}");
    /** Shapes that are meant as a MAC address, valid or not (for reporting malformed ones). */
    private static final Pattern MEANT = Pattern.compile("[0-9A-Za-z]{2}([:-])[0-9A-Za-z]{2}(\\1[0-9A-Za-z]{2}){4}|[0-9A-Za-z]{4}([.-])[0-9A-Za-z]{4}\\4[0-9A-Za-z]{4}");

    private Macs() {
    }

    /** Any well-formed MAC address, normalised (multicast and broadcast included). */
    static Optional<String> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.strip();
        String hex;
        if (SIX.matcher(t).matches()) {
            StringBuilder sb = new StringBuilder();
            for (String part : t.split("[:-]")) {
                sb.append(part.length() == 1 ? "0" + part : part);
            }
            hex = sb.toString();
        } else if (THREE.matcher(t).matches()) {
            hex = t.replaceAll("[.-]", "");
        } else if (BARE.matcher(t).matches()) {
            hex = t;
        } else {
            return Optional.empty();
        }
        hex = hex.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return Optional.of(out.toString());
    }

    /** A unicast, non-zero MAC address, normalised: one that names a device. */
    static Optional<String> device(String token) {
        return parse(token).filter(Macs::unicast);
    }

    static boolean unicast(String mac) {
        int first = Integer.parseInt(mac.substring(0, 2), 16);
        return (first & 1) == 0 && !mac.equals("00:00:00:00:00:00");
    }

    /** Whether {@code token} is shaped like a MAC address with separators, whatever its digits. */
    static boolean meant(String token) {
        return MEANT.matcher(token).matches();
    }
}
