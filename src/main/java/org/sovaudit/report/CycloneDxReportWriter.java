package org.sovaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.OrganizationalEntity;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.Service;
import org.cyclonedx.model.metadata.ToolInformation;
import org.sovaudit.model.Attribution;
import org.sovaudit.model.AuditReport;
import org.sovaudit.model.Dependency;
import org.sovaudit.model.JurisdictionClass;
import org.sovaudit.model.Role;

/**
 * CycloneDX 1.6 JSON of the audited estate's outside dependencies: software, images, devices,
 * models and algorithms as components with their supplier, and every endpoint (resolvers, time
 * sources, mirrors, registries, clouds, APIs) as a service with its provider; jurisdiction, class,
 * role and layer as properties. Written with the CycloneDX Java library.
 */
public final class CycloneDxReportWriter implements ReportWriter {

    static final String PREFIX = "sovaudit:";

    @Override
    public String format() {
        return "cdx";
    }

    @Override
    public String fileName() {
        return "report.cdx.json";
    }

    @Override
    public String mediaType() {
        return "application/vnd.cyclonedx+json";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        try {
            out.write(BomGeneratorFactory.createJson(Version.VERSION_16, bom(report)).toJsonString()
                    .getBytes(StandardCharsets.UTF_8));
        } catch (GeneratorException e) {
            throw new ReportException("cannot write CycloneDX: " + e.getMessage(), e);
        }
    }

    Bom bom(AuditReport r) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + Uuids.of(r.auditId(), "cyclonedx"));
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(Instant.parse(r.createdAt())));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("sovaudit");
        tool.setVersion(r.toolchain().appliance());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        Component subject = new Component();
        subject.setType(Component.Type.PLATFORM);
        subject.setName(r.scope());
        subject.setBomRef("scope");
        subject.setDescription("The configurations audited as '" + r.scope() + "' (audit " + r.auditId() + ")");
        metadata.setComponent(subject);
        metadata.setProperties(List.of(
                new Property(PREFIX + "audit-id", r.auditId()),
                new Property(PREFIX + "home-jurisdiction", r.policy().home()),
                new Property(PREFIX + "sovereignty-score", String.valueOf(r.scores().overall()))));
        bom.setMetadata(metadata);

        List<Component> components = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        int n = 0;
        for (Dependency d : r.dependencies()) {
            if (d.jurisdictionClass() == JurisdictionClass.INTERNAL) {
                continue;
            }
            String ref = "dep-" + (++n);
            Component.Type type = componentType(d);
            if (type != null) {
                components.add(component(d, type, ref));
            } else {
                services.add(service(d, ref));
            }
        }
        bom.setComponents(components);
        bom.setServices(services);
        return bom;
    }

    /** The component type for things that are software, hardware, models or algorithms; null for endpoints. */
    static Component.Type componentType(Dependency d) {
        return switch (d.kind()) {
            case PACKAGE -> d.role() == Role.AI_FRAMEWORK ? Component.Type.FRAMEWORK : Component.Type.LIBRARY;
            case CONTAINER_IMAGE -> Component.Type.CONTAINER;
            case AI_MODEL -> Component.Type.MACHINE_LEARNING_MODEL;
            case CRYPTO_ALGORITHM, CERT_ISSUER -> Component.Type.CRYPTOGRAPHIC_ASSET;
            case MAC -> Component.Type.DEVICE;
            case PRODUCT -> switch (d.role()) {
                case OPERATING_SYSTEM -> Component.Type.OPERATING_SYSTEM;
                case AI_FRAMEWORK -> Component.Type.FRAMEWORK;
                case NETWORK_DEVICE, ATTACHED_DEVICE -> Component.Type.DEVICE;
                default -> Component.Type.APPLICATION;
            };
            case HOSTNAME, IP_ADDRESS, CIDR, URL, ASN, CLOUD_PROVIDER, CLOUD_REGION -> null;
        };
    }

    private static Component component(Dependency d, Component.Type type, String ref) {
        Component c = new Component();
        c.setType(type);
        c.setBomRef(ref);
        c.setName(d.value());
        if (d.kind() == org.sovaudit.model.ObservationKind.PACKAGE && d.value().startsWith("pkg:")) {
            c.setPurl(d.value());
        }
        OrganizationalEntity supplier = entity(d.attribution());
        if (supplier != null) {
            c.setSupplier(supplier);
        }
        c.setProperties(properties(d));
        return c;
    }

    private static Service service(Dependency d, String ref) {
        Service s = new Service();
        s.setBomRef(ref);
        s.setName(d.value());
        if (!d.attribution().group().isEmpty()) {
            s.setGroup(d.attribution().group());
        }
        if (d.kind() == org.sovaudit.model.ObservationKind.URL) {
            s.setEndpoints(List.of(d.value()));
        }
        s.setDescription(d.role().description());
        OrganizationalEntity provider = entity(d.attribution());
        if (provider != null) {
            s.setProvider(provider);
        }
        s.setProperties(properties(d));
        return s;
    }

    private static OrganizationalEntity entity(Attribution a) {
        if (!a.attributed()) {
            return null;
        }
        OrganizationalEntity e = new OrganizationalEntity();
        e.setName(a.vendorName().isEmpty() ? "jurisdiction " + a.jurisdiction() : a.vendorName());
        return e;
    }

    private static List<Property> properties(Dependency d) {
        Attribution a = d.attribution();
        List<Property> p = new ArrayList<>();
        p.add(new Property(PREFIX + "kind", d.kind().id()));
        p.add(new Property(PREFIX + "role", d.role().id()));
        p.add(new Property(PREFIX + "layer", d.layer().id()));
        p.add(new Property(PREFIX + "jurisdiction-class", d.jurisdictionClass().id()));
        if (!a.jurisdiction().isEmpty()) {
            p.add(new Property(PREFIX + "jurisdiction", a.jurisdiction()));
        }
        if (!a.group().isEmpty()) {
            p.add(new Property(PREFIX + "vendor-group", a.group()));
        }
        p.add(new Property(PREFIX + "attribution-method", CanonicalJson.enumId(a.method())));
        p.add(new Property(PREFIX + "occurrences", String.valueOf(d.occurrences())));
        if (!d.context().isEmpty()) {
            p.add(new Property(PREFIX + "context", d.context()));
        }
        if (!d.evidence().isEmpty()) {
            p.add(new Property(PREFIX + "first-seen", d.evidence().getFirst().where()));
        }
        return p;
    }
}
