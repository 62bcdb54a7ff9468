package org.sovaudit.model;

import java.util.Locale;

/**
 * The stack layers every report speaks of. {@link #CONTROL_PLANE} gathers the roles that cut across
 * the others (who resolves names, keeps time, receives logs, authenticates administrators).
 */
public enum Layer {
    CONNECTIVITY("network equipment, carriers, cables"),
    CLOUD("IaaS, data centres, storage regions"),
    PLATFORM("operating systems, package mirrors, container registries, runtimes"),
    APPLICATIONS("SaaS, SDKs, APIs"),
    AI("model families, inference APIs, AI frameworks and accelerators"),
    TRUST("PKI, certificate authorities, crypto standards, identity providers"),
    SURVEILLANCE("cameras, safe-city and IoT platforms"),
    CONTROL_PLANE("DNS, NTP, logging, AAA and device management");

    private final String description;

    Layer(String description) {
        this.description = description;
    }

    /** The identifier used in reports, policies and the knowledge base, e.g. {@code control-plane}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    /** Parses an identifier as written in reports and data files; accepts either case and '_' or '-'. */
    public static Layer fromId(String id) {
        for (Layer layer : values()) {
            if (layer.id().equalsIgnoreCase(id.trim().replace('_', '-'))) {
                return layer;
            }
        }
        throw new IllegalArgumentException("unknown stack layer '" + id + "'; expected one of " + ids());
    }

    static String ids() {
        StringBuilder sb = new StringBuilder();
        for (Layer layer : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(layer.id());
        }
        return sb.toString();
    }
}
