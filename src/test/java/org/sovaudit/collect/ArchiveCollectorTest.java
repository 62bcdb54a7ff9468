package org.sovaudit.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sovaudit.collect.ArchiveBuilder.Entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives of every supported format, nested, and the hostile shapes each bound is there for. */
class ArchiveCollectorTest {

    private static final String RESOLV = "nameserver 8.8.8.8\n";
    private static final String HOSTS = "203.0.113.7 updates.vendor.example\n";

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static Recorded collect(Path archive, CollectLimits limits) {
        Recorded r = new Recorded();
        Collectors.forPath(archive, "", limits).collect(r);
        return r;
    }

    private static String text(Recorded r, String path) {
        return new String(r.files.get(path).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void tar_plainGzipAndBzip2_areReadByContent() throws IOException {
        byte[] tar = ArchiveBuilder.tar(Entry.file("etc/resolv.conf", RESOLV), Entry.file("./etc/hosts", HOSTS));
        for (Path archive : List.of(write("host.tar", tar), write("host.tgz", ArchiveBuilder.gzip(tar)),
                write("host.tar.bz2", ArchiveBuilder.bzip2(tar)), write("backup.bin", ArchiveBuilder.gzip(tar)))) {
            Recorded r = collect(archive, CollectLimits.defaults());
            assertEquals(List.of("etc/hosts", "etc/resolv.conf"), List.copyOf(r.files.keySet()), archive.toString());
            assertEquals(RESOLV, text(r, "etc/resolv.conf"));
            assertTrue(r.errors.isEmpty(), r.errors.toString());
        }
    }

    @Test
    void forPath_namesTheSourceWithoutItsArchiveSuffix() throws IOException {
        byte[] tgz = ArchiveBuilder.gzip(ArchiveBuilder.tar(Entry.file("a.conf", "x")));
        assertEquals("site-a", Collectors.forPath(write("site-a.tar.gz", tgz), "", CollectLimits.defaults()).name());
        assertEquals("site-b", Collectors.forPath(write("site-b.tgz", tgz), "", CollectLimits.defaults()).name());
        assertInstanceOf(ArchiveCollector.class, Collectors.forPath(write("no-suffix", tgz), "", CollectLimits.defaults()));
        assertInstanceOf(DirectoryCollector.class, Collectors.forPath(write("plain.tgz", "not gzip".getBytes(StandardCharsets.UTF_8)),
                "", CollectLimits.defaults()));
    }

    @Test
    void gzipOfOneFile_isThatFileWithoutItsSuffix() throws IOException {
        Recorded r = collect(write("core-rtr.cfg.gz", ArchiveBuilder.gzip("sysname R1\n".getBytes(StandardCharsets.UTF_8))),
                CollectLimits.defaults());
        assertEquals(List.of("core-rtr.cfg"), List.copyOf(r.files.keySet()));
    }

    @Test
    void nestedArchives_areNamedWithBangSlash() throws IOException {
        byte[] inner = ArchiveBuilder.gzip(ArchiveBuilder.tar(Entry.file("etc/resolv.conf", RESOLV)));
        byte[] middle = ArchiveBuilder.zip("hosts/app01.tgz", inner, "README.txt", "export of site A");
        byte[] outer = ArchiveBuilder.tar(Entry.file("exports/site-a.zip", middle),
                Entry.file("logs/messages.1.gz", ArchiveBuilder.gzip(HOSTS.getBytes(StandardCharsets.UTF_8))));
        Recorded r = collect(write("upload.tar", outer), CollectLimits.defaults());
        assertEquals(List.of("exports/site-a.zip!/README.txt", "exports/site-a.zip!/hosts/app01.tgz!/etc/resolv.conf",
                "logs/messages.1.gz!/messages.1"), List.copyOf(r.files.keySet()));
        assertEquals(RESOLV, text(r, "exports/site-a.zip!/hosts/app01.tgz!/etc/resolv.conf"));
        assertTrue(r.errors.isEmpty(), r.errors.toString());
    }

    @Test
    void nestingDeeperThanTheCap_isRefusedWithTheDepth() throws IOException {
        byte[] level4 = ArchiveBuilder.zip("deep.conf", "x");
        byte[] level3 = ArchiveBuilder.zip("l4.zip", level4, "three.conf", "3");
        byte[] level2 = ArchiveBuilder.zip("l3.zip", level3);
        byte[] level1 = ArchiveBuilder.zip("l2.zip", level2);
        Recorded r = collect(write("l1.zip", level1), CollectLimits.defaults());
        assertEquals(List.of("l2.zip!/l3.zip!/three.conf"), List.copyOf(r.files.keySet()));
        assertTrue(r.reasonFor("l2.zip!/l3.zip!/l4.zip").contains("nested more than 3 levels"));
    }

    @Test
    void documentZips_areNotOpened() throws IOException {
        byte[] jar = ArchiveBuilder.zip("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
        Recorded r = collect(write("app.zip", ArchiveBuilder.zip("lib/app.jar", jar, "conf/app.properties", "a=1")),
                CollectLimits.defaults());
        assertEquals(List.of("conf/app.properties", "lib/app.jar"), List.copyOf(r.files.keySet()));
    }

    @Test
    void tarPathEscapes_areRefusedEachWithAReason() throws IOException {
        byte[] tar = ArchiveBuilder.tar(Entry.file("../../etc/passwd", "root:x"), Entry.file("/etc/shadow", "root:!"),
                Entry.file("ok/../../up.conf", "x"), Entry.file("ok.conf", "x"));
        Recorded r = collect(write("evil.tar", tar), CollectLimits.defaults());
        assertEquals(List.of("ok.conf"), List.copyOf(r.files.keySet()));
        assertTrue(r.reasonFor("../../etc/passwd").contains(".."));
        assertTrue(r.reasonFor("/etc/shadow").contains("absolute"));
        assertTrue(r.reasonFor("ok/../../up.conf").contains(".."));
    }

    @Test
    void tarLinksDevicesAndFifos_areRefusedUnread() throws IOException {
        byte[] tar = ArchiveBuilder.tar(
                Entry.of("etc/resolv.conf", TarConstants.LF_SYMLINK, "/run/systemd/resolve/stub-resolv.conf"),
                Entry.of("etc/passwd-link", TarConstants.LF_LINK, "/etc/passwd"),
                Entry.of("dev/sda", TarConstants.LF_BLK, null),
                Entry.of("dev/tty0", TarConstants.LF_CHR, null),
                Entry.of("run/initctl", TarConstants.LF_FIFO, null),
                Entry.file("etc/hosts", HOSTS));
        Recorded r = collect(write("links.tar", tar), CollectLimits.defaults());
        assertEquals(List.of("etc/hosts"), List.copyOf(r.files.keySet()));
        assertTrue(r.reasonFor("etc/resolv.conf").contains("symbolic link"));
        assertTrue(r.reasonFor("etc/passwd-link").contains("hard link"));
        assertTrue(r.reasonFor("dev/sda").contains("device"));
        assertTrue(r.reasonFor("dev/tty0").contains("device"));
        assertTrue(r.reasonFor("run/initctl").contains("FIFO"));
    }

    @Test
    void duplicateTarEntries_keepTheFirst() throws IOException {
        byte[] tar = ArchiveBuilder.tar(Entry.file("a.conf", "first"), Entry.file("a.conf", "second"));
        Recorded r = collect(write("dup.tar", tar), CollectLimits.defaults());
        assertEquals("first", text(r, "a.conf"));
        assertTrue(r.reasonFor("a.conf").contains("duplicate"));
    }

    @Test
    void tarGzBomb_isStoppedByTheRatioOfBytesActuallyInflated() throws IOException {
        byte[] zeros = new byte[8 << 20];
        byte[] tgz = ArchiveBuilder.gzip(ArchiveBuilder.tar(Entry.file("a.conf", "first"), Entry.file("zeros.conf", zeros),
                Entry.file("after.conf", "never reached")));
        Recorded r = collect(write("bomb.tgz", tgz), new CollectLimits(64L << 20, 1L << 30, 100, 100));
        assertEquals(List.of("a.conf"), List.copyOf(r.files.keySet()));
        assertTrue(r.reasonFor("zeros.conf").contains("compression ratio"), r.errors.toString());
        assertTrue(r.reasonFor("zeros.conf").contains("the rest of bomb.tgz was not read"), r.errors.toString());
    }

    @Test
    void skippedOversizedEntry_isStillInflatedAndJudged() throws IOException {
        byte[] zeros = new byte[8 << 20];
        byte[] tgz = ArchiveBuilder.gzip(ArchiveBuilder.tar(Entry.file("zeros.conf", zeros), Entry.file("after.conf", "x")));
        Recorded r = collect(write("bomb2.tgz", tgz), new CollectLimits(1 << 20, 1L << 30, 100, 100));
        assertTrue(r.reasonFor("zeros.conf").contains("per-file limit"), r.errors.toString());
        assertTrue(r.reasonFor("bomb2.tgz").contains("compression ratio"), r.errors.toString());
        assertFalse(r.files.containsKey("after.conf"));
    }

    @Test
    void gzipBombOfOneFile_isRefused() throws IOException {
        Recorded r = collect(write("huge.log.gz", ArchiveBuilder.gzip(new byte[8 << 20])),
                new CollectLimits(64L << 20, 1L << 30, 100, 100));
        assertTrue(r.files.isEmpty());
        assertTrue(r.reasonFor("huge.log").contains("compression ratio"), r.errors.toString());
    }

    @Test
    void nestedZipBomb_isRefusedAndTheRestIsRead() throws IOException {
        byte[] bomb = ArchiveBuilder.zip("zeros.conf", new byte[8 << 20]);
        Recorded r = collect(write("outer.tar", ArchiveBuilder.tar(Entry.file("bomb.zip", bomb), Entry.file("ok.conf", "x"))),
                new CollectLimits(64L << 20, 1L << 30, 100, 100));
        assertEquals(List.of("ok.conf"), List.copyOf(r.files.keySet()));
        assertTrue(r.reasonFor("bomb.zip!/zeros.conf").contains("compression ratio"));
    }

    @Test
    void hugePaxHeader_isRefusedBeforeTheLibraryBuffersIt() throws IOException {
        Recorded r = collect(write("pax.tar", ArchiveBuilder.tarWithHugePaxHeader(3 << 20)), CollectLimits.defaults());
        assertTrue(r.files.isEmpty(), r.files.keySet().toString());
        assertTrue(r.reasonFor("pax.tar").contains("tar header"), r.errors.toString());
    }

    @Test
    void truncatedTarGz_keepsWhatWasReadAndNamesTheBreak() throws IOException {
        byte[] big = new byte[200_000];
        new java.util.Random(7).nextBytes(big);
        byte[] tgz = ArchiveBuilder.gzip(ArchiveBuilder.tar(Entry.file("a.conf", "first"), Entry.file("b.bin", big)));
        Recorded r = collect(write("cut.tgz", Arrays.copyOf(tgz, tgz.length / 2)), CollectLimits.defaults());
        assertEquals(List.of("a.conf"), List.copyOf(r.files.keySet()));
        assertTrue(r.reasonFor("b.bin").contains("truncated or corrupt"), r.errors.toString());
    }

    @Test
    void truncatedNestedZip_isAFileErrorNotAFailure() throws IOException {
        byte[] zip = ArchiveBuilder.zip("etc/hosts", HOSTS, "etc/resolv.conf", RESOLV);
        byte[] tar = ArchiveBuilder.tar(Entry.file("broken.zip", Arrays.copyOf(zip, zip.length - 30)), Entry.file("ok.conf", "x"));
        Recorded r = collect(write("outer.tar", tar), CollectLimits.defaults());
        assertTrue(r.files.containsKey("ok.conf"));
        assertTrue(r.reasonFor("broken.zip").contains("not a readable zip archive"), r.errors.toString());
    }

    @Test
    void truncatedTopLevelZip_throwsNamingTheSource() throws IOException {
        byte[] zip = ArchiveBuilder.zip("etc/hosts", HOSTS);
        Path cut = write("cut.zip", Arrays.copyOf(zip, zip.length - 30));
        CollectException e = assertThrows(CollectException.class, () -> collect(cut, CollectLimits.defaults()));
        assertTrue(e.getMessage().contains("'cut' is not a readable zip archive"), e.getMessage());
    }

    @Test
    void entryCountLimit_countsEveryEntryType() throws IOException {
        Entry[] links = new Entry[50];
        for (int i = 0; i < links.length; i++) {
            links[i] = Entry.of("l" + i, TarConstants.LF_SYMLINK, "/etc/passwd");
        }
        Recorded r = collect(write("links.tar", ArchiveBuilder.tar(links)), new CollectLimits(1000, 1 << 20, 10, 100));
        assertEquals(21, r.errors.size(), "20 refused links and one limit error");
        assertTrue(r.errors.getLast().reason().contains("archive entries"), r.errors.getLast().toString());
    }

    @Test
    void unsupportedCompression_isNamed() throws IOException {
        byte[] xz = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 4, 1, 2, 3};
        Path archive = write("site.tar.xz", xz);
        CollectException e = assertThrows(CollectException.class, () -> collect(archive, CollectLimits.defaults()));
        assertTrue(e.getMessage().contains("xz-compressed"), e.getMessage());

        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.write(tree.resolve("old.tar.xz"), xz);
        Recorded r = collect(tree, CollectLimits.defaults());
        assertTrue(r.reasonFor("old.tar.xz").contains("not supported"));
    }

    @Test
    void archiveInADirectoryTree_isOpenedInPlace() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/backups"));
        Files.write(tree.resolve("app01.tar.gz"), ArchiveBuilder.gzip(ArchiveBuilder.tar(Entry.file("etc/resolv.conf", RESOLV))));
        Files.writeString(tree.resolve("notes.txt"), "plain", StandardCharsets.UTF_8);
        Recorded r = collect(dir.resolve("tree"), CollectLimits.defaults());
        assertEquals(List.of("backups/app01.tar.gz!/etc/resolv.conf", "backups/notes.txt"), List.copyOf(r.files.keySet()));
    }

    @Test
    void fileLimit_spansNestedArchives() throws IOException {
        byte[] inner = ArchiveBuilder.zip("a.conf", "a", "b.conf", "b", "c.conf", "c");
        Recorded r = collect(write("outer.zip", ArchiveBuilder.zip("one.conf", "1", "inner.zip", inner, "two.conf", "2")),
                new CollectLimits(1000, 1 << 20, 3, 100));
        assertEquals(3, r.files.size(), r.files.keySet().toString());
        assertTrue(r.errors.getLast().reason().contains("collection limit reached"));
    }
}
