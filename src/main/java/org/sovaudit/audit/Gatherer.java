package org.sovaudit.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.sovaudit.model.Evidence;
import org.sovaudit.model.Observation;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/**
 * Folds the stream of observations into distinct references (kind, value, role, context), each
 * with its count and its first occurrences in path and line order. Memory grows with the number
 * of distinct references, never with the size of the corpus.
 */
final class Gatherer {

    record Key(ObservationKind kind, String value, Role role, String context) {
    }

    static final class Entry {
        private final TreeSet<Evidence> first = new TreeSet<>(EVIDENCE_ORDER);
        private int occurrences;

        int occurrences() {
            return occurrences;
        }

        List<Evidence> evidence() {
            return new ArrayList<>(first);
        }
    }

    static final Comparator<Evidence> EVIDENCE_ORDER = Comparator.comparing(Evidence::file)
            .thenComparingInt(Evidence::line)
            .thenComparing(Evidence::snippet);

    private final Map<Key, Entry> entries = new HashMap<>();
    private final int maxEvidence;

    Gatherer(int maxEvidence) {
        this.maxEvidence = maxEvidence;
    }

    void add(Observation o) {
        Entry e = entries.computeIfAbsent(new Key(o.kind(), o.value(), o.role(), o.context()), k -> new Entry());
        e.occurrences++;
        e.first.add(o.where());
        if (e.first.size() > maxEvidence) {
            e.first.pollLast();
        }
    }

    Map<Key, Entry> entries() {
        return entries;
    }
}
