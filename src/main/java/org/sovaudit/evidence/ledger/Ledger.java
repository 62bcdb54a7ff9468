package org.sovaudit.evidence.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.sovaudit.model.Digests;
import org.sovaudit.store.Database;

/**
 * The append-only ledger of signed reports, one {@link LedgerEntry} per audit, each chained to the
 * one before by its hash. It lives in the {@code ledger} table, whose triggers refuse UPDATE and
 * DELETE; {@link #verify()} still recomputes everything, because whoever holds the database file
 * can drop a trigger.
 *
 * <p>What the chain proves and what it does not: an edited or deleted row in the middle is found
 * (its hash or the next row's link no longer matches). Rewriting every row from some point on, or
 * cutting rows off the end, is not found by the chain alone; that needs a commitment published
 * outside the database (a later release signs tree heads of an RFC 9162 log over the same entries,
 * with the entry's hashed text as the leaf).
 */
public final class Ledger {

    private static final String COLUMNS = "seq, audit_id, report_sha256, recorded_at, key_id, prev_hash, entry_hash";

    private final Database db;

    public Ledger(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Appends the entry for one audit on the caller's connection, inside the caller's transaction,
     * so that the audit row and its ledger row are committed together or not at all:
     * {@code db.transaction(c -> { insertAudit(c, ...); return ledger.append(c, ...); })}.
     *
     * @throws LedgerException when called outside a transaction, when an argument is not in its
     *                         documented form (see {@link LedgerEntry}), or when the audit is
     *                         already recorded
     */
    public LedgerEntry append(Connection c, String auditId, String reportSha256, Instant recordedAt, String keyId)
            throws SQLException {
        Objects.requireNonNull(c, "c");
        if (c.getAutoCommit()) {
            throw new LedgerException("append must run inside Database.transaction, on its connection,"
                    + " so that the audit and its ledger entry are committed together");
        }
        Optional<LedgerEntry> existing = find(c, auditId);
        if (existing.isPresent()) {
            throw new LedgerException("audit " + auditId + " is already recorded in the ledger as entry "
                    + existing.get().seq());
        }
        long seq = 1;
        String prevHash = LedgerEntry.FIRST_PREV_HASH;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, entry_hash FROM ledger ORDER BY seq DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                prevHash = rs.getString(2);
            }
        }
        if (!Digests.isSha256Hex(prevHash)) {
            throw new LedgerException("cannot append after ledger entry " + (seq - 1)
                    + ": its entry_hash is malformed; the ledger has been edited, run its verification");
        }
        LedgerEntry entry = LedgerEntry.chained(seq, auditId, reportSha256, recordedAt, keyId, prevHash);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, entry.seq());
            ps.setString(2, entry.auditId());
            ps.setString(3, entry.reportSha256());
            ps.setString(4, entry.recordedAt().toString());
            ps.setString(5, entry.keyId());
            ps.setString(6, entry.prevHash());
            ps.setString(7, entry.entryHash());
            ps.executeUpdate();
        }
        return entry;
    }

    /** The entry recorded for {@code auditId}, if any. */
    public Optional<LedgerEntry> entry(String auditId) {
        Objects.requireNonNull(auditId, "auditId");
        return db.read(c -> find(c, auditId));
    }

    /**
     * Every entry, in seq order.
     *
     * @throws LedgerException when a row is malformed (only possible if the file was edited; {@link #verify()} says where)
     */
    public List<LedgerEntry> entries() {
        return db.read(c -> {
            List<LedgerEntry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger ORDER BY seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(toEntry(Row.read(rs)));
                }
            }
            return entries;
        });
    }

    /**
     * Recomputes every entry hash and every link: seq runs 1, 2, 3 ... without gaps, each row's
     * prev_hash is the entry_hash of the row before it (64 zeros for the first), each entry_hash is
     * the hash of its row's fields, each row is in the documented form.
     */
    public LedgerVerification verify() {
        return db.read(c -> {
            List<String> problems = new ArrayList<>();
            int count = 0;
            long expectedSeq = 1;
            String expectedPrev = LedgerEntry.FIRST_PREV_HASH;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger ORDER BY seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count++;
                    Row row = Row.read(rs);
                    String label = "seq " + row.seq + " (audit " + row.auditId + ")";
                    if (row.seq != expectedSeq) {
                        problems.add(label + ": seq expected " + expectedSeq + ", actual " + row.seq
                                + (row.seq > expectedSeq
                                        ? " (entries " + expectedSeq + " to " + (row.seq - 1) + " are missing)"
                                        : ""));
                    }
                    if (!expectedPrev.equals(row.prevHash)) {
                        problems.add(label + ": prev_hash expected " + expectedPrev
                                + (row.seq == 1 ? " (the first entry's)" : " (entry_hash of the row before)")
                                + ", actual " + row.prevHash);
                    }
                    try {
                        LedgerEntry entry = parse(row);
                        String recomputed = entry.computeHash();
                        if (!recomputed.equals(row.entryHash)) {
                            problems.add(label + ": entry_hash expected " + recomputed
                                    + " (recomputed from the row), actual " + row.entryHash);
                        }
                    } catch (LedgerException e) {
                        problems.add(label + ": malformed row: " + e.getMessage());
                    }
                    expectedSeq = row.seq + 1;
                    expectedPrev = String.valueOf(row.entryHash);
                }
            }
            return new LedgerVerification(count, problems);
        });
    }

    private static Optional<LedgerEntry> find(Connection c, String auditId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger WHERE audit_id = ?")) {
            ps.setString(1, auditId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(toEntry(Row.read(rs))) : Optional.empty();
            }
        }
    }

    private static LedgerEntry parse(Row row) {
        return new LedgerEntry(row.seq, row.auditId, row.reportSha256, LedgerEntry.parseRecordedAt(row.recordedAt),
                row.keyId, row.prevHash, row.entryHash);
    }

    private static LedgerEntry toEntry(Row row) {
        try {
            return parse(row);
        } catch (LedgerException e) {
            throw new LedgerException("malformed ledger row seq " + row.seq + ": " + e.getMessage(), e);
        }
    }

    /** A ledger row as stored, before any validation. */
    private record Row(long seq, String auditId, String reportSha256, String recordedAt, String keyId,
                       String prevHash, String entryHash) {
        static Row read(ResultSet rs) throws SQLException {
            return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7));
        }
    }
}
