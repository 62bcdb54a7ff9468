package org.sovaudit.evidence;

/**
 * The evidence stage could not do its work: a key could not be created, loaded or used, a ledger
 * entry is malformed, a bundle could not be written. A failed verification is not an exception:
 * verifiers return their findings as values.
 */
public class EvidenceException extends RuntimeException {
    public EvidenceException(String message) {
        super(message);
    }

    public EvidenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
