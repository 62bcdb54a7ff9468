package org.sovaudit.store;

import java.util.List;

/**
 * The schema, one numbered migration after another. A released migration is never edited: a
 * change is a new entry at the end.
 */
final class Migrations {

    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "audits, files, observations, findings, ledger", List.of(
                    """
                    CREATE TABLE audits (
                        id             TEXT PRIMARY KEY,
                        scope          TEXT NOT NULL,
                        created_at     TEXT NOT NULL,
                        report_sha256  TEXT NOT NULL,
                        report_json    BLOB NOT NULL,
                        report_html    BLOB NOT NULL,
                        signature      BLOB NOT NULL,
                        certificate    TEXT NOT NULL,
                        summary_json   TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE audit_files (
                        audit_id       TEXT NOT NULL REFERENCES audits(id) DEFERRABLE INITIALLY DEFERRED,
                        path           TEXT NOT NULL,
                        sha256         TEXT NOT NULL,
                        size           INTEGER NOT NULL,
                        parser         TEXT NOT NULL,
                        observations   INTEGER NOT NULL,
                        PRIMARY KEY (audit_id, path)
                    )""",
                    """
                    CREATE TABLE observations (
                        audit_id       TEXT NOT NULL REFERENCES audits(id) DEFERRABLE INITIALLY DEFERRED,
                        file           TEXT NOT NULL,
                        line           INTEGER NOT NULL,
                        kind           TEXT NOT NULL,
                        value          TEXT NOT NULL,
                        role           TEXT NOT NULL,
                        context        TEXT NOT NULL,
                        snippet        TEXT NOT NULL
                    )""",
                    "CREATE INDEX observations_by_audit ON observations(audit_id)",
                    """
                    CREATE TABLE file_errors (
                        audit_id       TEXT NOT NULL REFERENCES audits(id) DEFERRABLE INITIALLY DEFERRED,
                        path           TEXT NOT NULL,
                        line           INTEGER NOT NULL,
                        reason         TEXT NOT NULL
                    )""",
                    "CREATE INDEX file_errors_by_audit ON file_errors(audit_id)",
                    """
                    CREATE TABLE findings (
                        audit_id       TEXT NOT NULL REFERENCES audits(id) DEFERRABLE INITIALLY DEFERRED,
                        fingerprint    TEXT NOT NULL,
                        rule_id        TEXT NOT NULL,
                        severity       TEXT NOT NULL,
                        title          TEXT NOT NULL,
                        layer          TEXT NOT NULL,
                        vendor_group   TEXT NOT NULL,
                        jurisdiction   TEXT NOT NULL,
                        PRIMARY KEY (audit_id, fingerprint)
                    )""",
                    """
                    CREATE TABLE ledger (
                        seq            INTEGER PRIMARY KEY,
                        audit_id       TEXT NOT NULL UNIQUE,
                        report_sha256  TEXT NOT NULL,
                        recorded_at    TEXT NOT NULL,
                        key_id         TEXT NOT NULL,
                        prev_hash      TEXT NOT NULL,
                        entry_hash     TEXT NOT NULL
                    )""",
                    """
                    CREATE TRIGGER ledger_append_only_update BEFORE UPDATE ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: rows cannot be updated'); END""",
                    """
                    CREATE TRIGGER ledger_append_only_delete BEFORE DELETE ON ledger
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: rows cannot be deleted'); END""")),
            new Migration(2, "report files in every format; audits by scope", List.of(
                    """
                    CREATE TABLE report_files (
                        audit_id       TEXT NOT NULL REFERENCES audits(id) DEFERRABLE INITIALLY DEFERRED,
                        name           TEXT NOT NULL,
                        media_type     TEXT NOT NULL,
                        content        BLOB NOT NULL,
                        PRIMARY KEY (audit_id, name)
                    )""",
                    "CREATE INDEX audits_by_scope ON audits(scope, created_at)")),
            new Migration(3, "Merkle-tree ledger (RFC 9162) with signed tree heads; signing keys; bundle files", List.of(
                    // The hash chain of release 0.1 stays, read-only, for its own verification.
                    "ALTER TABLE ledger RENAME TO ledger_v1",
                    """
                    CREATE TABLE ledger_leaves (
                        leaf_index     INTEGER PRIMARY KEY,
                        kind           TEXT NOT NULL,
                        subject        TEXT NOT NULL,
                        sha256         TEXT NOT NULL,
                        recorded_at    TEXT NOT NULL,
                        key_id         TEXT NOT NULL
                    )""",
                    "CREATE UNIQUE INDEX ledger_leaves_by_subject ON ledger_leaves(kind, subject)",
                    // Every entry of the chain becomes the leaf at its position: seq 1 is leaf 0.
                    """
                    INSERT INTO ledger_leaves(leaf_index, kind, subject, sha256, recorded_at, key_id)
                    SELECT seq - 1, 'audit', audit_id, report_sha256, recorded_at, key_id FROM ledger_v1 ORDER BY seq""",
                    // The audits' leaves under the old name and shape, for the queries that order audits by it.
                    """
                    CREATE VIEW ledger AS
                    SELECT leaf_index + 1 AS seq, subject AS audit_id, sha256 AS report_sha256, recorded_at, key_id
                    FROM ledger_leaves WHERE kind = 'audit'""",
                    """
                    CREATE TABLE tree_heads (
                        tree_size      INTEGER PRIMARY KEY,
                        root_hash      TEXT NOT NULL,
                        signed_at      TEXT NOT NULL,
                        key_id         TEXT NOT NULL,
                        signature      BLOB NOT NULL
                    )""",
                    """
                    CREATE TRIGGER ledger_leaves_append_only_update BEFORE UPDATE ON ledger_leaves
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: leaves cannot be updated'); END""",
                    """
                    CREATE TRIGGER ledger_leaves_append_only_delete BEFORE DELETE ON ledger_leaves
                    BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: leaves cannot be deleted'); END""",
                    """
                    CREATE TRIGGER tree_heads_append_only_update BEFORE UPDATE ON tree_heads
                    BEGIN SELECT RAISE(ABORT, 'signed tree heads cannot be updated'); END""",
                    """
                    CREATE TRIGGER tree_heads_append_only_delete BEFORE DELETE ON tree_heads
                    BEGIN SELECT RAISE(ABORT, 'signed tree heads cannot be deleted'); END""",
                    """
                    CREATE TABLE signing_keys (
                        key_id             TEXT PRIMARY KEY,
                        algorithm          TEXT NOT NULL,
                        certificate_chain  TEXT NOT NULL,
                        status             TEXT NOT NULL,
                        activated_at       TEXT NOT NULL,
                        retired_at         TEXT,
                        rotation_statement BLOB,
                        rotation_signature BLOB
                    )""",
                    """
                    CREATE TABLE bundle_files (
                        audit_id       TEXT NOT NULL REFERENCES audits(id) DEFERRABLE INITIALLY DEFERRED,
                        name           TEXT NOT NULL,
                        content        BLOB NOT NULL,
                        PRIMARY KEY (audit_id, name)
                    )""")));

    private Migrations() {
    }

    static int latest() {
        return ALL.getLast().version();
    }
}
