package org.sovaudit.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.sovaudit.assess.Assessment;
import org.sovaudit.assess.Assessor;
import org.sovaudit.assess.DriftCalculator;
import org.sovaudit.assess.Attributed;
import org.sovaudit.assess.Policy;
import org.sovaudit.assess.Rules;
import org.sovaudit.attribute.Attributions;
import org.sovaudit.attribute.KnowledgeBase;
import org.sovaudit.attribute.OnnxAttributor;
import org.sovaudit.attribute.update.ModelStore;
import org.sovaudit.attribute.Subject;
import org.sovaudit.collect.Collector;
import org.sovaudit.model.Digests;
import org.sovaudit.collect.FileSink;
import org.sovaudit.evidence.EvidenceRecorder;
import org.sovaudit.evidence.ledger.MerkleLedger;
import org.sovaudit.evidence.sign.ApplianceKeys;
import org.sovaudit.evidence.sign.KeyDirectory;
import org.sovaudit.evidence.sign.KeyRing;
import org.sovaudit.evidence.sign.KeySettings;
import org.sovaudit.evidence.sign.PassphraseSource;
import org.sovaudit.evidence.sign.Passphrases;
import org.sovaudit.model.Attribution;
import org.sovaudit.model.AuditReport;
import org.sovaudit.model.AuditReport.FileEntry;
import org.sovaudit.model.Dependency;
import org.sovaudit.model.FileError;
import org.sovaudit.model.Finding;
import org.sovaudit.model.JurisdictionClass;
import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Severity;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.Parsers;
import org.sovaudit.report.CanonicalJson;
import org.sovaudit.report.ReportWriter;
import org.sovaudit.report.ReportWriters;
import org.sovaudit.store.AuditListing;
import org.sovaudit.store.AuditRepository;
import org.sovaudit.store.Database;
import org.sovaudit.store.ReportFile;
import org.sovaudit.store.StoreException;
import org.sovaudit.store.StoredAudit;

/**
 * The audit service: runs the pipeline from sources to a signed report recorded in the ledger.
 * Both front doors call it. One audit is one database transaction: its files, observations,
 * findings, report, signature, ledger leaf, signed tree head and bundle files are committed
 * together or not at all. The signing key is unlocked on the first audit, not before, so that
 * commands that only read never ask for its passphrase.
 */
