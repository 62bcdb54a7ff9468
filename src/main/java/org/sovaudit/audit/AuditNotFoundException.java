package org.sovaudit.audit;

/** No committed audit has the id asked for. */
public class AuditNotFoundException extends AuditException {
    private static final int MAX_SHOWN = 80;

    public AuditNotFoundException(String id) {
        super("no audit with id '" + shown(id) + "'");
    }

    /** The id as given, cut and stripped of control characters: it may come from anyone's request. */
    private static String shown(String id) {
        if (id == null) {
            return "";
        }
        String cut = id.length() > MAX_SHOWN ? id.substring(0, MAX_SHOWN) + "..." : id;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
