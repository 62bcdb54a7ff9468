package org.sovaudit.evidence.bundle;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.model.Digests;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.bundle.BundleVerification.Check;
import org.sovaudit.evidence.ledger.LedgerEntry;
import org.sovaudit.evidence.sign.Certificates;
import org.sovaudit.evidence.sign.CmsVerifier;
import org.sovaudit.evidence.sign.SignatureCheck;

/**
 * Verifies an export bundle offline, with nothing but the bundle (and, optionally, the appliance
 * certificate the reviewer trusts). Never throws: every problem is a failed, named check.
 *
 * <p>Reading is defensive. The bundle file, each entry and all entries together have size caps;
 * more than {@value BundleLayout#MAX_ENTRIES} entries, duplicate names, and names that are empty,
 * absolute or hold '/', '\', ':', '..' or control characters make the bundle unreadable. The zip is
 * read twice, entry by entry from the front (local headers) and through its central directory (as
 * unzip tools read it), and both views must show the same names, in the same order, with the same
 * bytes; otherwise a reviewer's unzip could show other files than the ones verified.
 *
 * <p>Checks, in order: {@code bundle readable}; {@code bundle files} (exactly the six expected
 * entries); {@code manifest} (present, well-formed, canonical); {@code manifest lists files}
 * (exactly the entries present besides itself); {@code sha256 <name>} for each of the five listed
 * files; {@code signature} (the CMS signature over report.json verifies with the certificate in
 * appliance.pem, and the signer certificate in the CMS is that certificate); {@code ledger entry}
 * (well-formed); {@code ledger entry report hash}, {@code ledger entry hash}, {@code ledger entry key
 * id}, {@code ledger entry audit id}; and, when a trusted certificate is given, {@code trusted
 * certificate}.
 *
 * <p>What the checks do not prove: report.html is covered by the manifest only, and the manifest is
 * not signed, so whoever alters report.html can also rewrite the manifest; treat report.json as the
 * authoritative text. The ledger entry shows how the report was recorded, not that the appliance's
 * ledger still holds it; that needs the ledger itself (or, later, a signed tree head).
 */
public final class BundleVerifier {

    static final String READABLE = "bundle readable";
    static final String FILES = "bundle files";
    static final String MANIFEST = "manifest";
    static final String MANIFEST_LISTING = "manifest lists files";
    static final String SHA256_PREFIX = "sha256 ";
    static final String SIGNATURE = "signature";
    static final String LEDGER_ENTRY = "ledger entry";
    static final String LEDGER_REPORT_HASH = "ledger entry report hash";
    static final String LEDGER_HASH = "ledger entry hash";
    static final String LEDGER_KEY_ID = "ledger entry key id";
    static final String LEDGER_AUDIT_ID = "ledger entry audit id";
    static final String TRUSTED = "trusted certificate";

    private static final JsonFactory STRICT_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private BundleVerifier() {
    }

    /**
     * @param zip     the bundle file
     * @param trusted the appliance certificate the reviewer trusts, or null to check the bundle
     *                against its own certificate only
     */
    public static BundleVerification verify(Path zip, X509Certificate trusted) {
        try {
            Entries entries = readEntries(zip);
            if (entries.problem != null) {
                return new BundleVerification(List.of(new Check(READABLE, false, entries.problem)));
            }
            return new BundleVerification(checks(entries.files, trusted, entries.summary));
        } catch (RuntimeException e) {
            // Every step handles its own failures; this keeps the promise never to throw if one is missed.
            return new BundleVerification(List.of(new Check(READABLE, false, "unexpected error: " + message(e))));
        }
    }

    // ---------------------------------------------------------------- reading

    /** Either the entries in bundle order, or why the bundle cannot be read. */
    private record Entries(Map<String, byte[]> files, String summary, String problem) {
        static Entries unreadable(String problem) {
            return new Entries(Map.of(), "", problem);
        }
    }

