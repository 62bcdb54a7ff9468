package org.sovaudit.evidence.ledger;

import java.util.List;

/**
 * The outcome of {@link Ledger#verify()}.
 *
 * @param entries  how many rows the ledger holds
 * @param problems one line per problem found, each naming the row ({@code seq N (audit X)}) and,
 *                 for a hash, the expected and the actual value in hex; empty when the chain is intact
 */
public record LedgerVerification(int entries, List<String> problems) {
    public LedgerVerification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
