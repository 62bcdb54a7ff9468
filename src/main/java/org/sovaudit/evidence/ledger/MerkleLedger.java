package org.sovaudit.evidence.ledger;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.sovaudit.evidence.sign.ApplianceKeys;
import org.sovaudit.evidence.sign.SignatureCheck;
import org.sovaudit.model.Digests;
import org.sovaudit.store.Database;

/**
 * The appliance's transparency ledger: an append-only Merkle tree (RFC 9162 hashing) of
 * {@link LedgerLeaf} entries in the {@code ledger_leaves} table, and a {@link TreeHead} signed after
 * every append in {@code tree_heads}. Both tables refuse UPDATE and DELETE by trigger; verification
 * still recomputes everything, because whoever holds the database file can drop a trigger.
 *
 * <p>An append runs on the caller's connection inside the caller's transaction, so that an audit,
 * its leaf and the tree head that covers it are committed together or not at all. Before appending,
 * the stored leaves must still hash to the latest signed head: the appliance never signs a head over
 * a ledger that was edited.
 */
public final class MerkleLedger {

    private static final String LEAF_COLUMNS = "leaf_index, kind, subject, sha256, recorded_at, key_id";
    private static final String HEAD_COLUMNS = "tree_size, root_hash, signed_at, key_id, signature";

    /** What one append produced: the leaf, the head signed right after it, and the leaf's proof in that tree. */
    public record Appended(LedgerLeaf leaf, TreeHead head, InclusionProof proof) {
    }

    private final Database db;

