package org.sovaudit.evidence.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.model.Digests;

class BundleWriterTest {

    static final Instant TIME = Instant.parse("2026-12-01T09:00:00Z");

    static List<BundleFile> files() {
        List<BundleFile> files = new ArrayList<>();
        for (String name : List.of("tree-head.json", "report.csv", "chain.pem", "report.json", "report.pdf", "report.html",
                "consistency-proof.json", "report.json.p7s", "inclusion-proof.json", "key-history.json", "report.sarif")) {
            files.add(new BundleFile(name, (name + " content").getBytes(StandardCharsets.UTF_8)));
        }
        return files;
    }

    static byte[] write(List<BundleFile> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BundleWriter.write(files, TIME, out);
        return out.toByteArray();
    }

    @Test
    void ordered_putsTheReportFirst_thenRenderings_thenEvidence() {
        assertEquals(List.of("report.json", "report.html", "report.sarif", "report.csv", "report.pdf", "report.json.p7s",
                        "chain.pem", "key-history.json", "tree-head.json", "inclusion-proof.json", "consistency-proof.json"),
                BundleWriter.ordered(files()).stream().map(BundleFile::name).toList());
    }

    @Test
    void write_sameFiles_sameBytes_storedWithTheAuditsTimeAndNothingElse() throws IOException {
        List<BundleFile> ordered = BundleWriter.ordered(files());

        byte[] first = write(ordered);
        byte[] second = write(BundleWriter.ordered(files()));

        assertArrayEquals(first, second);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(first), StandardCharsets.UTF_8)) {
            int i = 0;
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry(), i++) {
                assertEquals(ordered.get(i).name(), e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod());
                assertEquals(LocalDateTime.of(2026, 12, 1, 9, 0), e.getTimeLocal());
                assertNull(e.getExtra());
                assertNull(e.getComment());
                assertArrayEquals(ordered.get(i).content(), in.readAllBytes());
            }
            assertEquals(ordered.size(), i);
        }
    }

    @Test
    void manifest_isCanonical_listsEveryFileInOrder_andRefusesRepeatsAndItself() {
        List<BundleFile> ordered = BundleWriter.ordered(files());

        String manifest = new String(BundleWriter.manifest("a-1", ordered), StandardCharsets.UTF_8);

        BundleFile first = ordered.getFirst();
        assertEquals("{\"auditId\":\"a-1\",\"files\":[{\"name\":\"report.json\",\"sha256\":\"" + Digests.sha256Hex(first.content())
                + "\",\"size\":" + first.content().length + "},", manifest.substring(0, manifest.indexOf("},") + 2));
        assertEquals(true, manifest.endsWith("],\"format\":\"sovaudit-bundle/2\"}"));
        List<BundleFile> repeated = new ArrayList<>(ordered);
        repeated.add(ordered.getFirst());
        assertThrows(EvidenceException.class, () -> BundleWriter.manifest("a-1", repeated));
        assertThrows(EvidenceException.class, () -> BundleWriter.manifest("a-1",
                List.of(new BundleFile("manifest.json", new byte[1]))));
    }

    @Test
    void bundleFile_refusesNamesThatAreNotFlat() {
        for (String name : List.of("../x", "a/b", "", "c:d")) {
            assertThrows(IllegalArgumentException.class, () -> new BundleFile(name, new byte[0]), name);
        }
    }

    @Test
    void write_timeOutsideWhatZipCanCarry_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> BundleWriter.write(files(), Instant.parse("1970-01-01T00:00:00Z"),
                new ByteArrayOutputStream()));
    }
}
