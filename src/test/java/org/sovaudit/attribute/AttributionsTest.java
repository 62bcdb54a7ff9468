package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sovaudit.model.Attribution;
import org.sovaudit.model.Layer;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/** The attribute step end to end: real knowledge base, real model. */
class AttributionsTest {

    static KnowledgeBase kb;
    static OnnxAttributor model;
    static Attributions attributions;

    @BeforeAll
    static void load() {
        kb = KnowledgeBase.loadDefault();
        model = OnnxAttributor.loadDefault(1, 32);
        attributions = Attributions.create(kb, model, 0.6, Set.of("minict.go.ke", ".egov.example-ministry.org."));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Attribution one(ObservationKind kind, String value, Role role) {
        Subject s = new Subject(kind, value, role);
        Map<Subject, Attribution> result = attributions.attribute(List.of(s));
        assertEquals(1, result.size());
        return result.get(s);
    }

    static Attribution one(ObservationKind kind, String value) {
        return one(kind, value, Role.UNKNOWN);
    }

    @Test
    void privateAndSpecialAddresses_areInternal() {
        String[][] cases = {
                {"10.1.2.3", "private address (RFC 1918) 10.0.0.0/8"},
                {"172.16.5.4", "private address (RFC 1918) 172.16.0.0/12"},
                {"192.168.1.1", "private address (RFC 1918) 192.168.0.0/16"},
                {"100.64.1.1", "carrier-grade NAT"},
                {"127.0.0.1", "loopback"},
                {"169.254.10.1", "link-local"},
                {"fe80::1%eth0", "link-local"},
                {"fd12:3456::1", "unique local address"},
                {"::1", "loopback"},
                {"[::ffff:10.0.0.1]:53", "private address"},
                {"0.0.0.0", "unspecified"},
        };
        for (String[] c : cases) {
            Attribution a = one(ObservationKind.IP_ADDRESS, c[0], Role.DNS_RESOLVER);
            assertEquals(Attribution.Status.INTERNAL, a.status(), c[0]);
            assertEquals(Attribution.Method.RULE, a.method(), c[0]);
            assertTrue(a.basis().contains(c[1]), c[0] + " -> " + a.basis());
        }
        assertEquals(Attribution.Status.INTERNAL, one(ObservationKind.CIDR, "10.20.0.0/16").status());
        assertEquals(Attribution.Status.INTERNAL, one(ObservationKind.CIDR, "0.0.0.0/0").status());
        assertEquals(Attribution.Status.INTERNAL, one(ObservationKind.URL, "http://192.168.0.10:8080/api").status());
    }

    @Test
    void internalNames_areInternal() {
        String[][] cases = {
                {"router1", "single-label host name"},
                {"localhost", "localhost"},
                {"nas.local", "internal domain .local"},
                {"printer.lan", "internal domain .lan"},
                {"db.internal", "internal domain .internal"},
                {"wiki.intranet", "internal domain .intranet"},
                {"dc01.ministry.corp", "internal domain .corp"},
                {"hub.home.arpa", "special-use domain home.arpa"},
                {"mail.minict.go.ke", "internal suffix minict.go.ke (policy)"},
                {"minict.go.ke", "internal suffix minict.go.ke (policy)"},
                {"api.egov.example-ministry.org", "internal suffix egov.example-ministry.org (policy)"},
        };
        for (String[] c : cases) {
            Attribution a = one(ObservationKind.HOSTNAME, c[0]);
            assertEquals(Attribution.Status.INTERNAL, a.status(), c[0]);
            assertEquals(c[1], a.basis(), c[0]);
        }
        assertEquals(Attribution.Status.INTERNAL, one(ObservationKind.CONTAINER_IMAGE, "localhost:5000/app:1").status());
        assertEquals(Attribution.Status.INTERNAL, one(ObservationKind.CONTAINER_IMAGE, "registry.lan/team/app:1").status());
        assertEquals(Attribution.Status.INTERNAL, one(ObservationKind.URL, "https://portal.minict.go.ke/login").status());
    }

    @Test
    void knowledgeBase_attributesWithVendorGroupJurisdictionAndPrimaryLayer() {
        Attribution a = one(ObservationKind.HOSTNAME, "ntp.aliyun.com", Role.NTP_SOURCE);
        assertEquals(Attribution.Status.ATTRIBUTED, a.status());
        assertEquals(Attribution.Method.KB, a.method());
        assertEquals("alibaba-cloud", a.vendorId());
        assertEquals("Alibaba Cloud", a.vendorName());
        assertEquals("alibaba", a.group());
        assertEquals("CN", a.jurisdiction());
        assertEquals(Layer.CLOUD, a.layer());
        assertEquals(1.0, a.confidence());
        assertEquals("domain-suffix aliyun.com", a.basis());
        assertTrue(a.guesses().isEmpty());

        Attribution vodacom = one(ObservationKind.HOSTNAME, "www.vodacom.co.za");
        assertEquals("vodafone", vodacom.group());
        assertEquals("ZA", vodacom.jurisdiction(), "the vendor's own jurisdiction, not its parent's");
    }

    @Test
    void knowledgeBase_comesBeforeTheCountryCodeRule() {
        Attribution zte = one(ObservationKind.HOSTNAME, "support.zte.com.cn");
        assertEquals(Attribution.Method.KB, zte.method());
        assertEquals("zte", zte.group());
        Attribution kenet = one(ObservationKind.URL, "https://www.kenet.or.ke/");
        assertEquals(Attribution.Method.KB, kenet.method());
        assertEquals("KE", kenet.jurisdiction());
    }

    @Test
    void countryCodeTld_attributesJurisdictionOnly() {
        Attribution a = one(ObservationKind.HOSTNAME, "mirrors.example-university.edu.cn", Role.PACKAGE_MIRROR);
        assertEquals(Attribution.Status.ATTRIBUTED, a.status());
        assertEquals(Attribution.Method.RULE, a.method());
        assertEquals("CN", a.jurisdiction());
        assertEquals("", a.group());
        assertEquals("", a.vendorId());
        assertEquals(0.5, a.confidence());
        assertEquals("country-code TLD .cn", a.basis());
        assertEquals("GB", one(ObservationKind.HOSTNAME, "www.gov.uk").jurisdiction());
        assertEquals("EU", one(ObservationKind.HOSTNAME, "europa.eu").jurisdiction());
        assertEquals("US", one(ObservationKind.HOSTNAME, "time.example-agency.gov").jurisdiction());
        assertEquals("DE", one(ObservationKind.CONTAINER_IMAGE, "registry.example-firma.de/app:1").jurisdiction());
    }

    @Test
    void genericCountryCodeTlds_goToTheModelInstead() {
        for (String host : List.of("files.example-startup.io", "api.some-agency.ai", "cdn.unknown-site.co", "x.example-tools.me")) {
            Attribution a = one(ObservationKind.HOSTNAME, host);
            assertTrue(a.method() == Attribution.Method.MODEL || a.method() == Attribution.Method.NONE, host + " " + a);
            assertFalse(a.guesses().isEmpty(), host);
        }
    }

    @Test
    void model_attributesUnknownValuesOfKnownVendors() {
        Attribution a = one(ObservationKind.HOSTNAME, "huaweicloudcdn.net", Role.DNS_RESOLVER);
        assertEquals(Attribution.Status.ATTRIBUTED, a.status());
        assertEquals(Attribution.Method.MODEL, a.method());
        assertEquals("huawei", a.group());
        assertEquals("CN", a.jurisdiction(), "from the knowledge-base group");
        assertEquals("Huawei Technologies", a.vendorName());
        assertEquals("", a.vendorId(), "the model names a group, not a vendor");
        assertEquals(Layer.CONNECTIVITY, a.layer(), "primary layer of the group's first vendor");
        assertEquals(3, a.guesses().size());
        assertEquals(a.guesses().getFirst().probability(), a.confidence());
        assertTrue(a.basis().startsWith("model huawei "), a.basis());
    }

    @Test
    void model_belowThreshold_isUnattributedWithGuesses() {
        Subject s = new Subject(ObservationKind.HOSTNAME, "huaweicloudcdn.net", Role.DNS_RESOLVER);
        Attribution.Guess best = model.predict(List.of(s)).getFirst().getFirst();
        assertEquals("huawei", best.group());
        assertTrue(best.probability() < 1.0, "a threshold above the best guess must exist");
        double above = Math.nextUp(best.probability());
        Attribution strict = Attributions.create(kb, model, above, Set.of()).attribute(List.of(s)).get(s);
        assertEquals(Attribution.Status.UNATTRIBUTED, strict.status());
        assertEquals(Attribution.Method.NONE, strict.method());
        assertEquals(3, strict.guesses().size());
        assertEquals("huawei", strict.guesses().getFirst().group());
        assertTrue(strict.basis().contains("below threshold"), strict.basis());
        Attribution lenient = Attributions.create(kb, model, best.probability(), Set.of()).attribute(List.of(s)).get(s);
        assertEquals(Attribution.Status.ATTRIBUTED, lenient.status(), "at the threshold counts");
    }

    @Test
    void model_noneOnTop_isUnattributedWithGuesses() {
        Attribution a = one(ObservationKind.HOSTNAME, "api.green-harbor-logistics.com", Role.API_ENDPOINT);
        assertEquals(Attribution.Status.UNATTRIBUTED, a.status());
        assertEquals("none", a.guesses().getFirst().group());
        assertTrue(a.basis().contains("no known vendor"), a.basis());
        assertEquals(0.0, a.confidence());
        assertNull(a.layer());
    }

    @Test
    void attribute_deduplicatesAndKeepsFirstAppearanceOrder() {
        Subject google = new Subject(ObservationKind.IP_ADDRESS, "8.8.8.8", Role.DNS_RESOLVER);
        Subject internal = new Subject(ObservationKind.IP_ADDRESS, "10.0.0.1", Role.DNS_RESOLVER);
        Subject unknown = new Subject(ObservationKind.HOSTNAME, "example-unknown-vendor.net", Role.UNKNOWN);
        Map<Subject, Attribution> result = attributions.attribute(List.of(google, internal, google, unknown, internal, unknown));
        assertEquals(List.of(google, internal, unknown), new ArrayList<>(result.keySet()));
        assertEquals("cidr 8.8.8.8/32", result.get(google).basis());
        assertEquals(Attribution.Status.INTERNAL, result.get(internal).status());
        assertFalse(result.get(unknown).guesses().isEmpty(), "only the unmatched value went to the model");
        assertTrue(result.get(google).guesses().isEmpty());
        assertTrue(result.get(internal).guesses().isEmpty());
    }

    @Test
    void manySubjects_areAttributedInBatches() {
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            subjects.add(new Subject(ObservationKind.HOSTNAME, "svc" + i + ".unknown-" + (i % 7) + ".net", Role.API_ENDPOINT));
        }
        Map<Subject, Attribution> result = attributions.attribute(subjects);
        assertEquals(150, result.size());
        for (Subject s : subjects) {
            Attribution a = result.get(s);
            assertTrue(a.method() == Attribution.Method.MODEL || a.method() == Attribution.Method.NONE);
            assertEquals(model.predict(List.of(s)).getFirst(), a.guesses(), s.value());
        }
    }

