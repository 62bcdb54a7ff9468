package org.sovaudit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.sovaudit.model.AuditReport.FileEntry;
import org.sovaudit.model.FileError;
import org.sovaudit.model.Finding;
import org.sovaudit.model.Observation;

/**
 * Audits and what belongs to them: files, observations, file errors, findings. Writes take the
 * caller's connection, so that one audit is committed in one transaction together with its
 * ledger entry; reads go through {@link Database#read}.
 */
public final class AuditRepository {

    private static final int BATCH = 1000;

    private final Database db;

    public AuditRepository(Database db) {
        this.db = db;
    }

    /** Streams observations into the database in batches; {@link #close} writes the rest. */
    public static final class ObservationWriter implements AutoCloseable {
        private final PreparedStatement insert;
        private final String auditId;
        private int pending;
        private long written;

        private ObservationWriter(Connection c, String auditId) throws SQLException {
            this.insert = c.prepareStatement("INSERT INTO observations(audit_id, file, line, kind, value, role, "
                    + "context, snippet) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            this.auditId = auditId;
        }

        public void write(Observation o) throws SQLException {
            insert.setString(1, auditId);
            insert.setString(2, o.where().file());
            insert.setInt(3, o.where().line());
            insert.setString(4, o.kind().id());
            insert.setString(5, o.value());
            insert.setString(6, o.role().id());
            insert.setString(7, o.context());
            insert.setString(8, o.where().snippet());
            insert.addBatch();
            written++;
            if (++pending >= BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        }

        public long written() {
            return written;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    insert.executeBatch();
                }
            } finally {
                insert.close();
            }
        }
    }

    public ObservationWriter observationWriter(Connection c, String auditId) throws SQLException {
        return new ObservationWriter(c, auditId);
    }

    public void insertFiles(Connection c, String auditId, List<FileEntry> files) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_files(audit_id, path, sha256, size, parser, "
                + "observations) VALUES (?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (FileEntry f : files) {
                ps.setString(1, auditId);
                ps.setString(2, f.path());
                ps.setString(3, f.sha256());
                ps.setLong(4, f.size());
                ps.setString(5, f.parser());
                ps.setInt(6, f.observations());
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    public void insertErrors(Connection c, String auditId, List<FileError> errors) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO file_errors(audit_id, path, line, reason) VALUES (?, ?, ?, ?)")) {
            for (FileError e : errors) {
                ps.setString(1, auditId);
                ps.setString(2, e.path());
                ps.setInt(3, e.line());
                ps.setString(4, e.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void insertFindings(Connection c, String auditId, List<Finding> findings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO findings(audit_id, fingerprint, rule_id, severity, "
                + "title, layer, vendor_group, jurisdiction) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Finding f : findings) {
                ps.setString(1, auditId);
                ps.setString(2, f.fingerprint());
                ps.setString(3, f.ruleId());
                ps.setString(4, f.severity().id());
                ps.setString(5, f.title());
                ps.setString(6, f.layer().id());
                ps.setString(7, f.attribution().group());
                ps.setString(8, f.attribution().jurisdiction());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void insertAudit(Connection c, StoredAudit a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audits(id, scope, created_at, report_sha256, "
                + "report_json, report_html, signature, certificate, summary_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.id());
            ps.setString(2, a.scope());
            ps.setString(3, a.createdAt());
            ps.setString(4, a.reportSha256());
            ps.setBytes(5, a.reportJson());
            ps.setBytes(6, a.reportHtml());
            ps.setBytes(7, a.signature());
            ps.setString(8, a.certificatePem());
            ps.setString(9, a.summaryJson());
            ps.executeUpdate();
        }
    }

    /** Stores the report in every format, by file name (report.sarif, ...). */
    public void insertReportFiles(Connection c, String auditId, List<ReportFile> files) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO report_files(audit_id, name, media_type, content) VALUES (?, ?, ?, ?)")) {
            for (ReportFile f : files) {
                ps.setString(1, auditId);
                ps.setString(2, f.name());
                ps.setString(3, f.mediaType());
                ps.setBytes(4, f.content());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored report files of an audit, by name. */
    public List<ReportFile> reportFiles(String auditId) {
        return db.read(c -> {
            List<ReportFile> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, media_type, content FROM report_files WHERE audit_id = ? ORDER BY name")) {
                ps.setString(1, auditId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ReportFile(rs.getString(1), rs.getString(2), rs.getBytes(3)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The report JSON of the latest committed audit of {@code scope}, read on the caller's
     * connection (inside an audit's transaction), or empty when the scope has none.
     */
    public Optional<byte[]> latestReportOfScope(Connection c, String scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.report_json FROM audits a JOIN ledger l "
                + "ON l.audit_id = a.id WHERE a.scope = ? ORDER BY l.seq DESC LIMIT 1")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** Whether an audit with this id exists (committed). */
    public boolean exists(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM audits WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Every audit, newest first. */
    public List<AuditListing> list() {
        return db.read(c -> {
            List<AuditListing> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.scope, a.created_at, a.report_sha256, "
                    + "a.summary_json FROM audits a LEFT JOIN ledger l ON l.audit_id = a.id "
                    + "ORDER BY l.seq DESC, a.created_at DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditListing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return out;
        });
    }

    public Optional<StoredAudit> find(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, scope, created_at, report_sha256, report_json, "
                    + "report_html, signature, certificate, summary_json FROM audits WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredAudit(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBytes(5), rs.getBytes(6), rs.getBytes(7), rs.getString(8),
                            rs.getString(9)));
                }
            }
        });
    }

    /** How many observations were stored for an audit. */
    public long observationCount(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM observations WHERE audit_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }
}
