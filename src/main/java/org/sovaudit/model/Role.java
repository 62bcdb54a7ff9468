package org.sovaudit.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The part an observed party plays for the ministry. A role with a layer places the dependency in
 * that layer whoever the vendor is (a DNS resolver is control plane); a role without one takes the
 * vendor's primary layer. Descriptions complete a sentence whose subject is the observed value.
 */
public enum Role {
    DNS_RESOLVER(Layer.CONTROL_PLANE, "resolves the ministry's names"),
    NTP_SOURCE(Layer.CONTROL_PLANE, "keeps the ministry's time"),
    LOG_SINK(Layer.CONTROL_PLANE, "receives logs"),
    AAA_SERVER(Layer.CONTROL_PLANE, "authenticates administrators (RADIUS, TACACS, HWTACACS)"),
    SNMP_MANAGER(Layer.CONTROL_PLANE, "polls devices or receives their traps"),
    DEVICE_MANAGEMENT(Layer.CONTROL_PLANE, "manages devices remotely (controllers, cloud-managed agents)"),
    FLOW_COLLECTOR(Layer.CONTROL_PLANE, "receives traffic flow records or telemetry (NetFlow, IPFIX, sFlow, streaming telemetry)"),
    MANAGEMENT_ACCESS(Layer.CONTROL_PLANE, "is allowed to reach device management (a management ACL source)"),
    NETWORK_DEVICE(Layer.CONNECTIVITY, "is network equipment the ministry runs (model, software)"),
    ATTACHED_DEVICE(null, "is a device attached to the ministry's network (from ARP, LLDP, DHCP or scan inventories)"),
    BGP_PEER(Layer.CONNECTIVITY, "exchanges routes with the ministry's network"),
    UPSTREAM_GATEWAY(Layer.CONNECTIVITY, "carries the ministry's traffic out (default route)"),
    CLOUD_PROVIDER(Layer.CLOUD, "hosts infrastructure as a service"),
    CLOUD_REGION(Layer.CLOUD, "is the region where cloud resources and data live"),
    STORAGE_LOCATION(Layer.CLOUD, "stores data (buckets, databases, state backends)"),
    PACKAGE_MIRROR(Layer.PLATFORM, "supplies operating-system or language packages, modules or code"),
    IMAGE_REGISTRY(Layer.PLATFORM, "supplies container images"),
    CONTAINER_IMAGE(Layer.PLATFORM, "is a container image the ministry runs"),
    OPERATING_SYSTEM(Layer.PLATFORM, "is the operating system a ministry host runs"),
    SOFTWARE_PACKAGE(null, "is software installed on, or built into, a ministry system"),
    API_ENDPOINT(Layer.APPLICATIONS, "is an external API or SaaS endpoint the ministry calls"),
    REMOTE_PEER(null, "holds an open connection with a ministry host"),
    AI_ENDPOINT(Layer.AI, "serves AI inference to the ministry"),
    AI_MODEL(Layer.AI, "is an AI model family the ministry uses"),
    AI_FRAMEWORK(Layer.AI, "is an AI framework, SDK or accelerator runtime the ministry uses"),
    TRUST_ANCHOR(Layer.TRUST, "is a certificate authority or identity provider the ministry trusts"),
    CRYPTO_STANDARD(Layer.TRUST, "is a cryptographic algorithm or suite the ministry's systems use"),
    UNKNOWN(null, "is referenced; its role is not understood");

    private final Layer layer;
    private final String description;

    Role(Layer layer, String description) {
        this.layer = layer;
        this.description = description;
    }

    /** The identifier used in reports and policies, e.g. {@code dns-resolver}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The layer this role places a dependency in, or empty when the vendor's layer decides. */
    public Optional<Layer> layer() {
        return Optional.ofNullable(layer);
    }

    public boolean controlPlane() {
        return layer == Layer.CONTROL_PLANE;
    }

    public String description() {
        return description;
    }

    public static Role fromId(String id) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(id.trim().replace('_', '-'))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "'");
    }
}
