package org.sovaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * A judgement the operator can act on: one dependency that the policy flags, with the rule that
 * flagged it, the evidence, and what to do about it.
 *
 * @param fingerprint stable across runs for the same rule and dependency, so that drift is exact
 */
public record Finding(
        String fingerprint,
        String ruleId,
        Severity severity,
        String title,
        String explanation,
        Layer layer,
        Role role,
        ObservationKind kind,
        String value,
        String context,
        Attribution attribution,
        JurisdictionClass jurisdictionClass,
        int occurrences,
        List<Evidence> evidence,
        String remediation) {

    public Finding {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(attribution, "attribution");
        context = context == null ? "" : context;
        evidence = List.copyOf(evidence);
    }
}
