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
    void ledgerLeavesAndTreeHeads_cannotBeUpdatedOrDeleted() {
        try (Database db = Database.open(dir.resolve("sovaudit.db"))) {
            db.transaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO ledger_leaves(leaf_index, kind, subject, sha256, recorded_at, key_id) "
                            + "VALUES (0, 'audit', 'a', 'h', 't', 'k')");
                    st.execute("INSERT INTO tree_heads(tree_size, root_hash, signed_at, key_id, signature) "
                            + "VALUES (1, 'r', 't', 'k', x'00')");
                }
                return null;
            });
            for (String sql : new String[] {"UPDATE ledger_leaves SET sha256 = 'x'", "DELETE FROM ledger_leaves",
                    "UPDATE tree_heads SET root_hash = 'x'", "DELETE FROM tree_heads"}) {
                StoreException e = assertThrows(StoreException.class, () -> db.transaction(c -> {
                    try (Statement st = c.createStatement()) {
                        return st.executeUpdate(sql);
                    }
                }), sql);
                assertTrue(e.getMessage().contains("cannot be"), sql + ": " + e.getMessage());
            }
            int audits = db.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ledger")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(1, audits, "the ledger view shows the audit leaves");
        }
    }
}
