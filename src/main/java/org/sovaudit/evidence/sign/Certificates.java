package org.sovaudit.evidence.sign;

import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.sovaudit.model.Digests;

/**
 * Certificates as the evidence files carry them: one PEM block, and the key id that names the key
 * in ledger entries and reports.
 */
public final class Certificates {

    /** Certificate PEM files larger than this are refused unread. */
    public static final int MAX_PEM_CHARS = 64 * 1024;

    private Certificates() {
    }

    /**
     * The key id of {@code certificate}: lower-case hex SHA-256 of its SubjectPublicKeyInfo in DER.
     * A reviewer recomputes it with
     * {@code openssl x509 -in appliance.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256}.
     */
    public static String keyId(X509Certificate certificate) {
        try {
            return Digests.sha256Hex(new JcaX509CertificateHolder(certificate)
                    .getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
        } catch (CertificateEncodingException | IOException e) {
            throw new KeyException("cannot encode the certificate's public key: " + e.getMessage(), e);
        }
    }

    /** {@code certificate} as one PEM block with '\n' line ends. */
    public static String toPem(X509Certificate certificate) {
        try {
            return Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new KeyException("cannot encode certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a PEM text that holds exactly one certificate and nothing else.
     *
     * @throws KeyException when the text is too long, holds no certificate, something other than a
     *                      certificate, more than one object, or a certificate that does not parse
     */
    public static X509Certificate fromPem(String pem) {
        if (pem == null) {
            throw new KeyException("no certificate PEM given");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new KeyException("certificate PEM of " + pem.length() + " characters exceeds the limit of " + MAX_PEM_CHARS);
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object first = parser.readObject();
            if (first == null) {
                throw new KeyException("no PEM certificate found");
            }
            if (!(first instanceof X509CertificateHolder holder)) {
                throw new KeyException("expected a PEM CERTIFICATE, found " + first.getClass().getSimpleName());
            }
            if (parser.readObject() != null) {
                throw new KeyException("expected exactly one certificate, found more PEM objects");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (KeyException e) {
            throw e;
        } catch (Exception e) {
            // PEMParser and the certificate factory report malformed input with assorted exception types.
            throw new KeyException("unreadable PEM certificate: " + e.getMessage(), e);
        }
    }
}
