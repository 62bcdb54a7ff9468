package org.sovaudit.parse.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Snippets;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * rsyslog and classic syslogd configuration ({@code rsyslog.conf}, {@code rsyslog.d/*.conf},
 * {@code syslog.conf}): where logs are forwarded. Legacy actions {@code @host[:port]} (UDP, context
 * {@code udp}), {@code @@host} (TCP), {@code @(z9)host}, {@code @[v6]:port} and {@code :omrelp:host:port}
 * (context {@code relp}), and RainerScript {@code action(type="omfwd" target=... protocol=...)} (also
 * across lines), {@code omrelp}, {@code omelasticsearch} and {@code omhttp} ({@code server}),
 * {@code omkafka} ({@code broker}): every target is a log sink. The certificate names a TLS action
 * requires of its receiver ({@code $ActionSendStreamDriverPermittedPeer}, {@code StreamDriverPermittedPeers})
 * name the sink too (context {@code tls-peer}); a backtick target ({@code `echo $TARGET`}) is
 * evaluated at start-up and names nothing here. Other lines that hold a host or URL
 * are recorded with an unknown role. Comments start with {@code #}; an object whose parenthesis is
 * never closed is reported at the line it opens on. Parameters that carry credentials
 * ({@code httpheadervalue}, {@code pwd}, {@code token} ...) are masked in evidence.
 */
public final class RsyslogConfParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Set<String> NAMES = Set.of("rsyslog.conf", "syslog.conf");
    private static final Pattern OBJECT = Pattern.compile("(?i)\\b(action|module|input|template|global|main_queue|parser|timezone|lookup_table|dyn_stats|percentile_stats|include)\\s*\\(");
    private static final Pattern PARAM = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\[[^\\]]*\\]|[^\\s)\"']+)");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'");
    /** Action parameters that carry credentials (HTTP headers, passwords, tokens): masked before a line is evidence. */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)\\b((?:http)?header(?:value|s)?|pwd|passw(?:or)?d|token|api_?key|secret|[a-z.]*authorization)(\\s*=\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\[[^\\]]*\\]|[^\\s)]+)");
    private static final Pattern LEGACY_FORWARD = Pattern.compile("(?:^|\\s)(@@?|:omrelp:)(\\S+)");
    /** The certificate name the next forwarding action requires of its receiver (legacy directive). */
    private static final Pattern LEGACY_PEER = Pattern.compile("(?i)^\\s*\\$ActionSendStreamDriverPermittedPeer\\s+(\\S+)");
    /** A selector ({@code *.*}, {@code auth,authpriv.*}) forwarding with {@code @}, or an omfwd/omrelp action. */
    private static final Pattern SNIFF = Pattern.compile(
            "(?mi)^\\s*(?:[a-z*][a-z0-9*,;.!=-]*\\.[a-z*!=][a-z0-9*,;.!=-]*\\s+@@?[\\[\\w(]|.*action\\s*\\(\\s*type\\s*=\\s*\"om(?:fwd|relp)\")");

    @Override
    public String id() {
        return "rsyslog-conf";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "rsyslog and syslogd configuration (rsyslog.conf, rsyslog.d/*.conf, syslog.conf): log forwarding targets";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.LOG_SINK, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (NAMES.contains(name)) {
            return true;
        }
        if (!name.endsWith(".conf")) {
            return false;
        }
        String path = "/" + file.path().toLowerCase(Locale.ROOT);
        return path.contains("/rsyslog.d/") || (!path.contains("/syslog-ng") && SNIFF.matcher(file.head(SNIFF_BYTES)).find());
    }

    /** One statement: its text (lines joined with '\n') and the number of its first line. */
    private record Statement(String text, int first, List<String> raws) {
        int lineOf(int offset) {
            int line = first;
            for (int i = 0; i < offset && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        String rawOf(int offset) {
            return masked(raws.get(lineOf(offset) - first));
        }
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        int i = 0;
        while (i < lines.size()) {
            String raw = lines.get(i);
            String code = withoutComment(raw);
            int number = i + 1;
            i++;
            if (code.isBlank()) {
                continue;
            }
            Matcher object = OBJECT.matcher(code);
            if (!object.find()) {
                legacy(code, number, raw, out);
                continue;
            }
            StringBuilder text = new StringBuilder(code);
            List<String> raws = new ArrayList<>(List.of(raw));
            while (depth(text) > 0 && i < lines.size()) {
                text.append('\n').append(withoutComment(lines.get(i)));
                raws.add(lines.get(i));
                i++;
            }
            if (depth(text) > 0) {
                out.error(number, object.group(1).toLowerCase(Locale.ROOT) + "( is not closed");
                break;
            }
            Statement statement = new Statement(text.toString(), number, raws);
            Matcher m = OBJECT.matcher(statement.text());
            boolean any = false;
            while (m.find()) {
                if (m.group(1).equalsIgnoreCase("action")) {
                    any |= action(statement, m.end(), out);
                }
            }
            if (!any && !code.substring(0, object.start()).isBlank()) {
                legacy(code.substring(0, object.start()), number, raw, out);
            }
        }
        return out.build();
    }

    /** Reads the parameters of one {@code action(...)}; returns whether it forwards. */
    private static boolean action(Statement s, int from, ResultBuilder out) {
        int end = closing(s.text(), from);
        String body = s.text().substring(from, end);
        String type = "";
        String protocol = "";
        Matcher p = PARAM.matcher(body);
        while (p.find()) {
            String key = p.group(1).toLowerCase(Locale.ROOT);
            String value = unquote(p.group(2));
            if (key.equals("type")) {
                type = value.toLowerCase(Locale.ROOT);
            } else if (key.equals("protocol")) {
                protocol = value.toLowerCase(Locale.ROOT);
            }
        }
        String context = switch (type) {
            case "omfwd", "omudpspoof" -> protocol.isEmpty() ? "udp" : protocol;
            case "omrelp" -> "relp";
            case "omelasticsearch" -> "elasticsearch";
            case "omhttp" -> "http";
            case "omkafka" -> "kafka";
            default -> null;
        };
        if (context == null) {
            return false;
        }
        Matcher q = PARAM.matcher(body);
        while (q.find()) {
            String key = q.group(1).toLowerCase(Locale.ROOT);
            boolean peer = key.equals("streamdriverpermittedpeers") && !context.equals("udp");
            if (!(key.equals("target") || key.equals("server") || key.equals("broker") || peer)) {
                continue;
            }
            int offset = from + q.start(2);
            int line = s.lineOf(offset);
            String raw = s.rawOf(offset);
            for (String value : values(q.group(2))) {
                if (peer) {
                    for (String name : value.split(",")) {
                        permittedPeer(name, line, raw, out);
                    }
                } else {
                    sink(value, context, line, raw, out, "action " + key);
                }
            }
        }
        return true;
    }

    private static void legacy(String code, int number, String raw, ResultBuilder out) {
        Matcher peer = LEGACY_PEER.matcher(code);
        if (peer.find()) {
            for (String name : peer.group(1).split(",")) {
                permittedPeer(name, number, raw, out);
            }
            return;
        }
        Matcher m = LEGACY_FORWARD.matcher(code);
        if (!m.find()) {
            out.addUnexplained(number, raw);
            return;
        }
        String kind = m.group(1);
        String target = m.group(2);
        int semicolon = target.indexOf(';');
        if (semicolon >= 0) {
            target = target.substring(0, semicolon);
        }
        if (target.startsWith("(")) {
            int close = target.indexOf(')');
            target = close < 0 ? "" : target.substring(close + 1);
        }
        String context = kind.equals("@@") ? "tcp" : kind.equals("@") ? "udp" : "relp";
        sink(target, context, number, raw, out, "forwarding target");
    }

    /**
     * A name the receiver's TLS certificate must carry ({@code *.domain} allowed): it names the log
     * sink's operator, context {@code tls-peer}. Fingerprints and unreadable names are skipped.
     */
    private static void permittedPeer(String name, int line, String raw, ResultBuilder out) {
        String text = name.strip();
        if (text.startsWith("*.")) {
            text = text.substring(2);
        }
        Optional<String> host = Values.hostname(text);
        if (host.isPresent() && host.get().indexOf('.') > 0) {
            out.add(ObservationKind.HOSTNAME, host.get(), Role.LOG_SINK, line, raw, "tls-peer");
        }
    }

    private static void sink(String value, String context, int line, String raw, ResultBuilder out, String what) {
        if (value.startsWith("`")) {
            return; // a backtick constant: rsyslog runs it through a shell at start-up (`echo $TARGET`); no value here
        }
        Optional<Values.HostPort> hp = Values.hostPort(value);
        if (hp.isPresent()) {
            out.add(hp.get().host(), Role.LOG_SINK, line, raw, context);
            return;
        }
        var url = Values.url(value);
        if (url.isPresent()) {
            out.add(ObservationKind.URL, url.get().value(), Role.LOG_SINK, line, raw, context);
            return;
        }
        out.error(line, what + " '" + value + "' is not a host name, address or URL");
    }

    /** The strings of a parameter value: one quoted or bare value, or every string of an array. */
    private static List<String> values(String raw) {
        List<String> out = new ArrayList<>();
        if (raw.startsWith("[")) {
            Matcher m = QUOTED.matcher(raw);
            while (m.find()) {
                out.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            return out;
        }
        out.add(unquote(raw));
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"");
        }
        return v;
    }

    /** Open parentheses outside quotes. */
    private static int depth(CharSequence text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return depth;
    }

    /** The offset of the ')' closing the parenthesis opened just before {@code from}; the end of the text when none. */
    private static int closing(String text, int from) {
        int at = org.sovaudit.parse.Brackets.matching(text, from - 1, '(', ')', text.length());
        return at < 0 ? text.length() : at;
    }

    /** The line with the values of credential-carrying parameters replaced by the mask. */
    static String masked(String raw) {
        return SECRET_PARAM.matcher(raw).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "\"" + Snippets.MASK + "\""));
    }

    /** The line without a {@code #} comment outside quotes. */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