    @Test
    void macAddresses_multicastIsInternal_localAndUnknownOuisAreUnattributedWithoutTheModel() {
        assertEquals(Attribution.Status.INTERNAL, one(ObservationKind.MAC, "01:00:5e:00:00:fb").status());
        assertEquals(Attribution.Status.INTERNAL, one(ObservationKind.MAC, "ff:ff:ff:ff:ff:ff").status());
        Attribution local = one(ObservationKind.MAC, "02:42:ac:11:00:02");
        assertEquals(Attribution.Status.UNATTRIBUTED, local.status());
        assertTrue(local.basis().contains("locally administered"), local.basis());
        assertTrue(local.guesses().isEmpty(), "the model is not asked about numbers");
        Attribution unknown = one(ObservationKind.MAC, "b8:27:eb:12:34:56");
        assertEquals(Attribution.Status.UNATTRIBUTED, unknown.status());
        assertTrue(unknown.guesses().isEmpty());
        Attribution huawei = one(ObservationKind.MAC, "00:e0:fc:12:34:56");
        assertEquals("huawei", huawei.group());
        assertEquals("oui 00E0FC", huawei.basis());
    }

    @Test
    void addressesAndAsNumbersOutsideTheKnowledgeBase_neverGoToTheModel() {
        // 4000::/3 is outside the global unicast space: no table holds it
        for (Subject s : List.of(new Subject(ObservationKind.IP_ADDRESS, "4000::1", Role.UPSTREAM_GATEWAY),
                new Subject(ObservationKind.CIDR, "102.68.76.0/22", Role.MANAGEMENT_ACCESS),
                new Subject(ObservationKind.ASN, "AS327712", Role.BGP_PEER, "remote-as=AS327712"))) {
            Attribution a = attributions.attribute(List.of(s)).get(s);
            assertEquals(Attribution.Status.UNATTRIBUTED, a.status(), s.toString());
            assertTrue(a.guesses().isEmpty(), s.toString());
        }
    }

