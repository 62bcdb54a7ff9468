package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class AddressTableTest {

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static AddressTable table(String text) throws IOException {
        return AddressTable.read(gzip(text), "t.txt.gz");
    }

    @Test
    void find_returnsTheValueOfTheRangeHoldingTheAddress_bothFamilies_boundsIncluded() throws IOException {
        AddressTable t = table("""
                # comment
                4 c6336400 c63364ff AS64500
                4 cb007100 cb0071ff AS64501
                6 20010db800000000 20010db8ffffffff AS64502
                6 ff00000000000000 ffffffffffffffff AS64503
                """);
        assertEquals("AS64500", t.find(IpAddresses.parse("198.51.100.0")));
        assertEquals("AS64500", t.find(IpAddresses.parse("198.51.100.255")));
        assertNull(t.find(IpAddresses.parse("198.51.101.0")), "between ranges");
        assertEquals("AS64501", t.find(IpAddresses.parse("203.0.113.7")));
        assertNull(t.find(IpAddresses.parse("1.2.3.4")), "before the first range");
        assertEquals("AS64502", t.find(IpAddresses.parse("2001:db8:1234::1")));
        assertEquals("AS64503", t.find(IpAddresses.parse("ffff::1")), "unsigned order: the top of the space");
        assertNull(t.find(IpAddresses.parse("2001:db9::1")));
        assertNull(t.find(null));
        assertEquals(4, t.size());
    }

    @Test
    void malformedTables_failNamingFileAndLine() throws IOException {
        String[][] cases = {
                {"4 c6336400 c63364ff AS1\n4 c6336480 c63365ff AS2\n", "line 2", "overlapping"},
                {"4 c6336400 c63363ff AS1\n", "line 1", "first address after last"},
                {"5 1 2 AS1\n", "line 1", "4|6"},
                {"4 C6336400 c63364ff AS1\n", "line 1", "hexadecimal"},
                {"4 1c6336400 1c63364ff AS1\n", "line 1", "hexadecimal digits"},
                {"4 1 2 AS 1\n", "line 1", "value"},
                {"4 1 2\n", "line 1", "4|6"},
        };
        for (String[] c : cases) {
            AttributionException e = assertThrows(AttributionException.class, () -> table(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("t.txt.gz: " + c[1] + ":") && e.getMessage().contains(c[2]), e.getMessage());
        }
        AttributionException notGzip = assertThrows(AttributionException.class,
                () -> AddressTable.read("4 1 2 AS1\n".getBytes(StandardCharsets.UTF_8), "t.txt.gz"));
        assertTrue(notGzip.getMessage().contains("not a gzip-compressed address table"), notGzip.getMessage());
    }

    @Test
    void shippedTables_loadWithTheKnowledgeBase() {
        KnowledgeBase kb = KnowledgeBase.loadDefault();
        int[] sizes = kb.addressTableSizes();
        assertTrue(sizes[0] > 10_000 && sizes[1] > 100_000, java.util.Arrays.toString(sizes));
        assertEquals("KE", kb.registrationCountry("102.68.77.1").orElseThrow());
        assertEquals("amazon", kb.matchAnnouncedAddress("52.95.110.1").orElseThrow().vendor().group());
    }
}
