package org.sovaudit.report;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalJsonTest {

    @Test
    void bytes_sortKeysAtEveryLevel_andHaveNoWhitespace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zeta", 1);
        inner.put("alpha", List.of(Map.of("y", 2, "b", 3)));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("b", inner);
        outer.put("a", "x");
        assertEquals("{\"a\":\"x\",\"b\":{\"alpha\":[{\"b\":3,\"y\":2}],\"zeta\":1}}",
                new String(CanonicalJson.bytes(outer), StandardCharsets.UTF_8));
    }

    @Test
    void report_isByteStable_andWritesEnumIds() throws Exception {
        byte[] first = CanonicalJson.bytes(SampleReports.withStrings("dns.example.net"));
        byte[] second = CanonicalJson.bytes(SampleReports.withStrings("dns.example.net"));
        assertArrayEquals(first, second);
        JsonNode tree = CanonicalJson.mapper().readTree(first);
        assertEquals("control-plane", tree.at("/findings/0/layer").asText());
        assertEquals("dns-resolver", tree.at("/findings/0/role").asText());
        assertEquals("high", tree.at("/findings/0/severity").asText());
        assertEquals("kb", tree.at("/findings/0/attribution/method").asText());
        assertEquals(org.sovaudit.model.AuditReport.SCHEMA_VERSION, tree.at("/schemaVersion").asInt());
        String text = new String(first, StandardCharsets.UTF_8);
        assertFalse(text.contains("\n"));
        assertTrue(text.indexOf("\"auditId\"") < text.indexOf("\"createdAt\""));
    }

    @Test
    void nonAsciiAndControlCharacters_roundTrip() throws Exception {
        byte[] json = CanonicalJson.bytes(Map.of("v", "Nairobi \u00e9\u4e2d\u0001\"\\"));
        assertEquals("Nairobi \u00e9\u4e2d\u0001\"\\", CanonicalJson.mapper().readTree(json).get("v").asText());
    }
}
