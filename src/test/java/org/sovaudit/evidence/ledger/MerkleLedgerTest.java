package org.sovaudit.evidence.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.sovaudit.evidence.TestEvidence;
import org.sovaudit.model.Digests;

/** The ledger in a real SQLite file: appends, heads, proofs, and what verification finds after someone edits the file. */
class MerkleLedgerTest {

    @TempDir
    Path dir;

    TestEvidence.Appliance appliance;
    MerkleLedger ledger;

    @BeforeEach
    void fiveAudits() {
        appliance = new TestEvidence.Appliance(dir, TestEvidence.settings());
        for (String id : List.of("a-1", "a-2", "a-3", "a-4", "a-5")) {
            appliance.audit(id, "lab");
        }
        ledger = appliance.evidence.ledger();
    }

    @AfterEach
    void close() {
        appliance.close();
    }

    LedgerVerification verify(TreeHead... earlier) {
        return appliance.evidence.verifyLedger(List.of(earlier));
    }

    @Test
    void append_signsAHeadAfterEveryLeaf_andEachProofVerifiesAgainstItsHead() {
        assertEquals(5, ledger.size());
        List<LedgerLeaf> leaves = ledger.leaves();
        for (int i = 0; i < 5; i++) {
            TreeHead head = ledger.head(i + 1).orElseThrow();
            assertTrue(head.verify(appliance.keys.active().certificate()).valid());
            assertTrue(ledger.prove(i, i + 1).verify(head.rootHash()), "leaf " + i + " in its own head");
            assertTrue(ledger.prove(i, 5).verify(ledger.head(5).orElseThrow().rootHash()), "leaf " + i + " in the latest");
            assertEquals("a-" + (i + 1), leaves.get(i).subject());
            for (int j = i + 1; j <= 5; j++) {
                assertTrue(ledger.consistency(i + 1, j).verify(head.rootHash(), ledger.head(j).orElseThrow().rootHash()));
            }
        }
        LedgerVerification v = verify();
        assertTrue(v.ok(), v.problems().toString());
    }

