package org.sovaudit.report;

/** Escaping for text that goes into HTML element content or quoted attribute values. */
final class Html {
    private static final int MAX_DISPLAY = 400;

    private Html() {
    }

    /** Escapes {@code & < > " '} and replaces control characters, so that no value can become markup. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\t' -> sb.append(' ');
                default -> sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    /** Escaped, and cut to a displayable length with a visible mark; the JSON report keeps the whole value. */
    static String shown(String s) {
        if (s != null && s.length() > MAX_DISPLAY) {
            return esc(s.substring(0, MAX_DISPLAY)) + "&hellip;";
        }
        return esc(s);
    }
}
