package org.sovaudit.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One non-blank line of a device configuration, as {@link ConfigTokenizer} reads it.
 *
 * @param number  1-based line number in the file
 * @param indent  columns of leading white space (a tab counts as one)
 * @param text    the line without leading and trailing white space
 * @param words   {@code text} split at white space
 * @param comment whether the line is a comment or separator
 * @param parent  the enclosing block header (e.g. {@code hwtacacs-server template ACS} for its
 *                indented children), or null at top level
 * @param raw     the line as read (without the line break, pager prompts and terminal codes), for evidence
 */
public record ConfigLine(int number, int indent, String text, List<String> words, boolean comment,
                         ConfigLine parent, String raw) {

    public ConfigLine {
        words = List.copyOf(words);
    }

    /** Word {@code i} (0-based), or "" past the end. */
    public String word(int i) {
        return i >= 0 && i < words.size() ? words.get(i) : "";
    }

    /** Word {@code i} lower-cased, or "" past the end. */
    public String keyword(int i) {
        return word(i).toLowerCase(Locale.ROOT);
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
}
