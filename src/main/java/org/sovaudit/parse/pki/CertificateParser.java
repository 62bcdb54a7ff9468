package org.sovaudit.parse.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;

/**
 * X.509 certificates, alone or in bundles: PEM (any number of {@code CERTIFICATE},
 * {@code TRUSTED CERTIFICATE} and {@code PKCS7} blocks among comments), DER, PKCS#7 certificate
 * bundles ({@code .p7b}), PKCS#12 stores that open with an empty password, and Java key stores
 * (JKS, whose certificates are readable without the store password; its integrity is then not
 * checked). Decoding is Bouncy Castle's (and the JDK's key-store readers); nothing is fetched, no
 * chain is built, no revocation is checked.
 *
 * <p>Each certificate gives its issuer's distinguished name as Bouncy Castle prints it (a
 * certificate authority the ministry trusts), with the subject and the validity window as context,
 * and the national-standard algorithms it uses: its key (SM2, GOST R 34.10) and its signature
 * (SM3withSM2, GOST R 34.11/34.10), as crypto standards. Whether a certificate is expired depends
 * on the day of the audit, which a parser does not know: the window is given, and judged
 * downstream. PEM observations stand on the line of their {@code BEGIN}; binary formats on line 0.
 * A PKCS#12 store that needs a password is a file error saying so.
 */
public final class CertificateParser implements Parser {

    static final long MAX_BYTES = 8L << 20;
    private static final int MAX_CERTIFICATES = 5_000;
    private static final int SNIFF_BYTES = 8 * 1024;
    private static final Set<String> EXTENSIONS = Set.of(".pem", ".crt", ".cer", ".der", ".p7b", ".p7c", ".p12", ".pfx",
            ".jks", ".keystore", ".truststore", ".ts");
    private static final Set<String> NAMES = Set.of("cacerts", "ca-certificates.crt", "ca-bundle.crt", "tls-ca-bundle.pem");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int JKS_MAGIC = 0xFEEDFEED;

