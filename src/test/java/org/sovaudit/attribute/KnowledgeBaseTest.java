package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

class KnowledgeBaseTest {

    static final Path KB_DIR = Path.of("models", "kb");
    static KnowledgeBase kb;

    @BeforeAll
    static void load() {
        kb = KnowledgeBase.loadDefault();
    }

    static Optional<KbMatch> match(ObservationKind kind, String value) {
        return kb.match(new Subject(kind, value, Role.UNKNOWN, ""));
    }

    static void assertVendor(String vendorId, String indicator, Optional<KbMatch> match) {
        assertTrue(match.isPresent(), "expected a match for vendor " + vendorId);
        assertEquals(vendorId, match.get().vendor().id());
        if (indicator != null) {
            assertEquals(indicator, match.get().indicator());
        }
    }

    @Test
    void loadDefault_hasAtLeast25VendorsAcross6Jurisdictions_eachWithSourceAndLayer() {
        assertTrue(kb.vendors().size() >= 25, "vendors: " + kb.vendors().size());
        Set<String> jurisdictions = new HashSet<>();
        for (Vendor v : kb.vendors()) {
            jurisdictions.add(v.jurisdiction());
            assertFalse(v.source().isBlank(), "vendor " + v.id() + " has no source");
            assertFalse(v.layers().isEmpty(), "vendor " + v.id() + " has no layer");
            assertTrue(kb.group(v.group()).isPresent(), "vendor " + v.id() + " names unknown group " + v.group());
            assertTrue(kb.knowsJurisdiction(v.jurisdiction()));
        }
        assertTrue(jurisdictions.size() >= 6, "jurisdictions: " + jurisdictions);
        assertTrue(jurisdictions.containsAll(Set.of("CN", "US", "DE", "GB", "RU", "KE", "ZA", "INT")), jurisdictions.toString());
        assertTrue(kb.indicatorCount() > 300, "indicators: " + kb.indicatorCount());
        assertEquals(kb.indicators().size(), kb.indicatorCount());
    }

    @Test
    void loadDefault_sameAsDirectoryOnDisk() {
        KnowledgeBase fromDisk = KnowledgeBase.load(KB_DIR);
        assertEquals(kb.sha256(), fromDisk.sha256());
        assertEquals(kb.version(), fromDisk.version());
        assertEquals(kb.vendors(), fromDisk.vendors());
    }

    @Test
    void sha256_isSha256OfTheSha256sumManifest() throws IOException {
        List<String> files = List.of("kb.yaml", "jurisdictions.yaml", "tlds.yaml", "groups.yaml",
                "vendors/china.yaml", "vendors/united-states.yaml", "vendors/europe.yaml", "vendors/russia.yaml",
                "vendors/asia-pacific.yaml", "vendors/africa.yaml", "vendors/international.yaml");
        StringBuilder manifest = new StringBuilder();
        for (String f : files) {
            manifest.append(sha256(Files.readAllBytes(KB_DIR.resolve(f)))).append("  ").append(f).append('\n');
        }
        assertEquals(sha256(manifest.toString().getBytes(StandardCharsets.UTF_8)), kb.sha256());
        assertTrue(kb.version().matches("[0-9]{4}\\.[0-9]+\\.[0-9]+"), kb.version());
    }

    @Test
    void hostname_longestSuffixWins() {
        assertVendor("aws", "domain-suffix aws.amazon.com", match(ObservationKind.HOSTNAME, "console.aws.amazon.com"));
        assertVendor("amazon", "domain-suffix amazon.com", match(ObservationKind.HOSTNAME, "www.amazon.com"));
        assertVendor("aws", "domain-suffix amazonaws.com.cn", match(ObservationKind.HOSTNAME, "s3.cn-north-1.amazonaws.com.cn"));
        assertVendor("ntp-pool", "domain-suffix pool.ntp.org", match(ObservationKind.HOSTNAME, "africa.pool.ntp.org"));
        assertVendor("huawei-cloud", "domain-suffix myhuaweicloud.com",
                match(ObservationKind.HOSTNAME, "obs.af-south-1.myhuaweicloud.com"));
        assertVendor("huawei-cloud", "domain-suffix huaweicloud.com", match(ObservationKind.HOSTNAME, "mirrors.huaweicloud.com"));
        assertVendor("alibaba-cloud", "domain-suffix aliyuncs.com", match(ObservationKind.HOSTNAME, "oss-cn-hangzhou.aliyuncs.com"));
    }

    @Test
    void hostname_matchesWholeLabelsOnly() {
        assertTrue(match(ObservationKind.HOSTNAME, "notaliyun.com").isEmpty());
        assertTrue(match(ObservationKind.HOSTNAME, "aliyun.com.attacker.net").isEmpty());
        assertTrue(match(ObservationKind.HOSTNAME, "ntp.org").isEmpty(), "pool.ntp.org must not claim its parent");
        assertVendor("alibaba-cloud", "domain-suffix aliyun.com", match(ObservationKind.HOSTNAME, "aliyun.com"));
    }

