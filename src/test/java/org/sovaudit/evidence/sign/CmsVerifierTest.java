package org.sovaudit.evidence.sign;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.model.Digests;

class CmsVerifierTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    static final byte[] CONTENT = "{\"auditId\":\"a-1\",\"findings\":[]}".getBytes(StandardCharsets.UTF_8);

    static ApplianceKeys keys;
    static ApplianceKeys otherKeys;
    static byte[] signature;

    @BeforeAll
    static void createKeys(@TempDir Path dir) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        keys = KeyDirectory.at(dir.resolve("a")).loadOrCreate(org.sovaudit.evidence.TestEvidence.settings(), clock);
        otherKeys = KeyDirectory.at(dir.resolve("b")).loadOrCreate(org.sovaudit.evidence.TestEvidence.settings(), clock);
        signature = keys.sign(CONTENT, NOW.plusSeconds(60));
    }

    @Test
    void verify_ownSignature_isValid() {
        SignatureCheck check = CmsVerifier.verify(CONTENT, signature, keys.certificate());

        assertTrue(check.valid(), check.detail());
        assertTrue(check.detail().contains(keys.keyId()), check.detail());
        assertTrue(check.detail().contains("2026-03-01T10:16:30Z"), check.detail());
    }

    @Test
    void verify_flippedContentByte_reportsDigestMismatchWithBothDigests() {
        byte[] altered = CONTENT.clone();
        altered[5] ^= 0x01;

        SignatureCheck check = CmsVerifier.verify(altered, signature, keys.certificate());

        assertFalse(check.valid());
        assertTrue(check.detail().startsWith("digest mismatch"), check.detail());
        assertTrue(check.detail().contains(Digests.sha256Hex(CONTENT)), check.detail());
        assertTrue(check.detail().contains(Digests.sha256Hex(altered)), check.detail());
    }

    @Test
    void verify_otherAppliancesCertificate_reportsWrongSigner() {
        SignatureCheck check = CmsVerifier.verify(CONTENT, signature, otherKeys.certificate());

        assertFalse(check.valid());
        assertTrue(check.detail().startsWith("wrong signer"), check.detail());
        assertTrue(check.detail().contains(otherKeys.keyId()), check.detail());
    }

    @Test
    void verify_flippedSignatureValueByte_isInvalid() {
        byte[] altered = signature.clone();
        altered[altered.length - 1] ^= 0x01;

        SignatureCheck check = CmsVerifier.verify(CONTENT, altered, keys.certificate());

        assertFalse(check.valid(), check.detail());
    }

    @Test
    void verify_everySingleByteFlip_isInvalidAndNeverThrows() {
        for (int i = 0; i < signature.length; i++) {
            byte[] altered = signature.clone();
            altered[i] ^= (byte) 0x5A;

            SignatureCheck check = CmsVerifier.verify(CONTENT, altered, keys.certificate());

            assertFalse(check.valid(), "flip at " + i + " went unnoticed: " + check.detail());
        }
    }

    @Test
    void verify_signingTimeBeforeCertificate_isInvalid() {
        byte[] early = keys.sign(CONTENT, NOW.minusSeconds(86_400));

        SignatureCheck check = CmsVerifier.verify(CONTENT, early, keys.certificate());

        assertFalse(check.valid());
        assertTrue(check.detail().contains("not valid at the signing time"), check.detail());
    }

    @Test
    void verify_garbage_isInvalidWithoutThrowing() {
        byte[] random = new byte[2048];
        new Random(7).nextBytes(random);

        assertUnparseable(CmsVerifier.verify(CONTENT, random, keys.certificate()));
        assertUnparseable(CmsVerifier.verify(CONTENT, Arrays.copyOf(signature, signature.length / 2), keys.certificate()));
        assertUnparseable(CmsVerifier.verify(CONTENT, "-----BEGIN PKCS7-----".getBytes(StandardCharsets.US_ASCII), keys.certificate()));
        assertFalse(CmsVerifier.verify(CONTENT, new byte[0], keys.certificate()).valid());
        assertFalse(CmsVerifier.verify(null, signature, keys.certificate()).valid());
        assertFalse(CmsVerifier.verify(CONTENT, null, keys.certificate()).valid());
        assertFalse(CmsVerifier.verify(CONTENT, signature, (java.security.cert.X509Certificate) null).valid());
    }

    @Test
    void verify_deeplyNestedDer_isInvalidWithoutThrowing() {
        SignatureCheck check = CmsVerifier.verify(CONTENT, nestedIndefiniteSequences(60_000), keys.certificate());

        assertFalse(check.valid());
    }

    @Test
    void verify_oversizedSignature_isRefusedUnparsed() {
        SignatureCheck check = CmsVerifier.verify(CONTENT, new byte[CmsVerifier.MAX_SIGNATURE_BYTES + 1], keys.certificate());

        assertFalse(check.valid());
        assertTrue(check.detail().contains("exceeds the limit"), check.detail());
    }

    private static void assertUnparseable(SignatureCheck check) {
        assertFalse(check.valid());
        assertTrue(check.detail().startsWith("unparseable CMS"), check.detail());
    }

    /** SEQUENCE { SEQUENCE { ... } } in BER indefinite-length form, {@code depth} levels deep. */
    static byte[] nestedIndefiniteSequences(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(depth * 4);
        for (int i = 0; i < depth; i++) {
            out.write(0x30);
            out.write(0x80);
        }
        for (int i = 0; i < depth; i++) {
            out.write(0x00);
            out.write(0x00);
        }
        return out.toByteArray();
    }
}
