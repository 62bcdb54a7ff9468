package org.sovaudit.collect;

import org.sovaudit.model.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryCollectorTest {

    @TempDir
    Path dir;

    private Recorded collect(Path root, CollectLimits limits) {
        Recorded r = new Recorded();
        new DirectoryCollector(root, "", limits).collect(r);
        return r;
    }

    private void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    @Test
    void collect_tree_givesLogicalPathsAndHashes() throws IOException {
        write("etc/resolv.conf", "nameserver 8.8.8.8\n");
        write("net/core.cfg", "sysname X\n");
        Recorded r = collect(dir, CollectLimits.defaults());
        assertEquals(2, r.files.size(), r.files.keySet().toString());
        assertTrue(r.files.containsKey("etc/resolv.conf"));
        assertEquals(Digests.sha256Hex("nameserver 8.8.8.8\n".getBytes(StandardCharsets.UTF_8)),
                r.files.get("etc/resolv.conf").sha256());
        assertTrue(r.errors.isEmpty(), r.errors.toString());
    }

    @Test
    void collect_singleFile_isReadUnderItsName() throws IOException {
        write("router.txt", "sysname X\n");
        Recorded r = collect(dir.resolve("router.txt"), CollectLimits.defaults());
        assertTrue(r.files.containsKey("router.txt"), r.files.keySet().toString());
    }

    @Test
    void collect_linkInsideRoot_isFollowed_linkOutside_isRefused() throws IOException {
        write("real/resolv.conf", "nameserver 1.1.1.1\n");
        Path outside = Files.createTempFile("outside", ".conf");
        try {
            Files.writeString(outside, "secret\n");
            Files.createSymbolicLink(dir.resolve("inside-link.conf"), dir.resolve("real/resolv.conf"));
            Files.createSymbolicLink(dir.resolve("escape.conf"), outside);
            Recorded r = collect(dir, CollectLimits.defaults());
            assertTrue(r.files.containsKey("inside-link.conf"));
            assertFalse(r.files.containsKey("escape.conf"));
            assertTrue(r.reasonFor("escape.conf").contains("outside the audited directory"));
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void collect_directoryLinkLoop_isNotFollowed() throws IOException {
        write("a/file.conf", "x\n");
        Files.createSymbolicLink(dir.resolve("a/loop"), dir.resolve("a"));
        Recorded r = collect(dir, CollectLimits.defaults());
        assertEquals(1, r.files.size(), r.files.keySet().toString());
        assertTrue(r.reasonFor("a/loop").contains("directory"));
    }

    @Test
    void collect_fifo_isRefusedUnread() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, p.waitFor());
        Recorded r = collect(dir, CollectLimits.defaults());
        assertTrue(r.reasonFor("pipe").contains("not a regular file"));
    }

    @Test
    void collect_fileOverLimit_isRefusedWithTheLimit() throws IOException {
        write("big.conf", "x".repeat(2000));
        write("small.conf", "x");
        Recorded r = collect(dir, new CollectLimits(1000, 1 << 20, 100, 100));
        assertTrue(r.files.containsKey("small.conf"));
        assertTrue(r.reasonFor("big.conf").contains("per-file limit of 1000 bytes"));
    }

    @Test
    void collect_fileCountLimit_stopsWithOneNamedError() throws IOException {
        for (int i = 0; i < 5; i++) {
            write("f" + i + ".conf", "x");
        }
        Recorded r = collect(dir, new CollectLimits(1000, 1 << 20, 3, 100));
        assertEquals(3, r.files.size());
        assertEquals(1, r.errors.size(), r.errors.toString());
        assertTrue(r.errors.getFirst().reason().contains("collection limit reached"));
    }

    @Test
    void collect_versionControlMetadata_isSkipped() throws IOException {
        write(".git/objects/ab/cdef", "blob");
        write("etc/ntp.conf", "server pool.ntp.org\n");
        Recorded r = collect(dir, CollectLimits.defaults());
        assertEquals(1, r.files.size(), r.files.keySet().toString());
    }

    @Test
    void collect_missingPath_throwsNamingIt() {
        CollectException e = assertThrows(CollectException.class,
                () -> collect(dir.resolve("nope"), CollectLimits.defaults()));
        assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
    }
}
