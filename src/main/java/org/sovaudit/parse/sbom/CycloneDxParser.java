package org.sovaudit.parse.sbom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.OrganizationalContact;
import org.cyclonedx.model.OrganizationalEntity;
import org.cyclonedx.model.Service;
import org.cyclonedx.model.component.crypto.AlgorithmProperties;
import org.cyclonedx.model.component.crypto.CertificateProperties;
import org.cyclonedx.model.component.crypto.CipherSuite;
import org.cyclonedx.model.component.crypto.CryptoProperties;
import org.cyclonedx.model.component.crypto.ProtocolProperties;
import org.bouncycastle.asn1.x500.X500Name;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.iac.Endpoints;
import org.sovaudit.parse.iac.tree.TreeReader;
import org.sovaudit.parse.pki.CryptoNames;

/**
 * CycloneDX software bills of materials, JSON and XML, read into the CycloneDX library's model
 * ({@link Bom}) with Jackson mappers of our own: size, nesting and token limits, and for XML no DTD
 * and no external entities (a document that declares a DTD is refused). The library's schema
 * validator, which may fetch schemas, is never used.
 *
 * <p>Every component, nested ones and the metadata's own component included, with a package URL
 * becomes a package (its purl without qualifiers, the supplier, else manufacturer, publisher or
 * author as context); a component without one but with a named supplier becomes a product
 * "supplier name version". Every endpoint of every service becomes an API endpoint with the
 * service's name (and provider) as context.
 *
 * <p>Cryptographic assets (CBOM, {@code type: cryptographic-asset}): an algorithm of a national
 * standard, named by the component's name, its OID or curve ({@code SM2}, {@code SM4-GCM},
 * {@code 1.2.643.7.1.1.2.2}), is a crypto standard under its canonical name (context
 * {@code cbom <asset type> <name>}); a protocol's cipher suites of SM or GOST algorithms, as written;
 * a certificate's issuer, in Bouncy Castle's RFC 4514 spelling, a trust anchor. The model keeps no line numbers, so each value is found
 * in the text: the purl's or endpoint's line, else 0.
 */
public final class CycloneDxParser implements Parser {

    static final long MAX_BYTES = 32L << 20;
    private static final int SNIFF_BYTES = 4096;
    private static final int MAX_DEPTH = 32;
    private static final Pattern JSON_FORMAT = Pattern.compile("\"bomFormat\"\\s*:\\s*\"CycloneDX\"");
    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(200).maxDocumentLength(MAX_BYTES).maxStringLength(4 << 20).build();
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final XmlMapper XML = xmlMapper();

    private static XmlMapper xmlMapper() {
        XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        input.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        XmlFactory factory = XmlFactory.builder().xmlInputFactory(input).streamReadConstraints(CONSTRAINTS).build();
        XmlMapper mapper = new XmlMapper(factory);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return mapper;
    }

