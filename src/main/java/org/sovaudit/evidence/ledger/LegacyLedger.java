package org.sovaudit.evidence.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.sovaudit.store.Database;

/**
 * The hash-chained ledger of release 0.1, kept read-only in the {@code ledger_v1} table after the
 * upgrade to the Merkle-tree ledger: its entries became the first leaves of the tree (entry
 * {@code seq} is leaf {@code seq - 1}). It is still verified on its own terms, because the signed
 * tree heads that cover those leaves were signed after the fact, when the appliance was upgraded.
 *
 * <p>What the chain proves and what it does not: an edited or deleted row in the middle is found
 * (its hash or the next row's link no longer matches). Rewriting every row from some point on, or
 * cutting rows off the end, is not found by the chain alone; the Merkle ledger's signed tree heads
 * and consistency proofs are what catch that from the upgrade on.
 */
public final class LegacyLedger {

    private static final String COLUMNS = "seq, audit_id, report_sha256, recorded_at, key_id, prev_hash, entry_hash";

    private final Database db;

    public LegacyLedger(Database db) {
        this.db = Objects.requireNonNull(db, "db");
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
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger_v1 ORDER BY seq");
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
        return db.read(LegacyLedger::verify);
    }

    static LedgerVerification verify(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        int count = 0;
        long expectedSeq = 1;
        String expectedPrev = LedgerEntry.FIRST_PREV_HASH;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger_v1 ORDER BY seq");
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
    }

    private static Optional<LedgerEntry> find(Connection c, String auditId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger_v1 WHERE audit_id = ?")) {
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

    /** Every row as stored, in seq order, unvalidated. */
    static List<Row> rows(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger_v1 ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(Row.read(rs));
            }
        }
        return rows;
    }

    /** A ledger row as stored, before any validation. */
    record Row(long seq, String auditId, String reportSha256, String recordedAt, String keyId,
                       String prevHash, String entryHash) {
        static Row read(ResultSet rs) throws SQLException {
            return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7));
        }
    }
}
