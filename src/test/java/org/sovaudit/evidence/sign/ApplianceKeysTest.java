package org.sovaudit.evidence.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.model.Digests;

class ApplianceKeysTest {

    static final Instant CREATED = Instant.parse("2026-03-01T10:15:30.250Z");
    static final Clock CLOCK = Clock.fixed(CREATED, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void loadOrCreate_firstRun_writesOwnerOnlyPkcs8KeyAndCertificate() throws Exception {
        Path keyDir = dir.resolve("keys");

        ApplianceKeys keys = ApplianceKeys.loadOrCreate(keyDir, CLOCK);

        Path keyFile = keyDir.resolve("appliance-key.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDir)));
        String keyPem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"), keyPem);
        assertTrue(keyPem.endsWith("-----END PRIVATE KEY-----\n"), keyPem);
        assertEquals(keys.certificatePem(), Files.readString(keyDir.resolve("appliance.pem"), StandardCharsets.US_ASCII));
        assertTrue(keys.certificatePem().startsWith("-----BEGIN CERTIFICATE-----\n"));
    }

    @Test
    void loadOrCreate_secondRun_loadsTheSameKey() {
        ApplianceKeys first = ApplianceKeys.loadOrCreate(dir, CLOCK);
        Clock later = Clock.fixed(CREATED.plusSeconds(86_400 * 400L), ZoneOffset.UTC);

        ApplianceKeys second = ApplianceKeys.loadOrCreate(dir, later);

        assertEquals(first.keyId(), second.keyId());
        assertEquals(first.certificate(), second.certificate());
        byte[] content = "{\"auditId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(first.sign(content, CREATED), second.sign(content, CREATED));
    }

    @Test
    void loadOrCreate_twoDirectories_createDifferentKeys() {
        ApplianceKeys a = ApplianceKeys.loadOrCreate(dir.resolve("a"), CLOCK);
        ApplianceKeys b = ApplianceKeys.loadOrCreate(dir.resolve("b"), CLOCK);

        assertNotEquals(a.keyId(), b.keyId());
    }

    @Test
    void loadOrCreate_keyFileReadableByOthers_isRefused() throws Exception {
        ApplianceKeys.loadOrCreate(dir, CLOCK);
        Path keyFile = dir.resolve("appliance-key.pem");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        KeyException e = assertThrows(KeyException.class, () -> ApplianceKeys.loadOrCreate(dir, CLOCK));

        assertTrue(e.getMessage().contains(keyFile.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("rw-r--r--"), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void loadOrCreate_keyFileReadableByGroup_isRefused() throws Exception {
        ApplianceKeys.loadOrCreate(dir, CLOCK);
        Files.setPosixFilePermissions(dir.resolve("appliance-key.pem"), PosixFilePermissions.fromString("rw-r-----"));

        KeyException e = assertThrows(KeyException.class, () -> ApplianceKeys.loadOrCreate(dir, CLOCK));

        assertTrue(e.getMessage().contains("group or others"), e.getMessage());
    }

    @Test
    void loadOrCreate_keyOfAnotherAppliance_isRefused() throws Exception {
        ApplianceKeys.loadOrCreate(dir.resolve("a"), CLOCK);
        ApplianceKeys.loadOrCreate(dir.resolve("b"), CLOCK);
        Files.copy(dir.resolve("b/appliance-key.pem"), dir.resolve("a/appliance-key.pem"), StandardCopyOption.REPLACE_EXISTING);

        KeyException e = assertThrows(KeyException.class, () -> ApplianceKeys.loadOrCreate(dir.resolve("a"), CLOCK));

        assertTrue(e.getMessage().contains("does not belong to the certificate"), e.getMessage());
    }

    @Test
    void loadOrCreate_certificateWithoutKey_isRefused() throws Exception {
        ApplianceKeys.loadOrCreate(dir, CLOCK);
        Files.delete(dir.resolve("appliance-key.pem"));

        KeyException e = assertThrows(KeyException.class, () -> ApplianceKeys.loadOrCreate(dir, CLOCK));

        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("appliance-key.pem")), "no new key may replace a lost one silently");
    }

    @Test
    void loadOrCreate_keyWithoutCertificate_isRefused() throws Exception {
        ApplianceKeys.loadOrCreate(dir, CLOCK);
        Files.delete(dir.resolve("appliance.pem"));

        KeyException e = assertThrows(KeyException.class, () -> ApplianceKeys.loadOrCreate(dir, CLOCK));

        assertTrue(e.getMessage().contains("certificate"), e.getMessage());
    }

    @Test
    void loadOrCreate_garbageKeyFile_isRefused() throws Exception {
        ApplianceKeys.loadOrCreate(dir, CLOCK);
        Files.writeString(dir.resolve("appliance-key.pem"), "-----BEGIN PRIVATE KEY-----\nnot base64 !!\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);

        KeyException e = assertThrows(KeyException.class, () -> ApplianceKeys.loadOrCreate(dir, CLOCK));

        assertTrue(e.getMessage().contains("appliance-key.pem"), e.getMessage());
    }

    @Test
    void loadOrCreate_clockBeforeCertificateStart_isRefused() {
        ApplianceKeys.loadOrCreate(dir, CLOCK);
        Clock rebootedWithoutRtc = Clock.fixed(Instant.parse("1970-01-01T00:00:10Z"), ZoneOffset.UTC);

        KeyException e = assertThrows(KeyException.class, () -> ApplianceKeys.loadOrCreate(dir, rebootedWithoutRtc));

        assertTrue(e.getMessage().contains("set the system clock"), e.getMessage());
    }

    @Test
    void certificate_hasTheDocumentedShape() throws Exception {
        ApplianceKeys keys = ApplianceKeys.loadOrCreate(dir, CLOCK);
        X509Certificate cert = keys.certificate();
        byte[] keyIdBytes = HexFormat.of().parseHex(keys.keyId());

        assertEquals(3, cert.getVersion());
        assertEquals("CN=sovaudit appliance " + keys.keyId().substring(0, 16), cert.getSubjectX500Principal().getName());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals(new BigInteger(1, Arrays.copyOf(keyIdBytes, 16)), cert.getSerialNumber());
        assertEquals(Instant.parse("2026-03-01T10:15:30Z"), cert.getNotBefore().toInstant());
        assertEquals(Instant.parse("2036-03-01T10:15:30Z"), cert.getNotAfter().toInstant());
        assertEquals(-1, cert.getBasicConstraints(), "not a CA");
        assertTrue(cert.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
        boolean[] usage = cert.getKeyUsage();
        assertTrue(usage[0], "digitalSignature");
        for (int i = 1; i < usage.length; i++) {
            assertFalse(usage[i], "key usage bit " + i);
        }
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(cert).getExtensions());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded());
        assertArrayEquals(Arrays.copyOf(Digests.sha256(spki.getPublicKeyData().getBytes()), 20), ski.getKeyIdentifier());
        assertEquals("SHA256withECDSA", cert.getSigAlgName());
        assertEquals(256, ((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        cert.verify(cert.getPublicKey());
    }

    @Test
    void keyId_isSha256OfSubjectPublicKeyInfo() throws Exception {
        ApplianceKeys keys = ApplianceKeys.loadOrCreate(dir, CLOCK);

        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.certificate().getPublicKey().getEncoded());

        assertEquals(Digests.sha256Hex(spki.getEncoded(ASN1Encoding.DER)), keys.keyId());
        assertTrue(Digests.isSha256Hex(keys.keyId()));
        assertEquals(keys.keyId(), Certificates.keyId(keys.certificate()));
    }

    @Test
    void sign_sameContentAndTime_givesSameBytes() {
        ApplianceKeys keys = ApplianceKeys.loadOrCreate(dir, CLOCK);
        byte[] content = "report".getBytes(StandardCharsets.UTF_8);

        assertArrayEquals(keys.sign(content, CREATED), keys.sign(content, CREATED));
        assertFalse(Arrays.equals(keys.sign(content, CREATED), keys.sign(content, CREATED.plusSeconds(1))));
    }

    @Test
    void sign_writesCallersSigningTimeAndIncludesCertificate() throws Exception {
        ApplianceKeys keys = ApplianceKeys.loadOrCreate(dir, CLOCK);
        byte[] content = "report".getBytes(StandardCharsets.UTF_8);
        Instant signingTime = Instant.parse("2026-05-04T03:02:01.999Z");

        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(content), keys.sign(content, signingTime));

        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        Time time = Time.getInstance(signer.getSignedAttributes().get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0));
        assertEquals(Instant.parse("2026-05-04T03:02:01Z"), time.getDate().toInstant());
        assertTrue(signed.isDetachedSignature());
        assertEquals(1, signed.getCertificates().getMatches(null).size());
        assertArrayEquals(keys.certificate().getEncoded(),
                signed.getCertificates().getMatches(null).iterator().next().getEncoded());
    }

    @Test
    void certificates_pemRoundTrip_givesTheSameCertificate() {
        ApplianceKeys keys = ApplianceKeys.loadOrCreate(dir, CLOCK);

        assertEquals(keys.certificate(), Certificates.fromPem(keys.certificatePem()));
        assertThrows(KeyException.class, () -> Certificates.fromPem(keys.certificatePem() + keys.certificatePem()));
        assertThrows(KeyException.class, () -> Certificates.fromPem("no pem here"));
        assertThrows(KeyException.class, () -> Certificates.fromPem(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }
}
