package org.sovaudit.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local-host collector on a fake root tree: what it reads, how it follows links, what it refuses. */
class LocalHostCollectorTest {

    @TempDir
    Path tmp;

    private Path root() throws IOException {
        return Files.createDirectories(tmp.resolve("root"));
    }

    private void write(Path root, String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private static void link(Path root, String path, String target) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
    }

    private static Recorded collect(Path root, CollectLimits limits) {
        Recorded r = new Recorded();
        new LocalHostCollector(root, limits).collect(r);
        return r;
    }

    @Test
    void wellKnownPaths_areReadUnderHostPaths() throws IOException {
        Path root = root();
        write(root, "etc/hosts", "127.0.0.1 localhost\n");
        write(root, "etc/apt/sources.list.d/docker.list", "deb https://download.docker.com/linux/ubuntu jammy stable\n");
        write(root, "etc/apt/sources.list.d/ignored.txt", "not a source\n");
        write(root, "etc/containerd/certs.d/docker.io/hosts.toml", "server = \"https://registry-1.docker.io\"\n");
        write(root, "home/alice/.npmrc", "registry=https://registry.npmmirror.com/\n");
        write(root, "home/bob/.config/pip/pip.conf", "[global]\nindex-url = https://pypi.tuna.tsinghua.edu.cn/simple\n");
        write(root, "proc/net/tcp", "  sl  local_address rem_address   st\n");
        write(root, "var/lib/dpkg/status", "Package: openssl\nStatus: install ok installed\n");
        write(root, "srv/data/not-a-target.conf", "x\n");
        Recorded r = collect(root, CollectLimits.defaults());
        assertEquals(List.of("etc/apt/sources.list.d/docker.list", "etc/containerd/certs.d/docker.io/hosts.toml",
                "etc/hosts", "home/alice/.npmrc", "home/bob/.config/pip/pip.conf", "proc/net/tcp", "var/lib/dpkg/status"),
                List.copyOf(r.files.keySet()));
        assertTrue(r.errors.isEmpty(), r.errors.toString());
        assertEquals("localhost", new LocalHostCollector(root, CollectLimits.defaults()).name());
    }

