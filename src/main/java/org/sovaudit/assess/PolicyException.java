package org.sovaudit.assess;

/** A policy file is missing, malformed, or names a field or value the appliance does not accept. */
public class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
