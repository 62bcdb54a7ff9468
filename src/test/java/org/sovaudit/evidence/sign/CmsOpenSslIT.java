package org.sovaudit.evidence.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sovaudit.evidence.Processes;
import org.sovaudit.evidence.Processes.Result;
import org.sovaudit.evidence.TestEvidence;

/** What a reviewer with nothing but OpenSSL can check about our keys and signatures, key type by key type. */
class CmsOpenSslIT {

    static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    @TempDir
    Path dir;

    ApplianceKeys keys;
    byte[] report;

    void signReport(KeyAlgorithm algorithm) throws Exception {
        keys = KeyDirectory.at(dir.resolve("keys")).loadOrCreate(TestEvidence.settings(algorithm), Clock.fixed(NOW, ZoneOffset.UTC));
        report = "{\"auditId\":\"a-1\",\"findings\":[{\"vendor\":\"example\"}]}\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("report.json"), report);
        Files.write(dir.resolve("report.json.p7s"), keys.sign(report, NOW.plusSeconds(5)));
        Files.writeString(dir.resolve("chain.pem"), keys.chainPem(), StandardCharsets.US_ASCII);
        Files.write(dir.resolve("signed.txt"), report);
        Files.write(dir.resolve("sig.bin"), keys.signRaw(report));
        Result pub = Processes.run(dir, "openssl", "x509", "-in", "chain.pem", "-noout", "-pubkey");
        Files.writeString(dir.resolve("pub.pem"), pub.stdout(), StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P256", "RSA_3072"})
    void opensslCmsVerify_acceptsOurSignature_andRefusesAnEditedReport(KeyAlgorithm algorithm) throws Exception {
        signReport(algorithm);

        Result ok = opensslVerify("report.json");

        assertEquals(0, ok.exitCode(), ok.describe());
        assertTrue(ok.stderr().contains("Verification successful"), ok.describe());
        byte[] altered = report.clone();
        altered[3] ^= 0x01;
        Files.write(dir.resolve("altered.json"), altered);
        Result bad = opensslVerify("altered.json");
        assertNotEquals(0, bad.exitCode(), bad.describe());
        SignatureCheck check = CmsVerifier.verify(altered, Files.readAllBytes(dir.resolve("report.json.p7s")), keys.chain());
        assertFalse(check.valid(), check.detail());
        assertTrue(check.detail().startsWith("digest mismatch"), check.detail());
    }

    /**
     * OpenSSL 3.0 (Debian 12) cannot verify Ed25519 CMS signatures (RFC 8419); docs/verify.md says so
     * and points to sovaudit verify. The plain Ed25519 signature of a tree head it does verify.
     */
    @Test
    void ed25519_cmsIsOutOfOpenSsl30sReach_butItsPlainSignaturesVerify() throws Exception {
        signReport(KeyAlgorithm.ED25519);
        Result version = Processes.run(dir, "openssl", "version");

        Result cms = opensslVerify("report.json");
        Result raw = Processes.run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                "-in", "signed.txt", "-sigfile", "sig.bin");

        if (version.stdout().startsWith("OpenSSL 3.0.")) {
            assertNotEquals(0, cms.exitCode(), "OpenSSL 3.0 learnt Ed25519 CMS; update docs/verify.md\n" + cms.describe());
        }
        assertTrue(CmsVerifier.verify(report, Files.readAllBytes(dir.resolve("report.json.p7s")), keys.chain()).valid());
        assertEquals(0, raw.exitCode(), raw.describe());
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P256", "RSA_3072"})
    void opensslDgst_verifiesThePlainSignatureOfTreeHeads(KeyAlgorithm algorithm) throws Exception {
        signReport(algorithm);

        Result raw = Processes.run(dir, "openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "signed.txt");

        assertEquals(0, raw.exitCode(), raw.describe());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void openssl_recomputesTheKeyIdFromTheCertificate(KeyAlgorithm algorithm) throws Exception {
        signReport(algorithm);
        Result der = Processes.run(dir, "openssl", "pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der");
        assertEquals(0, der.exitCode(), der.describe());

        Result digest = Processes.run(dir, "openssl", "dgst", "-sha256", "-r", "pub.der");

        assertEquals(0, digest.exitCode(), digest.describe());
        assertEquals(keys.keyId(), digest.stdout().split(" ")[0]);
    }

    @Test
    void openssl_decryptsTheKeyFileWithThePassphrase_andFindsTheCertificatesKey() throws Exception {
        signReport(KeyAlgorithm.ECDSA_P256);
        Path pass = TestEvidence.passphraseFile(dir.resolve("secret"));

        Result fromKey = Processes.run(dir, "openssl", "pkey", "-in", "keys/appliance-key.pem", "-passin", "file:" + pass, "-pubout");
        Result wrong = Processes.run(dir, "openssl", "pkey", "-in", "keys/appliance-key.pem", "-passin", "pass:not it", "-pubout");
        Result asn1 = Processes.run(dir, "openssl", "asn1parse", "-in", "keys/appliance-key.pem");

        assertEquals(0, fromKey.exitCode(), fromKey.describe());
        assertEquals(Files.readString(dir.resolve("pub.pem"), StandardCharsets.US_ASCII), fromKey.stdout());
        assertNotEquals(0, wrong.exitCode(), wrong.describe());
        assertTrue(asn1.stdout().contains("PBES2") && asn1.stdout().contains("aes-256-cbc")
                && asn1.stdout().contains("hmacWithSHA256"), asn1.stdout());
    }

    @Test
    void openssl_seesTheDocumentedCertificateExtensions() throws Exception {
        signReport(KeyAlgorithm.ECDSA_P256);
        Result text = Processes.run(dir, "openssl", "x509", "-in", "chain.pem", "-noout", "-text");

        assertEquals(0, text.exitCode(), text.describe());
        assertTrue(text.stdout().contains("CA:FALSE"), text.stdout());
        assertTrue(text.stdout().contains("Digital Signature"), text.stdout());
        assertTrue(text.stdout().contains("Subject Key Identifier"), text.stdout());
        assertTrue(text.stdout().contains("NIST CURVE: P-256"), text.stdout());
        assertTrue(text.stdout().contains("CN = sovaudit appliance " + keys.keyId().substring(0, 16)), text.stdout());
        assertTrue(text.stdout().contains("serialNumber = " + keys.applianceId()), text.stdout());
        assertTrue(text.stdout().contains("URI:urn:sovaudit:appliance:" + keys.applianceId()), text.stdout());
    }

    @Test
    void opensslReq_acceptsTheCertificationRequest() throws Exception {
        signReport(KeyAlgorithm.RSA_3072);
        Files.writeString(dir.resolve("appliance.csr"), keys.certificationRequestPem(), StandardCharsets.US_ASCII);

        Result req = Processes.run(dir, "openssl", "req", "-in", "appliance.csr", "-noout", "-verify", "-text");

        assertEquals(0, req.exitCode(), req.describe());
        assertTrue((req.stdout() + req.stderr()).contains("verify OK"), req.describe());
        assertTrue(req.stdout().contains("URI:urn:sovaudit:appliance:" + keys.applianceId()), req.stdout());
    }

    private Result opensslVerify(String content) throws Exception {
        return Processes.run(dir, "openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", "report.json.p7s", "-content", content, "-CAfile", "chain.pem", "-purpose", "any",
                "-out", "/dev/null");
    }
}