public final class Audit implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Audit.class.getName());

    private final Database db;
    private final AuditRepository audits;
    private final KeyRing keyRing;
    private final EvidenceRecorder evidence;
    private final Parsers parsers;
    private final KnowledgeBase kb;
    private final OnnxAttributor model;
    private final Clock clock;
    private final Supplier<String> ids;
    private final int maxEvidence;
    private final ReportWriters writers = ReportWriters.standard();

    private Audit(Builder b, Database db) {
        this.db = db;
        this.audits = new AuditRepository(db);
        this.keyRing = new KeyRing(KeyDirectory.at(b.dataDir.resolve("keys")), db, b.keySettings, b.clock);
        this.evidence = new EvidenceRecorder(db, keyRing);
        this.parsers = b.parsers;
        this.kb = b.knowledgeBase;
        this.model = b.model;
        this.clock = b.clock;
        this.ids = b.ids == null ? AuditIds.timeBased(b.clock) : b.ids;
        this.maxEvidence = b.maxEvidence;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs one audit and commits it; returns what was committed. */
    public AuditResult run(AuditRequest request) {
        Policy policy = request.policy().requireHome();
        String id = AuditIds.require(ids.get());
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Attributions attributions = Attributions.create(kb, model, policy.modelThreshold(),
                Set.copyOf(policy.internalDomains()), policy.internalNetworks());
        ApplianceKeys signer = keyRing.active();
        return db.transaction(c -> {
            if (audits.exists(id)) {
                throw new AuditException("an audit with id '" + id + "' already exists");
            }
            Run run = new Run(c, id);
            try {
                boolean prefix = request.sources().size() > 1;
                for (Collector source : request.sources()) {
                    run.collect(source, prefix);
                }
            } finally {
                run.finishObservations();
            }

            List<Attributed> attributed = attribute(run.gatherer, attributions);
            Assessment assessment = new Assessor(policy, LocalDate.ofInstant(createdAt, ZoneOffset.UTC)).assess(attributed);
            AuditReport report = report(id, request.scope(), createdAt, policy, run, assessment);
            Optional<byte[]> previous = audits.latestReportOfScope(c, request.scope());
            if (previous.isPresent()) {
                report = report.withDrift(DriftCalculator.between(readTree(previous.get()),
                        CanonicalJson.mapper().valueToTree(report)));
            }
            List<ReportFile> files = new ArrayList<>();
            for (ReportWriter writer : writers.all()) {
                files.add(new ReportFile(writer.fileName(), writer.mediaType(), writer.bytes(report)));
            }
            byte[] json = content(files, "report.json");
            byte[] html = content(files, "report.html");
            String sha = Digests.sha256Hex(json);
            byte[] signature = signer.sign(json, createdAt);

            audits.insertFiles(c, id, report.files());
            audits.insertErrors(c, id, report.errors());
            audits.insertFindings(c, id, report.findings());
            audits.insertAudit(c, new StoredAudit(id, request.scope(), report.createdAt(), sha, json, html,
                    signature, signer.certificatePem(), new String(CanonicalJson.bytes(report.summary()),
                    StandardCharsets.UTF_8)));
            audits.insertReportFiles(c, id, files);
            EvidenceRecorder.Recorded recorded = evidence.record(c, signer, id, request.scope(), createdAt, files, signature);
            return new AuditResult(report, json, html, signature, signer.certificatePem(), recorded.leaf(),
                    recorded.head());
        });
    }

    /** One audit's pass over its sources: files parsed one at a time, observations streamed to the store. */
    private final class Run implements FileSink {
        final Gatherer gatherer = new Gatherer(maxEvidence);
        final List<FileEntry> files = new ArrayList<>();
        final List<FileError> errors = new ArrayList<>();
        final AuditRepository.ObservationWriter writer;
        final Set<String> seenPaths = new HashSet<>();
        final Set<String> prefixes = new HashSet<>();
        long observations;
        int parsed;
        int unrecognised;

        Run(Connection c, String id) throws SQLException {
            this.writer = audits.observationWriter(c, id);
        }

        void collect(Collector source, boolean prefix) {
            if (prefix) {
                source = new PrefixedCollector(source, uniquePrefix(source.name()));
            }
            source.collect(this);
        }

        private String uniquePrefix(String name) {
            String base = name.isEmpty() ? "source" : name;
            String candidate = base;
            for (int i = 2; !prefixes.add(candidate); i++) {
                candidate = base + "-" + i;
            }
            return candidate + "/";
        }

        @Override
        public void accept(SourceFile file) {
            if (!seenPaths.add(file.path())) {
                errors.add(FileError.wholeFile(file.path(), "the same path was collected twice; only the first was read"));
                return;
            }
            Optional<Parser> parser = parsers.forFile(file);
            if (parser.isEmpty()) {
                unrecognised++;
                files.add(new FileEntry(file.path(), file.sha256(), file.size(), "", 0));
                return;
            }
            ParseResult result = parse(parser.get(), file);
            parsed++;
            errors.addAll(result.errors());
            for (Observation o : result.observations()) {
                try {
                    writer.write(o);
                } catch (SQLException e) {
                    throw new StoreException("cannot store observations of " + file.path() + ": " + e.getMessage(), e);
                }
                gatherer.add(o);
            }
            observations += result.observations().size();
            files.add(new FileEntry(file.path(), file.sha256(), file.size(), parser.get().id(),
                    result.observations().size()));
        }

        @Override
        public void reject(FileError error) {
            errors.add(error);
        }

        void finishObservations() throws SQLException {
            writer.close();
        }
    }

    /** A parser that throws is a bug in the parser, not a reason to lose the audit: it becomes a file error. */
    private static ParseResult parse(Parser parser, SourceFile file) {
        try {
            return parser.parse(file);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.WARNING, "parser " + parser.id() + " failed on " + file.path(), e);
            return ParseResult.failed(FileError.wholeFile(file.path(), "parser " + parser.id()
                    + " could not read this file (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private static List<Attributed> attribute(Gatherer gatherer, Attributions attributions) {
        Map<Gatherer.Key, Gatherer.Entry> entries = gatherer.entries();
        List<Subject> subjects = new ArrayList<>(entries.size());
        for (Gatherer.Key k : entries.keySet()) {
            subjects.add(new Subject(k.kind(), k.value(), k.role(), k.context()));
        }
        Map<Subject, Attribution> results = attributions.attribute(subjects);
        List<Attributed> out = new ArrayList<>(entries.size());
        entries.forEach((k, e) -> {
            Attribution a = results.get(new Subject(k.kind(), k.value(), k.role(), k.context()));
            if (a == null) {
                a = Attribution.unattributed("not attributed", List.of());
            }
            out.add(new Attributed(k.kind(), k.value(), k.role(), k.context(), e.occurrences(), e.evidence(), a));
        });
        return out;
    }

    private AuditReport report(String id, String scope, Instant createdAt, Policy policy, Run run,
                               Assessment assessment) {
        List<FileEntry> files = new ArrayList<>(run.files);
        files.sort(Comparator.comparing(FileEntry::path));
        List<FileError> errors = new ArrayList<>(run.errors);
        errors.sort(Comparator.comparing(FileError::path).thenComparingInt(FileError::line)
                .thenComparing(FileError::reason));
        Map<String, Integer> bySeverity = new TreeMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.id(), 0);
        }
        for (Finding f : assessment.findings()) {
            bySeverity.merge(f.severity().id(), 1, Integer::sum);
        }
        int internal = 0;
        int foreign = 0;
        int unattributed = 0;
        for (Dependency d : assessment.dependencies()) {
            switch (d.jurisdictionClass()) {
                case INTERNAL -> internal++;
                case FOREIGN -> foreign++;
                case UNKNOWN -> unattributed++;
                default -> {
                }
            }
        }
        int external = assessment.dependencies().size() - internal;
        AuditReport.Summary summary = new AuditReport.Summary(assessment.scores().overall(), files.size(), run.parsed,
                run.unrecognised, errors.size(), run.observations, assessment.dependencies().size(), internal, external,
                foreign, unattributed, assessment.foreignShare(), bySeverity, assessment.accepted().size());
        List<AuditReport.Component> parserComponents = parsers.all().stream()
                .map(p -> new AuditReport.Component(p.id(), p.version(), ""))
                .toList();
        AuditReport.Toolchain toolchain = new AuditReport.Toolchain(Appliance.version(), parserComponents,
                new AuditReport.Component("knowledge-base", kb.version(), kb.sha256()),
                new AuditReport.Component("attribution-model", "1", model.sha256()),
                new AuditReport.Component("rules", Rules.VERSION, ""));
        AuditReport.PolicySummary policySummary = new AuditReport.PolicySummary(policy.name(),
                Digests.sha256Hex(CanonicalJson.bytes(policy.asMap())), policy.home(), policy.trusted(),
                policy.internalDomains());
        return new AuditReport(AuditReport.SCHEMA_VERSION, id, scope, createdAt.toString(), toolchain,
                policySummary, summary, assessment.scores(), assessment.layers(), assessment.lockIn(),
                assessment.controlPlane(), assessment.residency(), assessment.findings(), assessment.accepted(), null,
                assessment.dependencies(), files, errors);
    }

    private static byte[] content(List<ReportFile> files, String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst().map(ReportFile::content)
                .orElseThrow(() -> new IllegalStateException("no report writer for " + name));
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] json) {
        try {
            return CanonicalJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new StoreException("the previous report of this scope is not readable JSON: " + e.getMessage(), e);
        }
    }

    /** The stored renderings of a committed audit (report.json, report.html, report.sarif, ...). */
    public List<ReportFile> reportFiles(String id) {
        find(id).orElseThrow(() -> new AuditNotFoundException(id));
        return audits.reportFiles(id);
    }

    /** Every committed audit, newest first. */
    public List<AuditListing> list() {
        return audits.list();
    }

    public Optional<StoredAudit> find(String id) {
        return AuditIds.valid(id) ? audits.find(id) : Optional.empty();
    }

    /** Writes the export bundle of a committed audit, from the files fixed when it was committed. */
    public void writeBundle(String id, OutputStream out) throws IOException {
        find(id).orElseThrow(() -> new AuditNotFoundException(id));
        evidence.writeBundle(id, out);
    }

    public MerkleLedger ledger() {
        return evidence.ledger();
    }

    /** The evidence stage: ledger verification, key rotation, bundles. */
    public EvidenceRecorder evidence() {
        return evidence;
    }

    /** The active signing key, unlocked (created on a new appliance); may ask for the passphrase. */
    public ApplianceKeys keys() {
        return keyRing.active();
    }

    public KeyRing keyRing() {
        return keyRing;
    }

    public Database database() {
        return db;
    }

    public Parsers parsers() {
        return parsers;
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    @Override
    public void close() {
        try {
            if (model != null) {
                model.close();
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing the model failed", e);
        } finally {
            db.close();
        }
    }

    /** Builds an audit service over a data directory (database and keys). */
    public static final class Builder {
        private Path dataDir;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids;
        private int maxEvidence = 5;
        private int modelThreads = 1;
        private int batchSize = 256;
        private Parsers parsers;
        private KnowledgeBase knowledgeBase;
        private OnnxAttributor model;
        private KeySettings keySettings;

        private Builder() {
        }

        /** Where the database ({@code sovaudit.db}) and keys ({@code keys/}) live. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Supplies audit ids; by default time-based with a random part. */
        public Builder ids(Supplier<String> ids) {
            this.ids = ids;
            return this;
        }

        /** How many occurrences of each dependency the report lists as evidence. */
        public Builder maxEvidence(int maxEvidence) {
            if (maxEvidence < 1 || maxEvidence > 1000) {
                throw new IllegalArgumentException("max evidence must be within 1..1000, was " + maxEvidence);
            }
            this.maxEvidence = maxEvidence;
            return this;
        }

        public Builder modelThreads(int threads) {
            this.modelThreads = threads;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder parsers(Parsers parsers) {
            this.parsers = parsers;
            return this;
        }

        public Builder knowledgeBase(KnowledgeBase kb) {
            this.knowledgeBase = kb;
            return this;
        }

        /**
         * How the signing key is made and unlocked; by default ECDSA P-256, unlocked by a prompt
         * on the terminal (and refused without one).
         */
        public Builder keySettings(KeySettings keySettings) {
            this.keySettings = Objects.requireNonNull(keySettings);
            return this;
        }

        /** The default key settings with this passphrase source. */
        public Builder passphrase(PassphraseSource passphrase) {
            return keySettings(KeySettings.defaults(passphrase));
        }

        public Audit build() {
            Objects.requireNonNull(dataDir, "dataDir");
            if (parsers == null) {
                parsers = Parsers.standard();
            }
            // the installed update under <data-dir>/models when there is one (verified again), else the jar's
            ModelStore models = ModelStore.at(dataDir);
            if (knowledgeBase == null) {
                knowledgeBase = models.knowledgeBase();
            }
            if (keySettings == null) {
                keySettings = KeySettings.defaults(Passphrases.firstOf("set keys.passphrase-file or $"
                        + Passphrases.ENVIRONMENT_VARIABLE + ", or run on a terminal to be asked",
                        Passphrases.interactive() ? Passphrases.console() : null));
            }
            KeyDirectory.at(dataDir.resolve("keys")); // refuses a file system without POSIX permissions, before anything is opened
            model = models.model(modelThreads, batchSize);
            Database db;
            try {
                db = Database.open(dataDir.resolve("sovaudit.db"));
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            return new Audit(this, db);
        }
    }
}
