package org.sovaudit.parse.generic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.IpLiterals;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.parse.Values;

/**
 * Finds the host names, IP addresses, networks and URLs on one line of text whose syntax is not
 * known, with rules that keep precision sane:
 * <ul>
 *   <li>Comments are skipped: a line whose first non-blank characters are {@code #}, {@code ;},
 *       {@code //}, {@code !}, {@code --}, {@code <!--}, {@code /*} or {@code * } is not read, nor
 *       the rest of a line after a {@code #} that follows white space. A commented-out server is
 *       not in force.</li>
 *   <li>URLs ({@code scheme://host...}) are normalised as {@link Values#url} does (no credentials,
 *       query or fragment); their host must pass the tests below.</li>
 *   <li>A host name needs a dot and a top-level domain that is a country code, one of the classic
 *       generic ones, a short list of common new ones, or an IDN ({@code xn--}); so {@code config.yaml},
 *       {@code org.apache.commons} and {@code 1.2.3} are not names. Two-label names under a
 *       country code that is also a common file extension ({@code setup.py}, {@code main.tf},
 *       {@code README.md}, {@code Makefile.in}) are not names either, nor is anything standing in a
 *       file path ({@code /etc/x.com}), nor a reverse-DNS identifier ({@code org.apache.commons.io}).</li>
 *   <li>The key of a {@code key = value} or {@code key: value} line ({@code cluster.name:},
 *       {@code request.timeout.ms=}) is not a name.</li>
 *   <li>An IPv4 address right after a word like {@code version}, {@code release} or
 *       {@code app.version} is a version
 *       number; {@code 0.0.0.0}, loopback, netmasks and broadcast ({@code 255.x}), link-local and
 *       multicast addresses name nobody and are skipped, as are IPv6 {@code ::}, {@code ::1},
 *       link-local and multicast. Private addresses are kept (the attribute stage calls them
 *       internal). {@code a.b.c.d/n} is a network (CIDR).</li>
 *   <li>The domain of an e-mail address or of {@code user@host} is a host name.</li>
 * </ul>
 * Only the first {@value #MAX_LINE} characters of a line are looked at.
 */
public final class HostTokens {

    /** Longest stretch of one line that is looked at. */
    public static final int MAX_LINE = 4096;

    /** A value found on a line, in normal form. */
    public record Token(ObservationKind kind, String value) {
    }

    private static final Set<String> COUNTRY_CODES = Set.of((
            "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bv bw by "
            + "bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj "
            + "fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io "
            + "iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg "
            + "mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph "
            + "pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx "
            + "sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt "
            + "za zm zw").split(" "));

    /** Generic TLDs accepted: the classic ones and new ones common for real services. */
    private static final Set<String> GENERIC = Set.of("com", "net", "org", "edu", "gov", "mil", "int", "info", "biz",
            "app", "dev", "cloud", "tech", "online", "xyz", "top", "site", "asia", "mobi", "pro");

    /** Country codes that are also common file extensions or unit suffixes. */
    private static final Set<String> FILE_LIKE = Set.of("py", "sh", "md", "pl", "pm", "rs", "so", "cc", "am", "ac", "mk",
            "tf", "mo", "ps", "ml", "sc", "sv", "in", "ms", "bz", "gz", "ts", "js", "cs", "rb", "hs", "ko");

    /** First labels that mark a reverse-DNS identifier rather than a host. */
    private static final Set<String> REVERSE_DNS_FIRST = Set.of("com", "org", "net", "edu", "gov", "mil", "io");

    /** Words after which a dotted number is a version. */
    private static final Set<String> VERSION_WORDS = Set.of("version", "ver", "v", "release", "rel", "rev", "revision",
            "build", "firmware", "fw", "sw", "software", "vrp", "patch", "kernel");

    private static final Pattern URL = Pattern.compile("(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}://[^\\s\"'<>`{}|\\\\^]+");
    private static final Pattern KEY_AT_START = Pattern.compile("^[\\s\"'-]*([A-Za-z0-9_.-]+)[\"']?\\s*[:=](?!//)");

    private HostTokens() {
    }

