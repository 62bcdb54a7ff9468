package org.sovaudit.evidence.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.evidence.Processes;
import org.sovaudit.evidence.Processes.Result;

/** The entry hash recomputed exactly as LedgerEntry's documentation tells a reviewer to. */
class LedgerEntryShellIT {

    @TempDir
    Path dir;

    @Test
    void computeHash_matchesTheDocumentedPrintfAndSha256sum() throws Exception {
        LedgerEntry first = LedgerEntry.chained(1, "audit-2026-03-01T10:15:30Z", "a".repeat(64),
                Instant.parse("2026-03-01T10:15:30.250Z"), "b".repeat(64), LedgerEntry.FIRST_PREV_HASH);
        LedgerEntry second = LedgerEntry.chained(2, "b.2", "c".repeat(64),
                Instant.parse("2026-03-02T00:00:00Z"), "b".repeat(64), first.entryHash());

        for (LedgerEntry entry : new LedgerEntry[] {first, second}) {
            Result result = Processes.run(dir, "sh", "-c",
                    "printf 'sovaudit-ledger-entry/1\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n' \"$@\" | sha256sum", "sh",
                    Long.toString(entry.seq()), entry.auditId(), entry.reportSha256(), entry.recordedAt().toString(),
                    entry.keyId(), entry.prevHash());

            assertEquals(0, result.exitCode(), result.describe());
            assertEquals(entry.entryHash(), result.stdout().split(" ")[0]);
        }
    }
}
