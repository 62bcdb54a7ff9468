package org.sovaudit.parse;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.sovaudit.model.ObservationKind;

/**
 * Classifies and normalises the values every parser extracts: IPv4 and IPv6 addresses, host names,
 * {@code host:port} pairs and URLs. Pure string work: nothing here resolves a name or touches the
 * network ({@link java.net.InetAddress} is never used). A token that is none of these is not an
 * observation, so every method answers {@link Optional#empty()} for it.
 *
 * <p>Normal forms: IPv4 as dotted decimal without leading zeros; IPv6 in RFC 5952 text form
 * (lower case, longest zero run compressed, zone index dropped); host names lower-cased, ASCII
 * (IDNA), without a trailing dot, every label valid per RFC 1123; URLs with lower-case scheme and
 * host and without user information, query or fragment.
 */
public final class Values {

    /** Longest host name (RFC 1035 wire limit less the root label). */
    public static final int MAX_HOSTNAME = 253;

    /** Longest URL accepted, in characters. */
    public static final int MAX_URL = 2048;

    private static final int MAX_LABEL = 63;

    private Values() {
    }

    /** A classified host: an IP address or a host name, in normal form. */
    public record Host(ObservationKind kind, String value) {
        public Host {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }

        public boolean ip() {
            return kind == ObservationKind.IP_ADDRESS;
        }

        /** The host as it stands in a URL authority: IPv6 addresses in brackets. */
        public String authority() {
            return ip() && value.indexOf(':') >= 0 ? "[" + value + "]" : value;
        }
    }

    /** A host with an optional port. */
    public record HostPort(Host host, OptionalInt port) {
        public HostPort {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(port, "port");
        }
    }

    /**
     * An absolute URL with an authority.
     *
     * @param scheme lower-case scheme, e.g. {@code https} or {@code mirror+http}
     * @param host   the host
     * @param port   the port when one is written
     * @param path   the path as written (may be empty)
     * @param value  the normal form without user information, query or fragment
     */
    public record WebUrl(String scheme, Host host, OptionalInt port, String path, String value) {
    }

    /** An IP address or a host name; IPv6 may be written in brackets. */
    public static Optional<Host> host(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.strip();
        if (t.length() > 2 && t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']') {
            return ipv6(t.substring(1, t.length() - 1)).map(v -> new Host(ObservationKind.IP_ADDRESS, v));
        }
        Optional<String> ip = ip(t);
        if (ip.isPresent()) {
            return Optional.of(new Host(ObservationKind.IP_ADDRESS, ip.get()));
        }
        return hostname(t).map(v -> new Host(ObservationKind.HOSTNAME, v));
    }

    /** An IPv4 or IPv6 address (never a name) in normal form. */
    public static Optional<String> ip(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.strip();
        if (t.indexOf(':') >= 0) {
            return ipv6(t);
        }
        return ipv4(t);
    }

