package org.sovaudit.parse.host;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code NAME=value} line as os-release, {@code /etc/environment}, {@code go env} and shell
 * profiles write it: an optional {@code export} (or Windows {@code set}) before the name; the value
 * bare, in single quotes (taken literally) or in double quotes (backslash escapes {@code \"},
 * {@code \\}, {@code \$} and {@code \`}); a bare value ends at white space, and a {@code #} after
 * white space starts a comment. No expansion is done: {@code $HOME} stays as written.
 *
 * @param name  the variable name as written
 * @param value the unquoted value
 */
record ShellAssignment(String name, String value) {

    private static final Pattern HEAD = Pattern.compile("^\\s*(?:(?:export|set)\\s+)?([A-Za-z_][A-Za-z0-9_]*)=");

    /** Thrown for a value whose quote is not closed on its line. */
    static final class UnclosedQuote extends Exception {
        private static final long serialVersionUID = 1L;

        UnclosedQuote(char quote) {
            super("quote " + quote + " is not closed");
        }
    }

    /** Whether a line starts like an assignment. */
    static boolean looksLike(String line) {
        return HEAD.matcher(line).lookingAt();
    }

    /**
     * The assignment on {@code line}, or null when the line is not one.
     *
     * @throws UnclosedQuote when a quoted value is not closed
     */
    static ShellAssignment parse(String line) throws UnclosedQuote {
        Matcher m = HEAD.matcher(line);
        if (!m.lookingAt()) {
            return null;
        }
        String rest = line.substring(m.end());
        StringBuilder value = new StringBuilder();
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '\'') {
                int close = rest.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new UnclosedQuote('\'');
                }
                value.append(rest, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                int j = i + 1;
                boolean closed = false;
                while (j < rest.length()) {
                    char d = rest.charAt(j);
                    if (d == '\\' && j + 1 < rest.length() && "\"\\$`".indexOf(rest.charAt(j + 1)) >= 0) {
                        value.append(rest.charAt(j + 1));
                        j += 2;
                        continue;
                    }
                    if (d == '"') {
                        closed = true;
                        break;
                    }
                    value.append(d);
                    j++;
                }
                if (!closed) {
                    throw new UnclosedQuote('"');
                }
                i = j + 1;
            } else if (Character.isWhitespace(c)) {
                break;
            } else {
                value.append(c);
                i++;
            }
        }
        return new ShellAssignment(m.group(1), value.toString());
    }
}
