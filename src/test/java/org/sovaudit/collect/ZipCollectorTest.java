package org.sovaudit.collect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZipCollectorTest {

    @TempDir
    Path dir;

    private Recorded collect(Path zip, CollectLimits limits) {
        Recorded r = new Recorded();
        new ZipCollector(zip, "upload", "", limits).collect(r);
        return r;
    }

    /** Writes entries with Commons Compress, which (unlike java.util.zip) writes any name it is given. */
    private Path zip(String... namesAndContents) throws IOException {
        Path zip = dir.resolve("test.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                ZipArchiveEntry e = new ZipArchiveEntry(namesAndContents[i]);
                out.putArchiveEntry(e);
                out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }
        return zip;
    }

    @Test
    void collect_normalEntries_areRead() throws IOException {
        Recorded r = collect(zip("lab/etc/resolv.conf", "nameserver 8.8.8.8\n", "lab/net/", "",
                "./lab/k8s/app.yaml", "kind: Pod\n"), CollectLimits.defaults());
        assertEquals(2, r.files.size(), r.files.keySet().toString());
        assertTrue(r.files.containsKey("lab/etc/resolv.conf"));
        assertTrue(r.files.containsKey("lab/k8s/app.yaml"));
    }

    @Test
    void collect_pathEscapes_areRefused() throws IOException {
        Recorded r = collect(zip("../../etc/passwd", "root:x", "/abs/file", "x", "C:\\win\\x.conf", "x",
                "ok.conf", "x"), CollectLimits.defaults());
        assertEquals(1, r.files.size(), r.files.keySet().toString());
        assertTrue(r.reasonFor("../../etc/passwd").contains(".."));
        assertTrue(r.reasonFor("/abs/file").contains("absolute"));
        assertEquals(3, r.errors.size());
    }

    @Test
    void collect_duplicateEntry_keepsTheFirstAndSaysSo() throws IOException {
        Recorded r = collect(zip("a.conf", "first", "a.conf", "second"), CollectLimits.defaults());
        assertEquals("first", new String(r.files.get("a.conf").bytes(), StandardCharsets.UTF_8));
        assertTrue(r.reasonFor("a.conf").contains("duplicate"));
    }

    @Test
    void collect_symlinkEntry_isNotFollowed() throws IOException {
        Path zip = dir.resolve("links.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            ZipArchiveEntry link = new ZipArchiveEntry("etc/shadow-link");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/etc/shadow".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        Recorded r = collect(zip, CollectLimits.defaults());
        assertTrue(r.files.isEmpty());
        assertTrue(r.reasonFor("etc/shadow-link").contains("symbolic link"));
    }

    @Test
    void collect_highCompressionRatio_isRefusedAsABomb() throws IOException {
        Path zip = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("zeros.conf"));
            out.write(new byte[5_000_000]);
            out.closeEntry();
        }
        Recorded r = collect(zip, new CollectLimits(64L << 20, 1L << 30, 100, 100));
        assertFalse(r.files.containsKey("zeros.conf"));
        assertTrue(r.reasonFor("zeros.conf").contains("compression ratio"));
    }

    @Test
    void collect_entryOverSizeLimit_isRefused() throws IOException {
        Recorded r = collect(zip("big.conf", "y".repeat(5000), "small.conf", "y"),
                new CollectLimits(1000, 1 << 20, 100, 10_000));
        assertTrue(r.files.containsKey("small.conf"));
        assertTrue(r.reasonFor("big.conf").contains("per-file limit"));
    }

    @Test
    void collect_notAZip_throwsNamingTheSource() throws IOException {
        Path notZip = dir.resolve("notes.zip");
        try (OutputStream o = Files.newOutputStream(notZip)) {
            o.write("this is not an archive".getBytes(StandardCharsets.UTF_8));
        }
        CollectException e = assertThrows(CollectException.class, () -> collect(notZip, CollectLimits.defaults()));
        assertTrue(e.getMessage().contains("not a readable zip archive, nor a tar"), e.getMessage());
    }

    @Test
    void entryNames_controlCharacters_areRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EntryNames.normalise("a\u0000b.conf"));
        assertTrue(e.getMessage().contains("control characters"));
        assertEquals("a/b/c.conf", EntryNames.normalise("a\\b/./c.conf"));
    }
}