    @Test
    void addressOutsideTheIndicators_takesTheVendorOfTheAnnouncingAs_elseTheCountryItIsRegisteredIn() {
        Attribution aws = one(ObservationKind.IP_ADDRESS, "52.95.110.1", Role.LOG_SINK);
        assertEquals("amazon", aws.group());
        assertEquals(Attribution.Method.KB, aws.method());
        assertEquals(Attributions.ANNOUNCED_CONFIDENCE, aws.confidence());
        assertTrue(aws.basis().startsWith("asn AS16509") && aws.basis().contains("announces"), aws.basis());
        assertTrue(aws.guesses().isEmpty());

        Attribution kenyan = one(ObservationKind.IP_ADDRESS, "102.68.77.1", Role.UPSTREAM_GATEWAY);
        assertEquals(Attribution.Status.ATTRIBUTED, kenyan.status());
        assertEquals("", kenyan.group(), "a registration names a country, never a vendor");
        assertEquals("KE", kenyan.jurisdiction());
        assertEquals(Attribution.Method.RULE, kenyan.method());
        assertEquals(Attributions.CCTLD_CONFIDENCE, kenyan.confidence());
        assertTrue(kenyan.basis().contains("registered in KE"), kenyan.basis());

        Attribution indicator = one(ObservationKind.IP_ADDRESS, "8.8.8.8", Role.DNS_RESOLVER);
        assertEquals("cidr 8.8.8.8/32", indicator.basis(), "an indicator of the address itself comes first");
    }

