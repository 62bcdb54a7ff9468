package org.sovaudit.attribute;

import java.util.Objects;

/**
 * A vendor group: the parent company or project that controls a set of vendors. Lock-in is measured
 * per group, and the model's classes are group ids.
 *
 * @param id           stable identifier, e.g. {@code huawei}
 * @param name         display name
 * @param jurisdiction where the parent answers to law (ISO 3166-1 alpha-2, {@code EU} or {@code INT})
 */
public record Group(String id, String name, String jurisdiction) {

    public Group {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
    }
}
