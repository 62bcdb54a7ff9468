package org.sovaudit.attribute;

import java.util.Objects;

/**
 * One knowledge-base indicator: a kind ({@code domain-suffix}, {@code host}, {@code registry},
 * {@code image}, {@code cidr}, {@code asn}, {@code oui}, {@code package}, {@code product},
 * {@code ai-model}, {@code ca-subject}, {@code ca-name}, {@code crypto}, {@code terraform-provider},
 * {@code provider-name}, {@code region}), its normalised value, and the vendor it points to. The
 * trainer generates its examples from these.
 */
public record Indicator(String kind, String value, Vendor vendor) {

    public Indicator {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(vendor, "vendor");
    }

    /** As written in reports and attributions, e.g. {@code domain-suffix aliyuncs.com}. */
    @Override
    public String toString() {
        return kind + " " + value;
    }
}
