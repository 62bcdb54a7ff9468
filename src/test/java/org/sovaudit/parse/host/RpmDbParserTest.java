package org.sovaudit.parse.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;

/** rpmdb.sqlite read from its bytes: real SQLite files, in WAL mode, damaged, and shaped to mislead. */
class RpmDbParserTest {

    @TempDir
    Path dir;

    private ParseResult parse(Path db) throws Exception {
        return new RpmDbParser().parse(TestFiles.file("var/lib/rpm/rpmdb.sqlite", Files.readAllBytes(db)));
    }

    @Test
    void walModeDatabase_isReadFromItsMainFile() throws Exception {
        Path db = dir.resolve("rpmdb.sqlite");
        RpmDbWriter.write(db, RpmDbWriter.headers(new RpmDbWriter.Package("bash", "5.1.8", "6.el9", null, "Rocky Enterprise Software Foundation")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        byte[] bytes = Files.readAllBytes(db);
        assertEquals(2, bytes[18], "the file is in WAL mode");
        ParseResult r = parse(db);
        assertEquals(List.of("pkg:rpm/rocky/bash@5.1.8-6.el9"), r.observations().stream().map(o -> o.value()).toList());
        assertEquals(List.of(), r.errors());
    }

    @Test
    void packagesAsAView_isRefusedWithoutRunningIt() throws Exception {
        Path db = dir.resolve("view.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE VIEW Packages AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                    + "SELECT i AS hnum, zeroblob(10) AS blob FROM n");
        }
        ParseResult r = parse(db);
        assertTrue(r.observations().isEmpty());
        assertTrue(r.errors().get(0).reason().contains("no Packages table"), r.errors().toString());
    }

    @Test
    void truncatedDatabase_isAFileErrorNotAFailure() throws Exception {
        Path db = dir.resolve("cut.sqlite");
        RpmDbWriter.write(db, RpmDbWriter.headers(new RpmDbWriter.Package("bash", "5.1.8", "6.el9", null, "Red Hat, Inc.")));
        byte[] bytes = Files.readAllBytes(db);
        Files.write(db, Arrays.copyOf(bytes, 150));
        ParseResult r = parse(db);
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertEquals(0, r.errors().get(0).line());
    }

    @Test
    void randomHeaderBlobs_neverThrow() {
        Random random = new Random(11);
        byte[] good = RpmDbWriter.header(new RpmDbWriter.Package("kernel", "5.10.0", "1", 2, "openEuler"));
        for (int round = 0; round < 2000; round++) {
            byte[] blob = good.clone();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                blob[random.nextInt(blob.length)] = (byte) random.nextInt(256);
            }
            RpmDbParser.Header.parse(Arrays.copyOf(blob, random.nextInt(blob.length + 1)));
        }
        RpmDbParser.Header h = RpmDbParser.Header.parse(good);
        assertEquals("kernel", h.name());
        assertEquals(2, h.epoch());
    }

    @Test
    void aBerkeleyDbFile_isNamedNotRead() {
        var file = TestFiles.file("var/lib/rpm/Packages", new byte[4096]);
        RpmDbParser parser = new RpmDbParser();
        assertTrue(parser.accepts(file));
        assertTrue(parser.parse(file).errors().get(0).reason().contains("Berkeley DB"));
    }
}
