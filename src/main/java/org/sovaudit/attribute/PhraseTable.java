package org.sovaudit.attribute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Product and model phrases found inside free text, case-insensitively, on word boundaries: a
 * character trie walked from every word start of the normalised text. A phrase ending in {@code *}
 * lets its last word continue ({@code ne40e*} finds {@code NE40E-X8A}); otherwise the phrase must
 * end at a word boundary ({@code vrp} does not find {@code vrpx}). The longest phrase wins, then
 * the leftmost. Cost: text length times the longest phrase, whatever the number of phrases.
 *
 * @param <T> what a phrase maps to
 */
final class PhraseTable<T> {

    /** Text beyond this many characters is not searched. */
    static final int MAX_TEXT = 512;

    private static final class Node<T> {
        final Map<Character, Node<T>> children = new HashMap<>();
        T word;
        T prefix;
    }

    private final Node<T> root = new Node<>();
    private int size;

    /**
     * Normal form of text and phrases: lower case; every character other than a-z, 0-9, '.', '-'
     * separates words; words are trimmed of leading and trailing '.' and '-'; single spaces.
     */
    static String normalise(String text) {
        String lower = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        lower = lower.toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                word.append(c);
            } else if (!word.isEmpty()) {
                String w = trimPunctuation(word.toString());
                if (!w.isEmpty()) {
                    words.add(w);
                }
                word.setLength(0);
            }
        }
        return String.join(" ", words);
    }

    private static String trimPunctuation(String w) {
        int start = 0;
        int end = w.length();
        while (start < end && (w.charAt(start) == '.' || w.charAt(start) == '-')) {
            start++;
        }
        while (end > start && (w.charAt(end - 1) == '.' || w.charAt(end - 1) == '-')) {
            end--;
        }
        return w.substring(start, end);
    }

    /**
     * Adds a phrase already in normal form, optionally ending in {@code *} (the '-' before a
     * trailing {@code *} is kept, as in {@code dhi-*}). Returns the value it replaced, or null.
     */
    T put(String phrase, T value) {
        boolean prefix = phrase.endsWith("*");
        String body = prefix ? phrase.substring(0, phrase.length() - 1) : phrase;
        Node<T> node = root;
        for (int i = 0; i < body.length(); i++) {
            node = node.children.computeIfAbsent(body.charAt(i), k -> new Node<>());
        }
        T previous = prefix ? node.prefix : node.word;
        if (prefix) {
            node.prefix = value;
        } else {
            node.word = value;
        }
        if (previous == null) {
            size++;
        }
        return previous;
    }

    /** A hit: the value and where the phrase stands in the normalised text. */
    record Hit<T>(T value, int start, int length) {
    }

    /** The longest phrase in {@code normalised} text (see {@link #normalise}); null when none. */
    Hit<T> find(String normalised) {
        Hit<T> best = null;
        int n = normalised.length();
        for (int start = 0; start < n; start++) {
            if (start > 0 && normalised.charAt(start - 1) != ' ') {
                continue;
            }
            Node<T> node = root;
            for (int i = start; i < n; i++) {
                node = node.children.get(normalised.charAt(i));
                if (node == null) {
                    break;
                }
                int length = i - start + 1;
                boolean boundary = i + 1 == n || normalised.charAt(i + 1) == ' ';
                T candidate = node.word != null && boundary ? node.word : node.prefix;
                if (candidate != null && (best == null || length > best.length())) {
                    best = new Hit<>(candidate, start, length);
                }
            }
        }
        return best;
    }

    int size() {
        return size;
    }
}
