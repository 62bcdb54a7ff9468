package org.sovaudit.parse.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.sovaudit.parse.iac.Endpoints;

/**
 * APT package sources: the one-line format ({@code sources.list}, {@code sources.list.d/*.list}:
 * {@code deb [options] uri suite [component...]}, also {@code deb-src}) and the deb822 format
 * ({@code *.sources}: stanzas of {@code Types}, {@code URIs}, {@code Suites}, {@code Components},
 * several URIs per field, continuation lines). Every URI with a host is a package mirror; the value
 * is the URL without credentials, query or fragment. Stanzas with {@code Enabled: no} are skipped,
 * as APT skips them; {@code file:}, {@code cdrom:} and {@code mirror+file:} sources name no outside
 * party and are ignored. Malformed entries are reported with their line, as APT would refuse them.
 * cloud-init's templates of these files ({@code /etc/cloud/templates/sources.list.ubuntu.tmpl},
 * {@code sources.list.debian.deb822.tmpl}) are read the same way: Jinja statements
 * (<code>{% if %}</code> ...) are dropped, and URIs that are template variables (<code>{{mirror}}</code>)
 * name nobody until rendered; a mirror written into the template as a URL is reported.
 */
public final class AptSourcesParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Set<String> TYPES = Set.of("deb", "deb-src");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern ONE_LINE_ENTRY = Pattern.compile("(?m)^[ \\t]*deb(?:-src)?[ \\t]+\\S");
    private static final Pattern DEB822_FIELD = Pattern.compile("(?mi)^(?:types|uris)[ \\t]*:");
    private static final Pattern TEMPLATE_NAME = Pattern.compile("sources\\.list(?:\\.[a-z0-9_-]+)*\\.tmpl");
    private static final Pattern JINJA_STATEMENT = Pattern.compile("\\{%.*?%\\}");
    private static final Pattern FIELD = Pattern.compile("^([!-9;-~]+)[ \\t]*:(.*)$");

    @Override
    public String id() {
        return "apt-sources";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "APT package sources (sources.list, *.list, deb822 *.sources): package mirrors";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.PACKAGE_MIRROR);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (name.equals("sources.list") || TEMPLATE_NAME.matcher(name).matches()) {
            return true;
        }
        if (name.endsWith(".list")) {
            return ("/" + file.path().toLowerCase(Locale.ROOT)).contains("/sources.list.d/")
                    || ONE_LINE_ENTRY.matcher(file.head(SNIFF_BYTES)).find();
        }
        if (name.endsWith(".sources")) {
            return DEB822_FIELD.matcher(file.head(SNIFF_BYTES)).find();
        }
        return false;
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        String name = file.name().toLowerCase(Locale.ROOT);
        if (TEMPLATE_NAME.matcher(name).matches()) {
            lines = lines.stream().map(l -> JINJA_STATEMENT.matcher(l).replaceAll("")).toList();
        }
        if (name.endsWith(".sources") || TEMPLATE_NAME.matcher(name).matches() && DEB822_FIELD.matcher(String.join("\n", lines)).find()) {
            readDeb822(lines, out);
        } else {
            readOneLine(lines, out);
        }
        return out.build();
    }

    private static void readOneLine(List<String> lines, ResultBuilder out) {
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = withoutComment(raw).strip();
            if (s.isEmpty()) {
                continue;
            }
            int number = i + 1;
            String[] words = WHITESPACE.split(s);
            String type = words[0].toLowerCase(Locale.ROOT);
            if (!TYPES.contains(type)) {
                out.error(number, "unknown source type '" + words[0] + "' (expected deb or deb-src)");
                continue;
            }
            int w = 1;
            if (w < words.length && words[w].startsWith("[")) {
                while (w < words.length && !words[w].endsWith("]")) {
                    w++;
                }
                if (w >= words.length) {
                    out.error(number, "option list '[' is not closed");
                    continue;
                }
                w++;
            }
            if (w + 1 >= words.length) {
                out.error(number, "malformed entry: expected a URI and a suite after '" + type + "'");
                continue;
            }
            mirror(words[w], number, raw, out);
        }
    }

    /** One field of a deb822 stanza: its value lines with their numbers. */
    private record FieldLine(int number, String text, String raw) {
    }

    private static void readDeb822(List<String> lines, ResultBuilder out) {
        Map<String, List<FieldLine>> stanza = new LinkedHashMap<>();
        int stanzaLine = 0;
        String current = null;
        for (int i = 0; i <= lines.size(); i++) {
            String raw = i < lines.size() ? lines.get(i) : "";
            int number = i + 1;
            if (raw.isBlank()) {
                if (!stanza.isEmpty()) {
                    finishStanza(stanza, stanzaLine, out);
                    stanza = new LinkedHashMap<>();
                }
                current = null;
                continue;
            }
            if (raw.startsWith("#")) {
                continue;
            }
            if (raw.charAt(0) == ' ' || raw.charAt(0) == '\t') {
                if (current == null) {
                    out.error(number, "continuation line outside a field");
                } else {
                    stanza.get(current).add(new FieldLine(number, raw.strip(), raw));
                }
                continue;
            }
            Matcher m = FIELD.matcher(raw);
            if (!m.matches()) {
                out.error(number, "malformed line: expected 'Field: value'");
                current = null;
                continue;
            }
            if (stanza.isEmpty()) {
                stanzaLine = number;
            }
            current = m.group(1).toLowerCase(Locale.ROOT);
            List<FieldLine> values = new ArrayList<>();
            values.add(new FieldLine(number, m.group(2).strip(), raw));
            stanza.put(current, values);
        }
    }

    private static void finishStanza(Map<String, List<FieldLine>> stanza, int line, ResultBuilder out) {
        String enabled = joined(stanza.get("enabled")).toLowerCase(Locale.ROOT);
        if (enabled.equals("no") || enabled.equals("false")) {
            return;
        }
        List<FieldLine> types = stanza.get("types");
        List<FieldLine> uris = stanza.get("uris");
        if (types == null || joined(types).isEmpty()) {
            out.error(line, "stanza has no Types field");
            return;
        }
        for (String type : WHITESPACE.split(joined(types))) {
            if (!TYPES.contains(type.toLowerCase(Locale.ROOT))) {
                out.error(types.get(0).number(), "unknown source type '" + type + "' (expected deb or deb-src)");
                return;
            }
        }
        if (uris == null || joined(uris).isEmpty()) {
            out.error(line, "stanza has no URIs field");
            return;
        }
        for (FieldLine value : uris) {
            if (value.text().isEmpty()) {
                continue;
            }
            for (String uri : WHITESPACE.split(value.text())) {
                mirror(uri, value.number(), value.raw(), out);
            }
        }
    }

    private static String joined(List<FieldLine> values) {
        if (values == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (FieldLine v : values) {
            if (!v.text().isEmpty()) {
                sb.append(sb.isEmpty() ? "" : " ").append(v.text());
            }
        }
        return sb.toString();
    }

    private static void mirror(String uri, int line, String raw, ResultBuilder out) {
        if (Endpoints.templated(uri)) {
            return;
        }
        Values.url(uri).ifPresent(url -> out.add(ObservationKind.URL, url.value(), Role.PACKAGE_MIRROR, line, raw, ""));
    }

    /** The line without a {@code #} comment; a {@code #} inside the option brackets is kept. */
    private static String withoutComment(String line) {
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && depth > 0) {
                depth--;
            } else if (c == '#' && depth == 0) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
