package org.sovaudit.assess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.model.Attribution;
import org.sovaudit.model.JurisdictionClass;
import org.sovaudit.model.Layer;
import org.sovaudit.model.Role;
import org.sovaudit.model.Severity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyTest {

    @TempDir
    Path dir;

    private Policy load(String yaml) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return Policy.load(file);
    }

    private PolicyException fails(String yaml) {
        return assertThrows(PolicyException.class, () -> load(yaml));
    }

    @Test
    void defaults_haveNoHome_andRefuseToAuditUntilOneIsSet() {
        Policy p = Policy.defaults();
        assertEquals("", p.home());
        PolicyException e = assertThrows(PolicyException.class, p::requireHome);
        assertTrue(e.getMessage().contains("--home"), e.getMessage());
        assertEquals("KE", p.withHome("ke").requireHome().home());
    }

    @Test
    void load_partialFile_takesDefaultsForTheRest() throws IOException {
        Policy p = load("home: ke\ntrusted: [ug, tz]\ninternal-domains: [Ministry.GO.KE.]\n");
        assertEquals("KE", p.home());
        assertEquals(List.of("TZ", "UG"), p.trusted());
        assertEquals(List.of("ministry.go.ke"), p.internalDomains());
        assertEquals(Severity.CRITICAL, p.severityFor(Role.AAA_SERVER));
        assertEquals(Severity.MEDIUM, p.severityFor(Role.PACKAGE_MIRROR));
        assertEquals(3, p.weightFor(Role.DNS_RESOLVER));
        assertEquals(1, p.weightFor(Role.CONTAINER_IMAGE));
    }

    @Test
    void internalNetworks_areNormalised_keptOutOfTheHashWhenUnset_andMalformedOnesNamed() throws IOException {
        Policy p = load("home: KE\ninternal-networks: [41.89.10.0/24, '2001:DB8:40::/48', 196.201.214.7]\n");
        assertEquals(List.of("196.201.214.7/32", "2001:db8:40::/48", "41.89.10.0/24"), p.internalNetworks());
        assertTrue(p.asMap().containsKey("internal-networks"));
        assertTrue(!load("home: KE\n").asMap().containsKey("internal-networks"),
                "a policy without networks hashes as it always did");
        assertTrue(fails("home: KE\ninternal-networks: [41.89.10.1/24]\n").getMessage().contains("host bits"));
        assertTrue(fails("home: KE\ninternal-networks: [41.89.10.0/4]\n").getMessage().contains("prefix length"));
        assertTrue(fails("home: KE\ninternal-networks: [ministry.go.ke]\n").getMessage()
                .contains("field 'internal-networks': 'ministry.go.ke' is not an address or network"));
    }

    @Test
    void load_unknownField_namesIt() {
        assertTrue(fails("home: KE\nhomme: FR\n").getMessage().contains("unknown field 'homme'"));
    }

    @Test
    void load_badJurisdiction_namesFieldAndValue() {
        String m = fails("home: Kenya\n").getMessage();
        assertTrue(m.contains("field 'home'") && m.contains("Kenya"), m);
        m = fails("home: KE\ntrusted: [UG, Tanzania]\n").getMessage();
        assertTrue(m.contains("field 'trusted'") && m.contains("Tanzania"), m);
    }

    @Test
    void load_badSeverityAndRole_areNamed() {
        String m = fails("home: KE\nseverity:\n  dns-resolver: urgent\n").getMessage();
        assertTrue(m.contains("severity.dns-resolver") && m.contains("urgent"), m);
        m = fails("home: KE\nseverity:\n  dns-server: high\n").getMessage();
        assertTrue(m.contains("'dns-server' is not a role id"), m);
    }

    @Test
    void load_thresholdOutOfRange_andWrongShapes_areNamed() {
        assertTrue(fails("model-threshold: 1.5\n").getMessage().contains("model-threshold"));
        assertTrue(fails("trusted: UG\n").getMessage().contains("expected a list"));
        assertTrue(fails("weights:\n  dns-resolver: heavy\n").getMessage().contains("weights.dns-resolver"));
        assertTrue(fails("home: [KE]\n").getMessage().contains("expected a single value"));
        assertTrue(fails("- just\n- a list\n").getMessage().contains("mapping"));
        assertTrue(fails("home: KE\n  bad: indentation: here\n").getMessage().contains("not valid YAML"));
    }

    @Test
    void load_missingFile_saysSo() {
        PolicyException e = assertThrows(PolicyException.class, () -> Policy.load(dir.resolve("none.yaml")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void classify_homeTrustedEuInternationalForeign() throws IOException {
        Policy p = load("home: KE\ntrusted: [UG, EU]\n");
        assertEquals(JurisdictionClass.DOMESTIC, p.classify(attributed("KE")));
        assertEquals(JurisdictionClass.TRUSTED, p.classify(attributed("UG")));
        assertEquals(JurisdictionClass.TRUSTED, p.classify(attributed("DE")));
        assertEquals(JurisdictionClass.TRUSTED, p.classify(attributed("EU")));
        assertEquals(JurisdictionClass.INTERNATIONAL, p.classify(attributed("INT")));
        assertEquals(JurisdictionClass.FOREIGN, p.classify(attributed("CN")));
        assertEquals(JurisdictionClass.FOREIGN, p.classify(attributed("GB")));
        assertEquals(JurisdictionClass.UNKNOWN, p.classify(Attribution.unattributed("x", List.of())));
        assertEquals(JurisdictionClass.INTERNAL, p.classify(Attribution.internal("private address")));
    }

    @Test
    void exceptions_areValidatedFieldByField() {
        assertTrue(fails("home: KE\nexceptions:\n  - {rule: SOV-CP-001, value: 8.8.8.8, expires: 2027-01-01}\n")
                .getMessage().contains("needs a 'justification'"));
        assertTrue(fails("home: KE\nexceptions:\n  - {rule: SOV-XX-999, value: x, justification: y, expires: 2027-01-01}\n")
                .getMessage().contains("'SOV-XX-999' is not a rule id"));
        assertTrue(fails("home: KE\nexceptions:\n  - {rule: SOV-CP-001, value: x, justification: y, expires: soon}\n")
                .getMessage().contains("exceptions[0].expires"));
        assertTrue(fails("home: KE\nexceptions:\n  - {rule: SOV-CP-001, value: x, justification: y, expires: 2027-01-01, by: me}\n")
                .getMessage().contains("unknown field 'by'"));
    }

    @Test
    void severityRules_matchFirstAndCanRaiseTrustedFindings() throws IOException {
        Policy p = load("""
                home: KE
                trusted: [UG]
                severity-rules:
                  - {class: trusted, layer: control-plane, severity: low}
                  - {class: foreign, role: package-mirror, severity: high}
                  - {class: foreign, severity: info}
                """);
        assertEquals(java.util.Optional.of(Severity.LOW),
                p.severityFor(Layer.CONTROL_PLANE, Role.DNS_RESOLVER, JurisdictionClass.TRUSTED));
        assertEquals(java.util.Optional.empty(), p.severityFor(Layer.CLOUD, Role.CLOUD_REGION, JurisdictionClass.TRUSTED));
        assertEquals(java.util.Optional.of(Severity.HIGH),
                p.severityFor(Layer.PLATFORM, Role.PACKAGE_MIRROR, JurisdictionClass.FOREIGN));
        assertEquals(java.util.Optional.of(Severity.INFO),
                p.severityFor(Layer.CONTROL_PLANE, Role.AAA_SERVER, JurisdictionClass.FOREIGN));
        assertTrue(fails("home: KE\nseverity-rules:\n  - {class: nearby, severity: low}\n").getMessage()
                .contains("'nearby' is not a class"));
        assertTrue(fails("home: KE\nseverity-rules:\n  - {layer: orbit, class: foreign, severity: low}\n").getMessage()
                .contains("'orbit' is not a layer id"));
    }

    @Test
    void layerWeights_andLockInPenalty_areChecked() {
        assertTrue(fails("home: KE\nlayer-weights:\n  cloud: heavy\n").getMessage().contains("layer-weights.cloud"));
        assertTrue(fails("home: KE\nlayer-weights:\n  sky: 2\n").getMessage().contains("'sky' is not a layer id"));
        assertTrue(fails("home: KE\nlock-in-penalty: 150\n").getMessage().contains("lock-in-penalty"));
    }

    static Attribution attributed(String jurisdiction) {
        return new Attribution(Attribution.Status.ATTRIBUTED, "v", "Vendor", "g", jurisdiction, Layer.CLOUD, 1.0,
                Attribution.Method.KB, "test", List.of());
    }
}
