package org.sovaudit.parse.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes rpm databases in their SQLite form with real rpm header blobs, for tests and for the
 * committed {@code rpmdb} fixtures. Regenerate those with
 * {@code java -cp target/test-classes:<sqlite-jdbc jar> org.sovaudit.parse.host.RpmDbWriter src/test/resources/fixtures}
 * (the bytes depend on the SQLite version; the goldens do not).
 */
final class RpmDbWriter {

    private RpmDbWriter() {
    }

    /** One package's header fields. */
    record Package(String name, String version, String release, Integer epoch, String vendor) {
    }

    /** An rpm header blob as rpm stores it in the database: index count, data length, index, data. */
    static byte[] header(Package p) {
        Map<Integer, Object> tags = new TreeMap<>();
        tags.put(1000, p.name());
        tags.put(1001, p.version());
        tags.put(1002, p.release());
        if (p.epoch() != null) {
            tags.put(1003, p.epoch());
        }
        if (p.vendor() != null) {
            tags.put(1011, p.vendor());
        }
        tags.put(1022, "x86_64");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        for (Map.Entry<Integer, Object> e : tags.entrySet()) {
            int type;
            if (e.getValue() instanceof Integer i) {
                while (data.size() % 4 != 0) {
                    data.write(0);
                }
                type = 4;
                int32(index, e.getKey());
                int32(index, type);
                int32(index, data.size());
                int32(index, 1);
                int32(data, i);
            } else {
                type = 6;
                int32(index, e.getKey());
                int32(index, type);
                int32(index, data.size());
                int32(index, 1);
                data.writeBytes(((String) e.getValue()).getBytes(StandardCharsets.UTF_8));
                data.write(0);
            }
        }
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        int32(blob, tags.size());
        int32(blob, data.size());
        blob.writeBytes(index.toByteArray());
        blob.writeBytes(data.toByteArray());
        return blob.toByteArray();
    }

    /** A database with rpm's schema holding these blobs, written to {@code file}. */
    static void write(Path file, List<byte[]> blobs) throws SQLException, IOException {
        Files.deleteIfExists(file);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA page_size = 1024");
                s.execute("CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL)");
                s.execute("CREATE TABLE 'Name' (key TEXT NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL, "
                        + "FOREIGN KEY (hnum) REFERENCES 'Packages'(hnum))");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
                for (byte[] blob : blobs) {
                    p.setBytes(1, blob);
                    p.executeUpdate();
                }
            }
        }
    }

    static List<byte[]> headers(Package... packages) {
        List<byte[]> out = new ArrayList<>();
        for (Package p : packages) {
            out.add(header(p));
        }
        return out;
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /** Writes the committed fixtures under {@code args[0]} (src/test/resources/fixtures). */
    public static void main(String[] args) throws Exception {
        Path fixtures = Path.of(args[0]).resolve("rpmdb");
        write(fixtures.resolve("openeuler/var/lib/rpm/rpmdb.sqlite"), headers(
                new Package("openEuler-release", "22.03LTS_SP3", "62.oe2203sp3", null, "openEuler"),
                new Package("kernel", "5.10.0", "182.0.0.95.oe2203sp3", null, "openEuler"),
                new Package("openssl", "1.1.1wa", "4.oe2203sp3", 1, "openEuler"),
                new Package("gpg-pubkey", "b675600b", "5e9d5ef8", null, null),
                new Package("Ascend-cann-toolkit", "8.0.RC1", "1", null, "Huawei Technologies Co., Ltd."),
                new Package("huaweicloud-agent", "3.2.1", "1", null, "Huawei Technologies Co., Ltd.")));
        List<byte[]> rhel = headers(
                new Package("redhat-release", "9.3", "0.5.el9", null, "Red Hat, Inc."),
                new Package("bash", "5.1.8", "6.el9_1", null, "Red Hat, Inc."),
                new Package("google-chrome-stable", "126.0.6478.126", "1", null, "Google Inc."),
                new Package("falcon-sensor", "7.10.0", "16303.el9", null, "CrowdStrike, Inc."),
                new Package("local-tool", "0.1", "1", null, null));
        write(fixtures.resolve("rhel-sysimage-path/usr/lib/sysimage/rpm/rpmdb.sqlite"), rhel);
        List<byte[]> broken = new ArrayList<>(headers(new Package("sqlite", "3.34.1", "7.el9_3", null, "Rocky Enterprise Software Foundation")));
        broken.add(new byte[] {0, 0, 0, 9, 0, 0, 0, 100, 1, 2, 3});
        broken.add(new byte[] {0, 0});
        write(fixtures.resolve("broken-headers/var/lib/rpm/rpmdb.sqlite"), broken);
        Path bdb = fixtures.resolve("berkeley-db/var/lib/rpm/Packages");
        Files.createDirectories(bdb.getParent());
        byte[] magic = new byte[512];
        // a Berkeley DB hash database starts with its metadata page: magic 0x00061561 at offset 12
        magic[12] = 0x61;
        magic[13] = 0x15;
        magic[14] = 0x06;
        Files.write(bdb, magic);
    }
}
