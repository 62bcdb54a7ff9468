package org.sovaudit.evidence.sign;

import java.util.Objects;

/**
 * The outcome of checking one CMS signature.
 *
 * @param valid  whether the signature is a valid detached signature over the content by the expected signer
 * @param detail for a valid signature, who signed and when; otherwise what is wrong (digest
 *               mismatch with both digests in hex, wrong signer, unparseable CMS, ...)
 */
public record SignatureCheck(boolean valid, String detail) {
    public SignatureCheck {
        Objects.requireNonNull(detail, "detail");
    }

    public static SignatureCheck ok(String detail) {
        return new SignatureCheck(true, detail);
    }

    public static SignatureCheck failed(String detail) {
        return new SignatureCheck(false, detail);
    }
}