    /** The values on {@code line}, in the order they stand, each once. */
    public static List<Token> find(String line) {
        if (line == null || line.isEmpty()) {
            return List.of();
        }
        String text = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
        if (isComment(text)) {
            return List.of();
        }
        text = withoutTrailingComment(text);
        Set<Token> found = new LinkedHashSet<>();
        StringBuilder rest = new StringBuilder(text);
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String candidate = trimUrl(m.group());
            Values.url(candidate).filter(u -> acceptedHost(u.host()))
                    .ifPresent(u -> found.add(new Token(ObservationKind.URL, u.value())));
            for (int i = m.start(); i < m.end(); i++) {
                rest.setCharAt(i, ' ');
            }
        }
        String key = keyAtStart(text);
        String previous = "";
        for (String word : words(rest.toString())) {
            if (!word.equals(key)) {
                word(word, previous, found);
            }
            previous = word;
        }
        return List.copyOf(found);
    }

    private static void word(String raw, String previous, Set<Token> found) {
        String word = raw;
        int at = word.lastIndexOf('@');
        if (at >= 0) {
            word = word.substring(at + 1);
        }
        if (word.startsWith("/") || word.startsWith("./") || word.startsWith("~")) {
            return;
        }
        word = trimPunctuation(word);
        if (word.isEmpty()) {
            return;
        }
        int slash = word.indexOf('/');
        if (slash >= 0) {
            String left = word.substring(0, slash);
            String right = word.substring(slash + 1);
            Optional<String> ip = Values.ip(left);
            if (ip.isPresent() && right.matches("\\d{1,3}")) {
                int prefix = Integer.parseInt(right);
                if (prefix <= (ip.get().indexOf(':') >= 0 ? 128 : 32) && keptAddress(ip.get())) {
                    found.add(new Token(ObservationKind.CIDR, ip.get() + "/" + prefix));
                }
                return;
            }
            word = left;
        }
        int colons = count(word, ':');
        if (colons >= 2) {
            if (word.chars().anyMatch(Character::isDigit) && (colons >= 3 || word.contains("::")) && word.length() >= 6) {
                Values.ipv6(word).filter(HostTokens::keptAddress)
                        .ifPresent(v -> found.add(new Token(ObservationKind.IP_ADDRESS, v)));
            }
            return;
        }
        if (colons == 1) {
            String port = word.substring(word.indexOf(':') + 1);
            // host:port, or an scp-style user@host:path
            if (!port.isEmpty() && !port.chars().allMatch(Character::isDigit) && at < 0) {
                return;
            }
            word = word.substring(0, word.indexOf(':'));
        }
        Optional<String> ipv4 = Values.ipv4(word);
        if (ipv4.isPresent()) {
            if (!versionWord(previous) && keptAddress(ipv4.get())) {
                found.add(new Token(ObservationKind.IP_ADDRESS, ipv4.get()));
            }
            return;
        }
        if (word.indexOf('.') < 0) {
            return;
        }
        Values.hostname(word).filter(HostTokens::publicName)
                .ifPresent(name -> found.add(new Token(ObservationKind.HOSTNAME, name)));
    }

    /** {@code version}, {@code app.version}, {@code FIRMWARE_VER}: a word after which a dotted number is a version. */
    private static boolean versionWord(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        int cut = Math.max(w.lastIndexOf('.'), Math.max(w.lastIndexOf('_'), w.lastIndexOf('-')));
        return VERSION_WORDS.contains(w) || cut >= 0 && VERSION_WORDS.contains(w.substring(cut + 1));
    }

    /** Whether a host (of a URL) passes the same tests as a bare one. */
    static boolean acceptedHost(Values.Host host) {
        return host.ip() ? keptAddress(host.value()) : publicName(host.value());
    }

    /** A host name with a dot and a top-level domain in use on the Internet, not shaped like a file name. */
    static boolean publicName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        String tld = name.substring(dot + 1);
        boolean known = COUNTRY_CODES.contains(tld) || GENERIC.contains(tld) || tld.startsWith("xn--");
        if (!known) {
            return false;
        }
        int labels = 1 + (int) name.chars().filter(c -> c == '.').count();
        if (FILE_LIKE.contains(tld) && labels == 2) {
            return false;
        }
        // a reverse-DNS identifier (Java package, bundle id) starts with a top-level domain: org.apache.commons.io
        String first = name.substring(0, name.indexOf('.'));
        return !(labels >= 3 && REVERSE_DNS_FIRST.contains(first));
    }

    /** Addresses that may name a party: not unspecified, loopback, netmask-shaped, link-local or multicast. */
    static boolean keptAddress(String ip) {
        byte[] a = IpLiterals.parse(ip);
        if (a == null) {
            return false;
        }
        if (a.length == 4) {
            int first = a[0] & 0xFF;
            int second = a[1] & 0xFF;
            return first != 0 && first != 127 && first != 255 && !(first >= 224 && first <= 239)
                    && !(first == 169 && second == 254);
        }
        boolean allZero = true;
        for (int i = 0; i < 15; i++) {
            allZero &= a[i] == 0;
        }
        if (allZero) {
            return false;
        }
        int first = a[0] & 0xFF;
        int second = a[1] & 0xFF;
        return first != 0xFF && !(first == 0xFE && (second & 0xC0) == 0x80);
    }

    private static boolean isComment(String line) {
        String s = line.stripLeading();
        return s.startsWith("#") || s.startsWith(";") || s.startsWith("//") || s.startsWith("!") || s.startsWith("--")
                || s.startsWith("<!--") || s.startsWith("/*") || s.equals("*") || s.startsWith("* ") || s.startsWith("*/");
    }

    private static String withoutTrailingComment(String line) {
        for (int i = 1; i < line.length(); i++) {
            if (line.charAt(i) == '#' && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The key of a {@code key: value} or {@code key = value} line, or null. */
    private static String keyAtStart(String line) {
        Matcher m = KEY_AT_START.matcher(line);
        if (!m.lookingAt()) {
            return null;
        }
        int end = m.end();
        // "host:123" and "host:port" are values, not keys
        if (line.charAt(end - 1) == ':' && end < line.length() && Character.isDigit(line.charAt(end))) {
            return null;
        }
        return m.group(1);
    }

    /** Runs of characters that may make up a host, address, port, path or e-mail address. */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean part = c < 0x80 ? (Character.isLetterOrDigit(c) || ".-_:/@%~+".indexOf(c) >= 0) : Character.isLetterOrDigit(c);
            if (part) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            }
        }
        return out;
    }

    private static String trimPunctuation(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && ".:-_".indexOf(word.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && ".:-_/".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(start, end);
    }

    private static String trimUrl(String url) {
        int end = url.length();
        while (end > 0 && ".,;:)]}!?'\"".indexOf(url.charAt(end - 1)) >= 0) {
            if (url.charAt(end - 1) == ']' && url.indexOf('[') >= 0 && url.indexOf(']') == end - 1) {
                break;
            }
            end--;
        }
        return url.substring(0, end);
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
}
