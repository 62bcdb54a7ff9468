package org.sovaudit.parse.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;

class CertificateParserTest {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static X509CertificateHolder selfSigned(KeyPair keys, String dn, String algorithm) throws Exception {
        X500Name name = new X500Name(dn);
        return new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(Instant.parse("2024-01-01T00:00:00Z")),
                Date.from(Instant.parse("2034-01-01T00:00:00Z")), name, keys.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(keys.getPrivate()));
    }

    private static KeyPair keys(String algorithm, String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm, BC);
        g.initialize(new ECGenParameterSpec(curve), new SecureRandom(new byte[]{1}));
        return g.generateKeyPair();
    }

    private static List<String> rows(ParseResult r) {
        return r.observations().stream().map(o -> o.kind().id() + " " + o.value() + " @" + o.where().line()).toList();
    }

    @Test
    void sm2Certificate_reportsIssuerAndNationalAlgorithms() throws Exception {
        X509CertificateHolder cert = selfSigned(keys("EC", "sm2p256v1"), "C=CN,O=Test,CN=SM2 Root", "SM3withSM2");
        ParseResult r = new CertificateParser().parse(TestFiles.file("certs/root.der", cert.getEncoded()));
        assertEquals(List.of("cert-issuer C=CN,O=Test,CN=SM2 Root @0", "crypto-algorithm SM2 @0", "crypto-algorithm SM3 @0"),
                rows(r).stream().distinct().toList());
        assertTrue(r.observations().get(0).context().contains("valid 2024-01-01..2034-01-01"), r.observations().get(0).context());
    }

    @Test
    void ecdsaOnANistCurve_isNotACryptoStandardObservation() throws Exception {
        X509CertificateHolder cert = selfSigned(keys("EC", "secp256r1"), "C=US,O=Test,CN=P256", "SHA256withECDSA");
        ParseResult r = new CertificateParser().parse(TestFiles.file("certs/p256.cer", cert.getEncoded()));
        assertEquals(List.of("cert-issuer C=US,O=Test,CN=P256 @0"), rows(r));
    }

    @Test
    void pemAfterComments_standsOnItsBeginLine() throws Exception {
        X509CertificateHolder cert = selfSigned(keys("ECGOST3410-2012", "Tc26-Gost-3410-12-256-paramSetA"),
                "C=RU,O=Test,CN=GOST Root", "GOST3411-2012-256WITHECGOST3410-2012-256");
        String pem = "# comment\n\n-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        ParseResult r = new CertificateParser().parse(TestFiles.file("etc/ssl/gost.pem", pem));
        assertEquals(List.of("cert-issuer C=RU,O=Test,CN=GOST Root @3", "crypto-algorithm GOST R 34.10-2012 @3",
                "crypto-algorithm GOST R 34.11-2012 @3"), rows(r).stream().distinct().toList());
    }

    @Test
    void pkcs12WithAPassword_isAFileErrorSayingSo() throws Exception {
        KeyPair keys = keys("EC", "secp256r1");
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(selfSigned(keys, "CN=x", "SHA256withECDSA"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("k", keys.getPrivate(), "pw-123".toCharArray(), new java.security.cert.Certificate[]{cert});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, "pw-123".toCharArray());
        ParseResult r = new CertificateParser().parse(TestFiles.file("keys/x.p12", bytes.toByteArray()));
        assertEquals(0, r.observations().size());
        assertEquals(0, r.errors().get(0).line());
        assertTrue(r.errors().get(0).reason().contains("password"), r.errors().get(0).reason());
    }

    @Test
    void keyOnlyPem_isNeitherObservationNorError() {
        ParseResult r = new CertificateParser().parse(TestFiles.file("keys/server.pem",
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
        assertEquals(List.of(), r.observations());
        assertEquals(List.of(), r.errors());
    }

    @Test
    void textThatIsNoCertificate_isAWholeFileError() {
        ParseResult r = new CertificateParser().parse(TestFiles.file("certs/notes.crt", "renew before June\n"));
        assertEquals(0, r.errors().get(0).line());
    }
}