    public MerkleLedger(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    // ---------------------------------------------------------------- append

    /**
     * Appends one leaf and signs the new tree head with {@code signer}, at {@code at}, on the
     * caller's connection and transaction.
     *
     * @throws LedgerException when called outside a transaction, when the subject is already
     *                         recorded, or when the stored ledger no longer matches its latest
     *                         signed head (it was edited; nothing is appended then)
     */
    public Appended append(Connection c, LedgerLeaf.Kind kind, String subject, String sha256, Instant at,
                           ApplianceKeys signer) throws SQLException {
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(signer, "signer");
        if (c.getAutoCommit()) {
            throw new LedgerException("append must run inside Database.transaction, on its connection,"
                    + " so that what it records and its leaf are committed together");
        }
        List<Row> rows = rows(c);
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.index != i) {
                throw tampered("leaf " + i + " is missing (the stored leaves jump from index " + (i - 1) + " to " + row.index + ")");
            }
            frontier.append(row.leafHash());
        }
        Optional<TreeHead> latest = latestHead(c);
        if (latest.isPresent()) {
            if (latest.get().treeSize() != rows.size()) {
                throw tampered("the latest signed tree head covers " + latest.get().treeSize() + " leaves, the ledger holds "
                        + rows.size());
            }
            String root = Digests.hex(frontier.root());
            if (!root.equals(latest.get().rootHash())) {
                throw tampered("the stored leaves hash to " + root + ", the latest signed tree head says "
                        + latest.get().rootHash());
            }
        } else if (!rows.isEmpty()) {
            String legacy = legacyProblem(c, rows);
            if (legacy != null) {
                throw tampered(legacy);
            }
        }
        if (findLeaf(c, kind, subject).isPresent()) {
            throw new LedgerException(kind.id() + " " + subject + " is already recorded in the ledger");
        }
        LedgerLeaf leaf = new LedgerLeaf(rows.size(), kind, subject, sha256, at, signer.keyId());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_leaves(" + LEAF_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, leaf.index());
            ps.setString(2, leaf.kind().id());
            ps.setString(3, leaf.subject());
            ps.setString(4, leaf.sha256());
            ps.setString(5, leaf.recordedAt().toString());
            ps.setString(6, leaf.keyId());
            ps.executeUpdate();
        }
        frontier.append(leaf.leafHash());
        long size = frontier.size();
        TreeHead head = sign(signer, size, Digests.hex(frontier.root()), at);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tree_heads(" + HEAD_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, head.treeSize());
            ps.setString(2, head.rootHash());
            ps.setString(3, head.timestamp().toString());
            ps.setString(4, head.keyId());
            ps.setBytes(5, head.signature());
            ps.executeUpdate();
        }
        List<byte[]> hashes = new ArrayList<>(rows.size() + 1);
        for (Row row : rows) {
            hashes.add(row.leafHash());
        }
        hashes.add(leaf.leafHash());
        InclusionProof proof = InclusionProof.of(leaf, size, MerkleTree.inclusionProof(hashes, leaf.index(), size));
        return new Appended(leaf, head, proof);
    }

    /** Signs the head of the tree of {@code size} leaves with root {@code rootHash}. */
    static TreeHead sign(ApplianceKeys signer, long size, String rootHash, Instant at) {
        byte[] signature = signer.signRaw(TreeHead.signedText(size, rootHash, at, signer.keyId()));
        return new TreeHead(size, rootHash, at, signer.keyId(), signature);
    }

    private static LedgerException tampered(String what) {
        return new LedgerException("refusing to append to the ledger: " + what
                + "; it was changed outside the appliance. Run 'sovaudit ledger verify' to see where");
    }

    // ---------------------------------------------------------------- reading

    /** How many leaves the ledger holds. */
    public long size() {
        return db.read(c -> (long) rows(c).size());
    }

    /** Every leaf, in order. @throws LedgerException when a stored leaf is malformed ({@link #verify} says which) */
    public List<LedgerLeaf> leaves() {
        return db.read(c -> {
            List<LedgerLeaf> out = new ArrayList<>();
            for (Row row : rows(c)) {
                out.add(row.leaf());
            }
            return out;
        });
    }

    /** The latest signed tree head, if any. */
    public Optional<TreeHead> latestHead() {
        return db.read(MerkleLedger::latestHead);
    }

    public static Optional<TreeHead> latestHead(Connection c) throws SQLException {
        List<TreeHead> heads = heads(c, "SELECT " + HEAD_COLUMNS + " FROM tree_heads ORDER BY tree_size DESC LIMIT 1");
        return heads.isEmpty() ? Optional.empty() : Optional.of(heads.getFirst());
    }

    /** The signed head of the tree of {@code size} leaves, if one was signed. */
    public Optional<TreeHead> head(long size) {
        return db.read(c -> head(c, size));
    }

    public static Optional<TreeHead> head(Connection c, long size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HEAD_COLUMNS + " FROM tree_heads WHERE tree_size = ?")) {
            ps.setLong(1, size);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readHead(rs)) : Optional.empty();
            }
        }
    }

    /** The leaf recording audit {@code auditId}, if any. */
    public Optional<LedgerLeaf> auditLeaf(String auditId) {
        return db.read(c -> auditLeaf(c, auditId));
    }

    public static Optional<LedgerLeaf> auditLeaf(Connection c, String auditId) throws SQLException {
        return findLeaf(c, LedgerLeaf.Kind.AUDIT, auditId);
    }

    /**
     * The inclusion proof of leaf {@code index} in the tree of the first {@code treeSize} stored leaves.
     *
     * @throws LedgerException when the sizes are out of range
     */
    public InclusionProof prove(long index, long treeSize) {
        return db.read(c -> {
            List<Row> rows = rows(c);
            if (treeSize < 1 || treeSize > rows.size() || index < 0 || index >= treeSize) {
                throw new LedgerException("no leaf " + index + " in a tree of size " + treeSize + " (the ledger holds "
                        + rows.size() + " leaves)");
            }
            List<byte[]> hashes = hashes(rows);
            return InclusionProof.of(rows.get((int) index).leaf(), treeSize, MerkleTree.inclusionProof(hashes, index, treeSize));
        });
    }

    /**
     * The consistency proof from the tree of {@code first} leaves to the tree of {@code second}.
     *
     * @throws LedgerException when the sizes are out of range
     */
    public ConsistencyProof consistency(long first, long second) {
        return db.read(c -> consistency(c, first, second));
    }

    public static ConsistencyProof consistency(Connection c, long first, long second) throws SQLException {
        List<Row> rows = rows(c);
        if (first < 0 || second < first || second > rows.size()) {
            throw new LedgerException("no consistency proof from size " + first + " to size " + second
                    + " (the ledger holds " + rows.size() + " leaves; 0 <= first <= second is needed)");
        }
        return ConsistencyProof.of(first, second, MerkleTree.consistencyProof(hashes(rows), first, second));
    }

    // ---------------------------------------------------------------- verification

    /**
     * Recomputes the tree from the stored leaves and checks everything against it:
     * <ul>
     *   <li>every leaf is well-formed and the indices run 0, 1, 2 ... without a gap (a deleted row is named);</li>
     *   <li>every stored tree head's root equals the root recomputed from the leaves it covers, and its
     *       signature verifies with the certificate of the key it names; the first head that fails
     *       names the leaves where the change lies (with a head after every append, exactly one);</li>
     *   <li>the latest head covers every leaf;</li>
     *   <li>the entries of release 0.1 still form their hash chain and equal the leaves they became;</li>
     *   <li>each of {@code previousHeads} (heads exported earlier, kept outside the appliance) is
     *       signed, and the ledger is consistent with it: the leaves it covers hash to its root, and
     *       the RFC 9162 consistency proof from it to the latest head verifies.</li>
     * </ul>
     *
     * @param certificates the certificate of each key, by key id
     */
    public LedgerVerification verify(Function<String, Optional<X509Certificate>> certificates, List<TreeHead> previousHeads) {
        return db.read(c -> verify(c, certificates, previousHeads));
    }

    static LedgerVerification verify(Connection c, Function<String, Optional<X509Certificate>> certificates,
                                     List<TreeHead> previousHeads) throws SQLException {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Row> rows = rows(c);
        List<TreeHead> heads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HEAD_COLUMNS + " FROM tree_heads ORDER BY tree_size");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    heads.add(readHead(rs));
                } catch (LedgerException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        int n = rows.size();

        // Leaves: well-formed, contiguous.
        long expected = 0;
        for (Row row : rows) {
            if (row.index != expected) {
                problems.add(row.index > expected
                        ? "leaf " + expected + (row.index - expected > 1 ? " to " + (row.index - 1) : "")
                                + " missing: the stored leaves jump from index " + (expected - 1) + " to " + row.index
                                + " (a deleted row)"
                        : "leaf index " + row.index + " out of order after " + (expected - 1));
            }
            expected = row.index + 1;
            try {
                row.leaf();
            } catch (LedgerException e) {
                problems.add("leaf " + row.index + ": malformed row: " + e.getMessage());
            }
        }

        // Roots of every prefix the heads (stored and earlier) need.
        Map<Long, String> wanted = new TreeMap<>();
        heads.forEach(h -> wanted.put(h.treeSize(), null));
        previousHeads.forEach(h -> wanted.put(h.treeSize(), null));
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();
        for (Row row : rows) {
            frontier.append(row.leafHash());
            if (wanted.containsKey(frontier.size())) {
                wanted.put(frontier.size(), Digests.hex(frontier.root()));
            }
        }

        // Stored heads.
        long lastGood = 0;
        boolean named = false;
        int signed = 0;
        for (TreeHead head : heads) {
            String label = "tree head of size " + head.treeSize() + " (signed " + head.timestamp() + " by key "
                    + head.keyId().substring(0, 16) + ")";
            SignatureCheck signature = head.verify(certificates.apply(head.keyId()).orElse(null));
            if (!signature.valid()) {
                problems.add(label + ": " + signature.detail());
            } else {
                signed++;
            }
            String recomputed = wanted.get(head.treeSize());
            if (head.treeSize() > n) {
                problems.add(label + " covers " + head.treeSize() + " leaves, but only " + n + " are stored: leaves "
                        + n + " to " + (head.treeSize() - 1) + " were deleted");
            } else if (!head.rootHash().equals(recomputed)) {
                problems.add(label + ": root expected " + head.rootHash() + " (signed), recomputed " + recomputed
                        + " from the stored leaves 0 to " + (head.treeSize() - 1));
                if (!named) {
                    problems.add(changedBetween(rows, lastGood, head.treeSize()));
                    named = true;
                }
            } else if (!named) {
                lastGood = head.treeSize();
            }
        }
        if (!heads.isEmpty()) {
            notes.add(heads.size() + " signed tree heads, " + signed + " with a valid signature; the latest covers "
                    + heads.getLast().treeSize() + " of " + n + " leaves");
        }

        // Coverage.
        long covered = heads.isEmpty() ? 0 : heads.getLast().treeSize();
        List<LegacyLedger.Row> legacyRows = LegacyLedger.rows(c);
        if (covered < n) {
            boolean legacyOnly = heads.isEmpty() && n == legacyRows.size();
            if (!legacyOnly) {
                problems.add("leaves " + covered + " to " + (n - 1) + " are not covered by any signed tree head: "
                        + rows.get((int) Math.min(covered, n - 1)).label() + (n - covered > 1 ? " and later" : "")
                        + " were added without the appliance signing them");
            } else {
                notes.add("the " + n + " leaves recorded by release 0.1 are not covered by a signed tree head yet;"
                        + " the next audit's tree head will cover them. They are checked by their hash chain");
            }
        }

        // Release 0.1 entries.
        if (!legacyRows.isEmpty()) {
            LedgerVerification legacy = LegacyLedger.verify(c);
            legacy.problems().forEach(p -> problems.add("release 0.1 chain: " + p));
            for (LegacyLedger.Row old : legacyRows) {
                String difference = differenceFromLegacy(old, rows);
                if (difference != null) {
                    problems.add(difference);
                }
            }
            notes.add(legacyRows.size() + " entries of the release 0.1 hash chain checked" + (legacy.ok() ? "" : " (broken)"));
        }

        // Heads exported earlier.
        Optional<TreeHead> latest = heads.isEmpty() ? Optional.empty() : Optional.of(heads.getLast());
        for (TreeHead earlier : previousHeads) {
            String label = "earlier tree head of size " + earlier.treeSize() + " (signed " + earlier.timestamp() + ")";
            SignatureCheck signature = earlier.verify(certificates.apply(earlier.keyId()).orElse(null));
            if (!signature.valid()) {
                problems.add(label + ": " + signature.detail());
                continue;
            }
            if (earlier.treeSize() > n) {
                problems.add(label + " covers " + earlier.treeSize() + " leaves, but the ledger holds only " + n
                        + ": leaves were removed since it was exported");
                continue;
            }
            String recomputed = wanted.get(earlier.treeSize());
            if (!earlier.rootHash().equals(recomputed)) {
                problems.add(label + " is not consistent with this ledger: its root is " + earlier.rootHash()
                        + ", the stored leaves 0 to " + (earlier.treeSize() - 1) + " give " + recomputed
                        + ": a leaf before " + earlier.treeSize() + " was edited, reordered or deleted since it was exported");
                continue;
            }
            Optional<TreeHead> stored = head(c, earlier.treeSize());
            if (stored.isPresent() && !stored.get().equals(earlier)) {
                problems.add(label + " differs from the stored head of that size (signed " + stored.get().timestamp()
                        + "): the stored head was replaced");
            }
            if (latest.isPresent() && latest.get().treeSize() >= earlier.treeSize()) {
                ConsistencyProof proof = ConsistencyProof.of(earlier.treeSize(), latest.get().treeSize(),
                        MerkleTree.consistencyProof(hashes(rows), earlier.treeSize(), latest.get().treeSize()));
                if (proof.verify(earlier.rootHash(), latest.get().rootHash())) {
                    notes.add(label + ": consistent with the latest head (size " + latest.get().treeSize()
                            + "; consistency proof of " + proof.path().size() + " hashes verified)");
                } else {
                    problems.add(label + ": the consistency proof to the latest head (size " + latest.get().treeSize()
                            + ") does not verify");
                }
            }
        }
        notes.addFirst(n + " leaves recomputed");
        return new LedgerVerification(n, problems, notes);
    }

    /** Names the leaves where a change lies, given the last head that matched and the first that did not. */
    private static String changedBetween(List<Row> rows, long lastGood, long firstBad) {
        List<String> labels = new ArrayList<>();
        for (long i = lastGood; i < firstBad && i < rows.size(); i++) {
            labels.add(rows.get((int) i).label());
        }
        String where = labels.size() == 1 ? labels.getFirst() : "leaves " + lastGood + " to " + (firstBad - 1) + " "
                + labels;
        return "the first change lies in " + where + ": the tree heads up to size " + lastGood
                + " match, the one of size " + firstBad + " does not; that entry was edited, reordered, replaced or deleted";
    }

    /** Why leaf {@code seq - 1} is not the release 0.1 entry it came from, or null when it is. */
    private static String differenceFromLegacy(LegacyLedger.Row old, List<Row> rows) {
        long index = old.seq() - 1;
        Row leaf = null;
        for (Row r : rows) {
            if (r.index == index) {
                leaf = r;
                break;
            }
        }
        String label = "leaf " + index + " (release 0.1 entry seq " + old.seq() + ", audit " + old.auditId() + ")";
        if (leaf == null) {
            return label + " is missing";
        }
        List<String> fields = new ArrayList<>();
        if (!LedgerLeaf.Kind.AUDIT.id().equals(leaf.kind)) {
            fields.add("kind");
        }
        if (!Objects.equals(old.auditId(), leaf.subject)) {
            fields.add("audit id");
        }
        if (!Objects.equals(old.reportSha256(), leaf.sha256)) {
            fields.add("report hash");
        }
        if (!Objects.equals(old.recordedAt(), leaf.recordedAt)) {
            fields.add("time");
        }
        if (!Objects.equals(old.keyId(), leaf.keyId)) {
            fields.add("key id");
        }
        return fields.isEmpty() ? null : label + " differs from the entry in " + String.join(", ", fields);
    }

    /** Why the leaves of release 0.1 are not what the hash chain says, or null when they are. */
    private static String legacyProblem(Connection c, List<Row> rows) throws SQLException {
        List<LegacyLedger.Row> legacy = LegacyLedger.rows(c);
        if (legacy.size() != rows.size()) {
            return "the ledger holds " + rows.size() + " leaves but no signed tree head, and release 0.1 recorded "
                    + legacy.size() + " entries";
        }
        LedgerVerification chain = LegacyLedger.verify(c);
        if (!chain.ok()) {
            return "the release 0.1 hash chain is broken: " + chain.problems().getFirst();
        }
        for (LegacyLedger.Row old : legacy) {
            String difference = differenceFromLegacy(old, rows);
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- rows

    /** A leaf row as stored, unvalidated; its hash is computed from the stored text as it is. */
    private record Row(long index, String kind, String subject, String sha256, String recordedAt, String keyId) {
        byte[] leafHash() {
            return MerkleTree.leafHash((LedgerLeaf.DOMAIN + "\n" + kind + "\n" + subject + "\n" + sha256 + "\n"
                    + recordedAt + "\n" + keyId + "\n").getBytes(StandardCharsets.UTF_8));
        }

        LedgerLeaf leaf() {
            return LedgerLeaf.fromRow(index, kind, subject, sha256, recordedAt, keyId);
        }

        String label() {
            try {
                return leaf().label();
            } catch (LedgerException e) {
                return "leaf " + index + " (malformed)";
            }
        }
    }

    private static List<Row> rows(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LEAF_COLUMNS + " FROM ledger_leaves ORDER BY leaf_index");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)));
            }
        }
        return rows;
    }

    private static List<byte[]> hashes(List<Row> rows) {
        List<byte[]> hashes = new ArrayList<>(rows.size());
        for (Row row : rows) {
            hashes.add(row.leafHash());
        }
        return hashes;
    }

    private static Optional<LedgerLeaf> findLeaf(Connection c, LedgerLeaf.Kind kind, String subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LEAF_COLUMNS + " FROM ledger_leaves WHERE kind = ? AND subject = ?")) {
            ps.setString(1, kind.id());
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)).leaf()) : Optional.empty();
            }
        }
    }

    private static List<TreeHead> heads(Connection c, String sql) throws SQLException {
        List<TreeHead> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(readHead(rs));
            }
        }
        return out;
    }

    private static TreeHead readHead(ResultSet rs) throws SQLException {
        try {
            return new TreeHead(rs.getLong(1), rs.getString(2), LedgerEntry.parseRecordedAt(rs.getString(3)),
                    rs.getString(4), rs.getBytes(5) == null ? new byte[0] : rs.getBytes(5));
        } catch (LedgerException | NullPointerException e) {
            throw new LedgerException("malformed tree head row of size " + rs.getLong(1) + ": " + e.getMessage(), e);
        }
    }
}
