package org.sovaudit.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sovaudit.evidence.bundle.BundleVerification;
import org.sovaudit.evidence.bundle.BundleVerifier;
import org.sovaudit.evidence.ledger.LedgerLeaf;
import org.sovaudit.evidence.ledger.LedgerVerification;
import org.sovaudit.evidence.ledger.MerkleTree;
import org.sovaudit.evidence.ledger.TreeHead;
import org.sovaudit.evidence.sign.ApplianceKeys;
import org.sovaudit.evidence.sign.KeyAlgorithm;
import org.sovaudit.evidence.sign.KeyRing;
import org.sovaudit.model.Digests;

/** The evidence step end to end: what an audit records, what its bundle carries, and what survives a key rotation. */
class EvidenceRecorderTest {

    @TempDir
    Path dir;

    BundleVerification verify(Path bundle, X509Certificate trusted) {
        return BundleVerifier.verify(bundle, BundleVerifier.Options.trusting(trusted));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void bundles_ofEachKeyAlgorithm_verifyWithThePinnedCertificate(KeyAlgorithm algorithm) {
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings(algorithm))) {
            appliance.audit("a-1", "lab");
            appliance.audit("a-2", "lab");

            BundleVerification v = verify(appliance.bundleFile("a-2", dir.resolve("a-2.zip")),
                    appliance.keys.active().certificate());

            assertTrue(v.passed(), BundleVerifier.describe(v));
        }
    }

    @Test
    void export_isTheSameBytesEveryTime_evenAfterTheKeyWasRotated() {
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            appliance.audit("a-1", "lab");
            byte[] first = appliance.bundle("a-1");
            appliance.audit("a-2", "lab");
            appliance.evidence.rotateKey(KeyAlgorithm.RSA_3072);
            appliance.audit("a-3", "lab");

            assertArrayEquals(first, appliance.bundle("a-1"));
        }
    }

    @Test
    void rotation_keepsOldBundlesVerifiable_isRecordedInTheLedger_andCarriesTrustToTheNewKey() {
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            appliance.audit("a-1", "lab");
            ApplianceKeys old = appliance.keys.active();
            Path oldBundle = appliance.bundleFile("a-1", dir.resolve("a-1.zip"));
            TreeHead beforeRotation = appliance.evidence.ledger().latestHead().orElseThrow();

            KeyRing.Rotation rotation = appliance.evidence.rotateKey(KeyAlgorithm.ED25519);
            appliance.audit("a-2", "lab");

            LedgerLeaf rotationLeaf = appliance.evidence.ledger().leaves().get(1);
            assertEquals(LedgerLeaf.Kind.KEY_ROTATION, rotationLeaf.kind());
            assertEquals(rotation.next().keyId(), rotationLeaf.subject());
            assertEquals(old.keyId(), rotationLeaf.keyId());
            assertEquals(Digests.sha256Hex(rotation.statement()), rotationLeaf.sha256());
            assertEquals(old.keyId(), appliance.evidence.ledger().head(2).orElseThrow().keyId(), "the old key signs the rotation's head");
            assertEquals(rotation.next().keyId(), appliance.evidence.ledger().head(3).orElseThrow().keyId());

            BundleVerification oldStill = verify(oldBundle, old.certificate());
            assertTrue(oldStill.passed(), BundleVerifier.describe(oldStill));
            Path newBundle = appliance.bundleFile("a-2", dir.resolve("a-2.zip"));
            BundleVerification throughHistory = verify(newBundle, old.certificate());
            assertTrue(throughHistory.passed(), BundleVerifier.describe(throughHistory));
            BundleVerification withEarlierHead = BundleVerifier.verify(newBundle,
                    new BundleVerifier.Options(null, beforeRotation, null));
            assertTrue(withEarlierHead.passed(), "the earlier head was signed by the retired key, known from the history:\n"
                    + BundleVerifier.describe(withEarlierHead));
            LedgerVerification ledger = appliance.evidence.verifyLedger(List.of(beforeRotation));
            assertTrue(ledger.ok(), ledger.problems().toString());
        }
    }

    @Test
    void reportRewrittenInTheDatabase_isFoundByLedgerVerify_andItsExportFailsVerification() throws Exception {
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            appliance.audit("a-1", "lab");
            appliance.audit("a-2", "lab");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sovaudit.db"));
                 PreparedStatement ps = c.prepareStatement("UPDATE report_files SET content = ? WHERE audit_id = 'a-1' AND name = ?")) {
                ps.setBytes(1, "layer,vendor,jurisdiction\ncloud,example,KE\n".getBytes(StandardCharsets.UTF_8));
                ps.setString(2, "report.csv");
                ps.executeUpdate();
                ps.setBytes(1, "{\"auditId\":\"a-1\",\"findings\":[]}".getBytes(StandardCharsets.UTF_8));
                ps.setString(2, "report.json");
                ps.executeUpdate();
            }

            LedgerVerification v = appliance.evidence.verifyLedger(List.of());

            assertFalse(v.ok());
            assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("audit a-1: report.csv was rewritten")), v.problems().toString());
            assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("audit a-1 (leaf 0): report.json was rewritten")),
                    v.problems().toString());
            BundleVerification bundle = verify(appliance.bundleFile("a-1", dir.resolve("a-1.zip")), null);
            assertTrue(bundle.checks().stream().anyMatch(c -> !c.passed() && c.name().equals("sha256 report.csv")),
                    BundleVerifier.describe(bundle));
        }
    }

    /**
     * An insider with the database and the key rewrites an audit's report, its leaf and every tree
     * head after it, and drops the stored bundle files: the ledger is consistent with itself again,
     * but not with a tree head a reviewer exported before.
     */
    @Test
    void reportAndLedgerRewrittenWithTheKey_areFoundByConsistencyWithAnEarlierHead() throws Exception {
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            appliance.audit("a-1", "lab");
            appliance.audit("a-2", "lab");
            TreeHead exported = appliance.evidence.ledger().latestHead().orElseThrow();
            ApplianceKeys key = appliance.keys.active();
            byte[] forged = "{\"auditId\":\"a-1\",\"findings\":[],\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8);
            String forgedSha = Digests.sha256Hex(forged);
            List<LedgerLeaf> leaves = appliance.evidence.ledger().leaves();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sovaudit.db"));
                 Statement st = c.createStatement()) {
                for (String sql : List.of("DROP TRIGGER ledger_leaves_append_only_update", "DROP TRIGGER tree_heads_append_only_delete",
                        "DELETE FROM bundle_files", "DELETE FROM tree_heads",
                        "UPDATE ledger_leaves SET sha256 = '" + forgedSha + "' WHERE leaf_index = 0",
                        "UPDATE audits SET report_sha256 = '" + forgedSha + "' WHERE id = 'a-1'")) {
                    st.execute(sql);
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE audits SET report_json = ? WHERE id = 'a-1'");
                     PreparedStatement files = c.prepareStatement("UPDATE report_files SET content = ? WHERE audit_id = 'a-1' AND name = 'report.json'")) {
                    ps.setBytes(1, forged);
                    ps.executeUpdate();
                    files.setBytes(1, forged);
                    files.executeUpdate();
                }
                MerkleTree.Frontier frontier = new MerkleTree.Frontier();
                for (LedgerLeaf leaf : leaves) {
                    LedgerLeaf rewritten = leaf.index() == 0 ? new LedgerLeaf(0, leaf.kind(), leaf.subject(), forgedSha,
                            leaf.recordedAt(), leaf.keyId()) : leaf;
                    frontier.append(rewritten.leafHash());
                    String root = Digests.hex(frontier.root());
                    byte[] signature = key.signRaw(TreeHead.signedText(frontier.size(), root, leaf.recordedAt(), key.keyId()));
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO tree_heads VALUES (?, ?, ?, ?, ?)")) {
                        ps.setLong(1, frontier.size());
                        ps.setString(2, root);
                        ps.setString(3, leaf.recordedAt().toString());
                        ps.setString(4, key.keyId());
                        ps.setBytes(5, signature);
                        ps.executeUpdate();
                    }
                }
            }

            LedgerVerification selfConsistent = appliance.evidence.verifyLedger(List.of());
            assertTrue(selfConsistent.ok(), selfConsistent.problems().toString());

            LedgerVerification v = appliance.evidence.verifyLedger(List.of(exported));
            assertFalse(v.ok());
            assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("earlier tree head of size 2")
                    && p.contains("not consistent")), v.problems().toString());
        }
    }

    @Test
    void bundle_carriesExactlyTheDocumentedFilesInOrder() {
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(dir, TestEvidence.settings())) {
            appliance.audit("a-1", "lab");

            Map<String, byte[]> entries = TestEvidence.entries(appliance.bundle("a-1"));

            assertEquals(List.of("report.json", "report.html", "report.sarif", "report.oscal.json", "report.cdx.json",
                    "report.csv", "report.json.p7s", "chain.pem", "key-history.json", "tree-head.json", "inclusion-proof.json",
                    "consistency-proof.json", "manifest.json", "manifest.json.p7s"), List.copyOf(entries.keySet()));
            assertEquals("{\"format\":\"sovaudit-key-history/1\",\"rotations\":[]}",
                    new String(entries.get("key-history.json"), StandardCharsets.UTF_8));
        }
    }
}
