package org.sovaudit.evidence.sign;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The signing key types the appliance makes and uses. Every signature is deterministic: ECDSA with
 * nonces derived from key and message (RFC 6979), RSA PKCS#1 v1.5, and Ed25519, so that the same
 * key and content always give the same bytes.
 *
 * <ul>
 *   <li>{@code ecdsa-p256} (the default): ECDSA on P-256 with SHA-256. OpenSSL 3.0 verifies it in CMS.</li>
 *   <li>{@code rsa-3072}: RSA with a 3072-bit modulus, PKCS#1 v1.5 with SHA-256. OpenSSL 3.0 verifies it in CMS.</li>
 *   <li>{@code ed25519}: Ed25519 (RFC 8032); in CMS per RFC 8419 with SHA-512 as the message digest.
 *       OpenSSL 3.0 cannot verify such CMS signatures; {@code sovaudit verify} can.</li>
 * </ul>
 */
public enum KeyAlgorithm {
    ECDSA_P256("ecdsa-p256", "SHA256withECDSA"),
    RSA_3072("rsa-3072", "SHA256withRSA"),
    ED25519("ed25519", "Ed25519");

    static final int RSA_BITS = 3072;

    private final String id;
    private final String jcaVerification;

    KeyAlgorithm(String id, String jcaVerification) {
        this.id = id;
        this.jcaVerification = jcaVerification;
    }

    /** The configuration and file spelling: {@code ecdsa-p256}, {@code rsa-3072}, {@code ed25519}. */
    public String id() {
        return id;
    }

    /**
     * @throws KeyException naming the accepted values when {@code text} names none of them
     */
    public static KeyAlgorithm fromId(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (KeyAlgorithm a : values()) {
            if (a.id.equals(wanted)) {
                return a;
            }
        }
        throw new KeyException("unknown key algorithm '" + (text == null ? "" : abbreviate(text)) + "'; expected one of "
                + Arrays.stream(values()).map(KeyAlgorithm::id).collect(Collectors.joining(", ")));
    }

    /**
     * The algorithm of a public key as a certificate carries it.
     *
     * @throws KeyException when the key is of none of the three types (another curve, RSA of another size, ...)
     */
    public static KeyAlgorithm of(SubjectPublicKeyInfo spki) {
        AlgorithmIdentifier algorithm = spki.getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            if (algorithm.getParameters() != null
                    && SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters().toASN1Primitive())) {
                return ECDSA_P256;
            }
            throw new KeyException("an EC key on a curve other than P-256 (" + algorithm.getParameters() + ")");
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())) {
            return RSA_3072;
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm.getAlgorithm())) {
            return ED25519;
        }
        throw new KeyException("a key of algorithm " + algorithm.getAlgorithm()
                + "; only ECDSA P-256, RSA and Ed25519 keys are used");
    }

    /** The algorithm of {@code key}; see {@link #of(SubjectPublicKeyInfo)}. */
    public static KeyAlgorithm of(PublicKey key) {
        KeyAlgorithm algorithm = of(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
        if (algorithm == RSA_3072 && key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
            throw new KeyException("an RSA key of " + rsa.getModulus().bitLength() + " bits; at least 2048 are required");
        }
        return algorithm;
    }

    KeyPair generate() {
        try {
            return switch (this) {
                case ECDSA_P256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    yield g.generateKeyPair();
                }
                case RSA_3072 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", Bc.PROVIDER);
                    g.initialize(RSA_BITS);
                    yield g.generateKeyPair();
                }
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519", Bc.PROVIDER).generateKeyPair();
            };
        } catch (GeneralSecurityException e) {
            throw new KeyException("cannot generate a " + id + " key: " + e.getMessage(), e);
        }
    }

    /** A Bouncy Castle content signer (for certificates, CSRs and CMS) with this algorithm's deterministic signature. */
    ContentSigner contentSigner(PrivateKey key) {
        try {
            return switch (this) {
                case ECDSA_P256 -> new DeterministicEcdsaSigner(key);
                case RSA_3072 -> new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER).build(key);
                case ED25519 -> new JcaContentSignerBuilder("Ed25519").setProvider(Bc.PROVIDER).build(key);
            };
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new KeyException("cannot sign with a " + id + " key: " + e.getMessage(), e);
        }
    }

    /** A plain signature over {@code data} (not CMS): DER ECDSA-Sig-Value, PKCS#1 v1.5 block, or 64 Ed25519 bytes. */
    byte[] signRaw(PrivateKey key, byte[] data) {
        String jca = this == ECDSA_P256 ? "SHA256withECDDSA" : jcaVerification;
        try {
            Signature signature = Signature.getInstance(jca, Bc.PROVIDER);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new KeyException("cannot sign with a " + id + " key: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code signature} is this algorithm's plain signature over {@code data} by {@code key}.
     * A malformed signature or a key of another type gives false, never an exception.
     */
    public boolean verifyRaw(PublicKey key, byte[] data, byte[] signature) {
        try {
            if (of(key) != this) {
                return false;
            }
            Signature verifier = Signature.getInstance(jcaVerification, Bc.PROVIDER);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (InvalidKeyException | KeyException e) {
            return false;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed signature value is reported by the providers with assorted exception types.
            return false;
        }
    }

    /** How the OpenSSL command line verifies a plain signature of this algorithm; for messages and docs. */
    public String opensslVerifyCommand() {
        return this == ED25519
                ? "openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in signed.txt -sigfile sig.bin"
                : "openssl dgst -sha256 -verify pub.pem -signature sig.bin signed.txt";
    }

    private static String abbreviate(String s) {
        String printable = s.chars().mapToObj(c -> Character.isISOControl(c) ? "?" : String.valueOf((char) c))
                .collect(Collectors.joining());
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
