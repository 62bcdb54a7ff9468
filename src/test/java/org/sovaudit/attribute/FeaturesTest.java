package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

class FeaturesTest {

    @Test
    void fnv1a64_matchesPublishedTestVectors() {
        assertEquals(0xcbf29ce484222325L, Features.fnv1a64(""));
        assertEquals(0xaf63dc4c8601ec8cL, Features.fnv1a64("a"));
        assertEquals(0x85944171f73967e8L, Features.fnv1a64("foobar"));
    }

    @Test
    void indices_areDeterministic() {
        Subject s = new Subject(ObservationKind.HOSTNAME, "obs.af-south-1.myhuaweicloud.com", Role.STORAGE_LOCATION, "");
        int[] first = Features.indices(s);
        int[] again = Features.indices(new Subject(ObservationKind.HOSTNAME, "obs.af-south-1.myhuaweicloud.com",
                Role.STORAGE_LOCATION, ""));
        assertArrayEquals(first, again);
        // pinned: if this changes, every model's input changes, and Features.VERSION must be bumped
        assertArrayEquals(new int[]{5257, 5954, 6074, 9033, 11782, 13906, 14174, 15286, 21184, 21575, 23458, 24456, 26042, 28495, 29320, 30255, 31689, 32019, 32476, 34485, 34917, 35811, 37234, 39350, 43827, 44099, 44813, 45574, 46981, 47470, 47489, 49511, 52941, 54411, 59291, 61926},
                Features.indices(new Subject(ObservationKind.HOSTNAME, "ntp.aliyun.com", Role.NTP_SOURCE, "")));
        assertEquals(1 + Long.remainderUnsigned(0xaf63dc4c8601ec8cL, Features.BUCKETS - 1), Features.bucket("a"));
        assertEquals("fv2", Features.VERSION);
    }

    /** The runtime's extractor hashes without building names; it must give exactly the named features' buckets. */
    @Test
    void extractor_equalsTheFirstDistinctBucketsOfTheNames() {
        Features.Extractor extractor = new Features.Extractor();
        int[] out = new int[Features.MAX_FEATURES];
        List<Subject> subjects = List.of(
                new Subject(ObservationKind.HOSTNAME, "obs.cn-north-4.myhuaweicloud.com", Role.STORAGE_LOCATION),
                new Subject(ObservationKind.URL, "https://user@mirrors.aliyun.com:8443/pypi/simple?x=1#y", Role.PACKAGE_MIRROR),
                new Subject(ObservationKind.CONTAINER_IMAGE, "nvcr.io/nvidia/pytorch:24.01-py3", Role.CONTAINER_IMAGE),
                new Subject(ObservationKind.CONTAINER_IMAGE, "nginx", Role.CONTAINER_IMAGE),
                new Subject(ObservationKind.IP_ADDRESS, "2001:4860:4860::8888", Role.DNS_RESOLVER),
                new Subject(ObservationKind.CIDR, "10.0.0.0/8", Role.MANAGEMENT_ACCESS),
                new Subject(ObservationKind.ASN, "AS4134", Role.BGP_PEER, "remote-as=AS4134"),
                new Subject(ObservationKind.MAC, "00:e0:fc:12:34:56", Role.ATTACHED_DEVICE),
                new Subject(ObservationKind.PACKAGE, "pkg:npm/%40alicloud/pop-core@1.7.13", Role.SOFTWARE_PACKAGE),
                new Subject(ObservationKind.PACKAGE, "pkg:maven/com.aliyun.oss/aliyun-sdk-oss@3.17.4", Role.SOFTWARE_PACKAGE),
                new Subject(ObservationKind.PACKAGE, "not a purl", Role.SOFTWARE_PACKAGE),
                new Subject(ObservationKind.CERT_ISSUER, "C=CN,O=China Financial Certification Authority,CN=CFCA EV ROOT", Role.TRUST_ANCHOR),
                new Subject(ObservationKind.CRYPTO_ALGORITHM, "ECC-SM2-SM4-GCM-SM3", Role.CRYPTO_STANDARD),
                new Subject(ObservationKind.PRODUCT, "Huawei VRP V800R021C10SPC600 华为", Role.NETWORK_DEVICE),
                new Subject(ObservationKind.AI_MODEL, "Qwen2ForCausalLM", Role.AI_MODEL, "model_type=qwen2"),
                new Subject(ObservationKind.CLOUD_PROVIDER, "registry.terraform.io/huaweicloud/huaweicloud", Role.CLOUD_PROVIDER),
                new Subject(ObservationKind.CLOUD_REGION, "cn-north-4", Role.CLOUD_REGION, "huaweicloud"),
                new Subject(ObservationKind.HOSTNAME, "a-very-long-label-with-many-words-and-numbers-12345.example-vendor-cloud.com",
                        Role.UNKNOWN));
        for (Subject s : subjects) {
            Set<Integer> firstDistinct = new LinkedHashSet<>();
            for (String name : Features.names(s)) {
                if (firstDistinct.size() == Features.MAX_FEATURES) {
                    break;
                }
                firstDistinct.add(Features.bucket(name));
            }
            int[] expected = firstDistinct.stream().mapToInt(Integer::intValue).sorted().toArray();
            int n = extractor.extract(s, out);
            assertArrayEquals(expected, Arrays.copyOf(out, n), s.toString());
            assertArrayEquals(expected, Features.indices(s), s.toString());
        }
    }

