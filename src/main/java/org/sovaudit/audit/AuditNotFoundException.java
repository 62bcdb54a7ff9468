package org.sovaudit.audit;

/** No committed audit has the id asked for. */
public class AuditNotFoundException extends AuditException {
    public AuditNotFoundException(String id) {
        super("no audit with id '" + id + "'");
    }
}
