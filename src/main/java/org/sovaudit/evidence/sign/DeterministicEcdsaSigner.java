package org.sovaudit.evidence.sign;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jcajce.io.OutputStreamFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * ECDSA with SHA-256 and the nonce derived from the key and the message (RFC 6979), labelled as
 * plain {@code ecdsa-with-SHA256}: verifiers cannot tell the difference and need not. The same key
 * and content always give the same signature, so signed artefacts are reproducible, and the
 * signature never depends on the quality of a small board's random number generator.
 */
final class DeterministicEcdsaSigner implements ContentSigner {

    private static final AlgorithmIdentifier ALGORITHM = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    private final Signature signature;

    DeterministicEcdsaSigner(PrivateKey key) throws GeneralSecurityException {
        this.signature = Signature.getInstance("SHA256withECDDSA", Bc.PROVIDER);
        this.signature.initSign(key);
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return ALGORITHM;
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStreamFactory.createStream(signature);
    }

    @Override
    public byte[] getSignature() {
        try {
            return signature.sign();
        } catch (SignatureException e) {
            throw new RuntimeOperatorException("cannot create ECDSA signature: " + e.getMessage(), e);
        }
    }
}
