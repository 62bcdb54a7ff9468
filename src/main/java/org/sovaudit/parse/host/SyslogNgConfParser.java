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
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * syslog-ng configuration ({@code syslog-ng.conf}, {@code syslog-ng/conf.d/*.conf}, or any file
 * starting with {@code @version:}): in every {@code destination} block (named, or inline in a log
 * path), the host of the {@code network()}, {@code syslog()}, {@code tcp()}, {@code udp()},
 * {@code tcp6()} and {@code udp6()} drivers, and the {@code url()}, {@code uri()}, {@code host()},
 * {@code server()} and {@code bootstrap-servers()} options of the others (http, elasticsearch-http,
 * kafka-c, amqp, riemann ...) are log sinks, with the driver as context. Source blocks only say where
 * the host listens and are skipped; other lines that hold a host or URL are recorded with an unknown
 * role. A block whose brace is never closed is reported at the line it opens on.
 */
public final class SyslogNgConfParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 4 * 1024;
    private static final Pattern VERSION = Pattern.compile("(?m)^\\s*@version\\s*:");
    private static final Pattern BLOCK = Pattern.compile("\\b(destination|source)\\s*(?:[A-Za-z0-9_.-]+\\s*)?\\{");
    private static final Pattern CALL = Pattern.compile("(?<![A-Za-z0-9_-])([a-z][a-z0-9_-]*)\\s*\\(");
    private static final Set<String> HOST_DRIVERS = Set.of("network", "syslog", "tcp", "udp", "tcp6", "udp6");
    private static final Set<String> HOST_OPTIONS = Set.of("url", "uri", "host", "server", "servers", "bootstrap-servers", "hosts");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'");
    private static final Pattern LIST = Pattern.compile("[\\s,]+");

    @Override
    public String id() {
        return "syslog-ng-conf";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "syslog-ng configuration: destination drivers' hosts and URLs";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.LOG_SINK, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (name.equals("syslog-ng.conf")) {
            return true;
        }
        if (!name.endsWith(".conf")) {
            return false;
        }
        return ("/" + file.path().toLowerCase(Locale.ROOT)).contains("/syslog-ng/")
                || VERSION.matcher(file.head(SNIFF_BYTES)).find();
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        String original = file.text();
        String text = withoutComments(original);
        List<String> lines = TextLines.split(original);
        int[] lineStarts = lineStarts(text);
        boolean[] explained = new boolean[lines.size() + 2];
        Matcher block = BLOCK.matcher(text);
        int searchFrom = 0;
        while (searchFrom < text.length() && block.find(searchFrom)) {
            int open = block.end() - 1;
            int close = closing(text, open);
            int startLine = lineOf(lineStarts, block.start());
            if (close < 0) {
                out.error(startLine, block.group(1) + " block is not closed");
                markExplained(explained, startLine, lines.size());
                break;
            }
            int endLine = lineOf(lineStarts, close);
            markExplained(explained, startLine, endLine);
            if (block.group(1).equals("destination")) {
                destination(text, open + 1, close, lineStarts, lines, out);
            }
            searchFrom = close + 1;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!explained[i + 1]) {
                out.addUnexplained(i + 1, lines.get(i));
            }
        }
        return out.build();
    }

    private static void destination(String text, int from, int to, int[] lineStarts, List<String> lines, ResultBuilder out) {
        Matcher call = CALL.matcher(text).region(from, to);
        String driver = "";
        while (call.find()) {
            String name = call.group(1);
            int argsStart = call.end();
            int argsEnd = closingParen(text, argsStart - 1, to);
            if (argsEnd < 0) {
                out.error(lineOf(lineStarts, call.start()), name + "( is not closed");
                return;
            }
            if (HOST_DRIVERS.contains(name)) {
                driver = name;
                String first = firstArgument(text.substring(argsStart, argsEnd));
                if (first != null) {
                    int line = lineOf(lineStarts, argsStart + Math.max(0, text.substring(argsStart, argsEnd).indexOf(first)));
                    sink(first, driver, line, lines, out);
                }
            } else if (HOST_OPTIONS.contains(name)) {
                String args = text.substring(argsStart, argsEnd);
                Matcher s = STRING.matcher(args);
                boolean quoted = false;
                while (s.find()) {
                    quoted = true;
                    int line = lineOf(lineStarts, argsStart + s.start());
                    String value = s.group(1) != null ? s.group(1) : s.group(2);
                    for (String v : LIST.split(value.strip())) {
                        if (!v.isEmpty()) {
                            sink(v, driver.isEmpty() ? name : driver, line, lines, out);
                        }
                    }
                }
                if (!quoted && !args.isBlank() && args.indexOf('(') < 0) {
                    sink(args.strip(), driver.isEmpty() ? name : driver, lineOf(lineStarts, argsStart), lines, out);
                }
            } else if (!isOption(name)) {
                driver = name;
            }
        }
    }

    /** Driver options are the lower-case calls nested inside a driver; a driver name stands first in the block. */
    private static boolean isOption(String name) {
        return !(HOST_DRIVERS.contains(name) || name.equals("http") || name.startsWith("elasticsearch")
                || name.startsWith("kafka") || name.equals("amqp") || name.equals("stomp") || name.equals("redis")
                || name.equals("mongodb") || name.equals("riemann") || name.equals("graphite") || name.equals("smtp")
                || name.equals("loki") || name.equals("opensearch") || name.startsWith("splunk") || name.equals("loggly")
                || name.equals("logmatic") || name.equals("syslog-ng") || name.equals("collectd"));
    }

    private static void sink(String value, String driver, int line, List<String> lines, ResultBuilder out) {
        String raw = TextLines.line(lines, line);
        var url = Values.url(value);
        if (url.isPresent()) {
            out.add(ObservationKind.URL, url.get().value(), Role.LOG_SINK, line, raw, driver);
            return;
        }
        Optional<Values.HostPort> hp = Values.hostPort(value);
        if (hp.isPresent()) {
            out.add(hp.get().host(), Role.LOG_SINK, line, raw, driver);
            return;
        }
        out.error(line, driver + " destination '" + value + "' is not a host name, address or URL");
    }

    /** The first positional argument of a driver: a quoted string or a bare word not followed by '('. */
    private static String firstArgument(String args) {
        String a = args.stripLeading();
        if (a.isEmpty()) {
            return null;
        }
        Matcher s = STRING.matcher(a);
        if (s.lookingAt()) {
            return s.group(1) != null ? s.group(1) : s.group(2);
        }
        int end = 0;
        while (end < a.length() && !Character.isWhitespace(a.charAt(end)) && a.charAt(end) != '(' && a.charAt(end) != ')') {
            end++;
        }
        if (end == 0 || end < a.length() && a.charAt(end) == '(') {
            return null;
        }
        return a.substring(0, end);
    }

    private static void markExplained(boolean[] explained, int from, int to) {
        for (int l = from; l <= to && l < explained.length; l++) {
            explained[l] = true;
        }
    }

    /** The offset of the '}' matching the '{' at {@code open}, or -1. */
    private static int closing(String text, int open) {
        return org.sovaudit.parse.Brackets.matching(text, open, '{', '}', text.length());
    }

    private static int closingParen(String text, int open, int limit) {
        return org.sovaudit.parse.Brackets.matching(text, open, '(', ')', limit);
    }

    /** The text with every {@code #} comment (outside quotes) blanked, offsets kept. */
    private static String withoutComments(String text) {
        StringBuilder sb = new StringBuilder(text);
        char quote = 0;
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote || c == '\n') {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                while (i < sb.length() && sb.charAt(i) != '\n') {
                    sb.setCharAt(i, ' ');
                    i++;
                }
            }
        }
        return sb.toString();
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line of an offset. */
    private static int lineOf(int[] starts, int offset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }
}
