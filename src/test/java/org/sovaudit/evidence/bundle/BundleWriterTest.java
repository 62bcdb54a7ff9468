package org.sovaudit.evidence.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.model.Digests;

class BundleWriterTest {

    static BundleFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    static void createFixture(@TempDir Path dir) {
        fixture = new BundleFixture(dir, "audit-1");
    }

    @Test
    void write_sameContents_givesIdenticalBytes() {
        BundleContents c = fixture.contents;
        BundleContents copy = new BundleContents(c.reportJson().clone(), c.reportHtml().clone(), c.signature().clone(),
                c.certificatePem(), c.ledgerEntryJson().clone(), c.createdAt());

        assertArrayEquals(BundleFixture.write(c), BundleFixture.write(copy));
    }

    @Test
    void write_doesNotDependOnTheDefaultTimeZone() {
        byte[] here = fixture.bundle();
        TimeZone original = TimeZone.getDefault();
        byte[] elsewhere;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            elsewhere = fixture.bundle();
        } finally {
            TimeZone.setDefault(original);
        }

        assertArrayEquals(here, elsewhere);
    }

    @Test
    void write_storesEntriesInFixedOrderWithCreatedAtAndNoExtras() throws IOException {
        Path file = dir.resolve("bundle.zip");
        Files.write(file, fixture.bundle());

        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : Collections.list(zip.entries())) {
                names.add(e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                assertEquals(LocalDateTime.of(2026, 3, 1, 10, 15, 30), e.getTimeLocal(), e.getName());
                assertNull(e.getExtra(), e.getName());
                assertNull(e.getComment(), e.getName());
            }
            assertEquals(List.of("report.json", "report.html", "report.json.p7s", "appliance.pem",
                    "ledger-entry.json", "manifest.json"), names);
            assertNull(zip.getComment());
        }
    }

    @Test
    void write_manifestListsEveryOtherFileCanonically() {
        Map<String, byte[]> entries = BundleFixture.entries(fixture.bundle());
        BundleContents c = fixture.contents;
        byte[] pem = c.certificatePem().getBytes(StandardCharsets.US_ASCII);

        String expected = "{\"files\":["
                + file("report.json", c.reportJson()) + ","
                + file("report.html", c.reportHtml()) + ","
                + file("report.json.p7s", c.signature()) + ","
                + file("appliance.pem", pem) + ","
                + file("ledger-entry.json", c.ledgerEntryJson())
                + "],\"format\":\"sovaudit-bundle/1\"}";
        assertEquals(expected, new String(entries.get("manifest.json"), StandardCharsets.UTF_8));
        assertArrayEquals(c.reportJson(), entries.get("report.json"));
        assertArrayEquals(pem, entries.get("appliance.pem"));
    }

    @Test
    void write_leavesTheCallersStreamOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        BundleWriter.write(fixture.contents, out);

        assertTrue(out.size() > 0);
        assertEquals(false, closed[0]);
    }

    @Test
    void contents_timeOutsideZipRange_isRefused() {
        BundleContents c = fixture.contents;

        assertThrows(IllegalArgumentException.class, () -> new BundleContents(c.reportJson(), c.reportHtml(),
                c.signature(), c.certificatePem(), c.ledgerEntryJson(), Instant.parse("1979-12-31T23:59:59Z")));
        assertThrows(IllegalArgumentException.class, () -> new BundleContents(c.reportJson(), c.reportHtml(),
                c.signature(), c.certificatePem(), c.ledgerEntryJson(), Instant.parse("2108-01-01T00:00:00Z")));
    }

    @Test
    void contents_oversizedSignature_isRefused() {
        BundleContents c = fixture.contents;

        assertThrows(IllegalArgumentException.class, () -> new BundleContents(c.reportJson(), c.reportHtml(),
                new byte[BundleLayout.MAX_SMALL_FILE_BYTES + 1], c.certificatePem(), c.ledgerEntryJson(), c.createdAt()));
    }

    private static String file(String name, byte[] data) {
        return "{\"name\":\"" + name + "\",\"sha256\":\"" + Digests.sha256Hex(data) + "\",\"size\":" + data.length + "}";
    }
}
