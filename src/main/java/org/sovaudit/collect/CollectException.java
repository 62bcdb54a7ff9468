package org.sovaudit.collect;

/** A source as a whole cannot be read: it is missing, unreadable, or not the archive it claims to be. */
public class CollectException extends RuntimeException {
    public CollectException(String message) {
        super(message);
    }

    public CollectException(String message, Throwable cause) {
        super(message, cause);
    }
}
