package org.sovaudit.evidence.sign;

import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

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
    /** A chain of more certificates than this is refused: an appliance certificate, intermediates, a root. */
    public static final int MAX_CHAIN_LENGTH = 8;

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

    /** {@code chain} as consecutive PEM blocks, in order, with '\n' line ends. */
    public static String toPem(List<X509Certificate> chain) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain) {
            sb.append(toPem(c));
        }
        return sb.toString();
    }

    /**
     * Parses a PEM text holding 1 to {@value #MAX_CHAIN_LENGTH} certificates and nothing else, in
     * the order written.
     *
     * @throws KeyException when the text is too long, holds no certificate, something other than
     *                      certificates, too many, or a certificate that does not parse
     */
    public static List<X509Certificate> chainFromPem(String pem) {
        if (pem == null) {
            throw new KeyException("no certificate PEM given");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new KeyException("certificate PEM of " + pem.length() + " characters exceeds the limit of " + MAX_PEM_CHARS);
        }
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (!(o instanceof X509CertificateHolder holder)) {
                    throw new KeyException("expected PEM CERTIFICATE blocks only, found " + o.getClass().getSimpleName());
                }
                if (chain.size() == MAX_CHAIN_LENGTH) {
                    throw new KeyException("more than " + MAX_CHAIN_LENGTH + " certificates in one chain");
                }
                chain.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
        } catch (KeyException e) {
            throw e;
        } catch (Exception e) {
            // PEMParser and the certificate factory report malformed input with assorted exception types.
            throw new KeyException("unreadable PEM certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new KeyException("no PEM certificate found");
        }
        return chain;
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