    @Test
    void withoutModel_unmatchedValuesStayUnattributed() {
        Attributions noModel = Attributions.create(kb, null, 0.6, Set.of());
        Subject s = new Subject(ObservationKind.HOSTNAME, "huaweicloudcdn.net", Role.UNKNOWN);
        Attribution a = noModel.attribute(List.of(s)).get(s);
        assertEquals(Attribution.Status.UNATTRIBUTED, a.status());
        assertTrue(a.basis().contains("no model"), a.basis());
    }

    @Test
    void oversizedOrBlankValues_areUnattributedNotDropped() {
        Attribution big = one(ObservationKind.HOSTNAME, "a".repeat(5000) + ".com");
        assertEquals(Attribution.Status.UNATTRIBUTED, big.status());
        assertTrue(big.basis().contains("longer than"));
        assertEquals(Attribution.Status.UNATTRIBUTED, one(ObservationKind.HOSTNAME, "   ").status());
    }

    @Test
    void create_refusesBadThresholdAndBadSuffix() {
        assertThrows(AttributionException.class, () -> Attributions.create(kb, model, 0.0, Set.of()));
        assertThrows(AttributionException.class, () -> Attributions.create(kb, model, 1.5, Set.of()));
        assertThrows(AttributionException.class, () -> Attributions.create(kb, model, Double.NaN, Set.of()));
        assertThrows(AttributionException.class, () -> Attributions.create(kb, model, 0.6, Set.of("bad suffix!")));
    }

