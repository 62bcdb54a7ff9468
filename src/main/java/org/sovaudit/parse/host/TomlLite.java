package org.sovaudit.parse.host;

import java.util.ArrayList;
import java.util.List;

import org.sovaudit.parse.ParseException;
import org.sovaudit.parse.ResultBuilder;

/**
 * The part of TOML that container runtimes' registry files use, read with line numbers: table
 * headers ({@code [a."b.c".d]}, {@code [[a.b]]}), bare, quoted and dotted keys, basic, literal and
 * multi-line strings, numbers, booleans and dates (kept as text), arrays across lines and inline
 * tables. Every scalar becomes a {@link Leaf} that knows its table, its key path and its line. The
 * first syntax error is reported with its line and ends the reading; what was read before it is kept.
 * Each table header is marked by a leaf of its own (with an empty key), so that a table whose name
 * carries the value ({@code [host."https://mirror.example"]}) has a line.
 * (No TOML library is on the class path, and this subset needs none.)
 */
final class TomlLite {

    /**
     * One scalar.
     *
     * @param table    the table path of the nearest header ({@code [plugins."io.containerd.grpc.v1.cri".registry]})
     * @param tableSeq counts headers from 1 (0 before the first), so that entries of one
     *                 {@code [[array]]} element can be told from the next
     * @param key      the key path inside the table (inline tables add their keys); empty for the
     *                 leaf that marks a table header itself (its value is "")
     * @param value    the value as text
     * @param string   whether it was written as a string
     * @param line     the 1-based line the value starts on
     */
    record Leaf(List<String> table, int tableSeq, List<String> key, String value, boolean string, int line) {
        boolean header() {
            return key.isEmpty();
        }

        /** The last key of the path. */
        String name() {
            return key.isEmpty() ? "" : key.get(key.size() - 1);
        }
    }

    private static final int MAX_DEPTH = 32;

    private final String s;
    private final List<Leaf> leaves = new ArrayList<>();
    private int pos;
    private int line = 1;
    private List<String> table = List.of();
    private int tableSeq;

    private TomlLite(String s) {
        this.s = s;
    }

    /** The scalars of {@code text} in document order; a syntax error is reported to {@code out}. */
    static List<Leaf> read(String text, ResultBuilder out) {
        TomlLite toml = new TomlLite(text);
        try {
            toml.document();
        } catch (ParseException e) {
            out.error(e.line(), "TOML: " + e.getMessage());
        }
        return toml.leaves;
    }

    private void document() {
        while (true) {
            skipBlank(true);
            if (pos >= s.length()) {
                return;
            }
            if (s.charAt(pos) == '[') {
                header();
            } else {
                List<String> key = key();
                skipBlank(false);
                expect('=');
                skipBlank(false);
                value(key, 0);
            }
            endOfLine();
        }
    }

    private void header() {
        int start = line;
        boolean array = s.startsWith("[[", pos);
        pos += array ? 2 : 1;
        skipBlank(false);
        List<String> path = key();
        skipBlank(false);
        if (!s.startsWith(array ? "]]" : "]", pos)) {
            throw new ParseException(start, "table header is not closed");
        }
        pos += array ? 2 : 1;
        table = path;
        tableSeq++;
        leaves.add(new Leaf(table, tableSeq, List.of(), "", false, start));
    }

    private List<String> key() {
        List<String> parts = new ArrayList<>();
        while (true) {
            skipBlank(false);
            if (pos >= s.length()) {
                throw new ParseException(line, "expected a key");
            }
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                parts.add(singleLineString(c));
            } else {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (start == pos) {
                    throw new ParseException(line, "expected a key, found '" + printable(c) + "'");
                }
                parts.add(s.substring(start, pos));
            }
            skipBlank(false);
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                continue;
            }
            return parts;
        }
    }

    private void value(List<String> key, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ParseException(line, "values nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= s.length()) {
            throw new ParseException(line, "expected a value");
        }
        int at = line;
        char c = s.charAt(pos);
        if (s.startsWith("\"\"\"", pos) || s.startsWith("'''", pos)) {
            leaves.add(new Leaf(table, tableSeq, key, multiLineString(), true, at));
        } else if (c == '"' || c == '\'') {
            leaves.add(new Leaf(table, tableSeq, key, singleLineString(c), true, at));
        } else if (c == '[') {
            pos++;
            while (true) {
                skipBlank(true);
                if (pos >= s.length()) {
                    throw new ParseException(at, "array is not closed");
                }
                if (s.charAt(pos) == ']') {
                    pos++;
                    return;
                }
                value(key, depth + 1);
                skipBlank(true);
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos < s.length() && s.charAt(pos) != ']') {
                    throw new ParseException(line, "expected ',' or ']' in an array");
                }
            }
        } else if (c == '{') {
            pos++;
            while (true) {
                skipBlank(false);
                if (pos >= s.length() || s.charAt(pos) == '\n') {
                    throw new ParseException(at, "inline table is not closed");
                }
                if (s.charAt(pos) == '}') {
                    pos++;
                    return;
                }
                List<String> inner = new ArrayList<>(key);
                inner.addAll(key());
                skipBlank(false);
                expect('=');
                skipBlank(false);
                value(inner, depth + 1);
                skipBlank(false);
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                }
            }
        } else {
            int start = pos;
            while (pos < s.length() && ",]}#\n\r".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            String bare = s.substring(start, pos).strip();
            if (bare.isEmpty()) {
                throw new ParseException(at, "expected a value");
            }
            leaves.add(new Leaf(table, tableSeq, key, bare, false, at));
        }
    }

    private String singleLineString(char quote) {
        int start = line;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                break;
            }
            if (c == quote) {
                pos++;
                return sb.toString();
            }
            if (quote == '"' && c == '\\' && pos + 1 < s.length()) {
                pos = escape(sb, pos + 1);
                continue;
            }
            sb.append(c);
            pos++;
        }
        throw new ParseException(start, "string is not closed");
    }

    private String multiLineString() {
        int start = line;
        String delimiter = s.substring(pos, pos + 3);
        pos += 3;
        int end = s.indexOf(delimiter, pos);
        if (end < 0) {
            throw new ParseException(start, "multi-line string is not closed");
        }
        String body = s.substring(pos, end);
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                line++;
            }
        }
        pos = end + 3;
        return body.strip();
    }

    private int escape(StringBuilder sb, int i) {
        char e = s.charAt(i);
        switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case '"', '\\' -> sb.append(e);
            case 'u', 'U' -> {
                int n = e == 'u' ? 4 : 8;
                if (i + n < s.length()) {
                    try {
                        sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 1 + n), 16));
                        return i + 1 + n;
                    } catch (IllegalArgumentException ex) {
                        throw new ParseException(line, "invalid unicode escape");
                    }
                }
                throw new ParseException(line, "invalid unicode escape");
            }
            default -> sb.append(e);
        }
        return i + 1;
    }

    private void expect(char c) {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw new ParseException(line, "expected '" + c + "'");
        }
        pos++;
    }

    private void endOfLine() {
        skipBlank(false);
        if (pos < s.length() && s.charAt(pos) != '\n') {
            throw new ParseException(line, "unexpected '" + printable(s.charAt(pos)) + "' after a value");
        }
    }

    /** Skips spaces, tabs, carriage returns and comments, and line breaks too when {@code newlines}. */
    private void skipBlank(boolean newlines) {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') {
                pos++;
            } else if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n' && newlines) {
                pos++;
                line++;
            } else {
                return;
            }
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F ? "?" : String.valueOf(c);
    }
}
