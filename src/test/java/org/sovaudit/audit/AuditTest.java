package org.sovaudit.audit;

import org.sovaudit.model.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.assess.Policy;
import org.sovaudit.collect.CollectException;
import org.sovaudit.collect.CollectLimits;
import org.sovaudit.collect.Collector;
import org.sovaudit.collect.DirectoryCollector;
import org.sovaudit.collect.FileSink;
import org.sovaudit.evidence.bundle.BundleVerification;
import org.sovaudit.evidence.TestEvidence;
import org.sovaudit.evidence.bundle.BundleVerifier;
import org.sovaudit.model.SourceFile;
import org.sovaudit.store.AuditRepository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditTest {

    static final Path EXAMPLE = Path.of("examples/ministry-lab");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Audit audit(Path dataDir, String... ids) {
        AtomicInteger next = new AtomicInteger();
        return Audit.builder().dataDir(dataDir).clock(CLOCK).ids(() -> ids[next.getAndIncrement()])
                .keySettings(TestEvidence.settings()).build();
    }

    private static AuditRequest example() {
        return new AuditRequest("ministry-lab",
                List.of(new DirectoryCollector(EXAMPLE.resolve("configs"), "", CollectLimits.defaults())),
                Policy.load(EXAMPLE.resolve("policy.yaml")));
    }

    @Test
    void run_example_isCommittedSignedAndRecorded() throws IOException {
        try (Audit audit = audit(dir.resolve("data"), "audit-1")) {
            AuditResult r = audit.run(example());
            assertEquals("audit-1", r.id());
            assertTrue(r.report().summary().filesParsed() >= 15, r.report().summary().toString());
            assertTrue(r.report().findings().size() >= 10, "findings: " + r.report().findings().size());
            assertEquals(0, r.leaf().index());
            assertEquals(1, r.treeHead().treeSize());
            assertTrue(audit.evidence().verifyLedger(List.of()).ok());
            assertEquals(r.report().summary().observations(),
                    new AuditRepository(audit.database()).observationCount("audit-1"));
            Path bundle = dir.resolve("bundle.zip");
            try (OutputStream out = Files.newOutputStream(bundle)) {
                audit.writeBundle("audit-1", out);
            }
            BundleVerification v = BundleVerifier.verify(bundle, audit.keys().certificate());
            assertTrue(v.passed(), v.checks().toString());
        }
    }

    @Test
    void run_sameInputsAndClock_giveByteIdenticalReports_evenWithOtherKeys() {
        AuditResult first;
        AuditResult second;
        try (Audit a = audit(dir.resolve("one"), "same-id")) {
            first = a.run(example());
        }
        try (Audit b = audit(dir.resolve("two"), "same-id")) {
            second = b.run(example());
        }
        assertArrayEquals(first.reportJson(), second.reportJson());
        assertArrayEquals(first.reportHtml(), second.reportHtml());
        assertFalse(first.certificatePem().equals(second.certificatePem()), "each data directory has its own key");
    }

    @Test
    void run_collectionFailsHalfway_commitsNothing() {
        Collector failing = new Collector() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void collect(FileSink sink) {
                byte[] bytes = "nameserver 8.8.8.8\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                sink.accept(new SourceFile("etc/resolv.conf", bytes, org.sovaudit.model.Digests.sha256Hex(bytes)));
                throw new CollectException("the archive ends in the middle of an entry");
            }
        };
        try (Audit audit = audit(dir.resolve("data"), "broken", "good")) {
            assertThrows(CollectException.class, () -> audit.run(new AuditRequest("x", List.of(failing),
                    Policy.defaults().withHome("KE"))));
            assertTrue(audit.list().isEmpty());
            assertEquals(0, new AuditRepository(audit.database()).observationCount("broken"));
            assertEquals(0, audit.ledger().size());
            assertTrue(audit.ledger().latestHead().isEmpty());
            AuditResult good = audit.run(example());
            assertEquals(0, good.leaf().index(), "the failed audit left no gap in the ledger");
        }
    }

    @Test
    void run_duplicateId_isRefused_andTheFirstIsKept() {
        try (Audit audit = audit(dir.resolve("data"), "dup", "dup")) {
            audit.run(example());
            AuditException e = assertThrows(AuditException.class, () -> audit.run(example()));
            assertTrue(e.getMessage().contains("already exists"), e.getMessage());
            assertEquals(1, audit.list().size());
        }
    }

    @Test
    void run_withoutHome_isRefusedBeforeAnythingIsRead() {
        try (Audit audit = audit(dir.resolve("data"), "x")) {
            assertThrows(org.sovaudit.assess.PolicyException.class, () -> audit.run(new AuditRequest("x",
                    List.of(new DirectoryCollector(EXAMPLE.resolve("configs"), "", CollectLimits.defaults())),
                    Policy.defaults())));
        }
    }

    @Test
    void run_twoSources_arePrefixedSoPathsCannotCollide() {
        try (Audit audit = audit(dir.resolve("data"), "two")) {
            Path configs = EXAMPLE.resolve("configs/hosts");
            AuditResult r = audit.run(new AuditRequest("hosts", List.of(
                    new DirectoryCollector(configs.resolve("app01"), "", CollectLimits.defaults()),
                    new DirectoryCollector(configs.resolve("db01"), "", CollectLimits.defaults())),
                    Policy.defaults().withHome("KE")));
            assertTrue(r.report().files().stream().anyMatch(f -> f.path().equals("app01/etc/resolv.conf")));
            assertTrue(r.report().files().stream().anyMatch(f -> f.path().equals("db01/etc/resolv.conf")));
        }
    }
}
