package org.sovaudit.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.evidence.bundle.BundleVerification;
import org.sovaudit.evidence.bundle.BundleVerifier;
import org.sovaudit.evidence.ledger.ConsistencyProof;
import org.sovaudit.evidence.ledger.LedgerLeaf;
import org.sovaudit.evidence.ledger.MerkleTree;
import org.sovaudit.model.Digests;
import org.sovaudit.evidence.ledger.LedgerVerification;
import org.sovaudit.evidence.ledger.LegacyLedger;
import org.sovaudit.evidence.ledger.TreeHead;
import org.sovaudit.evidence.sign.Certificates;
import org.sovaudit.evidence.sign.KeyException;

/**
 * A data directory made by release 0.1 (schema 2, a hash-chained ledger of three audits, an
 * unencrypted key; src/test/resources/previous-release) opens, migrates and verifies,
 * and goes on working once its key is encrypted.
 */
class PreviousReleaseTest {

    static final Path FIXTURE = Path.of("src/test/resources/previous-release");

    @TempDir
    Path dir;

    @Test
    void open_databaseOfRelease01_migratesItsChainIntoLeavesAndVerifies() throws Exception {
        TestEvidence.previousRelease(dir);
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            assertEquals(3, appliance.db.schemaVersion());
            List<LedgerLeaf> leaves = appliance.evidence.ledger().leaves();
            assertEquals(TestEvidence.PREVIOUS_AUDITS, leaves.stream().map(LedgerLeaf::subject).toList());
            assertEquals(List.of(0L, 1L, 2L), leaves.stream().map(LedgerLeaf::index).toList());
            assertTrue(new LegacyLedger(appliance.db).verify().ok());

            LedgerVerification v = appliance.evidence.verifyLedger(List.of());

            assertTrue(v.ok(), v.problems().toString());
            assertTrue(v.notes().stream().anyMatch(n -> n.contains("recorded by release 0.1 are not covered")), v.notes().toString());
        }
    }

    @Test
    void unencryptedKeyOfRelease01_isRefusedWithTheMigrationCommand_thenEncryptedInPlaceKeepingItsId() throws Exception {
        TestEvidence.previousRelease(dir);
        String legacyKeyId = Certificates.keyId(Certificates.fromPem(Files.readString(dir.resolve("keys/appliance.pem"),
                StandardCharsets.US_ASCII)));
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            KeyException refused = assertThrows(KeyException.class, appliance.keys::active);
            assertTrue(refused.getMessage().contains("stored unencrypted") && refused.getMessage().contains("sovaudit keys encrypt"),
                    refused.getMessage());

            String encrypted = appliance.keys.directory().encryptKey(TestEvidence.settings());

            assertEquals(legacyKeyId, encrypted);
            Path keyFile = dir.resolve("keys/appliance-key.pem");
            assertTrue(Files.readString(keyFile, StandardCharsets.US_ASCII).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            assertEquals(legacyKeyId, appliance.keys.active().keyId());
            assertThrows(KeyException.class, () -> appliance.keys.directory().encryptKey(TestEvidence.settings()),
                    "a second run has nothing to do");
        }
    }

    @Test
    void firstAuditAfterTheUpgrade_isLeaf3_andItsSignedHeadCoversTheOldLeaves() {
        TestEvidence.previousRelease(dir);
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            appliance.keys.directory().encryptKey(TestEvidence.settings());

            EvidenceRecorder.Recorded recorded = appliance.audit("after-upgrade", "hosts");

            assertEquals(3, recorded.leaf().index());
            TreeHead head = recorded.head();
            assertEquals(4, head.treeSize());
            for (int i = 0; i < 3; i++) {
                assertTrue(appliance.evidence.ledger().prove(i, 4).verify(head.rootHash()), "old leaf " + i);
            }
            LedgerVerification v = appliance.evidence.verifyLedger(List.of());
            assertTrue(v.ok(), v.problems().toString());
            assertFalse(v.notes().stream().anyMatch(n -> n.contains("not covered")), v.notes().toString());
            BundleVerification bundle = BundleVerifier.verify(appliance.bundleFile("after-upgrade", dir.resolve("new.zip")),
                    BundleVerifier.Options.trusting(appliance.keys.active().certificate()));
            assertTrue(bundle.passed(), BundleVerifier.describe(bundle));
            // The previous audit of scope "hosts" is release 0.1's leaf 1: the bundle proves consistency from size 2.
            ConsistencyProof proof = ConsistencyProof.fromJson(TestEvidence.entries(appliance.bundle("after-upgrade"))
                    .get("consistency-proof.json"));
            assertEquals(2, proof.firstSize());
            List<byte[]> hashes = appliance.evidence.ledger().leaves().stream().map(LedgerLeaf::leafHash).toList();
            assertTrue(proof.verify(Digests.hex(MerkleTree.root(hashes, 2)), head.rootHash()));
        }
    }

    @Test
    void exportOfAnAuditOfRelease01_isByteForByteTheBundleItWrote_andStillVerifies() throws Exception {
        TestEvidence.previousRelease(dir);
        byte[] original = Files.readAllBytes(FIXTURE.resolve("hosts-first-bundle.zip"));
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            byte[] exported = appliance.bundle(TestEvidence.PREVIOUS_AUDITS.getFirst());

            assertArrayEquals(original, exported);
        }
        BundleVerification v = BundleVerifier.verify(FIXTURE.resolve("hosts-first-bundle.zip"), BundleVerifier.Options.none());
        assertTrue(v.passed(), BundleVerifier.describe(v));
        assertTrue(v.checks().stream().anyMatch(c -> c.name().equals("ledger entry hash")), "release 0.1's checks");
    }

    @Test
    void editedChainEntryOfRelease01_isFoundAndNoHeadIsSignedOverIt() throws Exception {
        TestEvidence.previousRelease(dir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sovaudit.db"));
             Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER ledger_append_only_update");
            st.execute("UPDATE ledger SET report_sha256 = '" + "0".repeat(64) + "' WHERE seq = 2");
        }
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            appliance.keys.directory().encryptKey(TestEvidence.settings());

            LedgerVerification v = appliance.evidence.verifyLedger(List.of());

            assertFalse(v.ok());
            assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("release 0.1 chain: seq 2")), v.problems().toString());
            assertTrue(v.problems().stream().anyMatch(p -> p.contains(TestEvidence.PREVIOUS_AUDITS.get(1)) && p.contains("rewritten")),
                    v.problems().toString());
            assertThrows(org.sovaudit.evidence.ledger.LedgerException.class, () -> appliance.audit("after", "hosts"));
        }
    }

    @Test
    void leafOfRelease01EditedAfterTheMigration_isFound() throws Exception {
        TestEvidence.previousRelease(dir);
        new TestEvidence.Appliance(dir, TestEvidence.settings()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sovaudit.db"));
             Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER ledger_leaves_append_only_update");
            st.execute("UPDATE ledger_leaves SET recorded_at = '2026-11-29T09:38:48Z' WHERE leaf_index = 0");
        }
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            LedgerVerification v = appliance.evidence.verifyLedger(List.of());

            assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("leaf 0 (release 0.1 entry seq 1")
                    && p.endsWith("differs from the entry in time")), v.problems().toString());
        }
    }
}
