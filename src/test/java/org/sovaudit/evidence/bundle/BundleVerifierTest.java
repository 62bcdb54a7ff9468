package org.sovaudit.evidence.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.model.Digests;
import org.sovaudit.evidence.bundle.BundleVerification.Check;
import org.sovaudit.evidence.ledger.LedgerEntry;

class BundleVerifierTest {

    static BundleFixture fixture;
    static BundleFixture otherAppliance;
    static byte[] bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void createFixtures(@TempDir Path dir) {
        fixture = new BundleFixture(dir.resolve("a"), "audit-1");
        otherAppliance = new BundleFixture(dir.resolve("b"), "audit-1");
        bundle = fixture.bundle();
    }

    @Test
    void verify_freshBundle_passesEveryCheck() throws IOException {
        BundleVerification verification = verify(bundle);

        assertTrue(verification.passed(), BundleVerifier.describe(verification));
        assertEquals(List.of("bundle readable", "bundle files", "manifest", "manifest lists files",
                "sha256 report.json", "sha256 report.html", "sha256 report.json.p7s", "sha256 appliance.pem",
                "sha256 ledger-entry.json", "signature", "ledger entry", "ledger entry report hash",
                "ledger entry hash", "ledger entry key id", "ledger entry audit id"),
                verification.checks().stream().map(Check::name).toList());
    }

    @Test
    void verify_withTheTrustedCertificate_passes() throws IOException {
        BundleVerification verification = verify(bundle, org.sovaudit.evidence.sign.Certificates.fromPem(fixture.keys.certificatePem()));

        assertTrue(verification.passed(), BundleVerifier.describe(verification));
        assertEquals("trusted certificate", verification.checks().getLast().name());
    }

    @Test
    void verify_withAnotherAppliancesCertificate_failsOnlyTheTrustCheck() throws IOException {
        BundleVerification verification = verify(bundle, otherAppliance.keys.certificate());

        assertEquals(List.of("trusted certificate"), failed(verification));
        assertTrue(detail(verification, "trusted certificate").contains(otherAppliance.keys.keyId()));
    }

    @Test
    void verify_anySingleFlippedByte_fails() throws IOException {
        Map<String, byte[]> entries = BundleFixture.entries(bundle);
        Random random = new Random(42);
        for (String name : entries.keySet()) {
            byte[] original = entries.get(name);
            List<Integer> positions = new ArrayList<>(List.of(0, original.length / 2, original.length - 1));
            for (int i = 0; i < 5; i++) {
                positions.add(random.nextInt(original.length));
            }
            for (int position : positions) {
                Map<String, byte[]> altered = new LinkedHashMap<>(entries);
                byte[] data = original.clone();
                data[position] ^= 0x01;
                altered.put(name, data);

                BundleVerification verification = verify(BundleFixture.zip(altered));

                assertFalse(verification.passed(), name + " byte " + position + ":\n" + BundleVerifier.describe(verification));
                if (!name.equals("manifest.json")) {
                    assertTrue(failed(verification).contains("sha256 " + name), name + " byte " + position);
                }
            }
        }
    }

    @Test
    void verify_unalteredEntriesRezipped_pass() throws IOException {
        BundleVerification verification = verify(BundleFixture.zip(BundleFixture.entries(bundle)));

        assertTrue(verification.passed(), BundleVerifier.describe(verification));
    }

    @Test
    void verify_extraFile_failsBundleFilesAndManifestListing() throws IOException {
        Map<String, byte[]> entries = BundleFixture.entries(bundle);
        entries.put("notes.txt", "trust me".getBytes(StandardCharsets.UTF_8));

        BundleVerification verification = verify(BundleFixture.zip(entries));

        assertEquals(List.of("bundle files", "manifest lists files"), failed(verification));
        assertTrue(detail(verification, "bundle files").contains("unexpected [notes.txt]"));
    }

