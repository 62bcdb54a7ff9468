package org.sovaudit.parse.identity;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;

/**
 * The INI dialect SSSD and FreeIPA write: {@code [section]} headers, {@code name = value} lines,
 * whole-line comments starting with {@code #} or {@code ;}. Names and sections are read lower-case;
 * lines of an unrendered template (Jinja, ERB) are skipped; a malformed line is a file error naming
 * the file's kind.
 */
final class IniSettings {

    /** A line of an unrendered Jinja or ERB template. */
    static final Pattern TEMPLATE_LINE = Pattern.compile("\\{[%#].*|\\{\\{[^}]*}}|<%.*");

    /** One setting: its section and name (lower case), value, line number and the line as read. */
    interface Setting {
        void accept(String section, String name, String value, int line, String raw);
    }

    private IniSettings() {
    }

    /** Hands every setting with a non-empty value of {@code text} to {@code setting}, in file order. */
    static void read(String text, String kind, ResultBuilder out, Setting setting) {
        List<String> lines = TextLines.split(text);
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            int number = i + 1;
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";") || TEMPLATE_LINE.matcher(s).matches()) {
                continue;
            }
            if (s.startsWith("[")) {
                if (!s.endsWith("]")) {
                    out.error(number, "section header without a closing ']'");
                    continue;
                }
                section = s.substring(1, s.length() - 1).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                out.error(number, "not a setting: a line of " + kind + " is a [section], a comment or name = value");
                continue;
            }
            String value = s.substring(eq + 1).strip();
            if (!value.isEmpty()) {
                setting.accept(section, s.substring(0, eq).strip().toLowerCase(Locale.ROOT), value, number, raw);
            }
        }
    }
}
