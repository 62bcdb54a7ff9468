package org.sovaudit.attribute;

import java.util.Objects;

/**
 * Where a cloud region's data centres are, as the knowledge base's region table says.
 *
 * @param country ISO 3166-1 alpha-2 code, e.g. {@code ZA}
 * @param city    the city or area the provider names, e.g. {@code Johannesburg}
 */
public record RegionLocation(String country, String city) {

    public RegionLocation {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(city, "city");
    }
}
