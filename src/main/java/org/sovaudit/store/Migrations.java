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
                    "CREATE INDEX audits_by_scope ON audits(scope, created_at)")));

    private Migrations() {
    }

    static int latest() {
        return ALL.getLast().version();
    }
}
