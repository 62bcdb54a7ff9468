package org.sovaudit.evidence.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.evidence.TestEvidence;
import org.sovaudit.store.Database;

/** The key directory and the database's key registry kept in step: first registration, CA certificates, rotation, and restarts in between. */
class KeyRingTest {

    @TempDir
    Path dir;

    Database db;

    KeyRing ring(KeyAlgorithm algorithm) {
        if (db == null) {
            db = Database.open(dir.resolve("sovaudit.db"));
        }
        return new KeyRing(KeyDirectory.at(dir.resolve("keys")), db, TestEvidence.settings(algorithm),
                new TestEvidence.SteppingClock(TestEvidence.START));
    }

    @Test
    void active_firstUse_createsAndRegistersTheKey() {
        KeyRing ring = ring(KeyAlgorithm.ECDSA_P256);

        ApplianceKeys keys = ring.active();

        assertEquals(keys.keyId(), ring.registry().activeKeyId().orElseThrow());
        assertEquals(keys.certificate(), ring.certificates().apply(keys.keyId()).orElseThrow());
        db.close();
    }

    @Test
    void importChain_ofACaIssuedCertificate_isUsedForSigning_andTrustedByTheCa() throws Exception {
        KeyRing ring = ring(KeyAlgorithm.ECDSA_P256);
        ApplianceKeys keys = ring.active();
        TestCa ca = new TestCa("Ministry Root CA", TestEvidence.START.minusSeconds(86_400), true);
        X509Certificate issued = ca.certify(keys.certificationRequestPem(), TestEvidence.START.minusSeconds(3600), 730);

        ring.importChain(List.of(issued, ca.certificate));

        ApplianceKeys reloaded = ring.active();
        assertEquals(keys.keyId(), reloaded.keyId());
        assertEquals(List.of(issued, ca.certificate), reloaded.chain());
        assertEquals(List.of(issued, ca.certificate), ring.registry().all().getFirst().chain());
        byte[] signature = reloaded.sign("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), TestEvidence.START);
        assertTrue(CmsVerifier.verify("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), signature, reloaded.chain()).valid());
        assertTrue(CertificateChains.trust(reloaded.chain(), ca.certificate, TestEvidence.START).valid());
        assertTrue(CertificateChains.trust(List.of(issued), ca.certificate, TestEvidence.START).valid(),
                "a chain without the root, issued by the trusted root");
        TestCa other = new TestCa("Another CA", TestEvidence.START.minusSeconds(86_400), true);
        assertFalse(CertificateChains.trust(reloaded.chain(), other.certificate, TestEvidence.START).valid());
        db.close();
    }

    @Test
    void importChain_invalidChains_areRefusedAndNothingChanges() throws Exception {
        KeyRing ring = ring(KeyAlgorithm.ECDSA_P256);
        ApplianceKeys keys = ring.active();
        TestCa ca = new TestCa("Ministry Root CA", TestEvidence.START.minusSeconds(86_400), true);
        TestCa notACa = new TestCa("Not a CA", TestEvidence.START.minusSeconds(86_400), false);
        X509Certificate issued = ca.certify(keys.certificationRequestPem(), TestEvidence.START.minusSeconds(3600), 730);
        X509Certificate expired = ca.certify(keys.certificationRequestPem(), TestEvidence.START.minusSeconds(90 * 86_400L), 30);
        X509Certificate byNonCa = notACa.certify(keys.certificationRequestPem(), TestEvidence.START.minusSeconds(3600), 730);

        assertTrue(assertThrows(KeyException.class, () -> ring.importChain(List.of(issued, notACa.certificate)))
                .getMessage().contains("its issuer is"));
        assertTrue(assertThrows(KeyException.class, () -> ring.importChain(List.of(expired, ca.certificate)))
                .getMessage().contains("not valid at"));
        assertTrue(assertThrows(KeyException.class, () -> ring.importChain(List.of(byNonCa, notACa.certificate)))
                .getMessage().contains("is not a CA"));
        assertTrue(assertThrows(KeyException.class, () -> ring.importChain(List.of(ca.certificate)))
                .getMessage().contains("not for this appliance's key"));
        assertEquals(List.of(keys.certificate()), ring.active().chain());
        db.close();
    }

    @Test
    void rotate_endorsesTheNewKeyWithTheOld_retiresTheOld_andDeletesItsPrivateKey() {
        KeyRing ring = ring(KeyAlgorithm.ECDSA_P256);
        ApplianceKeys old = ring.active();
        String[] recorded = new String[1];

        KeyRing.Rotation r = ring.rotate(KeyAlgorithm.ED25519, (c, o, n, statement, at) -> recorded[0] = o.keyId() + ">" + n.keyId());

        ApplianceKeys next = ring.active();
        assertEquals(r.next().keyId(), next.keyId());
        assertNotEquals(old.keyId(), next.keyId());
        assertEquals(KeyAlgorithm.ED25519, next.algorithm());
        assertEquals(old.applianceId(), next.applianceId());
        assertEquals(old.keyId() + ">" + next.keyId(), recorded[0]);
        assertEquals(next.keyId(), ring.registry().activeKeyId().orElseThrow());
        assertTrue(Files.exists(dir.resolve("keys/retired/" + old.keyId() + ".pem")));
        assertFalse(Files.exists(dir.resolve("keys/pending")));
        KeyHistory.Verification history = KeyHistory.verify(db.read(KeyRegistry::history), next.certificate());
        assertTrue(history.valid(), history.detail());
        assertTrue(KeyHistory.trust(history, old.certificate()).valid());
        assertEquals(old.keyId(), r.rotation().oldKeyId());
        // A new ring (a restart) unlocks the new key.
        assertEquals(next.keyId(), ring(KeyAlgorithm.ECDSA_P256).active().keyId());
        db.close();
    }

    @Test
    void rotate_whenRecordingFails_changesNothing() {
        KeyRing ring = ring(KeyAlgorithm.ECDSA_P256);
        ApplianceKeys old = ring.active();

        assertThrows(IllegalStateException.class, () -> ring.rotate(KeyAlgorithm.ECDSA_P256, (c, o, n, s, at) -> {
            throw new IllegalStateException("the disk is full");
        }));

        assertEquals(old.keyId(), ring.registry().activeKeyId().orElseThrow());
        assertFalse(Files.exists(dir.resolve("keys/pending")));
        assertEquals(old.keyId(), ring(KeyAlgorithm.ECDSA_P256).active().keyId());
        db.close();
    }

    @Test
    void restartAfterACommittedRotation_finishesIt() throws Exception {
        KeyRing ring = ring(KeyAlgorithm.ECDSA_P256);
        ApplianceKeys old = ring.active();
        ApplianceKeys next = ring.directory().createPending(TestEvidence.settings(), TestEvidence.START);
        byte[] statement = KeyRotation.of(old, next.certificate(), next.applianceId(), TestEvidence.START).toJson();
        db.transaction(c -> {
            new KeyRegistry(db).recordRotation(c, old, next, statement, old.sign(statement, TestEvidence.START), TestEvidence.START);
            return null;
        });
        // The process stops here: the database says "next", the key directory still holds "old" (and "next" pending).

        assertEquals(next.keyId(), ring(KeyAlgorithm.ECDSA_P256).active().keyId());
        assertFalse(Files.exists(dir.resolve("keys/pending")));
        db.close();
    }

    @Test
    void restartAfterAnUncommittedRotation_discardsTheNewKey() {
        KeyRing ring = ring(KeyAlgorithm.ECDSA_P256);
        ApplianceKeys old = ring.active();
        ring.directory().createPending(TestEvidence.settings(), TestEvidence.START);

        assertEquals(old.keyId(), ring(KeyAlgorithm.ECDSA_P256).active().keyId());
        assertFalse(Files.exists(dir.resolve("keys/pending")));
        db.close();
    }

    @Test
    void keyDirectoryOfAnotherAppliance_isRefused() throws Exception {
        ring(KeyAlgorithm.ECDSA_P256).active();
        db.close();
        db = null;
        Path otherKeys = dir.resolve("other");
        KeyDirectory.at(otherKeys).loadOrCreate(TestEvidence.settings(), java.time.Clock.fixed(TestEvidence.START,
                java.time.ZoneOffset.UTC));
        try (var files = Files.list(otherKeys)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve("keys").resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }

        KeyException e = assertThrows(KeyException.class, () -> ring(KeyAlgorithm.ECDSA_P256).active());

        assertTrue(e.getMessage().contains("names key") && e.getMessage().contains("restore"), e.getMessage());
        db.close();
    }

    @Test
    void rotationStatement_isCanonical_andRefusesOtherSpellings() {
        KeyRotation r = new KeyRotation("ke-ict-01", "a".repeat(64), "b".repeat(64), "c".repeat(64),
                Instant.parse("2026-12-01T09:00:00Z"));
        assertEquals("{\"applianceId\":\"ke-ict-01\",\"format\":\"sovaudit-key-rotation/1\",\"newCertificateSha256\":\""
                + "c".repeat(64) + "\",\"newKeyId\":\"" + "b".repeat(64) + "\",\"oldKeyId\":\"" + "a".repeat(64)
                + "\",\"rotatedAt\":\"2026-12-01T09:00:00Z\"}", new String(r.toJson(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(r, KeyRotation.fromJson(r.toJson()));
        byte[] spaced = new String(r.toJson(), java.nio.charset.StandardCharsets.UTF_8).replace(",", ", ")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThrows(KeyException.class, () -> KeyRotation.fromJson(spaced));
        assertThrows(KeyException.class, () -> new KeyRotation("ke", "a".repeat(64), "a".repeat(64), "c".repeat(64), Instant.EPOCH));
    }
}
