package org.sovaudit.collect;

import java.io.IOException;

/** A bound crossed while reading an archive; the message is the reason reported for it. */
final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceededException(String reason) {
        super(reason);
    }

    /** The first LimitExceededException in {@code e}'s cause chain, or null. */
    static LimitExceededException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LimitExceededException l) {
                return l;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
