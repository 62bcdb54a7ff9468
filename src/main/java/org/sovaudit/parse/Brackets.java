package org.sovaudit.parse;

/** Matching brackets in configuration text, skipping quoted strings and the characters they escape. */
public final class Brackets {
    private Brackets() {
    }

    /**
     * The offset of the {@code close} that matches the {@code open} at offset {@code at}, looking no
     * further than {@code limit}; -1 when it is not closed there. Brackets inside '...' or "..."
     * (where a backslash escapes the next character) do not count.
     */
    public static int matching(CharSequence text, int at, char open, char close, int limit) {
        int depth = 0;
        char quote = 0;
        int end = Math.min(limit, text.length());
        for (int i = at; i < end; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
