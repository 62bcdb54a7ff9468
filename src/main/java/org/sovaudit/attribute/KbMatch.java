package org.sovaudit.attribute;

import java.util.Objects;

/**
 * A knowledge-base indicator that matched a subject.
 *
 * @param vendor    the vendor the indicator belongs to
 * @param indicator the indicator as written in reports, e.g. {@code domain-suffix aliyuncs.com}
 */
public record KbMatch(Vendor vendor, String indicator) {

    public KbMatch {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(indicator, "indicator");
    }
}
