package org.sovaudit.attribute;

import java.util.Objects;

import org.sovaudit.model.Observation;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/**
 * What to attribute: one observed value with the part it plays. Observations that differ only in
 * where they stand share one subject, so each distinct value is attributed once.
 *
 * @param kind    what the value is
 * @param value   the value as the parser normalised it
 * @param role    the part the referenced party plays
 * @param context qualifier that changes the value's meaning (for a cloud region, the Terraform
 *                provider it belongs to); empty when none
 */
public record Subject(ObservationKind kind, String value, Role role, String context) {

    public Subject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(role, "role");
        context = context == null ? "" : context;
    }

    public Subject(ObservationKind kind, String value, Role role) {
        this(kind, value, role, "");
    }

    /** The subject an observation asks to attribute. */
    public static Subject of(Observation observation) {
        return new Subject(observation.kind(), observation.value(), observation.role(), observation.context());
    }
}
