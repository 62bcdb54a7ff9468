package org.sovaudit.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.bundle.BundleFile;
import org.sovaudit.evidence.bundle.BundleWriter;
import org.sovaudit.evidence.bundle.LegacyBundleContents;
import org.sovaudit.evidence.ledger.ConsistencyProof;
import org.sovaudit.evidence.ledger.InclusionProof;
import org.sovaudit.evidence.ledger.LedgerEntry;
import org.sovaudit.evidence.ledger.LedgerLeaf;
import org.sovaudit.evidence.ledger.LedgerVerification;
import org.sovaudit.evidence.ledger.LegacyLedger;
import org.sovaudit.evidence.ledger.MerkleLedger;
import org.sovaudit.evidence.ledger.TreeHead;
import org.sovaudit.evidence.sign.ApplianceKeys;
import org.sovaudit.evidence.sign.KeyHistory;
import org.sovaudit.evidence.sign.KeyRegistry;
import org.sovaudit.evidence.sign.KeyRing;
import org.sovaudit.model.Digests;
import org.sovaudit.store.Database;
import org.sovaudit.store.ReportFile;

/**
 * The evidence step of an audit, and what follows from it: signs the canonical report, records it
 * in the ledger with a signed tree head, and fixes everything its export bundle carries, in the
 * audit's own transaction. Exporting later reads those stored files back, so that a bundle exported
 * today and one exported in a year are the same bytes, even after the key was rotated.
 *
 * <p>Fixed at audit time and stored per audit (table {@code bundle_files}): report.json.p7s, the
 * certificate chain of the signing key (chain.pem), the key history up to that key, the tree head
 * signed right after the audit's leaf was appended (size n), the inclusion proof of leaf n-1 in the
 * tree of size n, the consistency proof from the tree right after the previous audit of the same
 * scope to n, the manifest of all files and its detached CMS signature. The report renderings are
 * the stored {@code report_files}.
 */
public final class EvidenceRecorder {

    private final Database db;
    private final KeyRing keys;
    private final MerkleLedger ledger;

    /** What the evidence step recorded for one audit. */
    public record Recorded(byte[] signature, String chainPem, LedgerLeaf leaf, TreeHead head, InclusionProof proof) {
        public Recorded {
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    public EvidenceRecorder(Database db, KeyRing keys) {
        this.db = Objects.requireNonNull(db, "db");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.ledger = new MerkleLedger(db);
    }

    public MerkleLedger ledger() {
        return ledger;
    }

    public KeyRing keys() {
        return keys;
    }

    /**
     * Records an audit whose row and report files were just inserted on {@code c}, inside the same
     * transaction: appends its leaf, signs the tree head, builds and stores the bundle files.
     *
     * @param signer      the active key, unlocked before the transaction began
     * @param signature   {@code signer}'s CMS signature over report.json, as stored with the audit
     * @param reportFiles every rendering of the report, report.json among them
     */
    public Recorded record(Connection c, ApplianceKeys signer, String auditId, String scope, Instant createdAt,
                           List<ReportFile> reportFiles, byte[] signature) throws SQLException {
        byte[] reportJson = reportFiles.stream().filter(f -> f.name().equals("report.json")).findFirst()
                .map(ReportFile::content)
                .orElseThrow(() -> new EvidenceException("no report.json among the report files of audit " + auditId));
        long previous = previousOfScope(c, scope, auditId);
        MerkleLedger.Appended appended = ledger.append(c, LedgerLeaf.Kind.AUDIT, auditId, Digests.sha256Hex(reportJson),
                createdAt, signer);
        ConsistencyProof consistency = MerkleLedger.consistency(c, previous, appended.head().treeSize());
        List<KeyHistory.Endorsement> history = KeyRegistry.history(c);

        List<BundleFile> files = new ArrayList<>();
        for (ReportFile f : reportFiles) {
            files.add(new BundleFile(f.name(), f.content()));
        }
        List<BundleFile> evidence = List.of(
                new BundleFile("report.json.p7s", signature),
                new BundleFile("chain.pem", signer.chainPem().getBytes(StandardCharsets.US_ASCII)),
                new BundleFile("key-history.json", KeyHistory.toJson(history)),
                new BundleFile("tree-head.json", appended.head().toJson()),
                new BundleFile("inclusion-proof.json", appended.proof().toJson()),
                new BundleFile("consistency-proof.json", consistency.toJson()));
        files.addAll(evidence);
        List<BundleFile> ordered = BundleWriter.ordered(files);
        byte[] manifest = BundleWriter.manifest(auditId, ordered);
        byte[] manifestSignature = signer.sign(manifest, createdAt);

        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bundle_files(audit_id, name, content) VALUES (?, ?, ?)")) {
            List<BundleFile> stored = new ArrayList<>(evidence);
            stored.add(new BundleFile("manifest.json", manifest));
            stored.add(new BundleFile("manifest.json.p7s", manifestSignature));
            for (BundleFile f : stored) {
                ps.setString(1, auditId);
                ps.setString(2, f.name());
                ps.setBytes(3, f.content());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new Recorded(signature, signer.chainPem(), appended.leaf(), appended.head(), appended.proof());
    }

    /** The tree size right after the latest earlier audit of {@code scope}, or 0 when there is none. */
    private static long previousOfScope(Connection c, String scope, String auditId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(l.leaf_index) FROM ledger_leaves l JOIN audits a "
                + "ON l.kind = 'audit' AND l.subject = a.id WHERE a.scope = ? AND a.id <> ?")) {
            ps.setString(1, scope);
            ps.setString(2, auditId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long max = rs.getLong(1);
                    return rs.wasNull() ? 0 : max + 1;
                }
                return 0;
            }
        }
    }

