package org.sovaudit.assess;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.sovaudit.model.Role;

/** The one registry of assessment rules. Ids are stable: drift between audits compares them. */
public final class Rules {

    /** Bumped whenever a rule is added, removed or judges differently; written into every report. */
    public static final String VERSION = "1";

    /**
     * An international public-benefit service (raised by default in control-plane roles, elsewhere
     * when a severity rule asks for it).
     */
    public static final Rule INTERNATIONAL = new Rule("SOV-INT-001",
            "Relies on an international public service",
            EnumSet.allOf(Role.class),
            "Public-benefit services such as the NTP pool are run by volunteers in many countries; nobody "
                    + "answers to the ministry for their availability or integrity.",
            "Add domestic sources alongside (a national time service, the national research network, a resolver "
                    + "on ministry hardware) so that the public service is one source among several, not the only one.");

    /** A dependency on a trusted partner jurisdiction, raised only when a severity rule asks for it. */
    public static final Rule TRUSTED_PARTNER = new Rule("SOV-PARTNER-001",
            "Dependency on a trusted partner jurisdiction",
            EnumSet.allOf(Role.class),
            "The policy trusts this jurisdiction, and asks that dependencies on it be listed all the same.",
            "Keep the dependency under the partnership's terms; review it when they change.");

    /** A dependency on a domestic provider, raised only when a severity rule asks for it. */
    public static final Rule DOMESTIC_PROVIDER = new Rule("SOV-DOM-001",
            "Dependency on a domestic provider",
            EnumSet.allOf(Role.class),
            "The provider is under the home jurisdiction; the policy asks that such dependencies be listed.",
            "Keep a second provider or an in-house fallback for the same role.");

    /** An outside party nobody could attribute. */
    public static final Rule UNATTRIBUTED = new Rule("SOV-UNK-001",
            "Outside party not attributed",
            EnumSet.allOf(Role.class),
            "The appliance could not tell who operates this endpoint or under which jurisdiction.",
            "Identify the operator of this endpoint; add it to the knowledge base, or to the policy's "
                    + "internal-domains if it is the ministry's own.");

