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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.evidence.Processes;
import org.sovaudit.evidence.Processes.Result;

/** What a reviewer with nothing but OpenSSL can check about our keys and signatures. */
class CmsOpenSslIT {

    static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    @TempDir
    Path dir;

    ApplianceKeys keys;
    byte[] report;

    @BeforeEach
    void signReport() throws Exception {
        keys = KeyDirectory.at(dir.resolve("keys")).loadOrCreate(org.sovaudit.evidence.TestEvidence.settings(), Clock.fixed(NOW, ZoneOffset.UTC));
        report = "{\"auditId\":\"a-1\",\"findings\":[{\"vendor\":\"example\"}]}\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("report.json"), report);
        Files.write(dir.resolve("report.json.p7s"), keys.sign(report, NOW.plusSeconds(5)));
        Files.writeString(dir.resolve("appliance.pem"), keys.certificatePem(), StandardCharsets.US_ASCII);
    }

    @Test
    void opensslCmsVerify_acceptsOurSignature() throws Exception {
        Result result = opensslVerify("report.json");

        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("Verification successful"), result.describe());
    }

    @Test
    void opensslCmsVerify_flippedContentByte_failsAndSoDoesCmsVerifier() throws Exception {
        byte[] altered = report.clone();
        altered[3] ^= 0x01;
        Files.write(dir.resolve("altered.json"), altered);

        Result result = opensslVerify("altered.json");

        assertNotEquals(0, result.exitCode(), result.describe());
        SignatureCheck check = CmsVerifier.verify(altered, Files.readAllBytes(dir.resolve("report.json.p7s")), keys.certificate());
        assertFalse(check.valid(), check.detail());
        assertTrue(check.detail().startsWith("digest mismatch"), check.detail());
    }

    @Test
    void openssl_recomputesTheKeyIdFromTheCertificate() throws Exception {
        Result pubkey = Processes.run(dir, "openssl", "x509", "-in", "appliance.pem", "-noout", "-pubkey");
        assertEquals(0, pubkey.exitCode(), pubkey.describe());
        Files.writeString(dir.resolve("pub.pem"), pubkey.stdout(), StandardCharsets.US_ASCII);
        Result der = Processes.run(dir, "openssl", "pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der");
        assertEquals(0, der.exitCode(), der.describe());

        Result digest = Processes.run(dir, "openssl", "dgst", "-sha256", "-r", "pub.der");

        assertEquals(0, digest.exitCode(), digest.describe());
        assertEquals(keys.keyId(), digest.stdout().split(" ")[0]);
    }

    @Test
    void openssl_readsTheKeyFileAsPkcs8AndFindsTheCertificatesKey() throws Exception {
        Result fromKey = Processes.run(dir, "openssl", "pkey", "-in", "keys/appliance-key.pem", "-pubout");
        Result fromCertificate = Processes.run(dir, "openssl", "x509", "-in", "appliance.pem", "-noout", "-pubkey");

        assertEquals(0, fromKey.exitCode(), fromKey.describe());
        assertEquals(fromCertificate.stdout(), fromKey.stdout());
    }

    @Test
    void openssl_seesTheDocumentedCertificateExtensions() throws Exception {
        Result text = Processes.run(dir, "openssl", "x509", "-in", "appliance.pem", "-noout", "-text");

        assertEquals(0, text.exitCode(), text.describe());
        assertTrue(text.stdout().contains("CA:FALSE"), text.stdout());
        assertTrue(text.stdout().contains("Digital Signature"), text.stdout());
        assertTrue(text.stdout().contains("Subject Key Identifier"), text.stdout());
        assertTrue(text.stdout().contains("NIST CURVE: P-256"), text.stdout());
        assertTrue(text.stdout().contains("CN = sovaudit appliance " + keys.keyId().substring(0, 16)), text.stdout());
    }

    private Result opensslVerify(String content) throws Exception {
        return Processes.run(dir, "openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", "report.json.p7s", "-content", content, "-CAfile", "appliance.pem", "-purpose", "any",
                "-out", "/dev/null");
    }
}
