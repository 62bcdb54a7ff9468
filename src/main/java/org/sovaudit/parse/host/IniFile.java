package org.sovaudit.parse.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;

/**
 * The INI dialect of pip, yum/dnf and systemd configuration: {@code [section]} headers,
 * {@code key = value} (or {@code key: value} where allowed) entries, comment lines starting with
 * {@code #} or {@code ;}, and (where allowed) continuation lines that are indented deeper than the
 * entry they follow and add one more line to its value (Python's configparser rule, so a file whose
 * every line is indented alike, as pasted from a web page, still reads as entries). Keys are compared lower-cased. A line that is none of
 * these is reported with its number.
 */
final class IniFile {

    /** One line of a value: its 1-based number, its text (trimmed) and the raw line for evidence. */
    record ValueLine(int number, String text, String raw) {
    }

    /** One entry: its section (lower-cased, "" before the first header), key (lower-cased) and value lines. */
    record Entry(String section, String key, List<ValueLine> lines) {
        int line() {
            return lines.get(0).number();
        }

        /** The value's lines joined with a space, for single-valued keys. */
        String value() {
            StringBuilder sb = new StringBuilder();
            for (ValueLine l : lines) {
                if (!l.text().isEmpty()) {
                    sb.append(sb.isEmpty() ? "" : " ").append(l.text());
                }
            }
            return sb.toString();
        }
    }

    /** A section header and its line. */
    record Section(String name, int line) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    private IniFile() {
    }

    List<Entry> entries() {
        return entries;
    }

    List<Section> sections() {
        return sections;
    }

    /**
     * Reads {@code text}; malformed lines are reported to {@code out} and skipped.
     *
     * @param colonSeparates whether {@code key: value} is allowed besides {@code key = value}
     * @param continuations  whether indented lines continue the value above them
     */
    static IniFile read(String text, boolean colonSeparates, boolean continuations, ResultBuilder out) {
        IniFile ini = new IniFile();
        List<String> lines = TextLines.split(text);
        String section = "";
        Entry current = null;
        int currentIndent = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            int number = i + 1;
            String s = raw.strip();
            if (s.isEmpty()) {
                current = continuations ? current : null;
                continue;
            }
            if (s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            int indent = indent(raw);
            if (continuations && current != null && indent > currentIndent) {
                current.lines().add(new ValueLine(number, s, raw));
                continue;
            }
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) {
                    out.error(number, "section header '[' is not closed");
                    current = null;
                    continue;
                }
                section = s.substring(1, close).strip().toLowerCase(Locale.ROOT);
                ini.sections.add(new Section(section, number));
                current = null;
                continue;
            }
            int eq = s.indexOf('=');
            int colon = colonSeparates ? s.indexOf(':') : -1;
            int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (sep <= 0) {
                out.error(number, "malformed line: expected 'name = value' or '[section]'");
                current = null;
                continue;
            }
            String key = s.substring(0, sep).strip().toLowerCase(Locale.ROOT);
            List<ValueLine> value = new ArrayList<>();
            value.add(new ValueLine(number, s.substring(sep + 1).strip(), raw));
            current = new Entry(section, key, value);
            currentIndent = indent;
            ini.entries.add(current);
        }
        return ini;
    }

    /** The number of white-space characters the line starts with. */
    private static int indent(String raw) {
        int n = 0;
        while (n < raw.length() && (raw.charAt(n) == ' ' || raw.charAt(n) == '\t')) {
            n++;
        }
        return n;
    }
}