    @Test
    void indices_areBoundedSortedDistinctAndNeverPadding() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            many.append("label").append(Integer.toString(i * 7919, 36)).append('.');
        }
        String huge = many + "com";
        for (Subject s : List.of(
                new Subject(ObservationKind.HOSTNAME, huge, Role.UNKNOWN),
                new Subject(ObservationKind.URL, "https://a.b.c.d.e.f.g.h/" + "seg/".repeat(400), Role.API_ENDPOINT),
                new Subject(ObservationKind.PRODUCT, "Huawei ".repeat(1000), Role.NETWORK_DEVICE),
                new Subject(ObservationKind.CLOUD_REGION, "", Role.CLOUD_REGION, "x ".repeat(100)),
                new Subject(ObservationKind.HOSTNAME, "\u534e\u4e3a.\u4e2d\u56fd", Role.UNKNOWN))) {
            int[] idx = Features.indices(s);
            assertTrue(idx.length >= 2 && idx.length <= Features.MAX_FEATURES, "length " + idx.length);
            for (int i = 0; i < idx.length; i++) {
                assertTrue(idx[i] >= 1 && idx[i] < Features.BUCKETS, "index " + idx[i]);
                if (i > 0) {
                    assertTrue(idx[i] > idx[i - 1], "sorted and distinct");
                }
            }
        }
        assertEquals(Features.MAX_FEATURES, Features.indices(new Subject(ObservationKind.HOSTNAME, huge, Role.UNKNOWN)).length);
    }

    @Test
    void names_coverKindRoleContextHostAndGrams() {
        List<String> names = Features.names(new Subject(ObservationKind.CLOUD_REGION, "cn-north-4", Role.CLOUD_REGION, "huaweicloud"));
        assertTrue(names.containsAll(List.of("k:cloud-region", "r:cloud-region", "c:huaweicloud", "t:cn", "t:north", "t:#1",
                "g:<cn>", "g:<no", "g:orth>")), names.toString());

        List<String> host = Features.names(new Subject(ObservationKind.URL, "https://mirrors.aliyun.com/ubuntu/", Role.PACKAGE_MIRROR));
        assertTrue(host.containsAll(List.of("tld:com", "d2:aliyun.com", "d3:mirrors.aliyun.com", "t:aliyun", "t:ubuntu")), host.toString());
        assertFalse(host.contains("t:https"), "the URL scheme is not a token");

        assertTrue(host.contains("sl:plain"));
        assertTrue(Features.names(new Subject(ObservationKind.HOSTNAME, "claude-ai.net", Role.UNKNOWN)).contains("sl:hyphen"));

        List<String> ip = Features.names(new Subject(ObservationKind.IP_ADDRESS, "114.114.114.114", Role.DNS_RESOLVER));
        assertTrue(ip.contains("ip:v4"), ip.toString());
        assertFalse(ip.stream().anyMatch(n -> n.startsWith("t:")), "an address yields no tokens: " + ip);

        List<String> pkg = Features.names(new Subject(ObservationKind.PACKAGE, "pkg:maven/com.aliyun.oss/aliyun-sdk-oss@3.17.4",
                Role.SOFTWARE_PACKAGE));
        assertTrue(pkg.containsAll(List.of("pt:maven", "pn:com.aliyun.oss", "pg:com.aliyun", "pf:aliyun", "t:sdk")), pkg.toString());
        assertFalse(pkg.contains("t:3"), "the version is not a feature");

        List<String> issuer = Features.names(new Subject(ObservationKind.CERT_ISSUER,
                "C=CN,O=China Financial Certification Authority,CN=CFCA EV ROOT", Role.TRUST_ANCHOR));
        assertTrue(issuer.containsAll(List.of("dc:cn", "t:china", "t:cfca", "t:root")), issuer.toString());
        assertFalse(issuer.contains("t:o"), "attribute names are not tokens");

        List<String> image = Features.names(new Subject(ObservationKind.CONTAINER_IMAGE, "nvcr.io/nvidia/pytorch:24.01-py3",
                Role.CONTAINER_IMAGE));
        assertTrue(image.contains("io:nvidia"), image.toString());
    }

    @Test
    void implicitDockerHub_hasTheSameHostFeaturesAsExplicit() {
        List<String> implicit = Features.names(new Subject(ObservationKind.CONTAINER_IMAGE, "nginx:1.25", Role.CONTAINER_IMAGE));
        List<String> explicit = Features.names(new Subject(ObservationKind.CONTAINER_IMAGE, "docker.io/nginx:1.25", Role.CONTAINER_IMAGE));
        assertEquals(explicit, implicit);
        assertTrue(implicit.contains("d2:docker.io"));
    }

    @Test
    void caseDoesNotChangeFeatures() {
        assertArrayEquals(Features.indices(new Subject(ObservationKind.PRODUCT, "NE40E-X8A", Role.NETWORK_DEVICE)),
                Features.indices(new Subject(ObservationKind.PRODUCT, "ne40e-x8a", Role.NETWORK_DEVICE)));
    }
}
