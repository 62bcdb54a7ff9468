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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sovaudit.model.Layer;
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

    static void assertVendor(String vendorId, String indicator, Optional<KbMatch> match, String why) {
        assertTrue(match.isPresent(), "expected a match for vendor " + vendorId + ": " + why);
        assertEquals(vendorId, match.get().vendor().id(), why);
        if (indicator != null) {
            assertEquals(indicator, match.get().indicator(), why);
        }
    }

    static void assertVendor(String vendorId, String indicator, Optional<KbMatch> match) {
        assertTrue(match.isPresent(), "expected a match for vendor " + vendorId);
        assertEquals(vendorId, match.get().vendor().id());
        if (indicator != null) {
            assertEquals(indicator, match.get().indicator());
        }
    }

    @Test
    void loadDefault_meetsTheCoverageTargets_eachVendorWithSourceAndLayer() {
        assertTrue(kb.vendors().size() >= 80, "vendors: " + kb.vendors().size());
        Set<String> jurisdictions = new HashSet<>();
        Set<Layer> layers = EnumSet.noneOf(Layer.class);
        for (Vendor v : kb.vendors()) {
            jurisdictions.add(v.jurisdiction());
            layers.addAll(v.layers());
            assertFalse(v.source().isBlank(), "vendor " + v.id() + " has no source");
            assertFalse(v.layers().isEmpty(), "vendor " + v.id() + " has no layer");
            assertTrue(kb.group(v.group()).isPresent(), "vendor " + v.id() + " names unknown group " + v.group());
            assertTrue(kb.knowsJurisdiction(v.jurisdiction()));
        }
        assertTrue(jurisdictions.size() >= 12, "jurisdictions: " + jurisdictions);
        assertTrue(jurisdictions.containsAll(Set.of("CN", "US", "DE", "FR", "GB", "RU", "IN", "JP", "KR", "KE", "ZA", "AE", "INT")),
                jurisdictions.toString());
        assertEquals(EnumSet.allOf(Layer.class), layers, "every stack layer has vendors");
        assertTrue(kb.indicatorCount() >= 2000, "indicators: " + kb.indicatorCount());
        assertEquals(kb.indicators().size(), kb.indicatorCount());
        Map<String, Integer> counts = kb.indicatorCounts();
        for (String kind : List.of("domain-suffix", "host", "registry", "image", "cidr", "asn", "oui", "package", "product",
                "ai-model", "ca-subject", "ca-name", "crypto", "terraform-provider", "provider-name", "region")) {
            assertTrue(counts.getOrDefault(kind, 0) > 0, "no indicator of kind " + kind + ": " + counts);
        }
        assertTrue(counts.get("oui") > 1000 && counts.get("ca-subject") > 100, counts.toString());
        int handWritten = kb.indicatorCount() - counts.get("oui") - counts.get("ca-subject");
        assertTrue(handWritten >= 2000, "curated indicators besides the generated OUIs and CA subjects: " + handWritten);
    }

    @Test
    void publicBenefitServices_areMarked() {
        for (String id : List.of("ntp-pool", "root-servers", "quad9", "tuna", "ustc-mirrors", "kenet", "lets-encrypt", "nist")) {
            assertTrue(kb.vendor(id).orElseThrow().publicBenefit(), id);
        }
        assertFalse(kb.vendor("alibaba-cloud").orElseThrow().publicBenefit());
        assertEquals("CN", kb.vendor("tuna").orElseThrow().jurisdiction(), "an academic mirror keeps its jurisdiction");
        assertEquals("tsinghua", kb.vendor("tuna").orElseThrow().group(), "and is not a commercial vendor's");
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
        List<String> files = new ArrayList<>(List.of("kb.yaml", "jurisdictions.yaml", "tlds.yaml", "groups.yaml"));
        for (String line : Files.readAllLines(KB_DIR.resolve("kb.yaml"), StandardCharsets.UTF_8)) {
            if (line.startsWith("  - ")) {
                files.add(line.substring(4).strip());
            }
        }
        files.add("regions.yaml");
        files.add("generated/address-asns.txt.gz");
        files.add("generated/address-countries.txt.gz");
        assertTrue(files.contains("generated/ouis.yaml") && files.contains("vendors/certificate-authorities.yaml"), files.toString());
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
        assertVendor("aws-china", "domain-suffix amazonaws.com.cn", match(ObservationKind.HOSTNAME, "s3.cn-north-1.amazonaws.com.cn"));
        assertEquals("CN", match(ObservationKind.HOSTNAME, "s3.cn-north-1.amazonaws.com.cn").orElseThrow().vendor().jurisdiction(),
                "AWS in China is operated under Chinese law");
        assertVendor("azure-china", null, match(ObservationKind.HOSTNAME, "ministry.blob.core.chinacloudapi.cn"));
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
        assertVendor("docker", "registry docker.io", match(ObservationKind.CONTAINER_IMAGE, "someteam/redis:7.2"));
        assertVendor("vmware", "image docker.io/bitnami/*", match(ObservationKind.CONTAINER_IMAGE, "bitnami/redis:7.2"));
        assertVendor("canonical", "image docker.io/library/ubuntu", match(ObservationKind.CONTAINER_IMAGE, "ubuntu:24.04"));
        assertVendor("nvidia", "image docker.io/nvidia/*", match(ObservationKind.CONTAINER_IMAGE, "docker.io/nvidia/cuda:12.4.1-base"));
        assertVendor("hugging-face", "image ghcr.io/huggingface/*",
                match(ObservationKind.CONTAINER_IMAGE, "ghcr.io/huggingface/text-generation-inference:2.2"));
        assertVendor("daocloud", null, match(ObservationKind.CONTAINER_IMAGE, "docker.m.daocloud.io/library/nginx:1.25"));
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
    void cloudRegion_ofACloudLoggingDriver_isAttributedThroughThatCloud() {
        assertVendor("aws", "provider-name awslogs",
                kb.match(new Subject(ObservationKind.CLOUD_REGION, "af-south-1", Role.LOG_SINK, "awslogs")));
        assertVendor("aws", "provider-name awslogs",
                kb.match(new Subject(ObservationKind.CLOUD_REGION, "af-south-1", Role.LOG_SINK, "logging awslogs")));
        assertVendor("google", "provider-name gcplogs",
                kb.match(new Subject(ObservationKind.CLOUD_REGION, "africa-south1", Role.LOG_SINK, "driver=gcplogs")));
        assertTrue(kb.match(new Subject(ObservationKind.CLOUD_REGION, "af-south-1", Role.LOG_SINK, "logging gelf")).isEmpty());
    }

    @Test
    void regionTable_placesARegionPerCloud() {
        assertEquals(Optional.of(new RegionLocation("ZA", "Cape Town")), kb.region("aws", "af-south-1"));
        assertEquals(Optional.of(new RegionLocation("ZA", "Johannesburg")), kb.region("huawei-cloud", "af-south-1"));
        assertEquals("DE", kb.region("alibaba-cloud", "eu-central-1").orElseThrow().country());
        assertEquals("SG", kb.region("aws", "ap-southeast-1").orElseThrow().country());
        assertEquals("HK", kb.region("huawei-cloud", "ap-southeast-1").orElseThrow().country(), "the same id, another place");
        assertEquals("CN", kb.region("aws", "cn-northwest-1").orElseThrow().country());
        assertEquals("ZA", kb.region("microsoft", "SouthAfricaNorth").orElseThrow().country(), "case-insensitive");
        assertEquals("FR", kb.region("ovhcloud", "GRA11").orElseThrow().country(), "gra* stands for a number");
        assertTrue(kb.region("ovhcloud", "graphql").isEmpty(), "gra* is no prefix of other words");
        assertTrue(kb.region("aws", "xx-nowhere-9").isEmpty());
        assertTrue(kb.region("mikrotik", "eu-west-1").isEmpty(), "not a cloud of the table");
        assertTrue(kb.region("aws", "").isEmpty());
        assertTrue(kb.regionCount() > 300, "regions: " + kb.regionCount());
    }

    @Test
    void regionTable_ofAGroup_answersOnlyWhenItsCloudsAgree() {
        assertEquals(Optional.of("ZA"), kb.regionCountryOfGroup("amazon", "af-south-1"));
        assertEquals(Optional.of("CN"), kb.regionCountryOfGroup("amazon", "cn-north-1"), "aws and aws-china agree");
        assertEquals(Optional.of("DE"), kb.regionCountryOfGroup("alibaba", "eu-central-1"));
        assertTrue(kb.regionCountryOfGroup("amazon", "RegionOne").isEmpty());
        assertTrue(kb.regionCountryOfGroup("mikrotik", "af-south-1").isEmpty());
    }

    @Test
    void everyRegionIdOfACloud_isInTheRegionTable() {
        List<String> missing = new ArrayList<>();
        for (Indicator i : kb.indicators()) {
            if (i.kind().equals("region") && !i.value().endsWith("*") && kb.region(i.vendor().id(), i.value()).isEmpty()) {
                missing.add(i.vendor().id() + " " + i.value());
            }
        }
        for (Vendor v : kb.vendors()) {
            for (String region : kb.regionExamples(v.id())) {
                if (kb.coversRegions(v.id()) && kb.region(v.id(), region).isEmpty()) {
                    missing.add(v.id() + " " + region + " (example)");
                }
            }
        }
        assertEquals(List.of(), missing);
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
    void mac_matchesByOuiInAnySpelling_neverLocalOrGroupAddresses() {
        assertVendor("huawei", "oui 00E0FC", match(ObservationKind.MAC, "00:e0:fc:12:34:56"));
        assertVendor("huawei", "oui 00E0FC", match(ObservationKind.MAC, "00E0.FC12.3456"));
        assertVendor("huawei", "oui 00E0FC", match(ObservationKind.MAC, "00-E0-FC-12-34-56"));
        assertVendor("huawei", "oui 00E0FC", match(ObservationKind.MAC, "00e0fc123456"));
        assertVendor("cisco", null, match(ObservationKind.MAC, "00:00:0c:9f:f0:01"));
        assertVendor("vmware", "oui 005056", match(ObservationKind.MAC, "00:50:56:9a:bc:de"));
        assertVendor("hikvision", null, match(ObservationKind.MAC, "44:19:b6:01:02:03"));
        assertTrue(match(ObservationKind.MAC, "02:e0:fc:12:34:56").isEmpty(), "locally administered");
        assertTrue(match(ObservationKind.MAC, "01:00:5e:00:00:fb").isEmpty(), "multicast");
        assertTrue(match(ObservationKind.MAC, "00:e0:fc:12:34").isEmpty(), "five octets");
        assertTrue(match(ObservationKind.MAC, "00:e0-fc:12:34:56").isEmpty(), "mixed separators");
    }

    @Test
    void package_matchesCoordinatesAndPrefixesPerType() {
        assertVendor("alibaba-cloud", "package pkg:pypi/aliyun-*", match(ObservationKind.PACKAGE, "pkg:pypi/aliyun-python-sdk-ecs@4.24.71"));
        assertVendor("alibaba-cloud", "package pkg:pypi/alibabacloud-*",
                match(ObservationKind.PACKAGE, "pkg:pypi/alibabacloud_ecs20140526@4.1.6"));
        assertVendor("huawei", "package pkg:pypi/torch-npu", match(ObservationKind.PACKAGE, "pkg:pypi/Torch_NPU@2.1.0"));
        assertVendor("huawei-cloud", "package pkg:npm/@huaweicloud/*",
                match(ObservationKind.PACKAGE, "pkg:npm/%40huaweicloud/huaweicloud-sdk-core@3.1.0"));
        assertVendor("huawei-cloud", "package pkg:maven/com.huaweicloud.sdk/*",
                match(ObservationKind.PACKAGE, "pkg:maven/com.huaweicloud.sdk/huaweicloud-sdk-core@3.1.0"));
        assertVendor("alibaba-cloud", "package pkg:maven/com.aliyun.*", match(ObservationKind.PACKAGE, "pkg:maven/com.aliyun.oss/aliyun-sdk-oss"));
        assertVendor("alibaba-cloud", "package pkg:golang/github.com/aliyun/*",
                match(ObservationKind.PACKAGE, "pkg:golang/github.com/aliyun/alibaba-cloud-sdk-go@1.62.0"));
        assertVendor("aws", "package pkg:npm/@aws-sdk/*", match(ObservationKind.PACKAGE, "pkg:npm/@aws-sdk/client-s3@3.600.0"));
        assertVendor("pytorch", "package pkg:pypi/torch", match(ObservationKind.PACKAGE, "pkg:pypi/torch@2.4.0"));
        assertVendor("google", null, match(ObservationKind.PACKAGE, "pkg:pypi/tensorflow-gpu@2.15.0"));
        assertVendor("hugging-face", null, match(ObservationKind.PACKAGE, "pkg:pypi/transformers@4.44.0"));
        assertVendor("canonical", "package pkg:deb/ubuntu/*", match(ObservationKind.PACKAGE, "pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15"));
        assertVendor("nvidia", "package pkg:deb/*/cuda-*", match(ObservationKind.PACKAGE, "pkg:deb/ubuntu/cuda-toolkit-12-4@12.4.1-1"),
                "a vendor's package name wins over the distribution that carries it");
        assertVendor("openeuler", null, match(ObservationKind.PACKAGE, "pkg:rpm/openeuler/kernel@5.10.0"));
        assertTrue(match(ObservationKind.PACKAGE, "pkg:pypi/requests@2.32.3").isEmpty());
        assertTrue(match(ObservationKind.PACKAGE, "pkg:pypi/aliyun").isEmpty(), "a prefix needs its whole prefix");
        assertTrue(match(ObservationKind.PACKAGE, "boto3").isEmpty(), "not a package URL");
    }

    @Test
    void certIssuer_matchesMozillaRootsExactly_andCaNamesInIssuingCas() {
        assertVendor("cfca", "ca-subject C=CN,O=China Financial Certification Authority,CN=CFCA EV ROOT",
                match(ObservationKind.CERT_ISSUER, "C=CN,O=China Financial Certification Authority,CN=CFCA EV ROOT"));
        assertVendor("cfca", "ca-subject C=CN,O=China Financial Certification Authority,CN=CFCA EV ROOT",
                match(ObservationKind.CERT_ISSUER, "CN=CFCA EV ROOT, O=China Financial Certification Authority, C=CN"),
                "RFC 4514 order and spacing give the same name");
        assertVendor("aws", null, match(ObservationKind.CERT_ISSUER,
                "C=US,ST=Arizona,L=Scottsdale,O=Starfield Technologies\\, Inc.,CN=Starfield Services Root Certificate Authority - G2"),
                "the exact root wins over the Starfield name");
        assertVendor("godaddy", "ca-name starfield*", match(ObservationKind.CERT_ISSUER,
                "C=US,O=Starfield Technologies\\, Inc.,CN=Starfield Secure Certificate Authority - G2"));
        assertVendor("lets-encrypt", null, match(ObservationKind.CERT_ISSUER, "CN=R11, O=Let's Encrypt, C=US"));
        assertVendor("google", "ca-name google trust services*", match(ObservationKind.CERT_ISSUER, "C=US,O=Google Trust Services,CN=WR2"));
        assertVendor("sheca", "ca-name unitrust", match(ObservationKind.CERT_ISSUER, "C=CN,O=UniTrust,CN=SHECA OV Server CA G5"));
        assertVendor("russian-trusted-ca", null, match(ObservationKind.CERT_ISSUER,
                "C=RU,O=The Ministry of Digital Development and Communications,CN=Russian Trusted Sub CA"));
        assertTrue(match(ObservationKind.CERT_ISSUER, "CN=Ministry Root CA,O=Ministry of ICT,C=KE").isEmpty());
    }

    @Test
    void cryptoAlgorithm_namesItsNationalStandard() {
        assertVendor("oscca", "crypto sm4", match(ObservationKind.CRYPTO_ALGORITHM, "TLS_SM4_GCM_SM3"));
        assertVendor("oscca", null, match(ObservationKind.CRYPTO_ALGORITHM, "ECC-SM2-SM4-GCM-SM3"));
        assertVendor("oscca", "crypto sm2", match(ObservationKind.CRYPTO_ALGORITHM, "SM2"));
        assertVendor("tc26", "crypto gost*", match(ObservationKind.CRYPTO_ALGORITHM, "GOST R 34.10-2012"));
        assertVendor("tc26", null, match(ObservationKind.CRYPTO_ALGORITHM, "Kuznyechik"));
        assertVendor("tc26", "crypto gost*", match(ObservationKind.CRYPTO_ALGORITHM, "md_gost12_256"));
        assertTrue(match(ObservationKind.CRYPTO_ALGORITHM, "TLS_AES_256_GCM_SHA384").isEmpty());
        assertTrue(match(ObservationKind.CRYPTO_ALGORITHM, "ECDHE-RSA-AES128-GCM-SHA256").isEmpty());
    }

    @Test
    void cloudRegion_withoutProvider_matchesRegionIdsUniqueToOneCloud() {
        assertVendor("alibaba-cloud", "region cn-hangzhou", match(ObservationKind.CLOUD_REGION, "cn-hangzhou"));
        assertVendor("tencent-cloud", "region ap-guangzhou", match(ObservationKind.CLOUD_REGION, "ap-guangzhou"));
        assertVendor("huawei-cloud", "region cn-north-4", match(ObservationKind.CLOUD_REGION, "CN-NORTH-4"));
        assertVendor("google", "region europe-*", match(ObservationKind.CLOUD_REGION, "europe-west3"));
        assertVendor("microsoft", "region eastus", match(ObservationKind.CLOUD_REGION, "eastus"));
        assertTrue(match(ObservationKind.CLOUD_REGION, "ap-southeast-1").isEmpty(), "shared by several clouds");
        assertTrue(match(ObservationKind.CLOUD_REGION, "cn-beijing").isEmpty(), "shared by Alibaba Cloud and Volcano Engine");
    }

    @Test
    void cloudProvider_alsoReadsCsiProvisionersButNeverToolProviders() {
        assertVendor("alibaba-cloud", "domain-suffix alibabacloud.com", match(ObservationKind.CLOUD_PROVIDER, "disk.csi.alibabacloud.com"));
        assertVendor("huawei-cloud", "product everest-csi-provisioner", match(ObservationKind.CLOUD_PROVIDER, "everest-csi-provisioner"));
        assertVendor("aws", "domain-suffix aws.com", match(ObservationKind.CLOUD_PROVIDER, "ebs.csi.aws.com"));
        assertVendor("google", "domain-suffix gke.io", match(ObservationKind.CLOUD_PROVIDER, "pd.csi.storage.gke.io"));
        assertVendor("microsoft", "domain-suffix azure.com", match(ObservationKind.CLOUD_PROVIDER, "disk.csi.azure.com"));
        for (String tool : List.of("kubernetes", "hashicorp/kubernetes", "helm", "hashicorp/random", "terraform")) {
            assertTrue(match(ObservationKind.CLOUD_PROVIDER, tool).isEmpty(), tool);
        }
    }

    @Test
    void aiModel_modelTypeContextComesBeforeTheArchitecture() {
        Optional<KbMatch> kimi = kb.match(new Subject(ObservationKind.AI_MODEL, "DeepseekV3ForCausalLM", Role.AI_MODEL, "model_type=kimi_k2"));
        assertVendor("moonshot", "ai-model kimi*", kimi);
        assertVendor("deepseek", "ai-model deepseek*", kb.match(new Subject(ObservationKind.AI_MODEL, "DeepseekV3ForCausalLM",
                Role.AI_MODEL, "model_type=deepseek_v3")));
        assertVendor("alibaba-cloud", "ai-model qwen*", match(ObservationKind.AI_MODEL, "Qwen2ForCausalLM"));
        assertVendor("meta", "ai-model llamafor*", match(ObservationKind.AI_MODEL, "LlamaForCausalLM"));
        assertVendor("deepseek", null, match(ObservationKind.AI_MODEL, "deepseek-ai/DeepSeek-V3"));
        assertVendor("zhipu", null, match(ObservationKind.AI_MODEL, "THUDM/glm-4-9b-chat"));
        assertVendor("baai", "ai-model bge-*", match(ObservationKind.AI_MODEL, "bge-m3"));
        assertVendor("baai", "ai-model baai", match(ObservationKind.AI_MODEL, "BAAI/bge-m3"), "equal length: the leftmost phrase");
    }

    @Test
    void products_nameOperatingSystemsAcceleratorsAndDevices() {
        assertVendor("openeuler", null, match(ObservationKind.PRODUCT, "openEuler 22.03 (LTS-SP3)"));
        assertVendor("kylin-software", null, match(ObservationKind.PRODUCT, "Kylin Linux Advanced Server V10"));
        assertVendor("uniontech", null, match(ObservationKind.PRODUCT, "UOS Server 20"));
        assertVendor("astra-linux", null, match(ObservationKind.PRODUCT, "Astra Linux 1.7 x86-64"));
        assertVendor("huawei", "product cann", match(ObservationKind.PRODUCT, "CANN 8.0.RC1"));
        assertVendor("huawei", "product huawei", match(ObservationKind.PRODUCT, "Huawei CANN 8.0.RC1"), "the longest phrase wins");
        assertVendor("nvidia", null, match(ObservationKind.PRODUCT, "NVIDIA CUDA 12.4"));
        assertVendor("amd", null, match(ObservationKind.PRODUCT, "AMD ROCm 6.1"));
        assertVendor("axis", "product axis p*", match(ObservationKind.PRODUCT, "AXIS P3245-LVE"));
        assertVendor("mikrotik", null, match(ObservationKind.PRODUCT, "MikroTik RouterOS 7.14.2"));
    }

    @Test
    void without_dropsTheChosenIndicatorsOnly() {
        KnowledgeBase reduced = kb.without(i -> i.toString().equals("domain-suffix aliyuncs.com"));
        assertTrue(reduced.match(new Subject(ObservationKind.HOSTNAME, "oss-cn-hangzhou.aliyuncs.com", Role.UNKNOWN)).isEmpty());
        assertVendor("alibaba-cloud", "domain-suffix aliyun.com",
                reduced.match(new Subject(ObservationKind.HOSTNAME, "mirrors.aliyun.com", Role.UNKNOWN)));
        assertEquals(kb.indicatorCount() - 1, reduced.indicatorCount());
        assertEquals(kb.sha256(), reduced.sha256());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
