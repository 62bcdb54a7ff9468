package org.sovaudit.attribute;

import java.util.HashMap;
import java.util.Map;

/**
 * Exact keys and key prefixes in one character trie. A lookup walks the key once and returns the
 * longest entry that applies: an exact entry equal to the whole key, or a prefix entry the key
 * starts with; at equal length the exact entry wins. Cost: the key's length, whatever the number of
 * entries.
 *
 * @param <T> what an entry maps to
 */
final class PrefixTrie<T> {

    private static final class Node<T> {
        Map<Character, Node<T>> children;
        T exact;
        T prefix;
    }

    private final Node<T> root = new Node<>();
    private int size;

    /** Adds an entry; returns the value it replaced, or null. */
    T put(String key, boolean prefix, T value) {
        Node<T> node = root;
        for (int i = 0; i < key.length(); i++) {
            if (node.children == null) {
                node.children = new HashMap<>(4);
            }
            node = node.children.computeIfAbsent(key.charAt(i), k -> new Node<>());
        }
        T previous = prefix ? node.prefix : node.exact;
        if (prefix) {
            node.prefix = value;
        } else {
            node.exact = value;
        }
        if (previous == null) {
            size++;
        }
        return previous;
    }

    /** The longest entry for {@code key}; null when none. */
    T find(String key) {
        Node<T> node = root;
        T best = root.prefix;
        for (int i = 0; i < key.length(); i++) {
            if (node.children == null) {
                return best;
            }
            node = node.children.get(key.charAt(i));
            if (node == null) {
                return best;
            }
            if (node.prefix != null) {
                best = node.prefix;
            }
        }
        return node.exact != null ? node.exact : best;
    }

    int size() {
        return size;
    }
}
