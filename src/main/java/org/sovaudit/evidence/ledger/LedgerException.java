package org.sovaudit.evidence.ledger;

import org.sovaudit.evidence.EvidenceException;

/** A ledger entry is malformed (in JSON or in the database), or an append was asked for wrongly. */
public class LedgerException extends EvidenceException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