    /**
     * Rotates the appliance key ({@link KeyRing#rotate}) and records the rotation in the ledger: a
     * {@code key-rotation} leaf whose subject is the new key id and whose hash is the rotation
     * statement's, under a tree head signed by the old key, its last signature.
     */
    public KeyRing.Rotation rotateKey(org.sovaudit.evidence.sign.KeyAlgorithm algorithm) {
        return keys.rotate(algorithm, (c, old, next, statement, at) ->
                ledger.append(c, LedgerLeaf.Kind.KEY_ROTATION, next.keyId(), Digests.sha256Hex(statement), at, old));
    }

    // ---------------------------------------------------------------- export

    /**
     * Writes the export bundle of a committed audit from the stored files, in the manifest's order.
     * Audits recorded by release 0.1 are written in that release's format, from its ledger entry.
     *
     * @throws EvidenceException when the audit or its stored bundle files are missing
     */
    public void writeBundle(String auditId, OutputStream out) throws IOException {
        Stored stored = db.read(c -> stored(c, auditId));
        if (stored.createdAt == null) {
            throw new EvidenceException("no audit '" + auditId + "'");
        }
        if (stored.evidence.isEmpty()) {
            LedgerEntry entry = new LegacyLedger(db).entry(auditId).orElseThrow(() -> new EvidenceException(
                    "audit '" + auditId + "' has neither bundle files nor a release 0.1 ledger entry;"
                            + " the database has been tampered with"));
            BundleWriter.writeLegacy(new LegacyBundleContents(stored.reports.get("report.json"),
                    stored.reports.getOrDefault("report.html", new byte[0]), stored.signature, stored.certificatePem,
                    entry.toJson(), stored.createdAt), out);
            return;
        }
        byte[] manifest = stored.evidence.get("manifest.json");
        byte[] manifestSignature = stored.evidence.get("manifest.json.p7s");
        if (manifest == null || manifestSignature == null) {
            throw new EvidenceException("the stored bundle of audit '" + auditId + "' lacks its manifest");
        }
        List<BundleFile> entries = new ArrayList<>();
        for (String name : listedNames(manifest)) {
            byte[] content = stored.evidence.containsKey(name) ? stored.evidence.get(name) : stored.reports.get(name);
            if (content == null) {
                throw new EvidenceException("the stored bundle of audit '" + auditId + "' lacks " + name
                        + "; the database has been tampered with");
            }
            entries.add(new BundleFile(name, content));
        }
        entries.add(new BundleFile("manifest.json", manifest));
        entries.add(new BundleFile("manifest.json.p7s", manifestSignature));
        BundleWriter.write(entries, stored.createdAt, out);
    }

