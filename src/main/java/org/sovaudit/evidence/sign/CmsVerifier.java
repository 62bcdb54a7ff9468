package org.sovaudit.evidence.sign;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.sovaudit.model.Digests;

/**
 * Checks a detached CMS signature made by {@link ApplianceKeys#sign}. It accepts exactly: a DER
 * ContentInfo holding SignedData version 1 over id-data, without encapsulated content; one signer,
 * identified as the first certificate of the expected chain, whose certificate is included in the
 * signature byte for byte, with exactly the other certificates of the chain and no others; a digest algorithm (SHA-256, -384 or -512) that is also the only
 * one SignedData lists; signed attributes with a message-digest equal to the content's digest; a
 * signature value that verifies with the certificate's key; the certificate valid at the
 * signing-time attribute, when one is present. Ed25519 signatures (RFC 8419, SHA-512 digest) are
 * accepted as ECDSA and RSA ones are. Being this strict about the parts the signature
 * value does not cover means a changed byte anywhere in the file is noticed, not only in the
 * signed parts.
 *
 * <p>Never throws on bad input: every problem comes back as a {@link SignatureCheck} explaining it.
 */
public final class CmsVerifier {

    /** Signatures larger than this are refused unparsed; ours are about 700 bytes. */
    public static final int MAX_SIGNATURE_BYTES = 256 * 1024;

    private static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    private CmsVerifier() {
    }

    /**
     * @param content        the signed bytes (the signature is detached: it does not carry them)
     * @param cmsDer         CMS SignedData in DER
     * @param expectedSigner the certificate the signature must be made with, and the only one it may include
     */
    public static SignatureCheck verify(byte[] content, byte[] cmsDer, X509Certificate expectedSigner) {
        return verify(content, cmsDer, expectedSigner == null ? null : List.of(expectedSigner));
    }

    /**
     * @param content       the signed bytes (the signature is detached: it does not carry them)
     * @param cmsDer        CMS SignedData in DER
     * @param expectedChain the signer's certificate first, then its issuers'; the signature must be
     *                      made with the first and include exactly these certificates
     */
    public static SignatureCheck verify(byte[] content, byte[] cmsDer, List<X509Certificate> expectedChain) {
        if (content == null) {
            return SignatureCheck.failed("no content given");
        }
        if (cmsDer == null || cmsDer.length == 0) {
            return SignatureCheck.failed("no signature given (empty)");
        }
        if (expectedChain == null || expectedChain.isEmpty() || expectedChain.getFirst() == null) {
            return SignatureCheck.failed("no expected signer certificate given");
        }
        if (cmsDer.length > MAX_SIGNATURE_BYTES) {
            return SignatureCheck.failed("signature of " + cmsDer.length + " bytes exceeds the limit of "
                    + MAX_SIGNATURE_BYTES + "; not parsed");
        }
        try {
            return check(content, cmsDer, expectedChain);
        } catch (Exception e) {
            // Hostile DER reaches Bouncy Castle's parser, which signals it with assorted exception
            // types (and caps nesting depth itself); each is an invalid signature.
            return SignatureCheck.failed("unparseable CMS signature: " + describe(e));
        }
    }

    /** The outcome of {@link #verifyWithIncluded}: the check, and the signer certificate when one was found. */
    public record Included(SignatureCheck check, X509Certificate signer) {
    }