    @Test
    void absoluteLink_isFollowedInsideTheRootNotOnTheRealSystem() throws IOException {
        Path root = root();
        write(root, "run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
        link(root, "etc/resolv.conf", "/run/systemd/resolve/stub-resolv.conf");
        Recorded r = collect(root, CollectLimits.defaults());
        assertEquals("nameserver 127.0.0.53\n", new String(r.files.get("etc/resolv.conf").bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void linksOutOfTheRoot_neverReachOutside() throws IOException {
        Path root = root();
        Path outside = tmp.resolve("outside/secret.conf");
        Files.createDirectories(outside.getParent());
        Files.writeString(outside, "S3cr3t outside the root\n", StandardCharsets.UTF_8);
        link(root, "etc/hosts", outside.toString());
        link(root, "etc/resolv.conf", "../../outside/secret.conf");
        link(root, "etc/apt", "../../outside");
        Recorded r = collect(root, CollectLimits.defaults());
        for (var file : r.files.values()) {
            assertFalse(new String(file.bytes(), StandardCharsets.UTF_8).contains("S3cr3t"), file.path());
        }
        assertTrue(r.files.isEmpty(), r.files.keySet().toString());
    }

    @Test
    void sameFileByTwoPaths_isReadOnce() throws IOException {
        Path root = root();
        write(root, "usr/lib/os-release", "NAME=\"Ubuntu\"\nVERSION=\"22.04.4 LTS (Jammy Jellyfish)\"\n");
        link(root, "etc/os-release", "../usr/lib/os-release");
        Recorded r = collect(root, CollectLimits.defaults());
        assertEquals(List.of("etc/os-release"), List.copyOf(r.files.keySet()));
    }

    @Test
    void linkLoops_areReportedNotFollowed() throws IOException {
        Path root = root();
        link(root, "etc/ntp.conf", "ntp.conf.d");
        link(root, "etc/ntp.conf.d", "ntp.conf");
        link(root, "etc/yum.repos.d", "yum.repos.d");
        Recorded r = collect(root, CollectLimits.defaults());
        assertTrue(r.reasonFor("etc/ntp.conf").contains("too many levels of symbolic links"), r.errors.toString());
        assertTrue(r.reasonFor("etc/yum.repos.d").contains("loop"), r.errors.toString());
    }

    @Test
    void fifoAndDirectory_areRefusedUnread() throws Exception {
        Path root = root();
        Files.createDirectories(root.resolve("etc/hosts"));
        Files.createDirectories(root.resolve("etc"));
        Process p = new ProcessBuilder("mkfifo", root.resolve("etc/resolv.conf").toString()).start();
        assertEquals(0, p.waitFor());
        Recorded r = collect(root, CollectLimits.defaults());
        assertTrue(r.reasonFor("etc/resolv.conf").contains("not a regular file"));
        assertTrue(r.reasonFor("etc/hosts").contains("directory"));
    }

    @Test
    void fileOverTheLimit_isRefused() throws IOException {
        Path root = root();
        write(root, "var/lib/dpkg/status", "Package: x\n".repeat(200));
        write(root, "etc/hosts", "127.0.0.1 localhost\n");
        Recorded r = collect(root, new CollectLimits(1000, 1 << 20, 100, 100));
        assertTrue(r.files.containsKey("etc/hosts"));
        assertTrue(r.reasonFor("var/lib/dpkg/status").contains("per-file limit"));
    }

    @Test
    void berkeleyDbRpmDatabase_isReportedAsNotSupported() throws IOException {
        Path root = root();
        write(root, "var/lib/rpm/Packages", "\u0000\u0006\u0015\u0061 not sqlite");
        Recorded r = collect(root, CollectLimits.defaults());
        assertTrue(r.files.isEmpty());
        assertTrue(r.reasonFor("var/lib/rpm/Packages").contains("Berkeley DB"));
    }

    @Test
    void sqliteRpmDatabase_isReadAndNoBerkeleyDbErrorIsGiven() throws IOException {
        Path root = root();
        write(root, "var/lib/rpm/rpmdb.sqlite", "SQLite format 3\u0000");
        write(root, "var/lib/rpm/Packages", "old");
        Recorded r = collect(root, CollectLimits.defaults());
        assertTrue(r.files.containsKey("var/lib/rpm/rpmdb.sqlite"));
        assertTrue(r.errors.isEmpty(), r.errors.toString());
    }

    @Test
    void unreadableDirectory_isOneErrorAndTheRestIsRead() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "permissions do not bind the root user");
        Path root = root();
        write(root, "home/carol/.npmrc", "registry=https://registry.npmjs.org/\n");
        write(root, "etc/hosts", "127.0.0.1 localhost\n");
        Path carol = root.resolve("home/carol");
        Files.setPosixFilePermissions(carol, PosixFilePermissions.fromString("---------"));
        try {
            Recorded r = collect(root, CollectLimits.defaults());
            assertTrue(r.files.containsKey("etc/hosts"));
            assertTrue(r.reasonFor("home/carol").contains("permission denied"), r.errors.toString());
            assertEquals(1, r.errors.size(), r.errors.toString());
        } finally {
            Files.setPosixFilePermissions(carol, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void theRealHost_isReadWithoutFailing() {
        Recorded r = new Recorded();
        Collectors.localHost(CollectLimits.defaults()).collect(r);
        assertTrue(r.files.keySet().stream().allMatch(p -> !p.startsWith("/") && !p.contains("..")), r.files.keySet().toString());
        assertTrue(r.files.containsKey("proc/net/route") || r.files.containsKey("etc/hosts"), r.files.keySet().toString());
    }

    @Test
    void globs_matchWithinOneSegment() {
        assertTrue(LocalHostCollector.matches("*.list", "docker.list"));
        assertTrue(LocalHostCollector.matches("*", ".hidden"));
        assertFalse(LocalHostCollector.matches("*.list", "docker.list.save"));
        assertTrue(LocalHostCollector.matches("dhclient*.leases", "dhclient.eth0.leases"));
    }
}