    static Attribution withContext(ObservationKind kind, String value, Role role, String context) {
        Subject s = new Subject(kind, value, role, context);
        return attributions.attribute(List.of(s)).get(s);
    }

    @Test
    void cloudRegion_carriesTheCountryOfItsProvidersRegion() {
        Attribution aws = withContext(ObservationKind.CLOUD_REGION, "af-south-1", Role.CLOUD_REGION, "aws");
        assertEquals("amazon", aws.group());
        assertEquals("ZA", aws.location(), "AWS af-south-1 is Cape Town");
        Attribution huawei = withContext(ObservationKind.CLOUD_REGION, "af-south-1", Role.CLOUD_REGION, "huaweicloud");
        assertEquals("huawei", huawei.group());
        assertEquals("ZA", huawei.location(), "Huawei Cloud af-south-1 is Johannesburg");
        Attribution alibaba = withContext(ObservationKind.CLOUD_REGION, "eu-central-1", Role.STORAGE_LOCATION, "alicloud");
        assertEquals("alibaba", alibaba.group());
        assertEquals("DE", alibaba.location(), "Alibaba Cloud eu-central-1 is Frankfurt");
        assertEquals("HK", withContext(ObservationKind.CLOUD_REGION, "ap-southeast-1", Role.CLOUD_REGION, "huaweicloud").location());
        assertEquals("SG", withContext(ObservationKind.CLOUD_REGION, "ap-southeast-1", Role.CLOUD_REGION, "aws").location());
        assertEquals("ZA", withContext(ObservationKind.CLOUD_REGION, "af-south-1", Role.LOG_SINK, "awslogs").location());
    }

    @Test
    void unknownRegion_hasNoLocation() {
        Attribution unknown = withContext(ObservationKind.CLOUD_REGION, "xx-nowhere-9", Role.CLOUD_REGION, "aws");
        assertEquals("amazon", unknown.group(), "still AWS's, by its provider");
        assertEquals("", unknown.location());
        assertEquals("", withContext(ObservationKind.CLOUD_REGION, "RegionOne", Role.CLOUD_REGION, "openstack").location());
        assertEquals("", one(ObservationKind.HOSTNAME, "10.1.2.3").location(), "internal");
        assertEquals("", Attribution.internal("x").location());
        assertEquals("", Attribution.unattributed("x", List.of()).location());
    }

    @Test
    void valueWhoseHostOrContextNamesARegion_carriesItsCountry() {
        assertEquals("ZA", one(ObservationKind.HOSTNAME, "obs.af-south-1.myhuaweicloud.com").location());
        assertEquals("CN", one(ObservationKind.URL, "https://oss-cn-hangzhou-internal.aliyuncs.com/backups/").location());
        assertEquals("IE", one(ObservationKind.HOSTNAME, "s3-eu-west-1.amazonaws.com").location(), "legacy S3 host");
        assertEquals("ZA", one(ObservationKind.CONTAINER_IMAGE, "swr.af-south-1.myhuaweicloud.com/ministry/portal:2.4.1").location());
        assertEquals("", one(ObservationKind.HOSTNAME, "mirrors.aliyun.com").location(), "names no region");
        assertEquals("", one(ObservationKind.HOSTNAME, "dns.google").location(), "no region in its host");
        Attribution bucket = withContext(ObservationKind.URL, "s3://ministry-backups", Role.STORAGE_LOCATION, "region=eu-central-1");
        Attribution s3 = withContext(ObservationKind.HOSTNAME, "ministry-backups.s3.amazonaws.com", Role.STORAGE_LOCATION,
                "region=eu-central-1");
        assertEquals("amazon", s3.group());
        assertEquals("DE", s3.location(), "the context names the bucket's region");
        assertEquals("", bucket.location(), bucket.toString());
    }