    @Test
    void verify_missingFile_failsNamingIt() throws IOException {
        Map<String, byte[]> entries = BundleFixture.entries(bundle);
        entries.remove("report.html");

        BundleVerification verification = verify(BundleFixture.zip(entries));

        assertEquals(List.of("bundle files", "manifest lists files", "sha256 report.html"), failed(verification));
        assertTrue(detail(verification, "bundle files").contains("missing [report.html]"));
    }

    @Test
    void verify_missingSignatureAndCertificate_failEveryCheckThatNeedsThem() throws IOException {
        Map<String, byte[]> entries = BundleFixture.entries(bundle);
        entries.remove("report.json.p7s");
        entries.remove("appliance.pem");

        BundleVerification verification = verify(BundleFixture.zip(entries));

        assertEquals(List.of("bundle files", "manifest lists files", "sha256 report.json.p7s", "sha256 appliance.pem",
                "signature", "ledger entry key id"), failed(verification));
    }

    @Test
    void verify_missingManifest_failsEveryHashCheck() throws IOException {
        Map<String, byte[]> entries = BundleFixture.entries(bundle);
        entries.remove("manifest.json");

        BundleVerification verification = verify(BundleFixture.zip(entries));

        assertEquals(List.of("bundle files", "manifest", "manifest lists files", "sha256 report.json",
                "sha256 report.html", "sha256 report.json.p7s", "sha256 appliance.pem", "sha256 ledger-entry.json"),
                failed(verification));
    }

    @Test
    void verify_duplicateEntry_failsReadable() throws IOException {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>(BundleFixture.entries(bundle).entrySet());
        entries.add(Map.entry("report.json", "{\"auditId\":\"audit-1\"}".getBytes(StandardCharsets.UTF_8)));

        assertUnreadable(verify(BundleFixture.zip(entries)), "duplicate entry 'report.json'");
    }

    @Test
    void verify_hostileNames_failReadable() throws IOException {
        for (String name : List.of("../report.json", "/etc/passwd", "dir/report.json", "..\\report.json",
                "C:report.json", "..", "report\u0000.json")) {
            Map<String, byte[]> entries = BundleFixture.entries(bundle);
            entries.put(name, "x".getBytes(StandardCharsets.UTF_8));

            BundleVerification verification = verify(BundleFixture.zip(entries));

            assertEquals(List.of("bundle readable"), failed(verification), name);
            assertTrue(detail(verification, "bundle readable").contains("entry name"), name + ": "
                    + detail(verification, "bundle readable"));
        }
    }

    @Test
    void verify_tooManyEntries_failsReadable() throws IOException {
        Map<String, byte[]> entries = BundleFixture.entries(bundle);
        for (int i = 0; i < BundleLayout.MAX_ENTRIES; i++) {
            entries.put("extra-" + i, new byte[] {1});
        }

        assertUnreadable(verify(BundleFixture.zip(entries)), "more than 16 entries");
    }

    @Test
    void verify_entryInflatingBeyondItsCap_failsReadable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("report.html"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i <= BundleLayout.MAX_REPORT_BYTES / zeros.length; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }

        assertUnreadable(verify(out.toByteArray()), "entry 'report.html' is larger than");
    }

    @Test
    void verify_garbage_failsReadable() throws IOException {
        byte[] random = new byte[10_000];
        new Random(1).nextBytes(random);

        assertUnreadable(verify(random), "");
        assertUnreadable(verify(new byte[0]), "");
        assertUnreadable(verify("PK\u0003\u0004 not really".getBytes(StandardCharsets.ISO_8859_1)), "");
        byte[] truncated = java.util.Arrays.copyOf(bundle, bundle.length - 30);
        assertUnreadable(verify(truncated), "");
    }

    @Test
    void verify_missingOrNonRegularPath_failsReadable() {
        assertUnreadable(BundleVerifier.verify(dir.resolve("absent.zip"), null), "is not a regular file");
        assertUnreadable(BundleVerifier.verify(dir, null), "is not a regular file");
        assertUnreadable(BundleVerifier.verify(null, null), "no bundle file given");
    }

    @Test
    void verify_centralDirectoryShowingOtherFiles_failsReadable() throws IOException {
        Map<String, byte[]> forged = BundleFixture.entries(bundle);
        forged.put("report.html", "<html>all is well</html>".getBytes(StandardCharsets.UTF_8));
        byte[] forgedZip = BundleFixture.zip(forged);
        byte[] both = new byte[bundle.length + forgedZip.length];
        System.arraycopy(bundle, 0, both, 0, bundle.length);
        System.arraycopy(forgedZip, 0, both, bundle.length, forgedZip.length);

        assertUnreadable(verify(both), "");
    }

    @Test
    void verify_reportRewrittenWithFreshManifest_failsSignatureAndLedger() throws IOException {
        BundleContents c = fixture.contents;
        byte[] forged = new String(c.reportJson(), StandardCharsets.UTF_8).replace("example", "nobody")
                .getBytes(StandardCharsets.UTF_8);

        BundleVerification verification = verify(BundleFixture.write(new BundleContents(forged, c.reportHtml(),
                c.signature(), c.certificatePem(), c.ledgerEntryJson(), c.createdAt())));

        assertEquals(List.of("signature", "ledger entry report hash"), failed(verification));
        assertTrue(detail(verification, "signature").startsWith("digest mismatch"));
        assertTrue(detail(verification, "ledger entry report hash").contains(Digests.sha256Hex(forged)));
    }

    @Test
    void verify_certificateSwappedForAnotherAppliances_failsSignatureAndKeyId() throws IOException {
        BundleContents c = fixture.contents;

        BundleVerification verification = verify(BundleFixture.write(new BundleContents(c.reportJson(), c.reportHtml(),
                c.signature(), otherAppliance.keys.certificatePem(), c.ledgerEntryJson(), c.createdAt())));

        assertEquals(List.of("signature", "ledger entry key id"), failed(verification));
        assertTrue(detail(verification, "signature").startsWith("wrong signer"), detail(verification, "signature"));
    }

    @Test
    void verify_signatureAndCertificateOfAnotherAppliance_failKeyIdOnly() throws IOException {
        BundleContents c = fixture.contents;

        BundleVerification verification = verify(BundleFixture.write(new BundleContents(c.reportJson(), c.reportHtml(),
                otherAppliance.contents.signature(), otherAppliance.keys.certificatePem(), c.ledgerEntryJson(),
                c.createdAt())));

        assertEquals(List.of("ledger entry key id"), failed(verification));
        assertTrue(detail(verification, "ledger entry key id").contains(fixture.keys.keyId()));
    }

    @Test
    void verify_ledgerEntryOfAnotherAudit_failsAuditId() throws IOException {
        BundleContents c = fixture.contents;
        LedgerEntry e = fixture.entry;
        LedgerEntry other = new LedgerEntry(e.seq(), "audit-2", e.reportSha256(), e.recordedAt(), e.keyId(), e.prevHash(),
                e.entryHash());
        other = new LedgerEntry(e.seq(), "audit-2", e.reportSha256(), e.recordedAt(), e.keyId(), e.prevHash(),
                other.computeHash());

        BundleVerification verification = verify(BundleFixture.write(new BundleContents(c.reportJson(), c.reportHtml(),
                c.signature(), c.certificatePem(), other.toJson(), c.createdAt())));

        assertEquals(List.of("ledger entry audit id"), failed(verification));
        assertEquals("expected 'audit-1' (report.json), actual 'audit-2' (ledger entry)",
                detail(verification, "ledger entry audit id"));
    }

    @Test
    void verify_ledgerEntryWithWrongHash_failsShowingBothHashes() throws IOException {
        BundleContents c = fixture.contents;
        LedgerEntry e = fixture.entry;
        String wrong = "f".repeat(64);
        LedgerEntry forged = new LedgerEntry(e.seq(), e.auditId(), e.reportSha256(), e.recordedAt(), e.keyId(),
                e.prevHash(), wrong);

        BundleVerification verification = verify(BundleFixture.write(new BundleContents(c.reportJson(), c.reportHtml(),
                c.signature(), c.certificatePem(), forged.toJson(), c.createdAt())));

        assertEquals(List.of("ledger entry hash"), failed(verification));
        assertEquals("expected " + e.entryHash() + " (recomputed), actual " + wrong, detail(verification, "ledger entry hash"));
    }

    @Test
    void verify_malformedLedgerEntry_failsItsChecksWithoutThrowing() throws IOException {
        BundleContents c = fixture.contents;

        BundleVerification verification = verify(BundleFixture.write(new BundleContents(c.reportJson(), c.reportHtml(),
                c.signature(), c.certificatePem(), "{\"seq\":1}".getBytes(StandardCharsets.UTF_8), c.createdAt())));

        assertEquals(List.of("ledger entry", "ledger entry report hash", "ledger entry hash", "ledger entry key id",
                "ledger entry audit id"), failed(verification));
        assertTrue(detail(verification, "ledger entry").contains("lacks field(s)"));
    }

    @Test
    void verify_reportWithoutAuditId_failsAuditIdCheck() throws IOException {
        BundleContents c = fixture.contents;
        for (String report : List.of("{\"schemaVersion\":1}", "[1,2]", "{\"auditId\":7}",
                "{\"auditId\":\"audit-1\",\"auditId\":\"audit-1\"}", "{\"auditId\":\"audit-1\"} {}", "{\"auditId\":")) {
            byte[] json = report.getBytes(StandardCharsets.UTF_8);

            BundleVerification verification = verify(BundleFixture.write(new BundleContents(json, c.reportHtml(),
                    fixture.keys.sign(json, BundleFixture.NOW), c.certificatePem(), c.ledgerEntryJson(), c.createdAt())));

            assertTrue(failed(verification).contains("ledger entry audit id"), report + "\n" + BundleVerifier.describe(verification));
        }
    }

    @Test
    void verify_hostileCertificatePem_failsItsChecksWithoutThrowing() throws IOException {
        BundleContents c = fixture.contents;
        byte[] nested = new byte[40_000];
        for (int i = 0; i < nested.length / 2; i++) {
            nested[i] = (byte) (i % 2 == 0 ? 0x30 : 0x80);
        }
        String hostile = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(nested)
                + "\n-----END CERTIFICATE-----\n";

        BundleVerification verification = verify(BundleFixture.write(new BundleContents(c.reportJson(), c.reportHtml(),
                c.signature(), hostile, c.ledgerEntryJson(), c.createdAt())));

        assertEquals(List.of("signature", "ledger entry key id"), failed(verification));
        assertTrue(detail(verification, "signature").startsWith("appliance.pem is unusable"), detail(verification, "signature"));
    }

    @Test
    void verify_nonCanonicalManifest_failsManifest() throws IOException {
        Map<String, byte[]> entries = BundleFixture.entries(bundle);
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        entries.put("manifest.json", manifest.replace("{\"files\"", "{ \"files\"").getBytes(StandardCharsets.UTF_8));

        BundleVerification verification = verify(BundleFixture.zip(entries));

        assertTrue(failed(verification).contains("manifest"), BundleVerifier.describe(verification));
        assertTrue(detail(verification, "manifest").contains("canonical"), detail(verification, "manifest"));
    }

    private BundleVerification verify(byte[] zip) throws IOException {
        return verify(zip, null);
    }

    private BundleVerification verify(byte[] zip, java.security.cert.X509Certificate trusted) throws IOException {
        Path file = Files.createTempFile(dir, "bundle", ".zip");
        Files.write(file, zip);
        return BundleVerifier.verify(file, trusted);
    }

    private static List<String> failed(BundleVerification verification) {
        return verification.checks().stream().filter(c -> !c.passed()).map(Check::name).toList();
    }

    private static String detail(BundleVerification verification, String name) {
        return verification.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().detail();
    }

    private static void assertUnreadable(BundleVerification verification, String detailPart) {
        assertFalse(verification.passed());
        assertEquals(1, verification.checks().size(), BundleVerifier.describe(verification));
        Check check = verification.checks().getFirst();
        assertEquals("bundle readable", check.name());
        assertFalse(check.passed());
        assertTrue(check.detail().contains(detailPart), check.detail());
    }
}
