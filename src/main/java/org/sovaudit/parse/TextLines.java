package org.sovaudit.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into numbered lines the way editors count them: a line ends at LF; a CR before it
 * (CRLF, or the CRCRLF some device exports write) is dropped; a lone CR elsewhere stays in the line.
 * Line {@code n} of a file is {@code lines.get(n - 1)}.
 */
public final class TextLines {

    private TextLines() {
    }

    /** The lines of {@code text}, without terminators; a final line break does not add an empty line. */
    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int lf = text.indexOf('\n', start);
            int end = lf < 0 ? length : lf;
            int stop = end;
            while (stop > start && text.charAt(stop - 1) == '\r') {
                stop--;
            }
            lines.add(text.substring(start, stop));
            start = lf < 0 ? length : lf + 1;
        }
        return lines;
    }

    /** Line {@code number} (1-based) of {@code lines}, or "" when out of range. */
    public static String line(List<String> lines, int number) {
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
    }
}
