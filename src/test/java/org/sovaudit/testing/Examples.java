package org.sovaudit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.sovaudit.assess.Policy;
import org.sovaudit.audit.Audit;
import org.sovaudit.audit.AuditRequest;
import org.sovaudit.audit.AuditResult;
import org.sovaudit.collect.CollectLimits;
import org.sovaudit.collect.DirectoryCollector;
import org.sovaudit.store.ReportFile;

/** Audits of the example environments, run once per test JVM with a pinned clock and ids. */
public final class Examples {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    /** What one audit produced: the result and every stored rendering by file name. */
    public record Run(AuditResult result, Map<String, byte[]> files) {
        public byte[] file(String name) {
            byte[] b = files.get(name);
            if (b == null) {
                throw new AssertionError("no " + name + " among " + files.keySet());
            }
            return b;
        }
    }

    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    private Examples() {
    }

    /** The audit of examples/NAME/configs under examples/NAME/policy.yaml. */
    public static Run of(String name) {
        return RUNS.computeIfAbsent(name, Examples::run);
    }

    private static Run run(String name) {
        try {
            Path dir = Path.of("examples", name);
            Path data = Files.createTempDirectory("sovaudit-example-" + name);
            AtomicInteger n = new AtomicInteger();
            try (Audit audit = Audit.builder().dataDir(data).clock(CLOCK).ids(() -> name + "-" + n.incrementAndGet())
                    .keySettings(org.sovaudit.evidence.TestEvidence.settings())
                    .build()) {
                AuditResult r = audit.run(new AuditRequest(name, List.of(new DirectoryCollector(dir.resolve("configs"), "",
                        CollectLimits.defaults())), Policy.load(dir.resolve("policy.yaml"))));
                Map<String, byte[]> files = new java.util.TreeMap<>();
                for (ReportFile f : audit.reportFiles(r.id())) {
                    files.put(f.name(), f.content());
                }
                return new Run(r, files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