    @Override
    public String id() {
        return "cyclonedx";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "CycloneDX SBOM (JSON, XML): components with package URLs and suppliers, service endpoints, CBOM SM/GOST "
                + "algorithms and certificate issuers";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.SOFTWARE_PACKAGE, Role.API_ENDPOINT, Role.CRYPTO_STANDARD, Role.TRUST_ANCHOR);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (name.endsWith(".cdx.json") || name.endsWith(".cdx.xml") || name.endsWith(".cyclonedx.json")
                || name.endsWith(".cyclonedx.xml") || name.equals("bom.json") || name.equals("bom.xml")) {
            return true;
        }
        String head = file.head(SNIFF_BYTES);
        return (name.endsWith(".json") && JSON_FORMAT.matcher(head).find())
                || (name.endsWith(".xml") && head.contains("http://cyclonedx.org/schema/bom"));
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        String text = file.text();
        List<String> lines = TextLines.split(text);
        boolean xml = text.stripLeading().startsWith("<");
        if (xml && (text.contains("<!DOCTYPE") || text.contains("<!ENTITY"))) {
            out.error(0, "XML with a document type declaration is refused");
            return out.build();
        }
        Bom bom;
        try {
            bom = xml ? XML.readValue(text, Bom.class) : JSON.readValue(text, Bom.class);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            out.error(at == null || at.getLineNr() < 0 ? 0 : at.getLineNr(), (xml ? "XML" : "JSON") + ": " + TreeReader.message(e));
            return out.build();
        } catch (IOException | RuntimeException e) {
            out.error(0, "not a CycloneDX document: " + e.getMessage());
            return out.build();
        }
        if (bom == null) {
            out.error(0, "empty document");
            return out.build();
        }
        LineFinder finder = new LineFinder(lines);
        if (bom.getMetadata() != null && bom.getMetadata().getComponent() != null) {
            components(List.of(bom.getMetadata().getComponent()), 0, lines, finder, out);
        }
        components(bom.getComponents(), 0, lines, finder, out);
        services(bom.getServices(), 0, lines, finder, out);
        return out.build();
    }

    private static void components(List<Component> components, int depth, List<String> lines, LineFinder finder, ResultBuilder out) {
        if (components == null || depth > MAX_DEPTH) {
            return;
        }
        for (Component c : components) {
            if (c == null) {
                continue;
            }
            String supplier = supplier(c);
            Optional<String> purl = Purls.normalize(c.getPurl());
            if (purl.isPresent()) {
                int line = finder.find(c.getPurl());
                out.add(ObservationKind.PACKAGE, purl.get(), Role.SOFTWARE_PACKAGE, line, TextLines.line(lines, line), supplier);
            } else if (!supplier.isEmpty() && c.getName() != null && !c.getName().isBlank()) {
                String product = (supplier + " " + c.getName().strip() + (c.getVersion() == null ? "" : " " + c.getVersion().strip())).strip();
                int line = finder.find(c.getName());
                out.add(ObservationKind.PRODUCT, cap(product), Role.SOFTWARE_PACKAGE, line, TextLines.line(lines, line), supplier);
            }
            if (c.getCryptoProperties() != null) {
                crypto(c, c.getCryptoProperties(), lines, finder, out);
            }
            components(c.getComponents(), depth + 1, lines, finder, out);
        }
    }

    /** A CBOM cryptographic asset: national algorithms, SM/GOST cipher suites, certificate issuers. */
    private static void crypto(Component c, CryptoProperties p, List<String> lines, LineFinder finder, ResultBuilder out) {
        String name = c.getName() == null ? "" : c.getName().strip();
        String type = p.getAssetType() == null ? "asset" : p.getAssetType().toString().toLowerCase(Locale.ROOT);
        String context = cap(("cbom " + type + " " + name).strip());
        int line = finder.find(name);
        String raw = TextLines.line(lines, line);
        Set<String> algorithms = new java.util.LinkedHashSet<>();
        CryptoNames.national(name).ifPresent(algorithms::add);
        CryptoNames.national(p.getOid()).ifPresent(algorithms::add);
        AlgorithmProperties a = p.getAlgorithmProperties();
        if (a != null) {
            CryptoNames.national(a.getCurve()).ifPresent(algorithms::add);
        }
        for (String algorithm : algorithms) {
            out.add(ObservationKind.CRYPTO_ALGORITHM, algorithm, Role.CRYPTO_STANDARD, line, raw, context);
        }
        ProtocolProperties protocol = p.getProtocolProperties();
        if (protocol != null && protocol.getCipherSuites() != null) {
            for (CipherSuite suite : protocol.getCipherSuites()) {
                String s = suite == null || suite.getName() == null ? "" : suite.getName().strip();
                if (!s.isEmpty() && s.length() <= 80 && CryptoNames.national(s).isPresent()) {
                    int at = finder.find(s);
                    out.add(ObservationKind.CRYPTO_ALGORITHM, s.toUpperCase(Locale.ROOT), Role.CRYPTO_STANDARD, at,
                            TextLines.line(lines, at), context);
                }
            }
        }
        CertificateProperties cert = p.getCertificateProperties();
        if (cert != null && cert.getIssuerName() != null && !cert.getIssuerName().isBlank()) {
            String issuer = cert.getIssuerName().strip();
            int at = finder.find(issuer);
            try {
                String dn = new X500Name(issuer).toString();
                String subject = cert.getSubjectName() == null ? "" : "subject " + cap(cert.getSubjectName().strip());
                out.add(ObservationKind.CERT_ISSUER, dn, Role.TRUST_ANCHOR, at, TextLines.line(lines, at), subject);
            } catch (IllegalArgumentException e) {
                out.error(at, "certificate issuer '" + cap(issuer) + "' is not a distinguished name");
            }
        }
    }

    private static void services(List<Service> services, int depth, List<String> lines, LineFinder finder, ResultBuilder out) {
        if (services == null || depth > MAX_DEPTH) {
            return;
        }
        for (Service s : services) {
            if (s == null) {
                continue;
            }
            String provider = s.getProvider() == null || s.getProvider().getName() == null ? "" : s.getProvider().getName().strip();
            String context = ("service " + (s.getName() == null ? "" : s.getName().strip())
                    + (provider.isEmpty() ? "" : " by " + provider)).strip();
            if (s.getEndpoints() != null) {
                for (String endpoint : s.getEndpoints()) {
                    int line = finder.find(endpoint);
                    Endpoints.add(out, endpoint, Role.API_ENDPOINT, line, TextLines.line(lines, line), cap(context));
                }
            }
            services(s.getServices(), depth + 1, lines, finder, out);
        }
    }

    /** Supplier, else manufacturer, publisher or first author; "" when none is named. */
    private static String supplier(Component c) {
        List<String> candidates = new ArrayList<>();
        candidates.add(name(c.getSupplier()));
        candidates.add(name(c.getManufacturer()));
        candidates.add(c.getPublisher());
        if (c.getAuthors() != null && !c.getAuthors().isEmpty()) {
            OrganizationalContact first = c.getAuthors().get(0);
            candidates.add(first == null ? null : first.getName());
        }
        candidates.add(c.getAuthor());
        for (String s : candidates) {
            if (s != null && !s.isBlank()) {
                return cap(s.strip());
            }
        }
        return "";
    }

    private static String name(OrganizationalEntity entity) {
        return entity == null ? null : entity.getName();
    }

    private static String cap(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
