package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
        assertArrayEquals(new int[]{56, 401, 1147, 1942, 4266, 5250, 6785, 6857, 7809, 8832, 9753, 10005, 12225, 14264,
                14651, 15851, 16362, 17565, 17968, 21379, 22139, 23456, 24333, 24591, 24633, 24869, 27297, 27670, 28310,
                29209, 30491, 30511, 30832, 31009, 31868},
                Features.indices(new Subject(ObservationKind.HOSTNAME, "ntp.aliyun.com", Role.NTP_SOURCE, "")));
        assertEquals(1 + Long.remainderUnsigned(0xaf63dc4c8601ec8cL, Features.BUCKETS - 1), Features.bucket("a"));
        assertEquals("fv1", Features.VERSION);
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

        List<String> ip = Features.names(new Subject(ObservationKind.IP_ADDRESS, "114.114.114.114", Role.DNS_RESOLVER));
        assertTrue(ip.containsAll(List.of("ip:v4", "v4a:114", "v4b:114.114")), ip.toString());
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