    private static final List<Rule> FOREIGN = List.of(
            new Rule("SOV-CP-001", "Foreign DNS resolver", EnumSet.of(Role.DNS_RESOLVER),
                    "Whoever resolves the ministry's names sees every host it contacts and can redirect or block them.",
                    "Run a recursive resolver on ministry hardware (Unbound, Knot Resolver or PowerDNS Recursor) or use "
                            + "a domestic operator's resolver, and point devices and hosts at it; remove foreign public "
                            + "resolvers from the configuration."),
            new Rule("SOV-CP-002", "Foreign time source", EnumSet.of(Role.NTP_SOURCE),
                    "Time underpins certificate validation, log correlation and authentication; a foreign time source "
                            + "can skew it or stop serving it.",
                    "Synchronise from domestic sources: a GNSS-backed stratum-1 server on ministry premises, the "
                            + "national metrology institute or the national research network, with at least three "
                            + "independent servers."),
            new Rule("SOV-CP-003", "Logs sent to a foreign receiver", EnumSet.of(Role.LOG_SINK),
                    "Logs reveal the ministry's network, users and incidents to whoever receives them.",
                    "Send logs to a collector the ministry runs (rsyslog or syslog-ng feeding a domestic SIEM), "
                            + "encrypted in transit; remove foreign log hosts."),
            new Rule("SOV-CP-004", "Administrator authentication by a foreign server", EnumSet.of(Role.AAA_SERVER),
                    "Whoever runs the AAA server decides who may administer the ministry's devices and sees every "
                            + "administrator login.",
                    "Run RADIUS or TACACS+ (FreeRADIUS, tac_plus) on ministry hardware backed by the ministry's own "
                            + "directory, and keep local break-glass accounts on each device."),
            new Rule("SOV-CP-005", "Device monitoring by a foreign manager", EnumSet.of(Role.SNMP_MANAGER),
                    "SNMP managers read device state and traps; with write access they can change configuration.",
                    "Point SNMP traps and polling at a monitoring system the ministry runs (LibreNMS, Zabbix) and use "
                            + "SNMPv3 with authentication and privacy."),
            new Rule("SOV-CP-006", "Devices managed from a foreign controller", EnumSet.of(Role.DEVICE_MANAGEMENT),
                    "A remote controller can reconfigure, upgrade or disable the devices it manages.",
                    "Manage devices from an on-premises controller or locally, and disable vendor cloud-management agents."),
            new Rule("SOV-CP-007", "Traffic records sent to a foreign collector", EnumSet.of(Role.FLOW_COLLECTOR),
                    "Flow records and telemetry map who talks to whom across the ministry's network.",
                    "Export flows and telemetry only to collectors the ministry runs (nfdump, ntopng, an "
                            + "on-premises telemetry stack)."),
            new Rule("SOV-CP-008", "Device management reachable from a foreign network", EnumSet.of(Role.MANAGEMENT_ACCESS),
                    "An address allowed to reach the management plane can log in to, or attack, the devices.",
                    "Limit management access to the ministry's own management network and jump hosts; remove "
                            + "outside addresses from management ACLs."),
            new Rule("SOV-NET-001", "Network equipment from a foreign vendor", EnumSet.of(Role.NETWORK_DEVICE),
                    "The vendor's software runs at the heart of the ministry's network; its updates, licences and "
                            + "support decide how long the equipment keeps working.",
                    "Keep vendor diversity between core, distribution and edge; plan replacement cycles with equipment "
                            + "from several suppliers; keep firmware images and configurations on ministry storage."),
            new Rule("SOV-NET-002", "Traffic carried by a foreign network", EnumSet.of(Role.BGP_PEER, Role.UPSTREAM_GATEWAY),
                    "The carrier of the ministry's traffic can observe, reroute or cut it.",
                    "Add a domestic upstream and peer at a domestic internet exchange so that domestic traffic stays "
                            + "domestic."),
            new Rule("SOV-NET-003", "Devices from a foreign vendor on the network", EnumSet.of(Role.ATTACHED_DEVICE),
                    "Cameras, IoT and appliances run their vendor's firmware inside the network and often call "
                            + "home to it.",
                    "Inventory these devices, isolate them in their own network segment without outside access, "
                            + "and plan replacements from vendors the ministry can hold to account."),
            new Rule("SOV-CLOUD-001", "Infrastructure hosted by a foreign cloud",
                    EnumSet.of(Role.CLOUD_PROVIDER, Role.CLOUD_REGION, Role.STORAGE_LOCATION),
                    "The provider's home jurisdiction reaches the data and workloads it hosts, wherever its region "
                            + "is; leaving its proprietary services is costly.",
                    "Host sensitive workloads in a domestic data centre or with a domestic cloud; keep infrastructure "
                            + "code portable (avoid provider-only services) and hold backups outside the provider."),
            new Rule("SOV-PLAT-001", "Software packages from a foreign mirror", EnumSet.of(Role.PACKAGE_MIRROR),
                    "The mirror decides which updates hosts receive and when; signatures stop alteration, not "
                            + "withholding.",
                    "Run a local mirror (aptly, apt-mirror, Pulp) synchronised from upstream and verified against the "
                            + "distribution's signing keys, and point hosts at it."),
            new Rule("SOV-PLAT-002", "Container images pulled from a foreign registry",
                    EnumSet.of(Role.CONTAINER_IMAGE, Role.IMAGE_REGISTRY),
                    "The registry decides which image a tag points to and whether it can be pulled at all.",
                    "Mirror the images into a registry the ministry runs (Harbor, CNCF Distribution), pin them by "
                            + "digest, scan them, and pull only from it."),
            new Rule("SOV-PLAT-003", "Hosts run a foreign operating system distribution", EnumSet.of(Role.OPERATING_SYSTEM),
                    "The distribution's publisher decides security updates, support lifetime and licensing.",
                    "Prefer community distributions that can be mirrored and rebuilt locally, keep a local mirror, "
                            + "and track support end dates."),
            new Rule("SOV-PLAT-004", "Software from a foreign vendor", EnumSet.of(Role.SOFTWARE_PACKAGE),
                    "Installed software and its updates come from its vendor; proprietary software can be "
                            + "withdrawn or stop being supported.",
                    "Prefer open-source components that can be built and maintained locally; keep an inventory "
                            + "(SBOM) and a local copy of what is installed."),
            new Rule("SOV-APP-001", "Calls to a foreign API or service", EnumSet.of(Role.API_ENDPOINT),
                    "The service receives whatever the ministry sends it and can stop serving at any time.",
                    "Establish what data the service receives; prefer a domestic or self-hosted equivalent, or "
                            + "contractual data-residency and exit guarantees."),
            new Rule("SOV-APP-002", "Hosts connected to a foreign party", EnumSet.of(Role.REMOTE_PEER),
                    "An open connection carries data out of, or commands into, the ministry's hosts.",
                    "Find the process that holds the connection and what it sends; block it at the border if it "
                            + "has no reason to exist."),
            new Rule("SOV-AI-001", "AI by a foreign provider", EnumSet.of(Role.AI_ENDPOINT, Role.AI_MODEL),
                    "Prompts, documents and answers pass through the provider; its model and terms can change "
                            + "without notice.",
                    "Run open-weight models on ministry hardware or with a domestic provider, and keep prompts and "
                            + "data in the jurisdiction."),
            new Rule("SOV-AI-002", "AI framework or accelerator stack from a foreign vendor", EnumSet.of(Role.AI_FRAMEWORK),
                    "Frameworks, SDKs and accelerator runtimes tie models and hardware to their vendor's "
                            + "release cycle and licences.",
                    "Prefer open frameworks with several hardware back ends (ONNX, PyTorch, llama.cpp), and "
                            + "keep models exportable to an open format."),
            new Rule("SOV-TRUST-002", "A foreign national cryptography standard in use", EnumSet.of(Role.CRYPTO_STANDARD),
                    "National algorithm suites are specified, reviewed and certified under their home "
                            + "jurisdiction; they tie systems to that jurisdiction's products.",
                    "Use internationally reviewed algorithms (AES, SHA-2/3, ECDSA/EdDSA, ML-KEM) unless the "
                            + "ministry's own law requires otherwise."),
            new Rule("SOV-TRUST-001", "Trust anchored in a foreign authority", EnumSet.of(Role.TRUST_ANCHOR),
                    "A certificate authority or identity provider can issue credentials the ministry's systems accept.",
                    "Use a national or ministry-run CA for internal services and review which foreign roots the trust "
                            + "stores carry."),
            new Rule("SOV-GEN-001", "Reference to a foreign party", EnumSet.of(Role.UNKNOWN),
                    "The configuration names a foreign party in a role the appliance could not determine.",
                    "Find out what this reference is used for; if it carries ministry data or control, move it to a "
                            + "domestic or self-hosted service."));

    private Rules() {
    }

    /** Every rule, foreign-dependency rules first. */
    public static List<Rule> all() {
        return java.util.stream.Stream.concat(FOREIGN.stream(), java.util.stream.Stream.of(INTERNATIONAL,
                TRUSTED_PARTNER, DOMESTIC_PROVIDER, UNATTRIBUTED)).toList();
    }

    /** The rule that judges a foreign dependency in this role. */
    public static Rule forForeign(Role role) {
        for (Rule rule : FOREIGN) {
            if (rule.roles().contains(role)) {
                return rule;
            }
        }
        throw new IllegalStateException("no rule covers role " + role.id());
    }

    public static Optional<Rule> byId(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The rule for a dependency of this class in this role. */
    public static Rule forClass(org.sovaudit.model.JurisdictionClass cls, Role role) {
        return switch (cls) {
            case FOREIGN -> forForeign(role);
            case INTERNATIONAL -> INTERNATIONAL;
            case TRUSTED -> TRUSTED_PARTNER;
            case DOMESTIC -> DOMESTIC_PROVIDER;
            case UNKNOWN -> UNATTRIBUTED;
            case INTERNAL -> throw new IllegalArgumentException("internal values are not dependencies");
        };
    }
}
