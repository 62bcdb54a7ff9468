package org.sovaudit.evidence.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.model.Digests;
import org.sovaudit.store.Database;
import org.sovaudit.store.StoreException;

class LedgerTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String KEY = Digests.sha256Hex("appliance key".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    Database db;
    Ledger ledger;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("sovaudit.db"));
        ledger = new Ledger(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void append_chainsEntriesFromSeqOne() {
        LedgerEntry a = append("audit-a", 0);
        LedgerEntry b = append("audit-b", 1);
        LedgerEntry c = append("audit-c", 2);

        assertEquals(1, a.seq());
        assertEquals(LedgerEntry.FIRST_PREV_HASH, a.prevHash());
        assertEquals(2, b.seq());
        assertEquals(a.entryHash(), b.prevHash());
        assertEquals(3, c.seq());
        assertEquals(b.entryHash(), c.prevHash());
        for (LedgerEntry e : List.of(a, b, c)) {
            assertEquals(e.computeHash(), e.entryHash());
        }
        assertEquals(List.of(a, b, c), ledger.entries());
        assertEquals(b, ledger.entry("audit-b").orElseThrow());
        assertTrue(ledger.entry("audit-z").isEmpty());
        LedgerVerification verification = ledger.verify();
        assertTrue(verification.ok(), verification.problems().toString());
        assertEquals(3, verification.entries());
    }

    @Test
    void verify_emptyLedger_isOk() {
        LedgerVerification verification = ledger.verify();

        assertTrue(verification.ok());
        assertEquals(0, verification.entries());
    }

    @Test
    void verify_editedLedgerRow_fails() throws Exception {
        append("audit-a", 0);
        LedgerEntry b = append("audit-b", 1);
        append("audit-c", 2);
        String forged = Digests.sha256Hex("a nicer report".getBytes(StandardCharsets.UTF_8));

        try (Connection attacker = attackerConnection(); Statement st = attacker.createStatement()) {
            st.execute("DROP TRIGGER ledger_append_only_update");
            st.executeUpdate("UPDATE ledger SET report_sha256 = '" + forged + "' WHERE seq = 2");
        }
        LedgerVerification verification = ledger.verify();

        assertFalse(verification.ok());
        assertEquals(1, verification.problems().size(), verification.problems().toString());
        String problem = verification.problems().getFirst();
        assertTrue(problem.startsWith("seq 2 (audit audit-b): entry_hash expected "), problem);
        String recomputed = new LedgerEntry(2, "audit-b", forged, b.recordedAt(), KEY, b.prevHash(), b.entryHash()).computeHash();
        assertTrue(problem.contains(recomputed), problem);
        assertTrue(problem.contains("actual " + b.entryHash()), problem);
    }

    @Test
    void verify_editedRowWithRecomputedHash_failsAtTheNextRowsLink() throws Exception {
        append("audit-a", 0);
        LedgerEntry b = append("audit-b", 1);
        LedgerEntry c = append("audit-c", 2);
        String forged = Digests.sha256Hex("a nicer report".getBytes(StandardCharsets.UTF_8));
        String forgedHash = new LedgerEntry(2, "audit-b", forged, b.recordedAt(), KEY, b.prevHash(), b.entryHash()).computeHash();

        try (Connection attacker = attackerConnection(); Statement st = attacker.createStatement()) {
            st.execute("DROP TRIGGER ledger_append_only_update");
            st.executeUpdate("UPDATE ledger SET report_sha256 = '" + forged + "', entry_hash = '" + forgedHash + "' WHERE seq = 2");
        }
        LedgerVerification verification = ledger.verify();

        assertEquals(List.of("seq 3 (audit audit-c): prev_hash expected " + forgedHash
                + " (entry_hash of the row before), actual " + c.prevHash()), verification.problems());
    }

    @Test
    void verify_deletedMiddleRow_fails() throws Exception {
        append("audit-a", 0);
        LedgerEntry b = append("audit-b", 1);
        append("audit-c", 2);

        try (Connection attacker = attackerConnection(); Statement st = attacker.createStatement()) {
            st.execute("DROP TRIGGER ledger_append_only_delete");
            st.executeUpdate("DELETE FROM ledger WHERE seq = 2");
        }
        LedgerVerification verification = ledger.verify();

        assertFalse(verification.ok());
        assertEquals(2, verification.entries());
        assertTrue(verification.problems().stream().anyMatch(p ->
                p.startsWith("seq 3 (audit audit-c): seq expected 2, actual 3")), verification.problems().toString());
        assertTrue(verification.problems().stream().anyMatch(p ->
                p.startsWith("seq 3 (audit audit-c): prev_hash expected ") && p.endsWith("actual " + b.entryHash())),
                verification.problems().toString());
    }

    @Test
    void verify_malformedRow_isReportedNotThrown() throws Exception {
        append("audit-a", 0);

        try (Connection attacker = attackerConnection(); Statement st = attacker.createStatement()) {
            st.execute("DROP TRIGGER ledger_append_only_update");
            st.executeUpdate("UPDATE ledger SET recorded_at = 'last tuesday' WHERE seq = 1");
        }
        LedgerVerification verification = ledger.verify();

        assertEquals(1, verification.problems().size());
        assertTrue(verification.problems().getFirst().startsWith("seq 1 (audit audit-a): malformed row: recordedAt"),
                verification.problems().getFirst());
        assertThrows(LedgerException.class, ledger::entries);
    }

    @Test
    void append_afterAMalformedLastRow_isRefused() throws Exception {
        append("audit-a", 0);
        try (Connection attacker = attackerConnection(); Statement st = attacker.createStatement()) {
            st.execute("DROP TRIGGER ledger_append_only_update");
            st.executeUpdate("UPDATE ledger SET entry_hash = 'gone' WHERE seq = 1");
        }

        LedgerException e = assertThrows(LedgerException.class, () -> append("audit-b", 1));

        assertTrue(e.getMessage().contains("after ledger entry 1"), e.getMessage());
    }

    @Test
    void append_inTransactionThatRollsBack_leavesNoRow() {
        assertThrows(IllegalStateException.class, () -> db.transaction(c -> {
            ledger.append(c, "audit-a", report(0), T0, KEY);
            throw new IllegalStateException("the audit row could not be written");
        }));

        assertTrue(ledger.entries().isEmpty());
        assertEquals(1, append("audit-a", 0).seq());
    }

    @Test
    void append_commitsWithTheCallersOtherWrites() {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audits(id, scope, created_at, report_sha256,"
                    + " report_json, report_html, signature, certificate, summary_json) VALUES (?, 's', ?, ?, x'7b7d', x'', x'', '', '{}')")) {
                ps.setString(1, "audit-a");
                ps.setString(2, T0.toString());
                ps.setString(3, report(0));
                ps.executeUpdate();
            }
            return ledger.append(c, "audit-a", report(0), T0, KEY);
        });

        int audits = db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audits")) {
                return rs.getInt(1);
            }
        });
        assertEquals(1, audits);
        assertEquals(1, ledger.entries().size());
    }

    @Test
    void append_outsideATransaction_isRefused() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db.file().toAbsolutePath())) {
            LedgerException e = assertThrows(LedgerException.class,
                    () -> ledger.append(c, "audit-a", report(0), T0, KEY));
            assertTrue(e.getMessage().contains("Database.transaction"), e.getMessage());
        }
        assertTrue(ledger.entries().isEmpty());
    }

    @Test
    void append_onTheReadingConnection_writesNothing() {
        assertThrows(RuntimeException.class, () -> db.read(c -> ledger.append(c, "audit-a", report(0), T0, KEY)));
        assertTrue(ledger.entries().isEmpty());
    }

    @Test
    void append_sameAuditTwice_isRefused() {
        append("audit-a", 0);

        LedgerException e = assertThrows(LedgerException.class, () -> append("audit-a", 1));

        assertTrue(e.getMessage().contains("already recorded"), e.getMessage());
        assertEquals(1, ledger.entries().size());
    }

    @Test
    void append_invalidArguments_areRefusedBeforeAnyWrite() {
        assertThrows(LedgerException.class, () -> db.transaction(c -> ledger.append(c, "audit a", report(0), T0, KEY)));
        assertThrows(LedgerException.class, () -> db.transaction(c -> ledger.append(c, "audit-a", "not-a-hash", T0, KEY)));
        assertThrows(LedgerException.class, () -> db.transaction(c -> ledger.append(c, "audit-a", report(0), T0, "KEY")));

        assertTrue(ledger.entries().isEmpty());
    }

    @Test
    void triggers_refuseUpdateAndDeleteInNormalUse() {
        append("audit-a", 0);

        StoreException update = assertThrows(StoreException.class, () -> db.transaction(c ->
                c.createStatement().executeUpdate("UPDATE ledger SET report_sha256 = 'x' WHERE seq = 1")));
        StoreException delete = assertThrows(StoreException.class, () -> db.transaction(c ->
                c.createStatement().executeUpdate("DELETE FROM ledger")));

        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        assertEquals(1, ledger.entries().size());
        assertTrue(ledger.verify().ok());
    }

    @Test
    void entries_surviveReopeningTheDatabase() {
        LedgerEntry a = append("audit-a", 0);
        LedgerEntry b = append("audit-b", 1);
        db.close();

        db = Database.open(dir.resolve("sovaudit.db"));
        ledger = new Ledger(db);

        assertEquals(List.of(a, b), ledger.entries());
        assertEquals(3, append("audit-c", 2).seq());
        assertTrue(ledger.verify().ok());
    }

    private LedgerEntry append(String auditId, int n) {
        return db.transaction(c -> ledger.append(c, auditId, report(n), T0.plusSeconds(n), KEY));
    }

    private static String report(int n) {
        return Digests.sha256Hex(("report " + n).getBytes(StandardCharsets.UTF_8));
    }

    private Connection attackerConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sovaudit.db").toAbsolutePath());
    }
}
