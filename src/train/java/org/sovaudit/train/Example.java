package org.sovaudit.train;

import org.sovaudit.attribute.Subject;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/**
 * One training row: a subject and its class (a vendor-group id or {@code none}). {@code unit} is
 * what the held-out split keeps together: the knowledge-base indicator (or hand-written row) the
 * example was made from, so a held-out indicator's variants never reach training.
 */
record Example(String label, ObservationKind kind, Role role, String value, String context, String unit) {

    Subject subject() {
        return new Subject(kind, value, role, context);
    }

    /** One TSV line: label, kind, role, value, context, unit. */
    String tsv() {
        return String.join("\t", label, kind.id(), role.id(), clean(value), clean(context), clean(unit));
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
