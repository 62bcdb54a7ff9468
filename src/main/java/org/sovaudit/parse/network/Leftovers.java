package org.sovaudit.parse.network;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Values;

/**
 * The generic extractor of the network dialects: on a command no rule of the dialect understands,
 * every URL, IP address and host name still becomes an observation with role
 * {@link Role#UNKNOWN}, so that no reference is lost ({@code ip sla} probes, IPsec peers, DHCP
 * relays, SMTP servers, licence servers...).
 *
 * <p>Precision over recall, because router configurations are full of numbers that look like
 * addresses: the dialects do not call it on commands about the device's own addressing and
 * topology (interface addresses, routes, ACL rules, descriptions, banners), and here tokens are
 * skipped when they follow a word that names the device's own address ({@code source},
 * {@code router-id} ...), when they read as masks or wildcards ({@code 255.255.255.0},
 * {@code 0.0.0.255}) or an address is followed by one, when they are prefixes ({@code 10.0.0.0/8}),
 * paths or mail addresses, and
 * host names need a dot, an alphabetic top label and no file extension ({@code vrpcfg.zip}).
 * {@code key=value} words (RouterOS, agent flags) are read by their value, comma lists item by item.
 */
final class Leftovers {

    /** Words after which an address is the device's own, never a party. */
    private static final Set<String> OWN = Set.of(
            "source", "source-ip", "source-ipv6", "source-address", "source-interface", "local-address",
            "update-source", "router-id", "lsr-id", "local-ip", "nas-ip", "nas-ipv6", "src-address",
            "to-addresses", "local", "mask", "netmask", "wildcard", "address-mask");

    /** Top labels that are file extensions far more often than domains in device configurations. */
    private static final Set<String> FILE_EXTENSIONS = Set.of(
            "cfg", "conf", "txt", "log", "zip", "bin", "cc", "dat", "xml", "json", "yaml", "yml", "py", "tcl",
            "pem", "crt", "cer", "der", "key", "p12", "pfx", "swi", "swix", "img", "tar", "gz", "tgz", "pkg",
            "iso", "sh", "bak", "lic", "lcs", "rsc", "backup", "npk", "pat", "mod", "bat", "html", "htm", "js",
            "css", "csv", "pcap", "cap", "sig", "md5", "sha", "tmp", "old", "new", "efi", "ini", "sys", "dll",
            "exe", "so", "jar", "war", "deb", "rpm", "db", "gpg", "asc", "png", "jpg", "gif", "cgi");

    private Leftovers() {
    }

    /** Records the references in words {@code from ..} of {@code line}. */
    static void scan(ConfigLine line, int from, ResultBuilder out) {
        boolean skipNext = false;
        for (int i = Math.max(0, from); i < line.size(); i++) {
            String word = line.word(i);
            if (skipNext) {
                skipNext = false;
                continue;
            }
            String bare = ConfigLine.unquote(trimPunctuation(word));
            if (bare.isEmpty()) {
                continue;
            }
            int eq = bare.indexOf('=');
            if (eq >= 0 && bare.indexOf("://") < 0) {
                String key = bare.substring(0, eq).toLowerCase(Locale.ROOT);
                while (key.startsWith("-")) {
                    key = key.substring(1);
                }
                if (OWN.contains(key)) {
                    continue;
                }
                bare = ConfigLine.unquote(bare.substring(eq + 1));
            } else if (OWN.contains(bare.toLowerCase(Locale.ROOT))) {
                skipNext = true;
                continue;
            } else if (followedByMask(line, i)) {
                // an address and its mask or wildcard: a prefix, topology rather than a party
                skipNext = true;
                continue;
            }
            if (bare.indexOf(',') >= 0 && bare.indexOf("://") < 0) {
                int start = 0;
                while (start <= bare.length()) {
                    int comma = bare.indexOf(',', start);
                    int end = comma < 0 ? bare.length() : comma;
                    candidate(bare.substring(start, end), line, out);
                    start = end + 1;
                }
            } else {
                candidate(bare, line, out);
            }
        }
    }

    private static boolean followedByMask(ConfigLine line, int i) {
        String next = line.word(i + 1);
        if (next.isEmpty() || !Character.isDigit(next.charAt(0)) || Values.ipv4(line.word(i)).isEmpty()) {
            return false;
        }
        return Values.ipv4(next).filter(Addresses::maskLike).isPresent();
    }

    private static String trimPunctuation(String word) {
        int end = word.length();
        while (end > 0 && (word.charAt(end - 1) == ',' || word.charAt(end - 1) == ';' || word.charAt(end - 1) == ')')) {
            end--;
        }
        int start = 0;
        while (start < end && word.charAt(start) == '(') {
            start++;
        }
        return word.substring(start, end);
    }

    private static void candidate(String token, ConfigLine line, ResultBuilder out) {
        if (token.length() < 3 || token.length() > Values.MAX_URL) {
            return;
        }
        if (token.indexOf("://") > 0) {
            Values.url(token).ifPresent(u -> out.add(ObservationKind.URL, u.value(), Role.UNKNOWN, line.number(), line.raw(), ""));
            return;
        }
        if (token.endsWith("/32") || token.endsWith("/128")) {
            // a host route or host entry: the address itself
            token = token.substring(0, token.lastIndexOf('/'));
        }
        if (token.indexOf('/') >= 0 || token.indexOf('@') >= 0 || token.indexOf('%') >= 0) {
            return;
        }
        char first = token.charAt(0);
        int colons = count(token, ':');
        if (colons >= 2 || token.charAt(0) == '[') {
            Optional<Values.HostPort> hp = Values.hostPort(token);
            hp.filter(h -> h.host().ip()).ifPresent(h -> out.add(h.host(), Role.UNKNOWN, line.number(), line.raw(), ""));
            return;
        }
        String host = token;
        if (colons == 1) {
            int colon = token.indexOf(':');
            if (!digits(token, colon + 1)) {
                return;
            }
            host = token.substring(0, colon);
        }
        if (first >= '0' && first <= '9') {
            Optional<String> ip = Values.ipv4(host);
            if (ip.isPresent()) {
                if (!Addresses.maskLike(ip.get())) {
                    out.add(ObservationKind.IP_ADDRESS, ip.get(), Role.UNKNOWN, line.number(), line.raw(), "");
                }
                return;
            }
        }
        if (likelyHostname(host)) {
            Values.hostname(host).ifPresent(h -> out.add(ObservationKind.HOSTNAME, h, Role.UNKNOWN, line.number(), line.raw(), ""));
        }
    }

    /** A dotted name with an alphabetic top label of two or more letters that is no file extension ({@code 0.pool.ntp.org} counts). */
    static boolean likelyHostname(String token) {
        int dot = token.lastIndexOf('.');
        if (dot <= 0 || token.length() - dot - 1 < 2 || !Character.isLetterOrDigit(token.charAt(0))) {
            return false;
        }
        for (int i = dot + 1; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return !FILE_EXTENSIONS.contains(token.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static boolean digits(String s, int from) {
        if (from >= s.length() || s.length() - from > 5) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
