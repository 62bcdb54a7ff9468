package org.sovaudit.attribute.update;

import java.util.ArrayList;
import java.util.List;

/**
 * Orders package versions such as {@code 2026.12.1}, {@code 2026.12.1-2} or {@code 2027.1.0}: split
 * into runs of digits and runs of other letters (separators dropped), compared run by run; digit
 * runs compare as numbers, letter runs as text, a digit run sorts after a letter run, and a version
 * that is a prefix of another is older.
 */
final class Versions {

    private Versions() {
    }

    static int compare(String a, String b) {
        List<String> x = parts(a);
        List<String> y = parts(b);
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            String p = x.get(i);
            String q = y.get(i);
            boolean pn = Character.isDigit(p.charAt(0));
            boolean qn = Character.isDigit(q.charAt(0));
            int c;
            if (pn && qn) {
                String ps = p.replaceFirst("^0+(?=.)", "");
                String qs = q.replaceFirst("^0+(?=.)", "");
                c = ps.length() != qs.length() ? Integer.compare(ps.length(), qs.length()) : ps.compareTo(qs);
            } else if (pn != qn) {
                c = pn ? 1 : -1;
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static List<String> parts(String v) {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        Boolean digits = null;
        for (int i = 0; i <= v.length(); i++) {
            char c = i < v.length() ? v.charAt(i) : '.';
            boolean letterOrDigit = Character.isLetterOrDigit(c) && c < 0x80;
            boolean digit = c >= '0' && c <= '9';
            if (!letterOrDigit || (digits != null && digit != digits)) {
                if (!run.isEmpty()) {
                    out.add(run.toString());
                    run.setLength(0);
                }
                digits = null;
            }
            if (letterOrDigit) {
                run.append(c);
                digits = digit;
            }
        }
        return out;
    }
}
