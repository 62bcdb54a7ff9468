package org.sovaudit.parse;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.sovaudit.model.IpLiterals;
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
        String t = token.strip();
        byte[] address = t.indexOf(':') >= 0 ? null : IpLiterals.parse(t);
        return address == null ? Optional.empty() : Optional.of(IpLiterals.format(address));
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
        byte[] address = t.indexOf(':') < 0 ? null : IpLiterals.parse(t);
        return address == null ? Optional.empty() : Optional.of(IpLiterals.format(address));
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
}
