package org.sovaudit.assess;

import java.util.List;

import org.sovaudit.model.Attribution;
import org.sovaudit.model.Evidence;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/** One distinct observed reference with its occurrences and attribution: what assessment judges. */
public record Attributed(
        ObservationKind kind,
        String value,
        Role role,
        String context,
        int occurrences,
        List<Evidence> evidence,
        Attribution attribution) {

    public Attributed {
        evidence = List.copyOf(evidence);
        context = context == null ? "" : context;
    }
}
