package org.sovaudit.parse.iac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;

class EndpointsTest {

    private static List<String> add(String value) {
        ResultBuilder out = new ResultBuilder("x");
        Endpoints.add(out, value, Role.API_ENDPOINT, 1, value, "");
        return out.build().observations().stream().map(o -> o.kind().id() + " " + o.value()).toList();
    }

    @Test
    void urlsLoseCredentialsQueryAndFragment() {
        assertEquals(List.of("url https://api.example.org:8443/v1"), add("https://u:S3cr3t@API.example.org:8443/v1?token=x#f"));
    }

    @Test
    void hostsWithPortsAndBracketedIpv6_areHosts() {
        assertEquals(List.of("hostname db.example.org"), add("db.example.org:5432"));
        assertEquals(List.of("ip-address 2001:db8::1"), add("[2001:db8::1]:53"));
        assertEquals(List.of("ip-address 10.0.0.1"), add("10.0.0.1"));
    }

    @Test
    void singleLabelNamesPathsAndTemplates_areNotObservations() {
        assertEquals(List.of(), add("fluentd:24224"));
        assertEquals(List.of(), add("./modules/vpc"));
        assertEquals(List.of(), add("${REGISTRY}/app"));
        assertEquals(List.of(), add("https://{{ .Values.host }}/x"));
    }

    @Test
    void templated_recognisesEveryTemplateSyntax() {
        assertTrue(Endpoints.templated("${X}"));
        assertTrue(Endpoints.templated("{{ x }}"));
        assertTrue(Endpoints.templated("$(cmd)"));
        assertFalse(Endpoints.templated("https://example.org/$basearch/"));
    }
}
