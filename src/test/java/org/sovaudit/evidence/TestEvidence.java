package org.sovaudit.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sovaudit.evidence.sign.ApplianceKeys;
import org.sovaudit.evidence.sign.KeyAlgorithm;
import org.sovaudit.evidence.sign.KeyDirectory;
import org.sovaudit.evidence.sign.KeyRing;
import org.sovaudit.evidence.sign.KeySettings;
import org.sovaudit.evidence.sign.Passphrases;
import org.sovaudit.model.Digests;
import org.sovaudit.store.AuditRepository;
import org.sovaudit.store.Database;
import org.sovaudit.store.ReportFile;
import org.sovaudit.store.StoredAudit;

/**
 * Real evidence components for tests: keys in a temporary directory (with the fewest PBKDF2
 * iterations the appliance accepts, so that tests stay fast), a real SQLite database, and audits
 * recorded exactly as the audit service records them, with small report files instead of a
 * pipeline run.
 */
public final class TestEvidence {

    public static final String PASSPHRASE = "correct horse battery staple";
    public static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private TestEvidence() {
    }

    public static KeySettings settings(KeyAlgorithm algorithm) {
        return new KeySettings(algorithm, Passphrases.of(PASSPHRASE, "the tests"), null, KeySettings.MIN_KDF_ITERATIONS);
    }

    public static KeySettings settings() {
        return settings(KeyAlgorithm.ECDSA_P256);
    }

    /** A passphrase file of mode 0600 in {@code dir}, for configurations. */
    public static Path passphraseFile(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("passphrase");
            Files.writeString(file, PASSPHRASE + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clock the test moves forward. */
    public static final class SteppingClock extends Clock {
        private Instant now;

        public SteppingClock(Instant start) {
            this.now = start;
        }

        public void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** An appliance's evidence stage over a data directory: database, key ring, recorder. */
    public static final class Appliance implements AutoCloseable {
        public final Path dataDir;
        public final SteppingClock clock;
        public final Database db;
        public final KeyRing keys;
        public final EvidenceRecorder evidence;

        public Appliance(Path dataDir, KeySettings settings) {
            this(dataDir, settings, new SteppingClock(START));
        }

        public Appliance(Path dataDir, KeySettings settings, SteppingClock clock) {
            this.dataDir = dataDir;
            this.clock = clock;
            this.db = Database.open(dataDir.resolve("sovaudit.db"));
            this.keys = new KeyRing(KeyDirectory.at(dataDir.resolve("keys")), db, settings, clock);
            this.evidence = new EvidenceRecorder(db, keys);
        }

        /** The report files of a small audit: canonical JSON and five other renderings. */
        public static List<ReportFile> reportFiles(String auditId, String scope) {
            String json = "{\"auditId\":\"" + auditId + "\",\"findings\":[{\"layer\":\"cloud\",\"vendor\":\"example\"}],"
                    + "\"schemaVersion\":1,\"scope\":\"" + scope + "\",\"summary\":{\"score\":61}}";
            Map<String, String> files = new LinkedHashMap<>();
            files.put("report.json", json);
            files.put("report.html", "<!doctype html><html><body><h1>Audit " + auditId + "</h1><p>" + "evidence ".repeat(60)
                    + "</p></body></html>");
            files.put("report.sarif", "{\"runs\":[],\"version\":\"2.1.0\",\"audit\":\"" + auditId + "\"}");
            files.put("report.oscal.json", "{\"assessment-results\":{\"uuid\":\"" + auditId + "\"}}");
            files.put("report.cdx.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"serial\":\"" + auditId + "\"}");
            files.put("report.csv", "layer,vendor,jurisdiction\ncloud,example,XX\n");
            List<ReportFile> out = new ArrayList<>();
            files.forEach((name, text) -> out.add(new ReportFile(name, "text/plain", text.getBytes(StandardCharsets.UTF_8))));
            return out;
        }

        /** Records an audit of {@code scope} at the clock's time, as the audit service does, and advances the clock. */
        public EvidenceRecorder.Recorded audit(String auditId, String scope) {
            ApplianceKeys signer = keys.active();
            Instant at = clock.instant();
            List<ReportFile> files = reportFiles(auditId, scope);
            byte[] json = files.getFirst().content();
            EvidenceRecorder.Recorded recorded = db.transaction(c -> {
                byte[] signature = signer.sign(json, at);
                AuditRepository audits = new AuditRepository(db);
                audits.insertAudit(c, new StoredAudit(auditId, scope, at.toString(), Digests.sha256Hex(json), json,
                        files.get(1).content(), signature, signer.certificatePem(), "{}"));
                audits.insertReportFiles(c, auditId, files);
                return evidence.record(c, signer, auditId, scope, at, files, signature);
            });
            clock.advance(60);
            return recorded;
        }

        public byte[] bundle(String auditId) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                evidence.writeBundle(auditId, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        public Path bundleFile(String auditId, Path file) {
            try {
                Files.write(file, bundle(auditId));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }

        @Override
        public void close() {
            db.close();
        }
    }

    /** The entries of a zip, in order. */
    public static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Copies the data directory release 0.1 made (test fixture) to {@code target}, key at mode 0600. */
    public static Path previousRelease(Path target) {
        Path source = Path.of("src/test/resources/previous-release/data");
        try {
            Files.createDirectories(target.resolve("keys"));
            Files.copy(source.resolve("sovaudit.db"), target.resolve("sovaudit.db"));
            for (String f : List.of("appliance-key.pem", "appliance.pem")) {
                Files.copy(source.resolve("keys").resolve(f), target.resolve("keys").resolve(f));
            }
            Files.setPosixFilePermissions(target.resolve("keys"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(target.resolve("keys/appliance-key.pem"),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The three audits in the release 0.1 fixture, in ledger order. */
    public static final List<String> PREVIOUS_AUDITS = List.of("20261129T093847Z-57829fa7", "20261129T093850Z-de4c7f13",
            "20261129T093854Z-cdafc6f4");
}
