package org.sovaudit.evidence.sign;

import org.sovaudit.evidence.EvidenceException;

/**
 * The appliance key or certificate could not be created, loaded or used: missing or unreadable
 * files, a private key others can read, a key and certificate that do not belong together.
 */
public class KeyException extends EvidenceException {
    public KeyException(String message) {
        super(message);
    }

    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
