package org.sovaudit.evidence.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.evidence.bundle.BundleVerification.Check;
import org.sovaudit.evidence.ledger.LedgerEntry;
import org.sovaudit.evidence.sign.Certificates;
import org.sovaudit.evidence.sign.CmsVerifier;
import org.sovaudit.evidence.sign.SignatureCheck;
import org.sovaudit.model.Digests;

/**
 * The checks of a bundle in release 0.1's format ({@code sovaudit-bundle/1}), kept so that bundles
 * made before the upgrade stay verifiable: {@code bundle files} (exactly report.json, report.html,
 * report.json.p7s, appliance.pem, ledger-entry.json, manifest.json); {@code manifest};
 * {@code manifest lists files}; {@code sha256 <name>} for each listed file; {@code signature};
 * {@code ledger entry} and its {@code report hash}, {@code hash}, {@code key id} and {@code audit id};
 * and, with a trusted certificate, {@code trusted certificate}.
 *
 * <p>What they do not prove: that format's manifest is not signed, so report.html is covered only by
 * a hash whoever alters it can also rewrite; report.json is the authoritative text. The ledger
 * entry shows how the report was recorded, not that the appliance's ledger still holds it.
 */
final class LegacyBundleChecks {

    static final String READABLE = BundleVerifier.READABLE;
    static final String FILES = BundleVerifier.FILES;
    static final String MANIFEST = BundleVerifier.MANIFEST;
    static final String MANIFEST_LISTING = BundleVerifier.MANIFEST_LISTING;
    static final String SHA256_PREFIX = BundleVerifier.SHA256_PREFIX;
    static final String SIGNATURE = "signature";
    static final String LEDGER_ENTRY = "ledger entry";
    static final String LEDGER_REPORT_HASH = "ledger entry report hash";
    static final String LEDGER_HASH = "ledger entry hash";
    static final String LEDGER_KEY_ID = "ledger entry key id";
    static final String LEDGER_AUDIT_ID = "ledger entry audit id";
    static final String TRUSTED = BundleVerifier.TRUSTED;

    private LegacyBundleChecks() {
    }


