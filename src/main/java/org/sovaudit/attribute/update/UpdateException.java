package org.sovaudit.attribute.update;

import org.sovaudit.attribute.AttributionException;

/**
 * An update package was refused (bad signature, tampered file, downgrade, malformed manifest) or
 * the installed models could not be switched. Nothing installed has changed when it is thrown.
 * A kind of {@link AttributionException}: the appliance's models are the attribute stage's state.
 */
public class UpdateException extends AttributionException {

    public UpdateException(String message) {
        super(message);
    }

    public UpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
