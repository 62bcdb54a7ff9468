package org.sovaudit.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One command (or comment) of a device configuration, as {@link ConfigTokenizer} reads it.
 * Immutable to its users; its text and lower-cased words are computed once, when first asked for.
 * Confined to the parse call that made it.
 */
public final class ConfigLine {

    private final int number;
    private final int indent;
    /** The text, or null until first asked for when it is {@code raw[textStart, textEnd)}. */
    private String text;
    private final int textStart;
    private final int textEnd;
    private final List<String> words;
    private final boolean comment;
    private final ConfigLine parent;
    private final String raw;
    private String[] keywords;

    /**
     * @param number  1-based line number in the file (of the first line, for a joined or multi-line statement)
     * @param indent  columns of leading white space (a tab counts as one); for brace layouts, the block depth
     * @param text    the command without leading and trailing white space
     * @param words   {@code text} split at white space (quoted words kept whole when the syntax says so)
     * @param comment whether the line is a comment or separator
     * @param parent  the enclosing block header (e.g. {@code hwtacacs-server template ACS} for its
     *                indented children), or null at top level
     * @param raw     the line as read (without the line break, pager prompts and terminal codes), for evidence
     */
    public ConfigLine(int number, int indent, String text, List<String> words, boolean comment, ConfigLine parent,
                      String raw) {
        this.number = number;
        this.indent = indent;
        this.text = Objects.requireNonNull(text, "text");
        this.textStart = 0;
        this.textEnd = 0;
        this.words = List.copyOf(words);
        this.comment = comment;
        this.parent = parent;
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    /** A line whose text is {@code raw[textStart, textEnd)}, cut only when asked for. */
    ConfigLine(int number, int indent, String raw, int textStart, int textEnd, List<String> words, boolean comment,
               ConfigLine parent) {
        this.number = number;
        this.indent = indent;
        this.raw = raw;
        this.textStart = textStart;
        this.textEnd = textEnd;
        this.text = textStart == 0 && textEnd == raw.length() ? raw : null;
        this.words = words;
        this.comment = comment;
        this.parent = parent;
    }

    /** 1-based line number in the file. */
    public int number() {
        return number;
    }

    public int indent() {
        return indent;
    }

    /** The command without leading and trailing white space. */
    public String text() {
        String t = text;
        if (t == null) {
            t = raw.substring(textStart, textEnd);
            text = t;
        }
        return t;
    }

    public List<String> words() {
        return words;
    }

    public boolean comment() {
        return comment;
    }

    /** The enclosing block header, or null at top level. */
    public ConfigLine parent() {
        return parent;
    }

    /** The line as read, for evidence. */
    public String raw() {
        return raw;
    }

    /** Word {@code i} (0-based), or "" past the end. */
    public String word(int i) {
        return i >= 0 && i < words.size() ? words.get(i) : "";
    }

    /** Word {@code i} lower-cased, or "" past the end. */
    public String keyword(int i) {
        if (i < 0 || i >= words.size()) {
            return "";
        }
        if (keywords == null) {
            keywords = new String[words.size()];
        }
        String k = keywords[i];
        if (k == null) {
            k = words.get(i).toLowerCase(Locale.ROOT);
            keywords[i] = k;
        }
        return k;
    }

    public int size() {
        return words.size();
    }

    /** Whether the line starts with these words, compared case-insensitively (CLI keywords are). */
    public boolean startsWith(String... prefix) {
        if (prefix.length > words.size()) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!words.get(i).equalsIgnoreCase(prefix[i])) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first word equal (ignoring case) to {@code word} at or after {@code from}, or -1. */
    public int indexOf(String word, int from) {
        for (int i = Math.max(0, from); i < words.size(); i++) {
            if (words.get(i).equalsIgnoreCase(word)) {
                return i;
            }
        }
        return -1;
    }

    /** The enclosing block headers, outermost first. */
    public List<ConfigLine> headers() {
        List<ConfigLine> chain = new ArrayList<>();
        for (ConfigLine p = parent; p != null; p = p.parent) {
            chain.add(p);
        }
        Collections.reverse(chain);
        return chain;
    }

    /** The nearest enclosing header starting with these words, or null. */
    public ConfigLine enclosing(String... prefix) {
        for (ConfigLine p = parent; p != null; p = p.parent) {
            if (p.startsWith(prefix)) {
                return p;
            }
        }
        return null;
    }

    /** {@code s} without one pair of surrounding double or single quotes. */
    public static String unquote(String s) {
        if (s.length() >= 2) {
            char first = s.charAt(0);
            if ((first == '"' || first == '\'') && s.charAt(s.length() - 1) == first) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return number + ": " + text();
    }
}