    /** A dotted-decimal IPv4 address; leading zeros are refused (they read as octal elsewhere). */
    public static Optional<String> ipv4(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int[] octets = parseIpv4(token.strip());
        if (octets == null) {
            return Optional.empty();
        }
        return Optional.of(octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3]);
    }

    /**
     * An IPv6 address in RFC 5952 form. Accepts a zone index ({@code fe80::1%eth0}, dropped) and an
     * embedded IPv4 tail ({@code ::ffff:192.0.2.1}); not brackets (see {@link #host}).
     */
    public static Optional<String> ipv6(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.strip();
        int zone = t.indexOf('%');
        if (zone >= 0) {
            String id = t.substring(zone + 1);
            if (id.isEmpty() || id.length() > 32 || !id.chars().allMatch(c -> isAsciiAlnum(c) || c == '.' || c == '_' || c == '-')) {
                return Optional.empty();
            }
            t = t.substring(0, zone);
        }
        int[] groups = parseIpv6(t);
        return groups == null ? Optional.empty() : Optional.of(formatIpv6(groups));
    }

    /**
     * A host name checked per RFC 1123: lower-cased, IDNA-encoded when it has non-ASCII letters,
     * without a trailing dot, labels of 1..63 letters, digits and hyphens not starting or ending with
     * a hyphen, at most {@value #MAX_HOSTNAME} characters, and a top label that is not all digits (so
     * a malformed IPv4 address is not mistaken for a name). Single-label names are accepted; callers
     * that cannot tell a name from a keyword should require a dot.
     */
    public static Optional<String> hostname(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.strip();
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || t.length() > MAX_HOSTNAME * 4) {
            return Optional.empty();
        }
        if (!t.chars().allMatch(c -> c < 0x80)) {
            try {
                t = IDN.toASCII(t, 0);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        t = t.toLowerCase(Locale.ROOT);
        if (t.length() > MAX_HOSTNAME) {
            return Optional.empty();
        }
        String[] labels = t.split("\\.", -1);
        for (String label : labels) {
            if (!validLabel(label)) {
                return Optional.empty();
            }
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /**
     * Splits {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6 address
     * (several colons, no port). A port must be 1..65535.
     */
    public static Optional<HostPort> hostPort(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.strip();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            String rest = t.substring(close + 1);
            OptionalInt port = OptionalInt.empty();
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    return Optional.empty();
                }
                port = port(rest.substring(1));
                if (port.isEmpty()) {
                    return Optional.empty();
                }
            }
            OptionalInt p = port;
            return host(t.substring(0, close + 1)).map(h -> new HostPort(h, p));
        }
        int first = t.indexOf(':');
        if (first >= 0 && first == t.lastIndexOf(':')) {
            OptionalInt port = port(t.substring(first + 1));
            if (port.isEmpty()) {
                return Optional.empty();
            }
            return host(t.substring(0, first)).map(h -> new HostPort(h, port));
        }
        return host(t).map(h -> new HostPort(h, OptionalInt.empty()));
    }

    /**
     * An absolute URL with a host ({@code scheme://[user[:password]@]host[:port][/path][?query][#fragment]}).
     * The normal form drops user information, query and fragment, so it never carries credentials.
     * URLs without a host ({@code file:/...}, {@code cdrom:...}) are not accepted.
     */
    public static Optional<WebUrl> url(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.strip();
        if (t.isEmpty() || t.length() > MAX_URL) {
            return Optional.empty();
        }
        int sep = t.indexOf("://");
        if (sep <= 0 || sep > 32 || !validScheme(t.substring(0, sep))) {
            return Optional.empty();
        }
        String scheme = t.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = t.substring(sep + 3);
        int end = indexOfAny(rest, "?#");
        if (end >= 0) {
            rest = rest.substring(0, end);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        if (!path.chars().allMatch(c -> c > 0x20 && c != 0x7F)) {
            return Optional.empty();
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        if (authority.isEmpty()) {
            return Optional.empty();
        }
        Optional<HostPort> hp = hostPort(authority);
        if (hp.isEmpty() || (authority.indexOf(':') != authority.lastIndexOf(':') && !authority.startsWith("["))) {
            // a bare IPv6 address must be bracketed inside a URL
            return Optional.empty();
        }
        Host host = hp.get().host();
        OptionalInt port = hp.get().port();
        String value = scheme + "://" + host.authority() + (port.isPresent() ? ":" + port.getAsInt() : "") + path;
        return Optional.of(new WebUrl(scheme, host, port, path, value));
    }

    private static OptionalInt port(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int p = Integer.parseInt(digits);
        return p >= 1 && p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
    }

    private static boolean validScheme(String scheme) {
        if (!Character.isLetter(scheme.charAt(0)) || scheme.charAt(0) >= 0x80) {
            return false;
        }
        return scheme.chars().allMatch(c -> isAsciiAlnum(c) || c == '+' || c == '.' || c == '-');
    }

    private static boolean validLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL) {
            return false;
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether {@code token} is made of digits and dots only, with at least one dot: meant as an IPv4
     * address, so a parser can report it as malformed when {@link #ipv4} refuses it.
     */
    public static boolean looksLikeIpv4(String token) {
        if (token == null || token.isEmpty() || token.length() > 64 || token.indexOf('.') < 0) {
            return false;
        }
        return token.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
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
            return parseGroups(s, groups, 0, 8, true) == 8 ? groups : null;
        }
        String head = s.substring(0, doubleColon);
        String tail = s.substring(doubleColon + 2);
        int[] headGroups = new int[8];
        int[] tailGroups = new int[8];
        int h = head.isEmpty() ? 0 : parseGroups(head, headGroups, 0, 7, false);
        int t = tail.isEmpty() ? 0 : parseGroups(tail, tailGroups, 0, 7, true);
        if (h < 0 || t < 0 || h + t > 7) {
            return null;
        }
        System.arraycopy(headGroups, 0, groups, 0, h);
        System.arraycopy(tailGroups, 0, groups, 8 - t, t);
        return groups;
    }

    /** Parses colon-separated groups into {@code out}; returns how many, or -1 when malformed. */
    private static int parseGroups(String s, int[] out, int start, int max, boolean ipv4TailAllowed) {
        String[] parts = s.split(":", -1);
        int n = start;
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
                int d = Character.digit(part.charAt(j), 16);
                if (d < 0 || part.charAt(j) >= 0x80) {
                    return -1;
                }
                value = value << 4 | d;
            }
            out[n++] = value;
        }
        return n - start;
    }

    private static String formatIpv6(int[] g) {
        boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xFFFF;
        if (mapped) {
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
}
