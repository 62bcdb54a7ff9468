package org.sovaudit.attribute;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Host names matched on whole labels, read from the right: a trie whose first level is the TLD.
 * An entry is either a suffix ({@code aliyun.com} matches {@code aliyun.com} and
 * {@code mirrors.aliyun.com}, never {@code notaliyun.com}) or an exact host. A pattern label
 * {@code *} stands for exactly one label ({@code swr.*.myhuaweicloud.com}). The most specific entry
 * wins: the one that consumed the most labels, an exact entry before a suffix at equal depth, a
 * literal label before {@code *}. A lookup visits each trie node at most once.
 *
 * @param <T> what an entry maps to
 */
final class HostTable<T> {

    static final String WILDCARD = "*";

    private static final class Node<T> {
        final Map<String, Node<T>> children = new HashMap<>();
        T suffix;
        T exact;
    }

    private final Node<T> root = new Node<>();
    private int size;

    /** Adds an entry; returns the value it replaced, or null. {@code labels} is the pattern left to right. */
    T put(List<String> labels, boolean exact, T value) {
        Node<T> node = root;
        for (int i = labels.size() - 1; i >= 0; i--) {
            node = node.children.computeIfAbsent(labels.get(i), k -> new Node<>());
        }
        T previous = exact ? node.exact : node.suffix;
        if (exact) {
            node.exact = value;
        } else {
            node.suffix = value;
        }
        if (previous == null) {
            size++;
        }
        return previous;
    }

    /** The most specific entry for a host given as its labels, left to right; null when none. */
    T find(List<String> labels) {
        Best<T> best = new Best<>();
        walk(root, labels, labels.size() - 1, 0, best);
        return best.value;
    }

    int size() {
        return size;
    }

    private static final class Best<T> {
        T value;
        int depth = -1;
        boolean exact;

        void offer(T candidate, int candidateDepth, boolean candidateExact) {
            if (candidate == null) {
                return;
            }
            if (candidateDepth > depth || (candidateDepth == depth && candidateExact && !exact)) {
                value = candidate;
                depth = candidateDepth;
                exact = candidateExact;
            }
        }
    }

    private void walk(Node<T> node, List<String> labels, int index, int depth, Best<T> best) {
        if (depth > 0) {
            best.offer(node.suffix, depth, false);
            if (index < 0) {
                best.offer(node.exact, depth, true);
            }
        }
        if (index < 0) {
            return;
        }
        Node<T> literal = node.children.get(labels.get(index));
        if (literal != null) {
            walk(literal, labels, index - 1, depth + 1, best);
        }
        Node<T> any = node.children.get(WILDCARD);
        if (any != null) {
            walk(any, labels, index - 1, depth + 1, best);
        }
    }
}