    @Test
    void hostname_normalisesCaseTrailingDotAndPort() {
        assertVendor("alibaba-cloud", null, match(ObservationKind.HOSTNAME, "NTP.Aliyun.COM."));
        assertVendor("canonical", null, match(ObservationKind.HOSTNAME, "archive.ubuntu.com:80"));
        assertVendor("google", "domain-suffix google", match(ObservationKind.HOSTNAME, "dns.google"));
        assertVendor("cloudflare", "host one.one.one.one", match(ObservationKind.HOSTNAME, "one.one.one.one"));
    }

    @Test
    void url_matchesByItsHost() {
        assertVendor("openai", "domain-suffix openai.com",
                match(ObservationKind.URL, "https://user:secret@api.openai.com:443/v1/chat/completions?x=1"));
        assertVendor("debian", null, match(ObservationKind.URL, "http://deb.debian.org/debian"));
        assertVendor("google", "cidr 8.8.8.8/32", match(ObservationKind.URL, "https://8.8.8.8/dns-query"));
        assertTrue(match(ObservationKind.URL, "https://example.org/aliyun.com").isEmpty(), "a path is not a host");
    }

    @Test
    void ipAddress_matchesByCidr() {
        assertVendor("google", "cidr 8.8.8.8/32", match(ObservationKind.IP_ADDRESS, "8.8.8.8"));
        assertVendor("google", "cidr 2001:4860:4860::8888/128", match(ObservationKind.IP_ADDRESS, "[2001:4860:4860::8888]:53"));
        assertVendor("google", null, match(ObservationKind.IP_ADDRESS, "::ffff:8.8.4.4"));
        assertVendor("114dns", "cidr 114.114.114.114/32",
                match(ObservationKind.IP_ADDRESS, "114.114.114.114"));
        assertVendor("alibaba-cloud", null, match(ObservationKind.IP_ADDRESS, "223.5.5.5"));
        assertVendor("quad9", "cidr 2620:fe::fe/128", match(ObservationKind.IP_ADDRESS, "2620:fe::fe"));
        assertTrue(match(ObservationKind.IP_ADDRESS, "8.8.8.9").isEmpty());
        assertTrue(match(ObservationKind.IP_ADDRESS, "not-an-ip").isEmpty());
    }

    @Test
    void cidr_matchesOnlyANetworkInsideAnIndicator() {
        assertVendor("cloudflare", null, match(ObservationKind.CIDR, "1.1.1.1/32"));
        assertTrue(match(ObservationKind.CIDR, "1.1.1.0/24").isEmpty(), "a /24 is not inside a /32");
        assertTrue(match(ObservationKind.CIDR, "1.1.1.1/33").isEmpty());
    }

    @Test
    void containerImage_followsDockerReferenceRules() {
        assertVendor("docker", "registry docker.io", match(ObservationKind.CONTAINER_IMAGE, "nginx:1.25"));
        assertVendor("docker", "registry docker.io", match(ObservationKind.CONTAINER_IMAGE, "bitnami/redis:7.2"));
        assertVendor("docker", "registry docker.io",
                match(ObservationKind.CONTAINER_IMAGE, "docker.io/library/nginx@sha256:0123456789abcdef"));
        assertVendor("red-hat", "registry quay.io", match(ObservationKind.CONTAINER_IMAGE, "quay.io/prometheus/node-exporter:v1.8.1"));
        assertVendor("kubernetes", "registry registry.k8s.io", match(ObservationKind.CONTAINER_IMAGE, "registry.k8s.io/pause:3.9"));
        assertVendor("github", "domain-suffix ghcr.io", match(ObservationKind.CONTAINER_IMAGE, "ghcr.io/org/app:1.0"));
        assertVendor("nvidia", "domain-suffix nvcr.io", match(ObservationKind.CONTAINER_IMAGE, "nvcr.io/nvidia/pytorch:24.01-py3"));
        assertVendor("microsoft", "domain-suffix microsoft.com", match(ObservationKind.CONTAINER_IMAGE, "mcr.microsoft.com/dotnet/runtime:8.0"));
        assertVendor("google", "domain-suffix gcr.io", match(ObservationKind.CONTAINER_IMAGE, "gcr.io/distroless/static"));
        assertVendor("huawei-cloud", "registry swr.*.myhuaweicloud.com",
                match(ObservationKind.CONTAINER_IMAGE, "swr.af-south-1.myhuaweicloud.com/egov/portal:2.0"));
        assertVendor("alibaba-cloud", "registry registry.*.aliyuncs.com",
                match(ObservationKind.CONTAINER_IMAGE, "registry.cn-hangzhou.aliyuncs.com/team/api:1"));
        assertVendor("aws", "registry *.dkr.ecr.*.amazonaws.com",
                match(ObservationKind.CONTAINER_IMAGE, "123456789012.dkr.ecr.af-south-1.amazonaws.com/app:3"));
        assertTrue(match(ObservationKind.CONTAINER_IMAGE, "localhost:5000/app:1").isEmpty());
        assertTrue(match(ObservationKind.CONTAINER_IMAGE, "harbor:8443/team/app").isEmpty(), "':' makes it a registry");
    }

