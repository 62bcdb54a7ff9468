package org.sovaudit.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void open_appliesMigrationsOnce_andReopenKeepsTheVersion() {
        Path file = dir.resolve("nested/sovaudit.db");
        try (Database db = Database.open(file)) {
            assertEquals(Migrations.latest(), db.schemaVersion());
            assertTrue(db.healthy());
        }
        try (Database db = Database.open(file)) {
            assertEquals(Migrations.latest(), db.schemaVersion());
            int rows = db.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(Migrations.ALL.size(), rows);
        }
    }

    @Test
    void open_newerSchema_isRefusedWithBothVersions() {
        Path file = dir.resolve("sovaudit.db");
        try (Database db = Database.open(file)) {
            db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version(version, description, applied_at) VALUES (999, 'future', 'x')")) {
                    ps.executeUpdate();
                }
                return null;
            });
        }
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
        assertTrue(e.getMessage().contains("999") && e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void transaction_failure_rollsBackEverything() {
        try (Database db = Database.open(dir.resolve("sovaudit.db"))) {
            assertThrows(IllegalStateException.class, () -> db.transaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO audits(id, scope, created_at, report_sha256, report_json, report_html, "
                            + "signature, certificate, summary_json) VALUES ('a', 's', 't', 'h', x'00', x'00', x'00', 'c', '{}')");
                }
                throw new IllegalStateException("boom");
            }));
            assertFalse(new AuditRepository(db).exists("a"));
        }
    }

    @Test
    void ledgerRows_cannotBeUpdatedOrDeleted() {
        try (Database db = Database.open(dir.resolve("sovaudit.db"))) {
            db.transaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO ledger(seq, audit_id, report_sha256, recorded_at, key_id, prev_hash, entry_hash) "
                            + "VALUES (1, 'a', 'h', 't', 'k', 'p', 'e')");
                }
                return null;
            });
            StoreException update = assertThrows(StoreException.class, () -> db.transaction(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("UPDATE ledger SET report_sha256 = 'x'");
                }
            }));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            StoreException delete = assertThrows(StoreException.class, () -> db.transaction(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("DELETE FROM ledger");
                }
            }));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
    }
}
