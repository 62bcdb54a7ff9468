package org.sovaudit.evidence.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.evidence.TestEvidence;
import org.sovaudit.evidence.bundle.BundleVerification.Check;
import org.sovaudit.evidence.ledger.ConsistencyProof;
import org.sovaudit.evidence.ledger.TreeHead;

class BundleVerifierTest {

    @TempDir
    static Path shared;

    /** Audits lab-1 (leaf 0), net-1 (leaf 1), lab-2 (leaf 2): lab-2's bundle proves consistency from size 1. */
    static TestEvidence.Appliance appliance;
    /** The same key, another history: lab-1 and fork-2 (and fork-3), as if the ledger had been rewritten. */
    static TestEvidence.Appliance fork;
    static TestEvidence.Appliance otherAppliance;
    static byte[] bundle;
    static Map<String, byte[]> entries;

    @TempDir
    Path dir;

    @BeforeAll
    static void appliances() throws IOException {
        appliance = new TestEvidence.Appliance(shared.resolve("a"), TestEvidence.settings());
        appliance.audit("lab-1", "lab");
        appliance.audit("net-1", "net");
        appliance.audit("lab-2", "lab");
        bundle = appliance.bundle("lab-2");
        entries = TestEvidence.entries(bundle);

        Path forkKeys = Files.createDirectories(shared.resolve("fork/keys"));
        Files.setPosixFilePermissions(forkKeys, PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(appliance.dataDir.resolve("keys"))) {
            for (Path f : files.toList()) {
                Files.copy(f, forkKeys.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        fork = new TestEvidence.Appliance(shared.resolve("fork"), TestEvidence.settings());
        fork.audit("lab-1", "lab");
        fork.audit("fork-2", "lab");
        fork.audit("fork-3", "lab");

        otherAppliance = new TestEvidence.Appliance(shared.resolve("b"), TestEvidence.settings());
        otherAppliance.audit("lab-1", "lab");
    }

    @AfterAll
    static void close() {
        appliance.close();
        fork.close();
        otherAppliance.close();
    }

    @Test
    void verify_freshBundle_passesEveryCheckInOrder() {
        BundleVerification v = verify(bundle);

        assertTrue(v.passed(), BundleVerifier.describe(v));
        assertEquals(List.of("bundle readable", "bundle files", "manifest", "certificate chain", "manifest signature",
                "manifest lists files", "sha256 report.json", "sha256 report.html", "sha256 report.sarif",
                "sha256 report.oscal.json", "sha256 report.cdx.json", "sha256 report.csv", "sha256 report.json.p7s",
                "sha256 chain.pem", "sha256 key-history.json", "sha256 tree-head.json", "sha256 inclusion-proof.json",
                "sha256 consistency-proof.json", "report signature", "key history", "tree head", "inclusion proof",
                "consistency proof"), names(v));
        assertTrue(detail(v, "inclusion proof").startsWith("leaf 2 (audit lab-2) of 3"), detail(v, "inclusion proof"));
        assertTrue(detail(v, "consistency proof").startsWith("from size 1 "), detail(v, "consistency proof"));
    }

    @Test
    void verify_withThePinnedApplianceCertificate_passesTrust() {
        BundleVerification v = verify(bundle, options(appliance.keys.active().certificate(), null, null));

        assertTrue(v.passed(), BundleVerifier.describe(v));
        assertEquals("trusted certificate", v.checks().getLast().name());
    }

    @Test
    void verify_withAnotherAppliancesCertificate_failsOnlyTrust() {
        BundleVerification v = verify(bundle, options(otherAppliance.keys.active().certificate(), null, null));

        assertEquals(List.of("trusted certificate"), failed(v));
        assertTrue(detail(v, "trusted certificate").contains(otherAppliance.keys.active().keyId()));
    }

    /**
     * The bar: 1,000 random single-byte changes, each in a random file of the bundle at a
     * random position to a random other value, are all detected, and by the check that should
     * catch them (the file's hash against the signed manifest, or the manifest's signature).
     */
    @Test
    void verify_1000RandomSingleByteChangesAcrossTheFiles_areAllDetected() {
        Random random = new Random(20261201);
        List<String> names = new ArrayList<>(entries.keySet());
        Path file = dir.resolve("changed.zip");
        Map<String, Integer> perFile = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            String name = names.get(random.nextInt(names.size()));
            byte[] data = entries.get(name).clone();
            int position = random.nextInt(data.length);
            byte original = data[position];
            data[position] = (byte) (original + 1 + random.nextInt(255));
            Map<String, byte[]> changed = new LinkedHashMap<>(entries);
            changed.put(name, data);
            writeTo(file, Zips.bundle(changed));

            BundleVerification v = BundleVerifier.verify(file, BundleVerifier.Options.none());

            String expected = name.startsWith("manifest.json") ? "manifest signature" : "sha256 " + name;
            String what = "change " + i + ": " + name + " byte " + position;
            assertFalse(v.passed(), what + "\n" + BundleVerifier.describe(v));
            assertTrue(failed(v).contains(expected), what + " should fail '" + expected + "'\n" + BundleVerifier.describe(v));
            perFile.merge(name, 1, Integer::sum);
        }
        assertEquals(entries.size(), perFile.size(), "every file was changed at least once: " + perFile);
    }

    @Test
    void verify_unalteredEntriesRezippedDeflated_pass() {
        BundleVerification v = verify(Zips.plain(entries));

        assertTrue(v.passed(), BundleVerifier.describe(v));
    }

    @Test
    void verify_extraFile_failsFilesAndListing() {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put("notes.txt", "trust me".getBytes(StandardCharsets.UTF_8));

        BundleVerification v = verify(Zips.bundle(changed));

        assertEquals(List.of("bundle files", "manifest lists files", "sha256 notes.txt"), failed(v));
        assertTrue(detail(v, "bundle files").contains("unexpected [notes.txt]"));
    }

    @Test
    void verify_extraRendering_failsListingOnly() {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put("report.pdf", "%PDF".getBytes(StandardCharsets.UTF_8));

        BundleVerification v = verify(Zips.bundle(changed));

        assertEquals(List.of("manifest lists files", "sha256 report.pdf"), failed(v));
    }

    @Test
    void verify_missingFile_failsNamingIt() {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.remove("tree-head.json");

        BundleVerification v = verify(Zips.bundle(changed));

        assertEquals(List.of("bundle files", "certificate chain", "manifest lists files", "sha256 tree-head.json",
                "tree head", "inclusion proof", "consistency proof"), failed(v));
        assertTrue(detail(v, "bundle files").contains("missing [tree-head.json]"));
    }

    @Test
    void verify_reportAndSignatureOfAnEarlierAuditSwappedIn_fail() {
        Map<String, byte[]> earlier = TestEvidence.entries(appliance.bundle("lab-1"));
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put("report.json", earlier.get("report.json"));
        changed.put("report.json.p7s", earlier.get("report.json.p7s"));

        BundleVerification v = verify(Zips.bundle(changed));

        assertEquals(List.of("sha256 report.json", "sha256 report.json.p7s", "inclusion proof"), failed(v));
        assertTrue(detail(v, "inclusion proof").contains("report.json has"), detail(v, "inclusion proof"));
    }

    @Test
    void verify_anotherAppliancesSignaturesAndChainSwappedIn_fail() {
        Map<String, byte[]> other = TestEvidence.entries(otherAppliance.bundle("lab-1"));
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        for (String name : List.of("chain.pem", "report.json.p7s", "manifest.json.p7s")) {
            changed.put(name, other.get(name));
        }

        BundleVerification v = verify(Zips.bundle(changed));

        assertFalse(v.passed());
        assertTrue(failed(v).containsAll(List.of("manifest signature", "sha256 chain.pem", "report signature", "tree head",
                "inclusion proof")), BundleVerifier.describe(v));
    }

    // ---------------------------------------------------------------- previous tree heads

    @Test
    void verify_headOfThePreviousAuditOfTheScope_isCheckedWithTheBundledProof() {
        TreeHead earlier = TreeHead.fromJson(TestEvidence.entries(appliance.bundle("lab-1")).get("tree-head.json"));

        BundleVerification v = verify(bundle, options(null, earlier, null));

        assertTrue(v.passed(), BundleVerifier.describe(v));
        assertTrue(detail(v, "previous tree head").contains("the bundle's consistency proof"), detail(v, "previous tree head"));
    }

    @Test
    void verify_headOfAnotherSize_withoutAProof_failsNamingTheCommandToGetOne() {
        TreeHead size2 = appliance.evidence.ledger().head(2).orElseThrow();

        BundleVerification v = verify(bundle, options(null, size2, null));

        assertEquals(List.of("previous tree head"), failed(v));
        assertTrue(detail(v, "previous tree head").contains("sovaudit ledger consistency 2 3"), detail(v, "previous tree head"));
    }

    @Test
    void verify_headOfAnotherSize_withTheLedgersProof_passes() {
        TreeHead size2 = appliance.evidence.ledger().head(2).orElseThrow();
        ConsistencyProof proof = appliance.evidence.ledger().consistency(2, 3);

        BundleVerification v = verify(bundle, options(null, size2, proof));

        assertTrue(v.passed(), BundleVerifier.describe(v));
    }

    @Test
    void verify_headOfTheSameSize_passesOnlyWithTheSameRoot() {
        TreeHead same = appliance.evidence.ledger().head(3).orElseThrow();
        TreeHead rewritten = fork.evidence.ledger().head(3).orElseThrow();

        assertTrue(verify(bundle, options(null, same, null)).passed());
        BundleVerification v = verify(bundle, options(null, rewritten, null));
        assertEquals(List.of("previous tree head"), failed(v));
        assertTrue(detail(v, "previous tree head").contains("rewritten"), detail(v, "previous tree head"));
    }

    @Test
    void verify_headOfARewrittenLedger_failsConsistency() {
        TreeHead forked = fork.evidence.ledger().head(2).orElseThrow();
        ConsistencyProof proof = appliance.evidence.ledger().consistency(2, 3);

        BundleVerification v = verify(bundle, options(null, forked, proof));

        assertEquals(List.of("previous tree head"), failed(v));
        assertTrue(detail(v, "previous tree head").contains("does not extend"), detail(v, "previous tree head"));
    }

    @Test
    void verify_headOfAnotherAppliance_fails() {
        TreeHead foreign = otherAppliance.evidence.ledger().head(1).orElseThrow();

        BundleVerification v = verify(bundle, options(null, foreign, null));

        assertEquals(List.of("previous tree head"), failed(v));
        assertTrue(detail(v, "previous tree head").contains("not this appliance's"), detail(v, "previous tree head"));
    }

    @Test
    void verify_laterHead_withAProofFromTheBundlesSize_passes(@TempDir Path other) {
        // A fresh appliance whose ledger grows after the bundle was written.
        try (TestEvidence.Appliance growing = new TestEvidence.Appliance(other, TestEvidence.settings())) {
            growing.audit("a", "s");
            growing.audit("b", "s");
            byte[] early = growing.bundle("b");
            growing.audit("c", "t");
            TreeHead later = growing.evidence.ledger().latestHead().orElseThrow();

            BundleVerification v = verify(early, options(null, later, growing.evidence.ledger().consistency(2, 3)));

            assertTrue(v.passed(), BundleVerifier.describe(v));
        }
    }

    // ---------------------------------------------------------------- hostile input

    @Test
    void verify_duplicateEntry_failsReadable() {
        List<Map.Entry<String, byte[]>> list = new ArrayList<>(entries.entrySet());
        list.add(Map.entry("report.json", "{\"auditId\":\"lab-2\"}".getBytes(StandardCharsets.UTF_8)));

        assertUnreadable(verify(Zips.plain(list)), "duplicate entry 'report.json'");
    }

    @Test
    void verify_hostileNames_failReadable() {
        for (String name : List.of("../report.json", "/etc/passwd", "dir/report.json", "..\\report.json",
                "C:report.json", "..", "report\u0000.json")) {
            Map<String, byte[]> changed = new LinkedHashMap<>(entries);
            changed.put(name, "x".getBytes(StandardCharsets.UTF_8));

            BundleVerification v = verify(Zips.plain(changed));

            assertEquals(List.of("bundle readable"), failed(v), name);
            assertTrue(detail(v, "bundle readable").contains("entry name"), name + ": " + detail(v, "bundle readable"));
        }
    }

    @Test
    void verify_tooManyEntries_failsReadable() {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        for (int i = 0; i < BundleLayout.MAX_ENTRIES; i++) {
            changed.put("extra-" + i, new byte[] {1});
        }

        assertUnreadable(verify(Zips.plain(changed)), "more than " + BundleLayout.MAX_ENTRIES + " entries");
    }

    @Test
    void verify_entryInflatingBeyondItsCap_failsReadable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("chain.pem"));
            zip.write(new byte[BundleLayout.MAX_SMALL_FILE_BYTES + 1]);
            zip.closeEntry();
        }