    private record Stored(Instant createdAt, byte[] signature, String certificatePem, Map<String, byte[]> reports,
                          Map<String, byte[]> evidence) {
    }

    private static Stored stored(Connection c, String auditId) throws SQLException {
        Instant createdAt = null;
        byte[] signature = null;
        String certificate = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT created_at, signature, certificate FROM audits WHERE id = ?")) {
            ps.setString(1, auditId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    createdAt = Instant.parse(rs.getString(1));
                    signature = rs.getBytes(2);
                    certificate = rs.getString(3);
                }
            }
        }
        Map<String, byte[]> reports = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, content FROM report_files WHERE audit_id = ?")) {
            ps.setString(1, auditId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reports.put(rs.getString(1), rs.getBytes(2));
                }
            }
        }
        if (!reports.containsKey("report.json") || !reports.containsKey("report.html")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT report_json, report_html FROM audits WHERE id = ?")) {
                ps.setString(1, auditId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        reports.putIfAbsent("report.json", rs.getBytes(1));
                        reports.putIfAbsent("report.html", rs.getBytes(2));
                    }
                }
            }
        }
        Map<String, byte[]> evidence = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, content FROM bundle_files WHERE audit_id = ?")) {
            ps.setString(1, auditId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    evidence.put(rs.getString(1), rs.getBytes(2));
                }
            }
        }
        return new Stored(createdAt, signature, certificate, reports, evidence);
    }

    private static List<String> listedNames(byte[] manifest) {
        JsonNode node = StrictJson.readStrict(manifest, 256 * 1024);
        List<String> names = new ArrayList<>();
        for (JsonNode f : node.path("files")) {
            names.add(f.path("name").asText());
        }
        return names;
    }

    // ---------------------------------------------------------------- verification

    /**
     * Verifies the ledger ({@link MerkleLedger#verify}) and what the database says beside it: every
     * audit has its leaf and every audit leaf its audit; each audit's stored report (report_json,
     * the report.json file and every other rendering) still has the SHA-256 its leaf and its signed
     * manifest recorded; each stored tree head and inclusion proof matches the ledger's.
     *
     * @param previousHeads tree heads exported earlier, to check the ledger is consistent with them
     */
    public LedgerVerification verifyLedger(List<TreeHead> previousHeads) {
        LedgerVerification merkle = ledger.verify(keys.certificates(), previousHeads);
        List<String> problems = new ArrayList<>(merkle.problems());
        List<String> notes = new ArrayList<>(merkle.notes());
        int[] audits = {0};
        db.read(c -> {
            crossCheck(c, problems, audits);
            return null;
        });
        notes.add(audits[0] + " audits checked against their leaves, signed manifests and stored evidence");
        return new LedgerVerification(merkle.entries(), problems, notes);
    }

    private static void crossCheck(Connection c, List<String> problems, int[] count) throws SQLException {
        Map<String, Long> leaves = new LinkedHashMap<>();
        Map<String, String> leafHashes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT leaf_index, subject, sha256 FROM ledger_leaves WHERE kind = 'audit'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                leaves.put(rs.getString(2), rs.getLong(1));
                leafHashes.put(rs.getString(2), rs.getString(3));
            }
        }
        List<String> seen = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, report_sha256, report_json FROM audits ORDER BY created_at, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                count[0]++;
                String id = rs.getString(1);
                seen.add(id);
                String recordedSha = rs.getString(2);
                String actualSha = Digests.sha256Hex(rs.getBytes(3));
                Long index = leaves.get(id);
                if (index == null) {
                    problems.add("audit " + id + " has no ledger leaf: its leaf was deleted or never written");
                    continue;
                }
                String leafSha = leafHashes.get(id);
                if (!actualSha.equals(leafSha)) {
                    problems.add("audit " + id + " (leaf " + index + "): its report was rewritten in the database: SHA-256 of"
                            + " the stored report is " + actualSha + ", the ledger recorded " + leafSha);
                } else if (!actualSha.equals(recordedSha)) {
                    problems.add("audit " + id + " (leaf " + index + "): report_sha256 is " + recordedSha
                            + ", the ledger recorded " + leafSha);
                }
                checkStoredFiles(c, id, index, leafSha, problems);
            }
        }
        for (Map.Entry<String, Long> leaf : leaves.entrySet()) {
            if (!seen.contains(leaf.getKey())) {
                problems.add("leaf " + leaf.getValue() + " records audit " + leaf.getKey() + ", which is not in the database"
                        + " (deleted)");
            }
        }
    }

    private static void checkStoredFiles(Connection c, String auditId, long index, String leafSha, List<String> problems)
            throws SQLException {
        Map<String, byte[]> reports = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, content FROM report_files WHERE audit_id = ?")) {
            ps.setString(1, auditId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reports.put(rs.getString(1), rs.getBytes(2));
                }
            }
        }
        byte[] json = reports.get("report.json");
        if (json != null && !Digests.sha256Hex(json).equals(leafSha)) {
            problems.add("audit " + auditId + " (leaf " + index + "): report.json was rewritten in the database: SHA-256 "
                    + Digests.sha256Hex(json) + ", the ledger recorded " + leafSha);
        }
        Map<String, byte[]> evidence = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, content FROM bundle_files WHERE audit_id = ?")) {
            ps.setString(1, auditId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    evidence.put(rs.getString(1), rs.getBytes(2));
                }
            }
        }
        if (evidence.isEmpty()) {
            return;
        }
        byte[] manifest = evidence.get("manifest.json");
        if (manifest == null) {
            problems.add("audit " + auditId + ": its stored manifest is missing");
            return;
        }
        JsonNode listed;
        try {
            listed = StrictJson.readStrict(manifest, 256 * 1024).path("files");
        } catch (EvidenceException e) {
            problems.add("audit " + auditId + ": its stored manifest is unreadable: " + e.getMessage());
            return;
        }
        for (JsonNode f : listed) {
            String name = f.path("name").asText();
            byte[] content = evidence.containsKey(name) ? evidence.get(name) : reports.get(name);
            if (content == null) {
                problems.add("audit " + auditId + ": " + name + " is listed in its manifest but no longer stored");
            } else if (!Digests.sha256Hex(content).equals(f.path("sha256").asText())) {
                problems.add("audit " + auditId + ": " + name + " was rewritten in the database: SHA-256 "
                        + Digests.sha256Hex(content) + ", its signed manifest says " + f.path("sha256").asText());
            }
        }
        byte[] head = evidence.get("tree-head.json");
        if (head != null) {
            Optional<TreeHead> stored = MerkleLedger.head(c, index + 1);
            try {
                TreeHead bundled = TreeHead.fromJson(head);
                if (stored.isEmpty() || !stored.get().equals(bundled)) {
                    problems.add("audit " + auditId + ": the tree head in its bundle differs from the ledger's head of size "
                            + (index + 1));
                }
            } catch (RuntimeException e) {
                problems.add("audit " + auditId + ": the tree head in its bundle is unreadable: " + e.getMessage());
            }
        }
        byte[] proof = evidence.get("inclusion-proof.json");
        if (proof != null) {
            try {
                InclusionProof p = InclusionProof.fromJson(proof);
                if (p.leaf().index() != index || !p.leaf().sha256().equals(leafSha) || !p.leaf().subject().equals(auditId)) {
                    problems.add("audit " + auditId + ": the inclusion proof in its bundle names another leaf than leaf " + index);
                }
            } catch (RuntimeException e) {
                problems.add("audit " + auditId + ": the inclusion proof in its bundle is unreadable: " + e.getMessage());
            }
        }
    }
}
