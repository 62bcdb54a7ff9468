package org.sovaudit.model;

import java.util.Objects;

/**
 * One reference to an outside party found in a configuration file.
 *
 * @param kind    what the value is (hostname, IP address, URL, container image, ...)
 * @param value   the referenced value, normalised by the parser (hosts lower-cased, credentials removed)
 * @param role    the part the referenced party plays
 * @param where   file, line and redacted snippet
 * @param context short qualifier from the surrounding configuration that changes the meaning of
 *                the value (for a cloud region, the provider it belongs to); empty when none
 */
public record Observation(ObservationKind kind, String value, Role role, Evidence where, String context) {
    public Observation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(where, "where");
        context = context == null ? "" : context;
        if (value.isBlank()) {
            throw new IllegalArgumentException("observation value is blank at " + where.where());
        }
    }

    public Observation(ObservationKind kind, String value, Role role, Evidence where) {
        this(kind, value, role, where, "");
    }
}