        assertUnreadable(verify(out.toByteArray()), "entry 'chain.pem' is larger than");
    }

    @Test
    void verify_garbage_failsReadable() {
        byte[] random = new byte[10_000];
        new Random(1).nextBytes(random);

        assertUnreadable(verify(random), "");
        assertUnreadable(verify(new byte[0]), "");
        assertUnreadable(verify("PK\u0003\u0004 not really".getBytes(StandardCharsets.ISO_8859_1)), "");
        assertUnreadable(verify(java.util.Arrays.copyOf(bundle, bundle.length - 30)), "");
    }

    @Test
    void verify_missingOrNonRegularPath_failsReadable() {
        assertUnreadable(BundleVerifier.verify(dir.resolve("absent.zip"), BundleVerifier.Options.none()), "is not a regular file");
        assertUnreadable(BundleVerifier.verify(dir, BundleVerifier.Options.none()), "is not a regular file");
        assertUnreadable(BundleVerifier.verify(null, BundleVerifier.Options.none()), "no bundle file given");
    }

    @Test
    void verify_centralDirectoryShowingOtherFiles_failsReadable() {
        Map<String, byte[]> forged = new LinkedHashMap<>(entries);
        forged.put("report.html", "<html>all is well</html>".getBytes(StandardCharsets.UTF_8));
        byte[] forgedZip = Zips.bundle(forged);
        byte[] both = new byte[bundle.length + forgedZip.length];
        System.arraycopy(bundle, 0, both, 0, bundle.length);
        System.arraycopy(forgedZip, 0, both, bundle.length, forgedZip.length);

        assertUnreadable(verify(both), "");
    }

    @Test
    void verify_nonCanonicalManifest_failsManifestAndItsSignature() {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        changed.put("manifest.json", manifest.replace("{\"auditId\"", "{ \"auditId\"").getBytes(StandardCharsets.UTF_8));

        BundleVerification v = verify(Zips.bundle(changed));

        assertTrue(failed(v).containsAll(List.of("manifest", "manifest signature")), BundleVerifier.describe(v));
        assertTrue(detail(v, "manifest").contains("canonical"), detail(v, "manifest"));
    }

    @Test
    void verify_hostileChainPem_failsItsChecksWithoutThrowing() {
        byte[] nested = new byte[40_000];
        for (int i = 0; i < nested.length / 2; i++) {
            nested[i] = (byte) (i % 2 == 0 ? 0x30 : 0x80);
        }
        String hostile = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(nested)
                + "\n-----END CERTIFICATE-----\n";
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put("chain.pem", hostile.getBytes(StandardCharsets.US_ASCII));

        BundleVerification v = verify(Zips.bundle(changed));

        assertTrue(failed(v).containsAll(List.of("certificate chain", "manifest signature", "report signature")),
                BundleVerifier.describe(v));
        assertTrue(detail(v, "certificate chain").startsWith("chain.pem is unusable"), detail(v, "certificate chain"));
    }

    // ---------------------------------------------------------------- helpers

    static BundleVerifier.Options options(java.security.cert.X509Certificate trusted, TreeHead head, ConsistencyProof proof) {
        return new BundleVerifier.Options(trusted, head, proof);
    }

    private BundleVerification verify(byte[] zip) {
        return verify(zip, BundleVerifier.Options.none());
    }

    private BundleVerification verify(byte[] zip, BundleVerifier.Options options) {
        return BundleVerifier.verify(Zips.write(dir, zip), options);
    }

    private static void writeTo(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> names(BundleVerification v) {
        return v.checks().stream().map(Check::name).toList();
    }

    static List<String> failed(BundleVerification v) {
        return v.checks().stream().filter(c -> !c.passed()).map(Check::name).toList();
    }

    static String detail(BundleVerification v, String name) {
        return v.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().detail();
    }

    static void assertUnreadable(BundleVerification v, String detailPart) {
        assertFalse(v.passed());
        assertEquals(1, v.checks().size(), BundleVerifier.describe(v));
        Check check = v.checks().getFirst();
        assertEquals("bundle readable", check.name());
        assertFalse(check.passed());
        assertTrue(check.detail().contains(detailPart), check.detail());
    }
}
