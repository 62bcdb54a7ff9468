package org.sovaudit.assess;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sovaudit.model.Attribution;
import org.sovaudit.model.AuditReport.LayerScore;
import org.sovaudit.model.Evidence;
import org.sovaudit.model.Finding;
import org.sovaudit.model.Layer;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.model.Severity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssessorTest {

    static final java.time.LocalDate DAY = java.time.LocalDate.parse("2026-11-29");

    private final Policy policy = Policy.defaults().withHome("KE");

    private static Attributed ref(ObservationKind kind, String value, Role role, Attribution a, int occurrences) {
        return new Attributed(kind, value, role, "", occurrences, List.of(new Evidence("etc/x.conf", 3, "line")), a);
    }

    private static Attribution vendor(String group, String jurisdiction, Layer layer) {
        return new Attribution(Attribution.Status.ATTRIBUTED, group, group, group, jurisdiction, layer, 1.0,
                Attribution.Method.KB, "domain-suffix " + group + ".com", List.of());
    }

    @Test
    void foreignResolver_isHighControlPlaneFinding() {
        Assessment a = new Assessor(policy, DAY).assess(List.of(
                ref(ObservationKind.IP_ADDRESS, "8.8.8.8", Role.DNS_RESOLVER, vendor("google", "US", Layer.CLOUD), 2)));
        Finding f = a.findings().getFirst();
        assertEquals("SOV-CP-001", f.ruleId());
        assertEquals(Severity.HIGH, f.severity());
        assertEquals(Layer.CONTROL_PLANE, f.layer());
        assertTrue(f.title().contains("8.8.8.8") && f.title().contains("US"), f.title());
        assertTrue(f.explanation().contains("2 times"), f.explanation());
        assertTrue(f.remediation().contains("resolver"), f.remediation());
    }

    @Test
    void domesticTrustedAndInternal_raiseNothing_internationalControlPlaneIsLow() {
        Assessment a = new Assessor(Policy.defaults().withHome("KE"), DAY).assess(List.of(
                ref(ObservationKind.HOSTNAME, "ntp.kenet.or.ke", Role.NTP_SOURCE, vendor("kenet", "KE", Layer.CONNECTIVITY), 1),
                ref(ObservationKind.IP_ADDRESS, "10.0.0.1", Role.DNS_RESOLVER, Attribution.internal("private address"), 1),
                ref(ObservationKind.HOSTNAME, "pool.ntp.org", Role.NTP_SOURCE, vendor("ntppool", "INT", Layer.CONTROL_PLANE), 1)));
        assertEquals(1, a.findings().size(), a.findings().toString());
        assertEquals("SOV-INT-001", a.findings().getFirst().ruleId());
        assertEquals(Severity.LOW, a.findings().getFirst().severity());
    }

    @Test
    void residency_namesTheRegionsCountry_apartFromTheProvidersJurisdiction() {
        Attribution capeTown = vendor("amazon", "US", Layer.CLOUD).withLocation("ZA");
        Attribution unknownRegion = vendor("amazon", "US", Layer.CLOUD);
        Assessment a = new Assessor(policy, DAY).assess(List.of(
                ref(ObservationKind.CLOUD_REGION, "af-south-1", Role.CLOUD_REGION, capeTown, 1),
                ref(ObservationKind.CLOUD_REGION, "xx-nowhere-9", Role.CLOUD_REGION, unknownRegion, 1),
                ref(ObservationKind.HOSTNAME, "8.8.8.8", Role.DNS_RESOLVER, vendor("google", "US", Layer.CLOUD), 1)));
        assertEquals(2, a.residency().size(), a.residency().toString());
        var byValue = new java.util.HashMap<String, org.sovaudit.model.AuditReport.Residency>();
        a.residency().forEach(r -> byValue.put(r.value(), r));
        assertEquals("ZA", byValue.get("af-south-1").location());
        assertEquals("US", byValue.get("af-south-1").providerJurisdiction());
        assertEquals("", byValue.get("xx-nowhere-9").location());
    }

    @Test
    void unattributedOutsideParty_isInfoForReview() {
        Assessment a = new Assessor(policy, DAY).assess(List.of(ref(ObservationKind.HOSTNAME, "odd.example.net",
                Role.UNKNOWN, Attribution.unattributed("no indicator", List.of(new Attribution.Guess("alibaba", 0.4))), 1)));
        Finding f = a.findings().getFirst();
        assertEquals("SOV-UNK-001", f.ruleId());
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.explanation().contains("alibaba 0.40"), f.explanation());
    }

    @Test
    void layerShare_isWeightedByRole() {
        // control plane: one foreign resolver (weight 3), one domestic resolver (weight 3) -> 0.5
        // platform: one foreign mirror (1), three domestic mirrors (3) -> 0.25
        Assessment a = new Assessor(policy, DAY).assess(List.of(
                ref(ObservationKind.IP_ADDRESS, "8.8.8.8", Role.DNS_RESOLVER, vendor("google", "US", Layer.CLOUD), 1),
                ref(ObservationKind.IP_ADDRESS, "196.1.1.1", Role.DNS_RESOLVER, vendor("safaricom", "KE", Layer.CONNECTIVITY), 1),
                ref(ObservationKind.URL, "http://mirrors.aliyun.com/ubuntu", Role.PACKAGE_MIRROR, vendor("alibaba", "CN", Layer.CLOUD), 1),
                ref(ObservationKind.URL, "http://a.ke/u", Role.PACKAGE_MIRROR, vendor("kenet", "KE", Layer.CONNECTIVITY), 1),
                ref(ObservationKind.URL, "http://b.ke/u", Role.PACKAGE_MIRROR, vendor("kenet", "KE", Layer.CONNECTIVITY), 1),
                ref(ObservationKind.URL, "http://c.ke/u", Role.PACKAGE_MIRROR, vendor("kenet", "KE", Layer.CONNECTIVITY), 1)));
        LayerScore cp = layer(a, Layer.CONTROL_PLANE);
        assertEquals(0.5, cp.foreignShare());
        assertEquals(List.of("google"), cp.foreignGroups());
        LayerScore platform = layer(a, Layer.PLATFORM);
        assertEquals(0.25, platform.foreignShare());
        assertEquals(4, platform.dependencies());
        // overall: foreign 3 + 1 = 4 of 3 + 3 + 4 = 10
        assertEquals(0.4, a.foreignShare());
    }

    @Test
    void fingerprint_isStableAcrossOccurrencesAndEvidence_butNotAcrossValues() {
        Attribution g = vendor("google", "US", Layer.CLOUD);
        Finding once = new Assessor(policy, DAY).assess(List.of(ref(ObservationKind.IP_ADDRESS, "8.8.8.8", Role.DNS_RESOLVER, g, 1)))
                .findings().getFirst();
        Finding often = new Assessor(policy, DAY).assess(List.of(new Attributed(ObservationKind.IP_ADDRESS, "8.8.8.8",
                Role.DNS_RESOLVER, "", 9, List.of(new Evidence("other/file", 7, "dns server 8.8.8.8")), g)))
                .findings().getFirst();
        Finding other = new Assessor(policy, DAY).assess(List.of(ref(ObservationKind.IP_ADDRESS, "8.8.4.4", Role.DNS_RESOLVER, g, 1)))
                .findings().getFirst();
        assertEquals(once.fingerprint(), often.fingerprint());
        assertNotEquals(once.fingerprint(), other.fingerprint());
    }

    @Test
    void findings_areOrderedBySeverityThenRule() {
        Assessment a = new Assessor(policy, DAY).assess(List.of(
                ref(ObservationKind.URL, "http://mirrors.aliyun.com/ubuntu", Role.PACKAGE_MIRROR, vendor("alibaba", "CN", Layer.CLOUD), 1),
                ref(ObservationKind.IP_ADDRESS, "9.9.9.9", Role.AAA_SERVER, vendor("x", "US", Layer.CLOUD), 1),
                ref(ObservationKind.IP_ADDRESS, "8.8.8.8", Role.DNS_RESOLVER, vendor("google", "US", Layer.CLOUD), 1)));
        assertEquals(List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM),
                a.findings().stream().map(Finding::severity).toList());
    }

    @Test
    void exception_acceptsUntilItsExpiry_thenTheFindingReturnsSayingSo() {
        Policy p = Policy.parse("""
                home: KE
                exceptions:
                  - {rule: SOV-CP-001, value: 8.8.8.8, justification: "until the national resolver", expires: 2026-12-31}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test", true);
        List<Attributed> refs = List.of(ref(ObservationKind.IP_ADDRESS, "8.8.8.8", Role.DNS_RESOLVER,
                vendor("google", "US", Layer.CLOUD), 1));
        Assessment current = new Assessor(p, java.time.LocalDate.parse("2026-12-31")).assess(refs);
        assertTrue(current.findings().isEmpty());
        assertEquals(1, current.accepted().size());
        assertEquals("2026-12-31", current.accepted().getFirst().expires());
        Assessment expired = new Assessor(p, java.time.LocalDate.parse("2027-01-01")).assess(refs);
        assertTrue(expired.accepted().isEmpty());
        assertTrue(expired.findings().getFirst().explanation().contains("it has expired"));
    }

    @Test
    void lockIn_growsWithLayersAndAdjacency() {
        Attribution hw = vendor("huawei", "CN", Layer.CONNECTIVITY);
        Assessment a = new Assessor(policy, DAY).assess(List.of(
                ref(ObservationKind.PRODUCT, "Huawei VRP", Role.NETWORK_DEVICE, hw, 1),
                ref(ObservationKind.CLOUD_REGION, "af-south-1", Role.CLOUD_REGION, hw, 1),
                ref(ObservationKind.CONTAINER_IMAGE, "swr.x/y:1", Role.CONTAINER_IMAGE, hw, 1),
                ref(ObservationKind.IP_ADDRESS, "8.8.8.8", Role.DNS_RESOLVER, vendor("google", "US", Layer.CLOUD), 1)));
        var top = a.lockIn().getFirst();
        assertEquals("huawei", top.group());
        assertEquals(3, top.adjacentRun());
        assertEquals(Math.round((0.5 * 2 / 7 + 0.5 * 2 / 4) * 10_000) / 10_000.0, top.index());
        assertEquals(0.0, a.lockIn().get(1).index(), "one layer, no lock-in");
        assertEquals("huawei", a.scores().topLockInGroup());
    }

    @Test
    void everyRole_hasARuleAndAPolicySeverity() {
        for (Role role : Role.values()) {
            assertTrue(Rules.forForeign(role).roles().contains(role), role.id());
            assertTrue(Policy.defaults().severity().containsKey(role.id()), "default policy lacks " + role.id());
        }
    }

    @Test
    void ruleIds_areUnique() {
        assertEquals(Rules.all().size(), Rules.all().stream().map(Rule::id).distinct().count());
    }

    private static LayerScore layer(Assessment a, Layer layer) {
        return a.layers().stream().filter(l -> l.layer() == layer).findFirst().orElseThrow();
    }
}
