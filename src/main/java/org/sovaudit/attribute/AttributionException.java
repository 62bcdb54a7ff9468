package org.sovaudit.attribute;

/**
 * The attribute stage could not do its work: a knowledge-base file is malformed, the model is
 * missing, refused (hash mismatch) or does not fit this build's features, or ONNX Runtime failed.
 */
public class AttributionException extends RuntimeException {

    public AttributionException(String message) {
        super(message);
    }

    public AttributionException(String message, Throwable cause) {
        super(message, cause);
    }
}