    private static Entries readEntries(Path zip) {
        if (zip == null) {
            return Entries.unreadable("no bundle file given");
        }
        long size;
        try {
            if (!Files.isRegularFile(zip)) {
                return Entries.unreadable(zip + " is not a regular file");
            }
            size = Files.size(zip);
        } catch (IOException | SecurityException e) {
            return Entries.unreadable("cannot read " + zip + ": " + message(e));
        }
        if (size > BundleLayout.MAX_BUNDLE_BYTES) {
            return Entries.unreadable("the bundle is " + size + " bytes, more than a bundle can be ("
                    + BundleLayout.MAX_BUNDLE_BYTES + "); not read");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip)), StandardCharsets.UTF_8)) {
            long total = 0;
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (files.size() >= BundleLayout.MAX_ENTRIES) {
                    return Entries.unreadable("the bundle has more than " + BundleLayout.MAX_ENTRIES + " entries");
                }
                String name = entry.getName();
                String nameProblem = nameProblem(name);
                if (nameProblem != null) {
                    return Entries.unreadable(nameProblem);
                }
                if (files.containsKey(name)) {
                    return Entries.unreadable("duplicate entry '" + name + "'");
                }
                long limit = Math.min(BundleLayout.maxBytes(name), BundleLayout.MAX_TOTAL_BYTES - total);
                byte[] data = readAtMost(in, limit);
                if (data == null) {
                    return Entries.unreadable("entry '" + name + "' is larger than " + limit + " bytes");
                }
                total += data.length;
                files.put(name, data);
            }
        } catch (IOException | RuntimeException e) {
            return Entries.unreadable("not a readable zip: " + message(e));
        }
        if (files.isEmpty()) {
            return Entries.unreadable("not a zip bundle: no entries found");
        }
        String mismatch = centralDirectoryMismatch(zip, files);
        if (mismatch != null) {
            return Entries.unreadable(mismatch);
        }
        return new Entries(files, files.size() + " entries, " + size + " bytes", null);
    }

    /**
     * Reads the bundle again through its central directory and says how it differs from the
     * entries read from the front, or null when it shows exactly the same.
     */
    private static String centralDirectoryMismatch(Path zip, Map<String, byte[]> files) {
        try (ZipFile zipFile = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            if (zipFile.size() != files.size()) {
                return "the central directory lists " + zipFile.size() + " entries, the bundle holds " + files.size();
            }
            List<String> names = new ArrayList<>(files.keySet());
            int index = 0;
            for (Enumeration<? extends ZipEntry> it = zipFile.entries(); it.hasMoreElements(); index++) {
                ZipEntry entry = it.nextElement();
                String expectedName = names.get(index);
                if (!expectedName.equals(entry.getName())) {
                    return "the central directory names entry " + (index + 1) + " '" + printable(entry.getName())
                            + "', the bundle holds '" + expectedName + "' there";
                }
                byte[] expected = files.get(expectedName);
                byte[] actual;
                try (InputStream in = zipFile.getInputStream(entry)) {
                    actual = digestAtMost(in, expected.length);
                }
                if (actual == null || !MessageDigest.isEqual(actual, Digests.sha256(expected))) {
                    return "entry '" + expectedName + "' differs between the central directory and the entry itself";
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "the central directory is unreadable: " + message(e);
        }
    }

    /** Why {@code name} may not appear in a bundle, or null when it may. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "an entry has an empty name";
        }
        if (name.length() > 255) {
            return "an entry name is longer than 255 characters";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "entry name '" + printable(name) + "' holds a path separator; bundles are flat";
        }
        if (name.contains("..")) {
            return "entry name '" + printable(name) + "' holds '..'";
        }
        if (name.indexOf(':') >= 0) {
            return "entry name '" + printable(name) + "' holds ':' (a drive or stream name)";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "entry name '" + printable(name) + "' holds a control character";
            }
        }
        return null;
    }

    /** Reads {@code in} to its end, or returns null as soon as it holds more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            count += n;
            if (count > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** SHA-256 of {@code in}, or null when it holds more than {@code limit} bytes. */
    private static byte[] digestAtMost(InputStream in, long limit) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new EvidenceException("this Java runtime has no SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            count += n;
            if (count > limit) {
                return null;
            }
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    // ---------------------------------------------------------------- checks

    private static List<Check> checks(Map<String, byte[]> files, X509Certificate trusted, String summary) {
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
                manifestProblem = message(e);
            }
        }
        checks.add(manifest != null
                ? new Check(MANIFEST, true, BundleLayout.FORMAT + ", " + manifest.files.size() + " files listed")
                : new Check(MANIFEST, false, manifestProblem));
        checks.add(manifestListing(manifest, files));
        for (String name : BundleLayout.LISTED) {
            checks.add(fileHash(name, manifest, files));
        }

        X509Certificate certificate = null;
        String certificateProblem = null;
        byte[] pem = files.get(BundleLayout.CERTIFICATE);
        if (pem == null) {
            certificateProblem = BundleLayout.CERTIFICATE + " is missing";
        } else {
            try {
                certificate = Certificates.fromPem(new String(pem, StandardCharsets.US_ASCII));
            } catch (RuntimeException e) {
                certificateProblem = BundleLayout.CERTIFICATE + " is unusable: " + message(e);
            }
        }
        byte[] report = files.get(BundleLayout.REPORT_JSON);
        checks.add(signature(report, files.get(BundleLayout.SIGNATURE), certificate, certificateProblem));
        checks.addAll(ledgerChecks(files.get(BundleLayout.LEDGER_ENTRY), report, certificate, certificateProblem));
        if (trusted != null) {
            checks.add(trustedCertificate(certificate, certificateProblem, trusted));
        }
        return checks;
    }

    private static Check fileSet(Map<String, byte[]> files) {
        Set<String> missing = new TreeSet<>(BundleLayout.ENTRIES);
        missing.removeAll(files.keySet());
        Set<String> unexpected = new TreeSet<>(files.keySet());
        BundleLayout.ENTRIES.forEach(unexpected::remove);
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return new Check(FILES, true, "exactly " + String.join(", ", BundleLayout.ENTRIES));
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
        String check = SHA256_PREFIX + name;
        byte[] data = files.get(name);
        if (data == null) {
            return new Check(check, false, name + " is missing");
        }
        if (manifest == null) {
            return new Check(check, false, "not checked: no usable manifest");
        }
        ManifestFile listed = manifest.files.get(name);
        if (listed == null) {
            return new Check(check, false, name + " is not listed in the manifest");
        }
        String actual = Digests.sha256Hex(data);
        if (!listed.sha256().equals(actual)) {
            return new Check(check, false, "expected " + listed.sha256() + " (manifest), actual " + actual);
        }
        if (listed.size() != data.length) {
            return new Check(check, false, "expected " + listed.size() + " bytes (manifest), actual " + data.length);
        }
        return new Check(check, true, actual + ", " + data.length + " bytes");
    }

    private static Check signature(byte[] report, byte[] signature, X509Certificate certificate, String certificateProblem) {
        if (report == null) {
            return new Check(SIGNATURE, false, BundleLayout.REPORT_JSON + " is missing");
        }
        if (signature == null) {
            return new Check(SIGNATURE, false, BundleLayout.SIGNATURE + " is missing");
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
            return notChecked(new Check(LEDGER_ENTRY, false, BundleLayout.LEDGER_ENTRY + " is missing"));
        }
        LedgerEntry entry;
        try {
            entry = LedgerEntry.fromJson(json);
        } catch (RuntimeException e) {
            return notChecked(new Check(LEDGER_ENTRY, false, message(e)));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(LEDGER_ENTRY, true, "entry " + entry.seq() + " for audit " + entry.auditId()
                + ", recorded " + entry.recordedAt()));
        if (report == null) {
            checks.add(new Check(LEDGER_REPORT_HASH, false, BundleLayout.REPORT_JSON + " is missing"));
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
            return new Check(LEDGER_AUDIT_ID, false, BundleLayout.REPORT_JSON + " is missing");
        }
        String reportAuditId;
        try {
            reportAuditId = topLevelAuditId(report);
        } catch (IOException | RuntimeException e) {
            return new Check(LEDGER_AUDIT_ID, false, "report.json is not readable JSON: " + message(e));
        }
        if (reportAuditId == null) {
            return new Check(LEDGER_AUDIT_ID, false, "report.json has no top-level \"auditId\" string");
        }
        return entry.auditId().equals(reportAuditId)
                ? new Check(LEDGER_AUDIT_ID, true, reportAuditId)
                : new Check(LEDGER_AUDIT_ID, false, "expected '" + printable(reportAuditId)
                        + "' (report.json), actual '" + entry.auditId() + "' (ledger entry)");
    }

    /**
     * The string value of the top-level {@code auditId} field, or null when there is none. Streams
     * through the report (which may be large) without building it in memory; refuses duplicate
     * keys and anything after the top-level object.
     */
    private static String topLevelAuditId(byte[] report) throws IOException {
        try (JsonParser parser = STRICT_JSON.createParser(report)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the top level is not an object");
            }
            String auditId = null;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("auditId".equals(field)) {
                    auditId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new IOException("content after the top-level object");
            }
            return auditId;
        }
    }

    private static Check trustedCertificate(X509Certificate certificate, String certificateProblem, X509Certificate trusted) {
        String trustedKeyId;
        byte[] trustedEncoded;
        try {
            trustedKeyId = Certificates.keyId(trusted);
            trustedEncoded = trusted.getEncoded();
        } catch (CertificateEncodingException | RuntimeException e) {
            return new Check(TRUSTED, false, "the trusted certificate is unusable: " + message(e));
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
            return new Check(TRUSTED, false, "appliance.pem cannot be encoded: " + message(e));
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
            if (!format.isTextual() || !BundleLayout.FORMAT.equals(format.textValue())) {
                throw new EvidenceException("the manifest format is " + format + ", expected \"" + BundleLayout.FORMAT + "\"");
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
                if (!name.isTextual() || nameProblem(name.textValue()) != null) {
                    throw new EvidenceException("the manifest lists an invalid file name " + abbreviate(name.toString()));
                }
                if (BundleLayout.MANIFEST.equals(name.textValue())) {
                    throw new EvidenceException("the manifest lists itself");
                }
                if (!seen.add(name.textValue())) {
                    throw new EvidenceException("the manifest lists " + name.textValue() + " twice");
                }
                if (!sha256.isTextual() || !Digests.isSha256Hex(sha256.textValue())) {
                    throw new EvidenceException("the manifest's sha256 of " + name.textValue()
                            + " is not 64 lower-case hex digits: " + abbreviate(sha256.toString()));
                }
                if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
                    throw new EvidenceException("the manifest's size of " + name.textValue()
                            + " is not a whole number of bytes: " + abbreviate(size.toString()));
                }
                files.put(name.textValue(), new ManifestFile(name.textValue(), sha256.textValue(), size.longValue()));
            }
            if (!Arrays.equals(bytes, BundleWriter.manifestJson(files.values().stream().toList()))) {
                throw new EvidenceException("the manifest is well-formed but not in canonical form"
                        + " (sorted keys, no whitespace)");
            }
            return new Manifest(files);
        }
    }

    // ---------------------------------------------------------------- text

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : printable(message);
    }

    /** {@code s} with control characters shown as '?' and cut to a readable length. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char ch = s.charAt(i);
            sb.append(Character.isISOControl(ch) ? '?' : ch);
        }
        return s.length() > 200 ? sb + "..." : sb.toString();
    }

    private static String abbreviate(String s) {
        return printable(s.length() <= 80 ? s : s.substring(0, 80) + "...");
    }

    static String describe(BundleVerification verification) {
        StringBuilder sb = new StringBuilder();
        for (Check check : verification.checks()) {
            sb.append(check.passed() ? "PASS " : "FAIL ").append(check.name()).append(": ").append(check.detail()).append('\n');
        }
        return sb.toString();
    }
}