    @Test
    void bgpNeighboursRemoteAs_attributesItsAddress_inEveryRole_unlessTheAsIsAmbiguous() {
        // 105.27.198.1 is announced by another AS (Seacom's) in the address table, and 4000::/3 is in no
        // table: the neighbour statement's remote AS wins over the first and settles the second
        Subject peer = new Subject(ObservationKind.IP_ADDRESS, "105.27.198.1", Role.BGP_PEER, "remote-as=AS33771");
        Subject gateway = new Subject(ObservationKind.IP_ADDRESS, "105.27.198.1", Role.UPSTREAM_GATEWAY);
        Subject v6peer = new Subject(ObservationKind.IP_ADDRESS, "4000::1", Role.BGP_PEER, "remote-as=AS33771");
        Subject unknownAs = new Subject(ObservationKind.IP_ADDRESS, "4000::9", Role.BGP_PEER, "remote-as=AS64512");
        Subject twice = new Subject(ObservationKind.IP_ADDRESS, "4000::77", Role.BGP_PEER, "remote-as=AS33771");
        Subject twiceOther = new Subject(ObservationKind.IP_ADDRESS, "4000::77", Role.BGP_PEER, "remote-as=AS36914");
        Subject unrelated = new Subject(ObservationKind.IP_ADDRESS, "4000::2", Role.DNS_RESOLVER);
        Map<Subject, Attribution> got = attributions.attribute(List.of(peer, gateway, v6peer, unknownAs, twice, twiceOther,
                unrelated));
        for (Subject s : List.of(peer, gateway, v6peer)) {
            Attribution a = got.get(s);
            assertTrue(a.attributed(), a.toString());
            assertEquals("safaricom", a.group());
            assertEquals("KE", a.jurisdiction());
            assertEquals(Attribution.Method.KB, a.method());
            assertTrue(a.basis().contains("33771") && a.basis().contains("BGP neighbour"), a.basis());
        }
        assertFalse(got.get(unknownAs).attributed(), "an AS the knowledge base does not list names nobody");
        assertFalse(got.get(twice).attributed(), "an address given two remote ASes stays open");
        assertFalse(got.get(unrelated).attributed());
    }

    @Test
    void policyInternalNetworks_makeTheMinistrysOwnPublicAddressesInternal_beforeAnyIndicator() {
        Attributions withNetworks = Attributions.create(kb, model, 0.9, Set.of(), List.of("41.90.0.0/24", "2001:db8:40::/48"));
        Subject own = new Subject(ObservationKind.IP_ADDRESS, "41.90.0.17", Role.MANAGEMENT_ACCESS);
        Subject ownNet = new Subject(ObservationKind.CIDR, "41.90.0.0/25", Role.MANAGEMENT_ACCESS);
        Subject carrier = new Subject(ObservationKind.IP_ADDRESS, "41.90.1.17", Role.UPSTREAM_GATEWAY);
        Map<Subject, Attribution> got = withNetworks.attribute(List.of(own, ownNet, carrier));
        assertEquals(Attribution.Status.INTERNAL, got.get(own).status());
        assertTrue(got.get(own).basis().contains("internal network (policy) 41.90.0.0/24"), got.get(own).basis());
        assertEquals(Attribution.Status.INTERNAL, got.get(ownNet).status());
        assertEquals("safaricom", got.get(carrier).group(), "outside the policy's network the indicator still speaks");
        assertThrows(AttributionException.class,
                () -> Attributions.create(kb, model, 0.9, Set.of(), List.of("not-a-network")));
    }
}
