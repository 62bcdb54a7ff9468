package org.sovaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * Who is behind an observed value, and how we know.
 *
 * @param status       whether the value names an outside party we could attribute, an internal or
 *                     private one, or an outside party we could not attribute
 * @param vendorId     knowledge-base vendor id; empty unless attributed to a single vendor
 * @param vendorName   display name of the vendor or, for a model guess, of the group
 * @param group        parent group id (lock-in is measured per group); empty when not attributed
 * @param jurisdiction ISO 3166-1 alpha-2 code, {@code EU}, or {@code INT} for international public-benefit
 *                     services; empty when unknown
 * @param layer        the vendor's primary stack layer, used when the role carries none
 * @param confidence   0..1; 1 for an exact knowledge-base indicator
 * @param method       how the attribution was made
 * @param basis        the indicator that matched (e.g. {@code domain-suffix huaweicloud.com}) or a
 *                     short reason for internal and unattributed values
 * @param guesses      the model's top classes with probabilities, best first; empty for KB matches
 * @param location     ISO 3166-1 alpha-2 country where the value's cloud region is (data residency):
 *                     for a cloud region, or a value whose context or host names a region of the
 *                     vendor's cloud, when the knowledge base's region table knows it; empty otherwise
 */
public record Attribution(
        Status status,
        String vendorId,
        String vendorName,
        String group,
        String jurisdiction,
        Layer layer,
        double confidence,
        Method method,
        String basis,
        List<Guess> guesses,
        String location) {

    public Attribution {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(method, "method");
        vendorId = vendorId == null ? "" : vendorId;
        vendorName = vendorName == null ? "" : vendorName;
        group = group == null ? "" : group;
        jurisdiction = jurisdiction == null ? "" : jurisdiction;
        basis = basis == null ? "" : basis;
        guesses = guesses == null ? List.of() : List.copyOf(guesses);
        location = location == null ? "" : location;
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
    }

    /** An attribution that names no location. */
    public Attribution(Status status, String vendorId, String vendorName, String group, String jurisdiction, Layer layer,
                       double confidence, Method method, String basis, List<Guess> guesses) {
        this(status, vendorId, vendorName, group, jurisdiction, layer, confidence, method, basis, guesses, "");
    }

    /** The same attribution with {@code location} as its location. */
    public Attribution withLocation(String location) {
        return new Attribution(status, vendorId, vendorName, group, jurisdiction, layer, confidence, method, basis, guesses,
                location);
    }

    public enum Status {
        /** An outside party with a known vendor group and jurisdiction. */
        ATTRIBUTED,
        /** A private address or internal name: not a dependency on anyone outside. */
        INTERNAL,
        /** An outside party we could not attribute with enough confidence: for a human to review. */
        UNATTRIBUTED
    }

    public enum Method {
        /** A knowledge-base indicator matched. */
        KB,
        /** The ONNX classifier's top class cleared the confidence threshold. */
        MODEL,
        /** A fixed rule (private address range, internal domain, country-code TLD). */
        RULE,
        /** Nothing applied. */
        NONE
    }

    /** One of the model's candidate classes. */
    public record Guess(String group, double probability) {
    }

    public static Attribution internal(String basis) {
        return new Attribution(Status.INTERNAL, "", "", "", "", null, 1.0, Method.RULE, basis, List.of());
    }

    public static Attribution unattributed(String basis, List<Guess> guesses) {
        return new Attribution(Status.UNATTRIBUTED, "", "", "", "", null, 0.0, Method.NONE, basis, guesses);
    }

    public boolean attributed() {
        return status == Status.ATTRIBUTED;
    }
}
