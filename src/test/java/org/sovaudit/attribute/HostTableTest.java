package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HostTableTest {

    private static String find(HostTable<String> t, String host) {
        return t.find(Names.labels(host));
    }

    @Test
    void suffixExactAndWildcardEntries_mostSpecificWins() {
        HostTable<String> t = new HostTable<>();
        t.put(Names.labels("example.com"), false, "suffix");
        t.put(Names.labels("www.example.com"), true, "exact");
        t.put(Names.labels("swr.*.example.com"), true, "wildcard");
        t.put(Names.labels("swr.cn-north-4.example.com"), true, "literal-exact");
        assertEquals("suffix", find(t, "example.com"));
        assertEquals("suffix", find(t, "a.b.example.com"));
        assertEquals("exact", find(t, "www.example.com"));
        assertEquals("suffix", find(t, "x.www.example.com"), "an exact entry does not cover subdomains");
        assertEquals("wildcard", find(t, "swr.af-south-1.example.com"));
        assertEquals("suffix", find(t, "obs.af-south-1.example.com"));
        assertEquals("literal-exact", find(t, "swr.cn-north-4.example.com"), "a literal label beats * at equal depth");
        assertEquals("suffix", find(t, "x.swr.af-south-1.example.com"), "* is exactly one label and the entry is exact");
        assertNull(find(t, "notexample.com"));
        assertNull(find(t, "com"));
    }

    @Test
    void names_readHostsAsConfigurationsWriteThem() {
        assertEquals("docker.io", Names.imageRegistry("ubuntu"));
        assertEquals("docker.io", Names.imageRegistry("library/ubuntu:22.04"));
        assertEquals("quay.io", Names.imageRegistry("quay.io/org/img"));
        assertEquals("localhost", Names.imageRegistry("localhost/img"));
        assertEquals("registry", Names.imageRegistry("registry:5000/img"));
        assertEquals("docker.io", Names.imageRegistry("docker.io/img@sha256:abc/def"));
        assertEquals("api.example.com", Names.urlHost("https://u:p@API.example.com:8443/x?y#z"));
        assertEquals("2001:db8::1", Names.urlHost("http://[2001:db8::1]:8080/"));
        assertEquals("mirror.example.org", Names.urlHost("mirror.example.org/debian"));
        assertEquals("source:hashicorp/aws", Names.providerKey("registry.opentofu.org/hashicorp/aws"));
        assertEquals("name:aws", Names.providerKey("aws.eu_west"));
        assertEquals(4134, Names.asn("as4134"));
        assertEquals(-1, Names.asn("AS-TEST"));
    }
}