    @Test
    void cloudProvider_matchesSourceAddressOrLocalName() {
        assertVendor("aws", "terraform-provider hashicorp/aws", match(ObservationKind.CLOUD_PROVIDER, "hashicorp/aws"));
        assertVendor("aws", "terraform-provider hashicorp/aws",
                match(ObservationKind.CLOUD_PROVIDER, "registry.terraform.io/hashicorp/aws"));
        assertVendor("aws", "provider-name aws", match(ObservationKind.CLOUD_PROVIDER, "aws"));
        assertVendor("aws", "provider-name aws", match(ObservationKind.CLOUD_PROVIDER, "aws.frankfurt"));
        assertVendor("huawei-cloud", "terraform-provider huaweicloud/huaweicloud",
                match(ObservationKind.CLOUD_PROVIDER, "HuaweiCloud/HuaweiCloud"));
        assertVendor("tencent-cloud", null, match(ObservationKind.CLOUD_PROVIDER, "tencentcloudstack/tencentcloud"));
        assertTrue(match(ObservationKind.CLOUD_PROVIDER, "hashicorp/random").isEmpty());
    }

    @Test
    void cloudRegion_isAttributedThroughItsProviderContext() {
        Optional<KbMatch> huawei = kb.match(new Subject(ObservationKind.CLOUD_REGION, "af-south-1", Role.CLOUD_REGION, "huaweicloud"));
        assertVendor("huawei-cloud", "provider-name huaweicloud", huawei);
        Optional<KbMatch> aws = kb.match(new Subject(ObservationKind.CLOUD_REGION, "af-south-1", Role.CLOUD_REGION, "hashicorp/aws"));
        assertVendor("aws", "terraform-provider hashicorp/aws", aws);
        assertTrue(kb.match(new Subject(ObservationKind.CLOUD_REGION, "af-south-1", Role.CLOUD_REGION, "")).isEmpty(),
                "a region id alone names no one provider");
        assertTrue(kb.match(new Subject(ObservationKind.CLOUD_REGION, "RegionOne", Role.CLOUD_REGION, "openstack")).isEmpty());
    }

    @Test
    void product_matchesPhrasesCaseInsensitivelyOnWordBoundaries() {
        assertVendor("huawei", "product ne40e*", match(ObservationKind.PRODUCT, "NE40E-X8A"));
        assertVendor("huawei", "product versatile routing platform",
                match(ObservationKind.PRODUCT, "Huawei Versatile Routing Platform Software, VRP (R) software, Version 8.180 (NE40E V800R011C10SPC100)"));
        assertVendor("huawei", "product ce68*", match(ObservationKind.PRODUCT, "CE6881-48S6CQ"));
        assertVendor("cisco", "product cisco ios*", match(ObservationKind.PRODUCT, "Cisco IOS Software, C2900 Software, Version 15.2(4)M7"));
        assertVendor("cisco", "product ios-xe*", match(ObservationKind.PRODUCT, "ios-xe 17.9.4a"));
        assertVendor("zte", "product zxr10*", match(ObservationKind.PRODUCT, "ZXR10 M6000-8S Plus"));
        assertVendor("hikvision", "product ds-2cd*", match(ObservationKind.PRODUCT, "DS-2CD2143G0-I"));
        assertVendor("lets-encrypt", null, match(ObservationKind.CERT_ISSUER, "CN=R11, O=Let's Encrypt, C=US"));
        assertVendor("openai", "ai-model gpt-4*", match(ObservationKind.AI_MODEL, "gpt-4o-mini"));
        assertVendor("alibaba-cloud", "ai-model qwen*", match(ObservationKind.AI_MODEL, "Qwen2.5-72B-Instruct"));
        assertTrue(match(ObservationKind.PRODUCT, "vrpx router").isEmpty(), "a phrase without * ends at a word boundary");
        assertTrue(match(ObservationKind.PRODUCT, "Xne40e").isEmpty(), "a phrase starts at a word boundary");
        assertTrue(match(ObservationKind.PRODUCT, "Generic 24-port switch").isEmpty());
    }

    @Test
    void asn_matchesWithOrWithoutPrefix() {
        assertVendor("china-telecom", "asn AS4134", match(ObservationKind.ASN, "AS4134"));
        assertVendor("china-telecom", "asn AS4134", match(ObservationKind.ASN, "4134"));
        assertTrue(match(ObservationKind.ASN, "AS64512").isEmpty());
    }

    @Test
    void kindsWithoutIndicators_matchNothing() {
        assertTrue(match(ObservationKind.MAC, "00:e0:fc:12:34:56").isEmpty());
        assertTrue(match(ObservationKind.PACKAGE, "aliyun-cli").isEmpty());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