    @Override
    public String id() {
        return "x509-certificates";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "X.509 certificates and bundles (PEM, DER, PKCS#7, PKCS#12 without password, JKS): issuers, SM2/GOST keys "
                + "and signatures";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.TRUST_ANCHOR, Role.CRYPTO_STANDARD);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (NAMES.contains(name) || (dot >= 0 && EXTENSIONS.contains(name.substring(dot)))) {
            return true;
        }
        String head = file.head(SNIFF_BYTES);
        return head.contains("-----BEGIN CERTIFICATE-----") || head.contains("-----BEGIN PKCS7-----")
                || head.contains("-----BEGIN TRUSTED CERTIFICATE-----");
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        byte[] bytes = file.bytes();
        if (bytes.length >= 4 && readInt(bytes) == JKS_MAGIC) {
            keyStore(bytes, "JKS", null, out);
        } else if (bytes.length > 0 && (bytes[0] & 0xFF) == 0x30) {
            der(bytes, out);
        } else if (file.head(SNIFF_BYTES).contains("-----BEGIN ")) {
            pem(file.text(), out);
        } else {
            out.error(0, "neither PEM, DER, PKCS#12 nor a Java key store");
        }
        return out.build();
    }

    /** Every PEM block, located by its BEGIN line and decoded by Bouncy Castle's PEM reader. */
    private static void pem(String text, ResultBuilder out) {
        List<String> lines = TextLines.split(text);
        int certificates = 0;
        for (int i = 0; i < lines.size() && certificates < MAX_CERTIFICATES; i++) {
            String begin = lines.get(i).strip();
            if (!begin.startsWith("-----BEGIN ") || !begin.endsWith("-----")) {
                continue;
            }
            int start = i + 1;
            String type = begin.substring("-----BEGIN ".length(), begin.length() - 5);
            String end = "-----END " + type + "-----";
            StringBuilder block = new StringBuilder(begin).append('\n');
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals(end) && !lines.get(j).strip().startsWith("-----BEGIN ")) {
                block.append(lines.get(j).strip()).append('\n');
                j++;
            }
            if (j >= lines.size() || !lines.get(j).strip().equals(end)) {
                out.error(start, "PEM block " + type + " opened at line " + start + " has no END line");
                i = j - 1;
                continue;
            }
            block.append(end).append('\n');
            i = j;
            if (!type.equals("CERTIFICATE") && !type.equals("X509 CERTIFICATE") && !type.equals("TRUSTED CERTIFICATE")
                    && !type.equals("PKCS7")) {
                continue; // keys, requests and CRLs name no trust anchor
            }
            PemObject object;
            try (PemReader reader = new PemReader(new StringReader(block.toString()))) {
                object = reader.readPemObject();
            } catch (IOException | RuntimeException e) {
                out.error(start, "PEM block " + type + " is not valid base64: " + e.getMessage());
                continue;
            }
            if (object == null) {
                out.error(start, "PEM block " + type + " could not be read");
                continue;
            }
            String raw = lines.get(start - 1);
            if (type.equals("PKCS7")) {
                certificates += pkcs7(object.getContent(), start, raw, out);
            } else {
                certificates++;
                try {
                    certificate(holder(object.getContent(), type.equals("TRUSTED CERTIFICATE")), start, out);
                } catch (IOException | RuntimeException e) {
                    out.error(start, "certificate at line " + start + " is not valid DER: " + e.getMessage());
                }
            }
        }
    }

    /** A DER file: a certificate, a PKCS#7 bundle or a PKCS#12 store, told apart by their ASN.1 shape. */
    private static void der(byte[] bytes, ResultBuilder out) {
        ASN1Sequence sequence;
        try {
            sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(bytes));
        } catch (IOException | RuntimeException e) {
            out.error(0, "not valid DER: " + e.getMessage());
            return;
        }
        if (sequence.size() == 0) {
            out.error(0, "empty DER sequence");
            return;
        }
        ASN1Encodable first = sequence.getObjectAt(0);
        if (first instanceof ASN1Integer version && version.hasValue(3) && sequence.size() >= 2) {
            keyStore(bytes, "PKCS12", new char[0], out);
        } else if (first instanceof ASN1ObjectIdentifier oid && oid.equals(PKCSObjectIdentifiers.signedData)) {
            pkcs7(bytes, 0, "", out);
        } else {
            try {
                certificate(new X509CertificateHolder(bytes), 0, out);
            } catch (IOException | RuntimeException e) {
                out.error(0, "neither an X.509 certificate, a PKCS#7 bundle nor a PKCS#12 store: " + e.getMessage());
            }
        }
    }

    /** The certificates of a PKCS#7 SignedData; returns how many were read. */
    private static int pkcs7(byte[] der, int line, String raw, ResultBuilder out) {
        try {
            CMSSignedData signed = new CMSSignedData(der);
            int n = 0;
            for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
                if (n++ >= MAX_CERTIFICATES) {
                    break;
                }
                certificate(holder, line, out);
            }
            return n;
        } catch (CMSException | RuntimeException e) {
            out.error(line, "PKCS#7 bundle could not be read: " + e.getMessage());
            return 0;
        }
    }

    /** A PKCS#12 store opened with an empty password, or a JKS read without one. */
    private static void keyStore(byte[] bytes, String type, char[] password, ResultBuilder out) {
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            if (type.equals("PKCS12") && passwordProblem(e)) {
                out.error(0, "PKCS#12 store not read: it cannot be opened without its password");
            } else {
                out.error(0, type + " store could not be read: " + e.getMessage());
            }
            return;
        } catch (GeneralSecurityException | RuntimeException e) {
            out.error(0, type + " store could not be read: " + e.getMessage());
            return;
        }
        try {
            List<String> aliases = new ArrayList<>(Collections.list(store.aliases()));
            Collections.sort(aliases);
            Set<Certificate> seen = new LinkedHashSet<>();
            for (String alias : aliases) {
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null) {
                    Certificate single = store.getCertificate(alias);
                    chain = single == null ? new Certificate[0] : new Certificate[]{single};
                }
                Collections.addAll(seen, chain);
            }
            int n = 0;
            for (Certificate c : seen) {
                if (n++ >= MAX_CERTIFICATES) {
                    break;
                }
                certificate(new X509CertificateHolder(c.getEncoded()), 0, out);
            }
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            out.error(0, type + " store entries could not be read: " + e.getMessage());
        }
    }

    private static boolean passwordProblem(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof java.security.UnrecoverableKeyException || m.contains("password") || m.contains("mac")) {
                return true;
            }
        }
        return false;
    }

    /** The certificate of a DER block; OpenSSL's TRUSTED CERTIFICATE appends trust settings after it. */
    private static X509CertificateHolder holder(byte[] der, boolean trusted) throws IOException {
        if (!trusted) {
            return new X509CertificateHolder(der);
        }
        try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(der)) {
            return new X509CertificateHolder(in.readObject().getEncoded());
        }
    }

    private static void certificate(X509CertificateHolder cert, int line, ResultBuilder out) {
        String issuer = cert.getIssuer().toString();
        String subject = cert.getSubject().toString();
        String window = DAY.format(cert.getNotBefore().toInstant()) + ".." + DAY.format(cert.getNotAfter().toInstant());
        String description = "subject " + subject + "; issuer " + issuer + "; valid " + window;
        if (!issuer.isBlank()) {
            out.add(ObservationKind.CERT_ISSUER, issuer, Role.TRUST_ANCHOR, line, description,
                    "subject=" + subject + "; valid " + window);
        }
        AlgorithmIdentifier key = cert.getSubjectPublicKeyInfo().getAlgorithm();
        Set<String> keyNames = new LinkedHashSet<>(CryptoNames.key(key.getAlgorithm().getId()));
        if (key.getParameters() instanceof ASN1ObjectIdentifier curve) {
            keyNames.addAll(CryptoNames.key(curve.getId()));
        } else if (key.getParameters() instanceof ASN1Sequence params && params.size() > 0
                && params.getObjectAt(0) instanceof ASN1ObjectIdentifier curve) {
            keyNames.addAll(CryptoNames.key(curve.getId()));
        }
        for (String name : keyNames) {
            out.add(ObservationKind.CRYPTO_ALGORITHM, name, Role.CRYPTO_STANDARD, line, description, "public key of " + subject);
        }
        for (String name : CryptoNames.signature(cert.getSignatureAlgorithm().getAlgorithm().getId())) {
            out.add(ObservationKind.CRYPTO_ALGORITHM, name, Role.CRYPTO_STANDARD, line, description, "signature by " + issuer);
        }
    }

    private static int readInt(byte[] b) {
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}