    @Test
    void append_outsideATransaction_isRefused() throws SQLException {
        var signer = appliance.keys.active();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sovaudit.db"))) {
            LedgerException e = assertThrows(LedgerException.class, () ->
                    ledger.append(c, LedgerLeaf.Kind.AUDIT, "x-1", "a".repeat(64), TestEvidence.START, signer));
            assertTrue(e.getMessage().contains("inside Database.transaction"), e.getMessage());
        }
        assertEquals(5, ledger.size());
    }

    @Test
    void append_sameAuditTwice_isRefused() {
        LedgerException e = assertThrows(LedgerException.class, () -> appliance.db.transaction(c ->
                ledger.append(c, LedgerLeaf.Kind.AUDIT, "a-2", "a".repeat(64), TestEvidence.START, appliance.keys.active())));
        assertTrue(e.getMessage().contains("already recorded"), e.getMessage());
        assertEquals(5, ledger.size());
    }

    @Test
    void verify_editedLeaf_isNamed() throws SQLException {
        tamper("DROP TRIGGER ledger_leaves_append_only_update",
                "UPDATE ledger_leaves SET sha256 = '" + "0".repeat(64) + "' WHERE leaf_index = 2");

        LedgerVerification v = verify();

        assertFalse(v.ok());
        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("tree head of size 3") && p.contains("recomputed")),
                v.problems().toString());
        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("the first change lies in leaf 2 (audit a-3)")),
                v.problems().toString());
        assertTrue(v.problems().stream().anyMatch(p -> p.contains("audit a-3") && p.contains("rewritten")),
                v.problems().toString());
    }

    @Test
    void verify_reorderedLeaves_nameTheFirstMovedLeaf() throws SQLException {
        tamper("DROP TRIGGER ledger_leaves_append_only_update",
                "UPDATE ledger_leaves SET leaf_index = -1 WHERE leaf_index = 1",
                "UPDATE ledger_leaves SET leaf_index = 1 WHERE leaf_index = 3",
                "UPDATE ledger_leaves SET leaf_index = 3 WHERE leaf_index = -1");

        LedgerVerification v = verify();

        assertFalse(v.ok());
        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("the first change lies in leaf 1 (audit a-4)")),
                v.problems().toString());
    }

    @Test
    void verify_deletedLeaf_isNamedAsMissing() throws SQLException {
        tamper("DROP TRIGGER ledger_leaves_append_only_delete", "DELETE FROM ledger_leaves WHERE leaf_index = 3");

        LedgerVerification v = verify();

        assertFalse(v.ok());
        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("leaf 3 missing")), v.problems().toString());
        assertTrue(v.problems().stream().anyMatch(p -> p.equals("audit a-4 has no ledger leaf: its leaf was deleted or never written")),
                v.problems().toString());
    }

    @Test
    void verify_deletedLastLeaf_isFoundByTheHeadThatCoveredIt() throws SQLException {
        tamper("DROP TRIGGER ledger_leaves_append_only_delete", "DELETE FROM ledger_leaves WHERE leaf_index = 4");

        LedgerVerification v = verify();

        assertTrue(v.problems().stream().anyMatch(p -> p.contains("covers 5 leaves, but only 4 are stored")), v.problems().toString());
    }

    @Test
    void verify_leafAddedWithoutAHead_isFound() throws SQLException {
        tamper("INSERT INTO ledger_leaves VALUES (5, 'audit', 'forged-1', '" + "a".repeat(64) + "', '2026-12-01T10:00:00Z', '"
                + appliance.keys.active().keyId() + "')");

        LedgerVerification v = verify();

        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("leaves 5 to 5 are not covered by any signed tree head")),
                v.problems().toString());
        assertTrue(v.problems().stream().anyMatch(p -> p.contains("forged-1") && p.contains("not in the database")),
                v.problems().toString());
    }

    @Test
    void verify_forgedHeadSignature_isFound() throws SQLException {
        tamper("DROP TRIGGER tree_heads_append_only_update",
                "UPDATE tree_heads SET signature = X'3006020101020101' WHERE tree_size = 2");

        LedgerVerification v = verify();

        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("tree head of size 2") && p.contains("signature")),
                v.problems().toString());
    }

    @Test
    void append_afterTheLedgerWasEdited_isRefused() throws SQLException {
        tamper("DROP TRIGGER ledger_leaves_append_only_update",
                "UPDATE ledger_leaves SET recorded_at = '2026-01-01T00:00:00Z' WHERE leaf_index = 0");

        LedgerException e = assertThrows(LedgerException.class, () -> appliance.audit("a-6", "lab"));

        assertTrue(e.getMessage().startsWith("refusing to append to the ledger"), e.getMessage());
        assertEquals(5, ledger.size(), "nothing was appended");
    }

    /**
     * Whoever holds both the database and the key can delete an audit, renumber the leaves and sign
     * every head again: the ledger is then consistent with itself. A head exported before is not.
     */
    @Test
    void verify_auditErasedAndHeadsResignedWithTheKey_isFoundOnlyByAnEarlierExportedHead() throws SQLException {
        TreeHead exported = ledger.latestHead().orElseThrow();
        rewriteWithout("a-2");

        LedgerVerification selfConsistent = verify();
        assertTrue(selfConsistent.ok(), "the rewrite is consistent with itself: " + selfConsistent.problems());

        LedgerVerification v = verify(exported);

        assertFalse(v.ok());
        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("earlier tree head of size 5")
                && p.contains("covers 5 leaves, but the ledger holds only 4")), v.problems().toString());
    }

    @Test
    void verify_earlierHeadStillConsistent_passesWithAVerifiedProof() {
        TreeHead earlier = ledger.head(2).orElseThrow();

        LedgerVerification v = verify(earlier);

        assertTrue(v.ok(), v.problems().toString());
        assertTrue(v.notes().stream().anyMatch(n -> n.contains("consistency proof of") && n.contains("verified")), v.notes().toString());
    }

    @Test
    void verify_earlierHeadOfALedgerRewrittenBelowIt_isFound() throws SQLException {
        TreeHead earlier = ledger.head(3).orElseThrow();
        rewriteWithout("a-2");
        appliance.audit("a-6", "lab");

        LedgerVerification v = verify(earlier);

        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("earlier tree head of size 3")
                && p.contains("is not consistent with this ledger")), v.problems().toString());
    }

    /** Deletes an audit everywhere, renumbers the leaves after it and signs every head again, as an insider with the key could. */
    private void rewriteWithout(String auditId) throws SQLException {
        var signer = appliance.keys.active();
        List<LedgerLeaf> kept = ledger.leaves().stream().filter(l -> !l.subject().equals(auditId)).toList();
        tamper("DROP TRIGGER ledger_leaves_append_only_delete", "DROP TRIGGER tree_heads_append_only_delete",
                "DELETE FROM bundle_files WHERE audit_id = '" + auditId + "'",
                "DELETE FROM report_files WHERE audit_id = '" + auditId + "'",
                "DELETE FROM audits WHERE id = '" + auditId + "'",
                "DELETE FROM ledger_leaves", "DELETE FROM tree_heads");
        appliance.db.transaction(c -> {
            MerkleTree.Frontier frontier = new MerkleTree.Frontier();
            long i = 0;
            for (LedgerLeaf leaf : kept) {
                LedgerLeaf moved = leaf.at(i++);
                try (var ps = c.prepareStatement("INSERT INTO ledger_leaves VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, moved.index());
                    ps.setString(2, moved.kind().id());
                    ps.setString(3, moved.subject());
                    ps.setString(4, moved.sha256());
                    ps.setString(5, moved.recordedAt().toString());
                    ps.setString(6, moved.keyId());
                    ps.executeUpdate();
                }
                frontier.append(moved.leafHash());
                TreeHead head = MerkleLedger.sign(signer, frontier.size(), Digests.hex(frontier.root()), moved.recordedAt());
                try (var ps = c.prepareStatement("INSERT INTO tree_heads VALUES (?, ?, ?, ?, ?)")) {
                    ps.setLong(1, head.treeSize());
                    ps.setString(2, head.rootHash());
                    ps.setString(3, head.timestamp().toString());
                    ps.setString(4, head.keyId());
                    ps.setBytes(5, head.signature());
                    ps.executeUpdate();
                }
            }
            // The stored bundle files of the later audits name the old positions; the insider rewrites those too.
            try (var ps = c.prepareStatement("DELETE FROM bundle_files")) {
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Edits the database file directly, as someone with write access to it can. */
    private void tamper(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sovaudit.db"));
             Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    @Test
    void leaf_entry_isTheDocumentedText() {
        LedgerLeaf leaf = ledger.leaves().getFirst();
        String text = "sovaudit-ledger-leaf/1\naudit\na-1\n" + leaf.sha256() + "\n" + leaf.recordedAt() + "\n" + leaf.keyId() + "\n";
        assertEquals(text, new String(leaf.entry(), java.nio.charset.StandardCharsets.UTF_8));
        Optional<LedgerLeaf> found = ledger.auditLeaf("a-1");
        assertEquals(Optional.of(leaf), found);
    }
}
