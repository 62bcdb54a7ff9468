package org.sovaudit.evidence.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.evidence.TestEvidence;

class KeyDirectoryTest {

    static final Instant CREATED = Instant.parse("2026-03-01T10:15:30.250Z");
    static final Clock CLOCK = Clock.fixed(CREATED, ZoneOffset.UTC);
    static final byte[] CONTENT = "{\"auditId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    ApplianceKeys create(Path keyDir) {
        return KeyDirectory.at(keyDir).loadOrCreate(TestEvidence.settings(), CLOCK);
    }

    @Test
    void firstRun_writesAnEncryptedOwnerOnlyKey_andACertificateCarryingTheApplianceId() throws Exception {
        Path keyDir = dir.resolve("keys");

        ApplianceKeys keys = create(keyDir);

        Path keyFile = keyDir.resolve("appliance-key.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDir)));
        String keyPem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        assertTrue(keyPem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), keyPem);
        assertFalse(keyPem.contains("BEGIN PRIVATE KEY"));
        assertEquals(keys.chainPem(), Files.readString(keyDir.resolve("appliance.pem"), StandardCharsets.US_ASCII));
        String applianceId = Files.readString(keyDir.resolve("appliance-id"), StandardCharsets.US_ASCII).strip();
        assertTrue(applianceId.matches("appliance-[0-9a-f]{16}"), applianceId);
        assertEquals(applianceId, keys.applianceId());
        assertEquals(applianceId, ApplianceKeys.applianceIdOf(keys.certificate()));
        GeneralNames san = GeneralNames.fromExtensions(new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(
                keys.certificate()).getExtensions(), Extension.subjectAlternativeName);
        assertEquals("urn:sovaudit:appliance:" + applianceId, san.getNames()[0].getName().toString());
        assertEquals(KeyAlgorithm.ECDSA_P256, keys.algorithm());
    }

    @Test
    void secondRun_loadsTheSameKey_andSignsTheSameBytes() {
        ApplianceKeys first = create(dir);
        Clock later = Clock.fixed(CREATED.plusSeconds(86_400 * 400L), ZoneOffset.UTC);

        ApplianceKeys second = KeyDirectory.at(dir).loadOrCreate(TestEvidence.settings(), later);

        assertEquals(first.keyId(), second.keyId());
        assertEquals(first.certificate(), second.certificate());
        assertArrayEquals(first.sign(CONTENT, CREATED), second.sign(CONTENT, CREATED));
    }

    @Test
    void configuredApplianceId_isCarried_andAnotherOneLaterIsRefused() {
        KeySettings named = new KeySettings(KeyAlgorithm.ECDSA_P256, Passphrases.of(TestEvidence.PASSPHRASE, "test"),
                "ke-ict-01", KeySettings.MIN_KDF_ITERATIONS);
        assertEquals("ke-ict-01", KeyDirectory.at(dir).loadOrCreate(named, CLOCK).applianceId());

        KeySettings renamed = new KeySettings(KeyAlgorithm.ECDSA_P256, Passphrases.of(TestEvidence.PASSPHRASE, "test"),
                "ke-ict-02", KeySettings.MIN_KDF_ITERATIONS);
        KeyException e = assertThrows(KeyException.class, () -> KeyDirectory.at(dir).loadOrCreate(renamed, CLOCK));
        assertTrue(e.getMessage().contains("does not change"), e.getMessage());
        assertThrows(KeyException.class, () -> new KeySettings(KeyAlgorithm.ED25519,
                Passphrases.of(TestEvidence.PASSPHRASE, "test"), "../etc", KeySettings.MIN_KDF_ITERATIONS));
    }

    @Test
    void wrongPassphrase_isRefused() {
        create(dir);

        KeyException e = assertThrows(KeyException.class, () -> KeyDirectory.at(dir).load(
                Passphrases.of("not the passphrase", "test"), CLOCK));

        assertTrue(e.getMessage().contains("wrong passphrase"), e.getMessage());
    }

    @Test
    void keyReadableByGroupOrOthers_isRefused() throws Exception {
        create(dir);
        for (String mode : List.of("rw-r-----", "rw----r--", "rw-rw-rw-")) {
            Files.setPosixFilePermissions(dir.resolve("appliance-key.pem"), PosixFilePermissions.fromString(mode));

            KeyException e = assertThrows(KeyException.class, () -> KeyDirectory.at(dir).load(
                    TestEvidence.settings().passphrase(), CLOCK), mode);

            assertTrue(e.getMessage().contains(mode) && e.getMessage().contains("chmod 600"), e.getMessage());
        }
    }

    @Test
    void halfAKey_isRefusedWithWhatToDo() throws Exception {
        create(dir.resolve("a"));
        create(dir.resolve("b"));
        Files.delete(dir.resolve("a/appliance.pem"));
        Files.delete(dir.resolve("b/appliance-key.pem"));

        assertTrue(assertThrows(KeyException.class, () -> create(dir.resolve("a"))).getMessage().contains("certificate"));
        assertTrue(assertThrows(KeyException.class, () -> create(dir.resolve("b"))).getMessage().contains("private key"));
    }

    @Test
    void keyOfAnotherCertificate_isRefused() throws Exception {
        create(dir.resolve("a"));
        create(dir.resolve("b"));
        Files.copy(dir.resolve("b/appliance.pem"), dir.resolve("a/appliance.pem"), StandardCopyOption.REPLACE_EXISTING);

        KeyException e = assertThrows(KeyException.class, () -> create(dir.resolve("a")));

        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void clockBeforeTheCertificate_isRefused() {
        create(dir);
        Clock rebootedWithoutRtc = Clock.fixed(Instant.parse("1970-01-01T00:00:00Z"), ZoneOffset.UTC);

        KeyException e = assertThrows(KeyException.class, () -> KeyDirectory.at(dir).loadOrCreate(TestEvidence.settings(),
                rebootedWithoutRtc));

        assertTrue(e.getMessage().contains("set the system clock"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void eachAlgorithm_makesCmsSignaturesTheVerifierAccepts_andPlainSignatures(KeyAlgorithm algorithm) throws Exception {
        ApplianceKeys keys = KeyDirectory.at(dir).loadOrCreate(TestEvidence.settings(algorithm), CLOCK);

        byte[] cms = keys.sign(CONTENT, CREATED);
        byte[] raw = keys.signRaw(CONTENT);

        assertEquals(algorithm, keys.algorithm());
        SignatureCheck check = CmsVerifier.verify(CONTENT, cms, keys.chain());
        assertTrue(check.valid(), check.detail());
        assertFalse(CmsVerifier.verify("{}".getBytes(StandardCharsets.UTF_8), cms, keys.chain()).valid());
        assertTrue(algorithm.verifyRaw(keys.certificate().getPublicKey(), CONTENT, raw));
        assertFalse(algorithm.verifyRaw(keys.certificate().getPublicKey(), "{}".getBytes(StandardCharsets.UTF_8), raw));
        assertArrayEquals(cms, keys.sign(CONTENT, CREATED), "deterministic");
        SignerInformation signer = new CMSSignedData(new CMSProcessableByteArray(CONTENT), cms).getSignerInfos().getSigners()
                .iterator().next();
        assertEquals(algorithm == KeyAlgorithm.ED25519 ? NISTObjectIdentifiers.id_sha512 : NISTObjectIdentifiers.id_sha256,
                signer.getDigestAlgorithmID().getAlgorithm(), "RFC 8419: Ed25519 with SHA-512");
        assertTrue(signer.getSignedAttributes().get(CMSAttributes.signingTime) != null);
        assertTrue(signer.getSignedAttributes().get(CMSAttributes.contentType) != null);
        assertTrue(signer.getSignedAttributes().get(CMSAttributes.messageDigest) != null);
    }

    @Test
    void rsaKey_is3072Bits() {
        ApplianceKeys keys = KeyDirectory.at(dir).loadOrCreate(TestEvidence.settings(KeyAlgorithm.RSA_3072), CLOCK);

        assertEquals(3072, ((java.security.interfaces.RSAPublicKey) keys.certificate().getPublicKey()).getModulus().bitLength());
    }

    @Test
    void certificationRequest_isSignedByTheKey_andNamesTheApplianceAndItsUse() throws Exception {
        ApplianceKeys keys = create(dir);

        String pem = keys.certificationRequestPem();

        PKCS10CertificationRequest csr;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            csr = (PKCS10CertificationRequest) parser.readObject();
        }
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo())));
        assertEquals(keys.keyId(), org.sovaudit.model.Digests.sha256Hex(csr.getSubjectPublicKeyInfo().getEncoded()));
        assertEquals(keys.certificate().getSubjectX500Principal().getName(), new javax.security.auth.x500.X500Principal(
                csr.getSubject().getEncoded()).getName());
        var requested = csr.getRequestedExtensions();
        assertTrue(requested.getExtension(Extension.keyUsage).isCritical());
        assertEquals("urn:sovaudit:appliance:" + keys.applianceId(), GeneralNames.getInstance(
                requested.getExtension(Extension.subjectAlternativeName).getParsedValue()).getNames()[0].getName().toString());
        assertEquals(1, csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest).length);
    }

    @Test
    void passphraseFile_firstLineIsUsed_andAFileOthersCanReadIsRefused() throws Exception {
        Path file = dir.resolve("pass");
        Files.writeString(file, TestEvidence.PASSPHRASE + "\r\nsecond line\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertEquals(TestEvidence.PASSPHRASE, new String(Passphrases.file(file).passphrase("x", false)));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyException e = assertThrows(KeyException.class, () -> Passphrases.file(file).passphrase("x", false));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertThrows(KeyException.class, () -> Passphrases.of("short", "test").passphrase("x", false));
        KeyException none = assertThrows(KeyException.class, () -> Passphrases.firstOf("set one", null, null)
                .passphrase("the key", false));
        assertTrue(none.getMessage().contains("set one"), none.getMessage());
    }

    @Test
    void keyAlgorithm_fromId_acceptsTheThreeAndNamesThemOtherwise() {
        assertEquals(KeyAlgorithm.RSA_3072, KeyAlgorithm.fromId("RSA-3072"));
        assertEquals(KeyAlgorithm.ED25519, KeyAlgorithm.fromId(" ed25519 "));
        KeyException e = assertThrows(KeyException.class, () -> KeyAlgorithm.fromId("dsa"));
        assertTrue(e.getMessage().contains("ecdsa-p256, rsa-3072, ed25519"), e.getMessage());
    }

    @Test
    void importChain_forAnotherKey_isRefused() {
        create(dir.resolve("a"));
        ApplianceKeys other = create(dir.resolve("b"));

        KeyException e = assertThrows(KeyException.class, () -> KeyDirectory.at(dir.resolve("a"))
                .importChain(List.<X509Certificate>of(other.certificate()), CREATED));

        assertTrue(e.getMessage().contains("not for this appliance's key"), e.getMessage());
    }

    @Test
    void twoDirectories_createDifferentKeys() {
        assertNotEquals(create(dir.resolve("a")).keyId(), create(dir.resolve("b")).keyId());
    }
}
