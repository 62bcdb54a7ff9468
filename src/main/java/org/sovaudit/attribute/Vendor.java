package org.sovaudit.attribute;

import java.util.List;
import java.util.Objects;

import org.sovaudit.model.Layer;

/**
 * A vendor in the knowledge base.
 *
 * @param id           stable identifier, e.g. {@code huawei-cloud}
 * @param name         display name
 * @param group        id of the parent {@link Group}
 * @param jurisdiction where the vendor is headquartered (ISO 3166-1 alpha-2, {@code EU} or {@code INT})
 * @param layers       the stack layers it serves, primary first (never empty)
 * @param source       where the knowledge base's facts about it come from
 * @param publicBenefit whether it is a public-benefit service (public resolver, NTP pool, academic
 *                     mirror, root server, nonprofit CA) rather than a commercial one; its
 *                     jurisdiction still says whose law it answers to
 */
public record Vendor(String id, String name, String group, String jurisdiction, List<Layer> layers, String source,
                     boolean publicBenefit) {

    public Vendor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(source, "source");
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("vendor " + id + " has no stack layer");
        }
    }

    /** The layer the vendor is first known for. */
    public Layer primaryLayer() {
        return layers.getFirst();
    }
}
