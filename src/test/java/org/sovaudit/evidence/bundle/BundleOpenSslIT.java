package org.sovaudit.evidence.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sovaudit.evidence.Processes;
import org.sovaudit.evidence.Processes.Result;
import org.sovaudit.evidence.TestEvidence;
import org.sovaudit.evidence.sign.Certificates;
import org.sovaudit.evidence.sign.KeyAlgorithm;

/**
 * bin/verify-with-openssl, the reviewer's check with OpenSSL and coreutils alone (docs/verify.md),
 * run on real bundles: it verifies ECDSA P-256 and RSA-3072 bundles, refuses changed reports and
 * signatures, and says plainly that OpenSSL 3.0 cannot check Ed25519 CMS signatures.
 */
class BundleOpenSslIT {

    static final Path SCRIPT = Path.of("bin/verify-with-openssl").toAbsolutePath();

    @TempDir
    Path dir;

    /** A bundle from the fourth audit of an appliance (so that its inclusion path is not empty). */
    Path bundle(KeyAlgorithm algorithm, Path data) {
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(data, TestEvidence.settings(algorithm))) {
            for (String id : List.of("a-1", "b-1", "a-2", "b-2", "a-3")) {
                appliance.audit(id, id.substring(0, 1));
            }
            Files.writeString(data.resolve("appliance.pem"), appliance.keys.active().certificatePem(), StandardCharsets.US_ASCII);
            return appliance.bundleFile("b-2", data.resolve("b-2.zip"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Result script(Path bundle, String... trusted) throws Exception {
        String[] command = new String[2 + trusted.length];
        command[0] = SCRIPT.toString();
        command[1] = bundle.toString();
        System.arraycopy(trusted, 0, command, 2, trusted.length);
        return Processes.run(dir, command);
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P256", "RSA_3072"})
    void script_verifiesTheBundle_withItsOwnChainAndWithThePinnedCertificate(KeyAlgorithm algorithm) throws Exception {
        Path data = dir.resolve("data");
        Path bundle = bundle(algorithm, data);

        Result own = script(bundle);
        Result pinned = script(bundle, data.resolve("appliance.pem").toString());

        assertEquals(0, own.exitCode(), own.describe());
        assertTrue(own.stdout().contains("inclusion proof: leaf 3 (audit b-2) of 4 leads to the signed root"), own.stdout());
        assertTrue(own.stdout().contains("VERIFIED with OpenSSL"), own.stdout());
        assertEquals(0, pinned.exitCode(), pinned.describe());
    }

    @Test
    void script_refusesAnotherAppliancesCertificateAsTrustAnchor() throws Exception {
        Path bundle = bundle(KeyAlgorithm.ECDSA_P256, dir.resolve("one"));
        bundle(KeyAlgorithm.ECDSA_P256, dir.resolve("two"));

        Result other = script(bundle, dir.resolve("two/appliance.pem").toString());

        assertEquals(1, other.exitCode(), other.describe());
        assertTrue(other.stdout().contains("[FAIL] manifest signature") && other.stdout().contains("[FAIL] report signature"),
                other.stdout());
    }

    /**
     * Changes to the report and to its signature, at the first, last and spread positions, each
     * refused: by openssl cms -verify, and in any case by sha256sum against the signed manifest.
     */
    @Test
    void script_refusesEveryChangedByteOfTheReportAndTheSignatureTried() throws Exception {
        Path bundle = bundle(KeyAlgorithm.ECDSA_P256, dir.resolve("data"));
        Map<String, byte[]> entries = TestEvidence.entries(Files.readAllBytes(bundle));
        Path changed = dir.resolve("changed.zip");
        int tried = 0;
        for (String name : List.of("report.json", "report.json.p7s")) {
            int length = entries.get(name).length;
            for (int k = 0; k <= 12; k++) {
                int position = (int) ((long) (length - 1) * k / 12);
                Map<String, byte[]> altered = new LinkedHashMap<>(entries);
                byte[] data = entries.get(name).clone();
                data[position] ^= 0x20;
                altered.put(name, data);
                Files.write(changed, Zips.bundle(altered));

                Result r = script(changed);

                assertEquals(1, r.exitCode(), name + " byte " + position + "\n" + r.describe());
                assertTrue(r.stdout().contains("[FAIL] sha256sum -c") || r.stdout().contains("[FAIL] report signature"),
                        name + " byte " + position + "\n" + r.stdout());
                tried++;
            }
        }
        assertEquals(26, tried);
    }

    @Test
    void script_refusesAChangeInEveryOtherFile() throws Exception {
        Path bundle = bundle(KeyAlgorithm.RSA_3072, dir.resolve("data"));
        Map<String, byte[]> entries = TestEvidence.entries(Files.readAllBytes(bundle));
        Path changed = dir.resolve("changed.zip");
        for (String name : entries.keySet()) {
            if (name.equals("report.json") || name.equals("report.json.p7s")) {
                continue;
            }
            Map<String, byte[]> altered = new LinkedHashMap<>(entries);
            byte[] data = entries.get(name).clone();
            data[data.length / 2] ^= 0x01;
            altered.put(name, data);
            Files.write(changed, Zips.bundle(altered));

            Result r = script(changed);

            assertEquals(1, r.exitCode(), name + "\n" + r.describe());
        }
    }

    @Test
    void script_ed25519Bundle_isIncompleteOnOpenSsl30_andSaysWhy() throws Exception {
        Path bundle = bundle(KeyAlgorithm.ED25519, dir.resolve("data"));
        Result version = Processes.run(dir, "openssl", "version");

        Result r = script(bundle);

        if (version.stdout().startsWith("OpenSSL 3.0.")) {
            assertEquals(2, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("cannot verify") && r.stdout().contains("sovaudit verify"), r.stdout());
            assertTrue(r.stdout().contains("[ok] tree head") && r.stdout().contains("[ok] inclusion proof")
                    && r.stdout().contains("[ok] sha256sum -c"), "the checks OpenSSL 3.0 can make pass:\n" + r.stdout());
        } else {
            assertEquals(0, r.exitCode(), r.describe());
        }
    }

    @Test
    void script_caIssuedChain_verifiesAgainstTheCaCertificate() throws Exception {
        Path data = dir.resolve("data");
        X509Certificate root;
        Path bundle;
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(data, TestEvidence.settings())) {
            var ca = new org.sovaudit.evidence.sign.TestCa("Ministry Root CA", TestEvidence.START.minusSeconds(86_400), true);
            var keys = appliance.keys.active();
            X509Certificate issued = ca.certify(keys.certificationRequestPem(), TestEvidence.START.minusSeconds(3600), 730);
            appliance.keys.importChain(List.of(issued, ca.certificate));
            appliance.audit("a-1", "lab");
            appliance.audit("a-2", "lab");
            root = ca.certificate;
            bundle = appliance.bundleFile("a-2", data.resolve("a-2.zip"));
        }
        Files.writeString(dir.resolve("root.pem"), Certificates.toPem(root), StandardCharsets.US_ASCII);

        Result r = script(bundle, dir.resolve("root.pem").toString());

        assertEquals(0, r.exitCode(), r.describe());
        BundleVerification v = BundleVerifier.verify(bundle, BundleVerifier.Options.trusting(root));
        assertTrue(v.passed(), BundleVerifier.describe(v));
    }
}