    static List<Check> checks(Map<String, byte[]> files, X509Certificate trusted, String summary) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(READABLE, true, summary));
        checks.add(fileSet(files));

        Manifest manifest = null;
        String manifestProblem;
        byte[] manifestBytes = files.get(BundleLayout.MANIFEST);
        if (manifestBytes == null) {
            manifestProblem = BundleLayout.MANIFEST + " is missing";
        } else {
            try {
                manifest = Manifest.parse(manifestBytes);
                manifestProblem = null;
            } catch (EvidenceException e) {
                manifestProblem = BundleReader.message(e);
            }
        }
        checks.add(manifest != null
                ? new Check(MANIFEST, true, BundleLayout.FORMAT_V1 + ", " + manifest.files.size() + " files listed")
                : new Check(MANIFEST, false, manifestProblem));
        checks.add(manifestListing(manifest, files));
        for (String name : BundleLayout.V1_LISTED) {
            checks.add(fileHash(name, manifest, files));
        }

        X509Certificate certificate = null;
        String certificateProblem = null;
        byte[] pem = files.get(BundleLayout.V1_CERTIFICATE);
        if (pem == null) {
            certificateProblem = BundleLayout.V1_CERTIFICATE + " is missing";
        } else {
            try {
                certificate = Certificates.fromPem(new String(pem, StandardCharsets.US_ASCII));
            } catch (RuntimeException e) {
                certificateProblem = BundleLayout.V1_CERTIFICATE + " is unusable: " + BundleReader.message(e);
            }
        }
        byte[] report = files.get(BundleLayout.V1_REPORT_JSON);
        checks.add(signature(report, files.get(BundleLayout.V1_SIGNATURE), certificate, certificateProblem));
        checks.addAll(ledgerChecks(files.get(BundleLayout.V1_LEDGER_ENTRY), report, certificate, certificateProblem));
        if (trusted != null) {
            checks.add(trustedCertificate(certificate, certificateProblem, trusted));
        }
        return checks;
    }

    private static Check fileSet(Map<String, byte[]> files) {
        Set<String> missing = new TreeSet<>(BundleLayout.V1_ENTRIES);
        missing.removeAll(files.keySet());
        Set<String> unexpected = new TreeSet<>(files.keySet());
        BundleLayout.V1_ENTRIES.forEach(unexpected::remove);
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return new Check(FILES, true, "exactly " + String.join(", ", BundleLayout.V1_ENTRIES));
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + missing);
        }
        if (!unexpected.isEmpty()) {
            parts.add("unexpected " + unexpected);
        }
        return new Check(FILES, false, String.join("; ", parts));
    }

    private static Check manifestListing(Manifest manifest, Map<String, byte[]> files) {
        if (manifest == null) {
            return new Check(MANIFEST_LISTING, false, "not checked: no usable manifest");
        }
        Set<String> present = new TreeSet<>(files.keySet());
        present.remove(BundleLayout.MANIFEST);
        Set<String> listed = new TreeSet<>(manifest.files.keySet());
        Set<String> notPresent = new TreeSet<>(listed);
        notPresent.removeAll(present);
        Set<String> notListed = new TreeSet<>(present);
        notListed.removeAll(listed);
        if (notPresent.isEmpty() && notListed.isEmpty()) {
            return new Check(MANIFEST_LISTING, true, "lists exactly the " + present.size() + " files present");
        }
        List<String> parts = new ArrayList<>();
        if (!notPresent.isEmpty()) {
            parts.add("listed but not in the bundle " + notPresent);
        }
        if (!notListed.isEmpty()) {
            parts.add("in the bundle but not listed " + notListed);
        }
        return new Check(MANIFEST_LISTING, false, String.join("; ", parts));
    }

    private static Check fileHash(String name, Manifest manifest, Map<String, byte[]> files) {
        return ManifestFile.check(SHA256_PREFIX + name, name, manifest == null ? null : manifest.files(), files);
    }

    private static Check signature(byte[] report, byte[] signature, X509Certificate certificate, String certificateProblem) {
        if (report == null) {
            return new Check(SIGNATURE, false, BundleLayout.V1_REPORT_JSON + " is missing");
        }
        if (signature == null) {
            return new Check(SIGNATURE, false, BundleLayout.V1_SIGNATURE + " is missing");
        }
        if (certificate == null) {
            return new Check(SIGNATURE, false, certificateProblem);
        }
        SignatureCheck result = CmsVerifier.verify(report, signature, certificate);
        return new Check(SIGNATURE, result.valid(), result.detail());
    }

    private static List<Check> ledgerChecks(byte[] json, byte[] report, X509Certificate certificate,
                                            String certificateProblem) {
        if (json == null) {
            return notChecked(new Check(LEDGER_ENTRY, false, BundleLayout.V1_LEDGER_ENTRY + " is missing"));
        }
        LedgerEntry entry;
        try {
            entry = LedgerEntry.fromJson(json);
        } catch (RuntimeException e) {
            return notChecked(new Check(LEDGER_ENTRY, false, BundleReader.message(e)));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(LEDGER_ENTRY, true, "entry " + entry.seq() + " for audit " + entry.auditId()
                + ", recorded " + entry.recordedAt()));
        if (report == null) {
            checks.add(new Check(LEDGER_REPORT_HASH, false, BundleLayout.V1_REPORT_JSON + " is missing"));
        } else {
            String actual = Digests.sha256Hex(report);
            checks.add(entry.reportSha256().equals(actual)
                    ? new Check(LEDGER_REPORT_HASH, true, "SHA-256 of report.json is " + actual)
                    : new Check(LEDGER_REPORT_HASH, false, "expected " + entry.reportSha256()
                            + " (ledger entry), actual " + actual + " (SHA-256 of report.json)"));
        }
        String computed = entry.computeHash();
        checks.add(entry.entryHash().equals(computed)
                ? new Check(LEDGER_HASH, true, computed)
                : new Check(LEDGER_HASH, false, "expected " + computed + " (recomputed), actual " + entry.entryHash()));
        if (certificate == null) {
            checks.add(new Check(LEDGER_KEY_ID, false, certificateProblem));
        } else {
            String keyId = Certificates.keyId(certificate);
            checks.add(entry.keyId().equals(keyId)
                    ? new Check(LEDGER_KEY_ID, true, keyId)
                    : new Check(LEDGER_KEY_ID, false, "expected " + keyId + " (appliance.pem), actual " + entry.keyId()));
        }
        checks.add(auditIdCheck(entry, report));
        return checks;
    }

    private static List<Check> notChecked(Check entryCheck) {
        String detail = "not checked: no usable ledger entry";
        return List.of(entryCheck,
                new Check(LEDGER_REPORT_HASH, false, detail),
                new Check(LEDGER_HASH, false, detail),
                new Check(LEDGER_KEY_ID, false, detail),
                new Check(LEDGER_AUDIT_ID, false, detail));
    }

    private static Check auditIdCheck(LedgerEntry entry, byte[] report) {
        if (report == null) {
            return new Check(LEDGER_AUDIT_ID, false, BundleLayout.V1_REPORT_JSON + " is missing");
        }
        String reportAuditId;
        try {
            reportAuditId = BundleReader.topLevelAuditId(report);
        } catch (IOException | RuntimeException e) {
            return new Check(LEDGER_AUDIT_ID, false, "report.json is not readable JSON: " + BundleReader.message(e));
        }
        if (reportAuditId == null) {
            return new Check(LEDGER_AUDIT_ID, false, "report.json has no top-level \"auditId\" string");
        }
        return entry.auditId().equals(reportAuditId)
                ? new Check(LEDGER_AUDIT_ID, true, reportAuditId)
                : new Check(LEDGER_AUDIT_ID, false, "expected '" + BundleReader.printable(reportAuditId)
                        + "' (report.json), actual '" + entry.auditId() + "' (ledger entry)");
    }

    private static Check trustedCertificate(X509Certificate certificate, String certificateProblem, X509Certificate trusted) {
        String trustedKeyId;
        byte[] trustedEncoded;
        try {
            trustedKeyId = Certificates.keyId(trusted);
            trustedEncoded = trusted.getEncoded();
        } catch (CertificateEncodingException | RuntimeException e) {
            return new Check(TRUSTED, false, "the trusted certificate is unusable: " + BundleReader.message(e));
        }
        if (certificate == null) {
            return new Check(TRUSTED, false, certificateProblem);
        }
        try {
            if (Arrays.equals(certificate.getEncoded(), trustedEncoded)) {
                return new Check(TRUSTED, true, "appliance.pem is the trusted certificate (key id " + trustedKeyId + ")");
            }
            return new Check(TRUSTED, false, "expected key id " + trustedKeyId + " (trusted certificate), actual "
                    + Certificates.keyId(certificate) + " (appliance.pem)"
                    + (trustedKeyId.equals(Certificates.keyId(certificate)) ? ", same key in a different certificate" : ""));
        } catch (CertificateEncodingException e) {
            return new Check(TRUSTED, false, "appliance.pem cannot be encoded: " + BundleReader.message(e));
        }
    }

    // ---------------------------------------------------------------- manifest

    /** A parsed manifest: its files by name, in listed order. */
    private record Manifest(Map<String, ManifestFile> files) {
        private static final Set<String> KEYS = Set.of("format", "files");
        private static final Set<String> FILE_KEYS = Set.of("name", "sha256", "size");

        static Manifest parse(byte[] bytes) {
            JsonNode node = StrictJson.readStrict(bytes, BundleLayout.MAX_SMALL_FILE_BYTES);
            StrictJson.requireExactKeys(node, KEYS, "the manifest");
            JsonNode format = node.get("format");
            if (!format.isTextual() || !BundleLayout.FORMAT_V1.equals(format.textValue())) {
                throw new EvidenceException("the manifest format is " + format + ", expected \"" + BundleLayout.FORMAT_V1 + "\"");
            }
            JsonNode list = node.get("files");
            if (!list.isArray()) {
                throw new EvidenceException("the manifest's files must be an array");
            }
            if (list.size() > BundleLayout.MAX_ENTRIES) {
                throw new EvidenceException("the manifest lists " + list.size() + " files, more than a bundle holds");
            }
            Map<String, ManifestFile> files = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode file : list) {
                StrictJson.requireExactKeys(file, FILE_KEYS, "a manifest file entry");
                JsonNode name = file.get("name");
                JsonNode sha256 = file.get("sha256");
                JsonNode size = file.get("size");
                if (!name.isTextual() || BundleReader.nameProblem(name.textValue()) != null) {
                    throw new EvidenceException("the manifest lists an invalid file name " + BundleReader.abbreviate(name.toString()));
                }
                if (BundleLayout.MANIFEST.equals(name.textValue())) {
                    throw new EvidenceException("the manifest lists itself");
                }
                if (!seen.add(name.textValue())) {
                    throw new EvidenceException("the manifest lists " + name.textValue() + " twice");
                }
                if (!sha256.isTextual() || !Digests.isSha256Hex(sha256.textValue())) {
                    throw new EvidenceException("the manifest's sha256 of " + name.textValue()
                            + " is not 64 lower-case hex digits: " + BundleReader.abbreviate(sha256.toString()));
                }
                if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
                    throw new EvidenceException("the manifest's size of " + name.textValue()
                            + " is not a whole number of bytes: " + BundleReader.abbreviate(size.toString()));
                }
                files.put(name.textValue(), new ManifestFile(name.textValue(), sha256.textValue(), size.longValue()));
            }
            if (!Arrays.equals(bytes, BundleWriter.legacyManifestJson(files.values().stream().toList()))) {
                throw new EvidenceException("the manifest is well-formed but not in canonical form"
                        + " (sorted keys, no whitespace)");
            }
            return new Manifest(files);
        }
    }
}
