package org.sovaudit.audit;

/** An audit cannot run as asked: nothing to audit, a bad scope or id, an unknown audit. */
public class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
