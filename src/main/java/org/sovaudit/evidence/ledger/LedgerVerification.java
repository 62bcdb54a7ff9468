package org.sovaudit.evidence.ledger;

import java.util.List;

/**
 * The outcome of verifying a ledger.
 *
 * @param entries  how many entries (leaves) the ledger holds
 * @param problems one line per problem found, each naming the row (for example {@code leaf 3 (audit X)}
 *                 or {@code seq 2 (audit Y)}) and, for a hash, the expected and the actual value in
 *                 hex; empty when everything checked out
 * @param notes    what was checked, one line each, for the record
 */
public record LedgerVerification(int entries, List<String> problems, List<String> notes) {
    public LedgerVerification {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public LedgerVerification(int entries, List<String> problems) {
        this(entries, problems, List.of());
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
