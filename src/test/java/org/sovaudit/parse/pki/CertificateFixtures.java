package org.sovaudit.parse.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Writes the certificates that the {@code x509-certificates} fixtures are made
 * from (run once; the outputs are committed): RSA roots named like public CAs, an SM2 chain signed
 * with SM3withSM2 and a GOST R 34.10-2012 chain. Validity dates are fixed; the keys are throwaway.
 * The PKCS#7, PKCS#12 and JKS fixtures are then built with openssl and keytool (see
 * {@code src/test/resources/fixtures/x509-certificates/README.md}).
 *
 * <p>{@code java -cp <test classpath> org.sovaudit.parse.pki.CertificateFixtures /tmp/pki}
 */
public final class CertificateFixtures {

    private CertificateFixtures() {
    }

    public static void main(String[] args) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        Path dir = Path.of(args.length > 0 ? args[0] : "target/pki");
        Files.createDirectories(dir);
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(20261129L);

        KeyPair cfca = rsa(random);
        write(dir.resolve("cfca-ev-root.pem"), selfSigned(cfca, "C=CN,O=China Financial Certification Authority,CN=CFCA EV ROOT",
                "SHA256withRSA", 2012, 2029, 1));
        KeyPair digicert = rsa(random);
        X509CertificateHolder digicertRoot = selfSigned(digicert, "C=US,O=DigiCert Inc,OU=www.digicert.com,CN=DigiCert Global Root G2",
                "SHA256withRSA", 2013, 2038, 2);
        write(dir.resolve("digicert-global-root-g2.pem"), digicertRoot);
        KeyPair intermediate = rsa(random);
        write(dir.resolve("digicert-tls-2020-ca1-expired.pem"), issued(intermediate, "C=US,O=DigiCert Inc,CN=DigiCert TLS RSA SHA256 2020 CA1",
                digicert, digicertRoot.getSubject(), "SHA256withRSA", 2020, 2023, 3, true));
        KeyPair ministry = rsa(random);
        write(dir.resolve("ministry-root.pem"), selfSigned(ministry, "C=ZA,O=Ministry of Digital Services,CN=Ministry Root CA 2024",
                "SHA256withRSA", 2024, 2044, 4));

        KeyPair sm2Ca = ec(random, "sm2p256v1");
        X509CertificateHolder sm2Root = selfSigned(sm2Ca, "C=CN,O=China Financial Certification Authority,CN=CFCA SM2 OCA1",
                "SM3withSM2", 2015, 2035, 5);
        write(dir.resolve("cfca-sm2-oca1.pem"), sm2Root);
        KeyPair sm2Leaf = ec(random, "sm2p256v1");
        X509CertificateHolder sm2Server = issued(sm2Leaf, "C=CN,O=Ministry of Finance,CN=etax.ministry.example",
                sm2Ca, sm2Root.getSubject(), "SM3withSM2", 2024, 2026, 6, false);
        Files.write(dir.resolve("etax-sm2.der"), sm2Server.getEncoded());

        KeyPair gostCa = gost(random);
        X509CertificateHolder gostRoot = selfSigned(gostCa, "C=RU,O=JSC InfoTeCS,CN=Test GOST 2012 Root CA",
                "GOST3411-2012-256WITHECGOST3410-2012-256", 2019, 2034, 7);
        write(dir.resolve("gost-2012-root.pem"), gostRoot);
        KeyPair gostLeaf = gost(random);
        write(dir.resolve("gost-2012-server.pem"), issued(gostLeaf, "C=RU,O=Example Bank,CN=online.bank.example",
                gostCa, gostRoot.getSubject(), "GOST3411-2012-256WITHECGOST3410-2012-256", 2023, 2027, 8, false));
    }

    private static KeyPair rsa(SecureRandom random) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", "BC");
        g.initialize(2048, random);
        return g.generateKeyPair();
    }

    private static KeyPair ec(SecureRandom random, String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "BC");
        g.initialize(new ECGenParameterSpec(curve), random);
        return g.generateKeyPair();
    }

    private static KeyPair gost(SecureRandom random) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("ECGOST3410-2012", "BC");
        g.initialize(new ECGenParameterSpec("Tc26-Gost-3410-12-256-paramSetA"), random);
        return g.generateKeyPair();
    }

    private static X509CertificateHolder selfSigned(KeyPair keys, String subject, String algorithm, int from, int to, long serial)
            throws Exception {
        X500Name name = new X500Name(subject);
        return issued(keys, subject, keys, name, algorithm, from, to, serial, true);
    }

    private static X509CertificateHolder issued(KeyPair subjectKeys, String subject, KeyPair issuerKeys, X500Name issuer,
                                                String algorithm, int from, int to, long serial, boolean ca) throws Exception {
        Date notBefore = Date.from(LocalDate.of(from, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
        Date notAfter = Date.from(LocalDate.of(to, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC));
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial), notBefore,
                notAfter, new X500Name(subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return builder.build(new JcaContentSignerBuilder(algorithm).setProvider("BC").build(issuerKeys.getPrivate()));
    }

    private static void write(Path file, X509CertificateHolder cert) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(cert);
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }
}
