package org.sovaudit.parse.sbom;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line a value stands on when a library's model has dropped line numbers: the first
 * line containing the text after the one found for the same text before, so repeated values get
 * successive lines. Answers 0 (the whole file) when the text is not found as written.
 */
final class LineFinder {

    private final List<String> lines;
    private final Map<String, Integer> last = new HashMap<>();

    LineFinder(List<String> lines) {
        this.lines = lines;
    }

    int find(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int from = last.getOrDefault(text, 0);
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                last.put(text, i + 1);
                return i + 1;
            }
        }
        // written differently (escaped, or split): keep the first occurrence when there is one
        return from > 0 ? from : 0;
    }
}
