package org.sovaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * One distinct outside reference of an audit (the same kind, value, role and context wherever it
 * occurs), with how often and where it occurs, who is behind it and how the policy classes it.
 *
 * @param evidence the first occurrences in path and line order, at most a bounded number; {@code
 *                 occurrences} counts them all
 * @param layer    the stack layer it is counted in: the role's layer, else the vendor's
 */
public record Dependency(
        ObservationKind kind,
        String value,
        Role role,
        String context,
        int occurrences,
        List<Evidence> evidence,
        Attribution attribution,
        Layer layer,
        JurisdictionClass jurisdictionClass) {

    public Dependency {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(jurisdictionClass, "jurisdictionClass");
        context = context == null ? "" : context;
        evidence = List.copyOf(evidence);
    }
}