    /**
     * Verifies a signature against the certificates it includes itself, for statements whose
     * signer is judged afterwards by its key id (a key rotation's endorsement): as strict as
     * {@link #verify(byte[], byte[], List)}, with the included certificates as the expected chain.
     */
    public static Included verifyWithIncluded(byte[] content, byte[] cmsDer) {
        if (cmsDer == null || cmsDer.length == 0 || cmsDer.length > MAX_SIGNATURE_BYTES) {
            return new Included(SignatureCheck.failed("no signature, or one larger than " + MAX_SIGNATURE_BYTES + " bytes"), null);
        }
        try {
            CMSSignedData signed = new CMSSignedData(cmsDer);
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return new Included(SignatureCheck.failed("the signature has " + signers.size()
                        + " signers, expected exactly one"), null);
            }
            SignerId sid = signers.iterator().next().getSID();
            List<X509Certificate> chain = new ArrayList<>();
            org.bouncycastle.cert.jcajce.JcaX509CertificateConverter converter =
                    new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter();
            for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
                if (sid.match(holder)) {
                    chain.addFirst(converter.getCertificate(holder));
                } else {
                    chain.add(converter.getCertificate(holder));
                }
            }
            if (chain.isEmpty() || !sid.match(new JcaX509CertificateHolder(chain.getFirst()))) {
                return new Included(SignatureCheck.failed("the signature does not include the signer's certificate"), null);
            }
            SignatureCheck check = verify(content, cmsDer, chain);
            return new Included(check, check.valid() ? chain.getFirst() : null);
        } catch (Exception e) {
            // Hostile DER reaches Bouncy Castle's parser, which signals it with assorted exception types.
            return new Included(SignatureCheck.failed("unparseable CMS signature: " + describe(e)), null);
        }
    }

    private static SignatureCheck check(byte[] content, byte[] cmsDer, List<X509Certificate> expectedChain) throws Exception {
        X509Certificate expectedSigner = expectedChain.getFirst();
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), cmsDer);
        if (!CMSObjectIdentifiers.signedData.equals(signed.toASN1Structure().getContentType())) {
            return SignatureCheck.failed("not a CMS SignedData: the content type is "
                    + signed.toASN1Structure().getContentType() + ", expected " + CMSObjectIdentifiers.signedData);
        }
        if (!CMSObjectIdentifiers.data.getId().equals(signed.getSignedContentTypeOID())) {
            return SignatureCheck.failed("the signed content type is " + signed.getSignedContentTypeOID()
                    + ", expected id-data (" + CMSObjectIdentifiers.data.getId() + ")");
        }
        if (!Arrays.equals(signed.toASN1Structure().getEncoded(ASN1Encoding.DER), cmsDer)) {
            return SignatureCheck.failed("the signature is not in DER form");
        }
        SignedData structure = SignedData.getInstance(signed.toASN1Structure().getContent());
        if (structure.getVersion().intValueExact() != 1) {
            return SignatureCheck.failed("SignedData version " + structure.getVersion() + ", expected 1");
        }
        if (!signed.isDetachedSignature()) {
            return SignatureCheck.failed("the signature carries its own content; a detached signature is expected");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            return SignatureCheck.failed("the signature has " + signers.size() + " signers, expected exactly one");
        }
        SignerInformation signer = signers.iterator().next();
        X509CertificateHolder expected = new JcaX509CertificateHolder(expectedSigner);
        String expectedKeyId = Certificates.keyId(expectedSigner);
        if (!signer.getSID().match(expected)) {
            return SignatureCheck.failed("wrong signer: the signature names " + describe(signer.getSID())
                    + ", expected " + expected.getSubject() + " serial " + expected.getSerialNumber().toString(16)
                    + " (key id " + expectedKeyId + ")");
        }
        List<X509CertificateHolder> included = new ArrayList<>(signed.getCertificates().getMatches(null));
        boolean signerIncluded = false;
        for (X509CertificateHolder holder : included) {
            if (signer.getSID().match(holder)) {
                if (!Arrays.equals(holder.getEncoded(), expected.getEncoded())) {
                    return SignatureCheck.failed("wrong signer: the certificate included in the signature (key id "
                            + Digests.sha256Hex(holder.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER))
                            + ") is not the expected certificate (key id " + expectedKeyId + ")");
                }
                signerIncluded = true;
            }
        }
        if (!signerIncluded) {
            return SignatureCheck.failed("the signature does not include the signer's certificate");
        }
        String chainProblem = sameCertificates(included, expectedChain);
        if (chainProblem != null) {
            return SignatureCheck.failed(chainProblem);
        }
        int expectedSignerVersion = signer.getSID().getSubjectKeyIdentifier() == null ? 1 : 3;
        if (signer.getVersion() != expectedSignerVersion) {
            return SignatureCheck.failed("SignerInfo version " + signer.getVersion() + ", expected " + expectedSignerVersion);
        }
        if (structure.getDigestAlgorithms().size() != 1
                || !signer.getDigestAlgorithmID().equals(AlgorithmIdentifier.getInstance(structure.getDigestAlgorithms().getObjectAt(0)))) {
            return SignatureCheck.failed("the SignedData digest algorithms do not list exactly the signer's digest algorithm");
        }
        String digestName = DIGESTS.get(signer.getDigestAlgorithmID().getAlgorithm());
        if (digestName == null) {
            return SignatureCheck.failed("the signature uses digest algorithm " + signer.getDigestAlgOID()
                    + "; only SHA-256, SHA-384 and SHA-512 are accepted");
        }
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null) {
            return SignatureCheck.failed("the signature has no signed attributes; content-type and message-digest are required");
        }
        Attribute digestAttribute = attributes.get(CMSAttributes.messageDigest);
        if (digestAttribute == null || digestAttribute.getAttrValues().size() != 1) {
            return SignatureCheck.failed("the signature has no single message-digest attribute");
        }
        byte[] signedDigest = ASN1OctetString.getInstance(digestAttribute.getAttrValues().getObjectAt(0)).getOctets();
        byte[] actualDigest = MessageDigest.getInstance(digestName).digest(content);
        if (!MessageDigest.isEqual(signedDigest, actualDigest)) {
            return digestMismatch(digestName, signedDigest, actualDigest);
        }
        String when = signingTime(attributes);
        try {
            boolean valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER).build(expectedSigner));
            if (!valid) {
                return SignatureCheck.failed("the signature value does not verify with the key of "
                        + expected.getSubject() + " (key id " + expectedKeyId + ")");
            }
        } catch (CMSSignerDigestMismatchException e) {
            return digestMismatch(digestName, signedDigest, actualDigest);
        } catch (CMSVerifierCertificateNotValidException e) {
            return SignatureCheck.failed("the signer certificate was not valid at the signing time " + when
                    + " (valid " + expectedSigner.getNotBefore().toInstant() + " to " + expectedSigner.getNotAfter().toInstant() + ")");
        }
        return SignatureCheck.ok("valid " + digestName + " signature by " + expected.getSubject()
                + " (key id " + expectedKeyId + "), signing time " + when);
    }

    /** Why the included certificates are not exactly the expected chain, or null when they are. */
    private static String sameCertificates(List<X509CertificateHolder> included, List<X509Certificate> chain)
            throws java.security.cert.CertificateEncodingException, java.io.IOException {
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (X509Certificate c : chain) {
            expected.add(Digests.sha256Hex(c.getEncoded()));
        }
        java.util.Set<String> actual = new java.util.TreeSet<>();
        for (X509CertificateHolder h : included) {
            if (!actual.add(Digests.sha256Hex(h.getEncoded()))) {
                return "the signature includes a certificate twice";
            }
        }
        if (!actual.equals(expected)) {
            return "the signature includes " + included.size() + " certificate(s) that are not exactly the "
                    + chain.size() + " of the expected chain";
        }
        return null;
    }

    private static SignatureCheck digestMismatch(String digestName, byte[] signedDigest, byte[] actualDigest) {
        return SignatureCheck.failed("digest mismatch: the signature covers " + digestName + " "
                + Digests.hex(signedDigest) + ", the content has " + Digests.hex(actualDigest));
    }

    private static String signingTime(AttributeTable attributes) {
        Attribute attribute = attributes.get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return "(none)";
        }
        try {
            return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant().toString();
        } catch (RuntimeException e) {
            return "(unreadable)";
        }
    }

    private static String describe(SignerId sid) {
        if (sid.getIssuer() != null && sid.getSerialNumber() != null) {
            return "issuer " + sid.getIssuer() + " serial " + sid.getSerialNumber().toString(16);
        }
        if (sid.getSubjectKeyIdentifier() != null) {
            return "subject key identifier " + Digests.hex(sid.getSubjectKeyIdentifier());
        }
        return "no identifiable signer";
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
