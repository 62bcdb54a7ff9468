package org.sovaudit.model;

import java.util.Locale;

/** What an observation refers to. */
public enum ObservationKind {
    HOSTNAME,
    IP_ADDRESS,
    CIDR,
    URL,
    ASN,
    MAC,
    CERT_ISSUER,
    PACKAGE,
    CONTAINER_IMAGE,
    CLOUD_PROVIDER,
    CLOUD_REGION,
    PRODUCT,
    AI_MODEL,
    CRYPTO_ALGORITHM;

    /** The identifier used in reports, e.g. {@code ip-address}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ObservationKind fromId(String id) {
        for (ObservationKind kind : values()) {
            if (kind.id().equalsIgnoreCase(id.trim().replace('_', '-'))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown observation kind '" + id + "'");
    }
}
