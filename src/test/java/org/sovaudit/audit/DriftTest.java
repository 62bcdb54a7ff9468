package org.sovaudit.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.assess.Policy;
import org.sovaudit.collect.CollectLimits;
import org.sovaudit.collect.DirectoryCollector;
import org.sovaudit.model.AuditReport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two versions of one environment, audited in turn under one scope: the second report's drift
 * section names exactly what changed, no more and no less.
 */
class DriftTest {

    @TempDir
    Path dir;

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void secondAudit_reportsExactlyWhatChanged() throws IOException {
        Path v1 = dir.resolve("v1");
        Path v2 = dir.resolve("v2");
        copyTree(Path.of("examples/ministry-lab/configs"), v1);
        copyTree(v1, v2);
        // v2: app01 stops using Alibaba's time service, a new workload pulls from Google's registry,
        Path chrony = v2.resolve("hosts/app01/etc/chrony/chrony.conf");
        Files.writeString(chrony, Files.readString(chrony).replace("pool ntp.aliyun.com iburst maxsources 2\n", ""));
        Files.writeString(v2.resolve("k8s/reports.yaml"), """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: monthly-report}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: report
                          image: gcr.io/distroless/java21:nonroot
                """);
        // ... and the policy now rates foreign package mirrors high and accepts Google's resolver until 2027.
        Path policy2 = dir.resolve("policy-v2.yaml");
        Files.writeString(policy2, Files.readString(Path.of("examples/ministry-lab/policy.yaml")) + """
                severity-rules:
                  - {class: foreign, role: package-mirror, severity: high}
                exceptions:
                  - rule: SOV-CP-001
                    value: 8.8.8.8
                    justification: "Fallback until the national resolver is in service"
                    approved-by: "CIO"
                    expires: 2027-12-31
                """);
        AtomicInteger n = new AtomicInteger();
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);
        try (Audit audit = Audit.builder().dataDir(dir.resolve("data")).clock(clock).ids(() -> "v" + n.incrementAndGet())
                .keySettings(org.sovaudit.evidence.TestEvidence.settings())
                .build()) {
            AuditReport first = audit.run(new AuditRequest("lab", List.of(new DirectoryCollector(v1, "",
                    CollectLimits.defaults())), Policy.load(Path.of("examples/ministry-lab/policy.yaml")))).report();
            assertNull(first.drift(), "the first audit of a scope has nothing to compare with");
            AuditReport second = audit.run(new AuditRequest("lab", List.of(new DirectoryCollector(v2, "",
                    CollectLimits.defaults())), Policy.load(policy2))).report();

            AuditReport.Drift d = second.drift();
            assertEquals("v1", d.previousAuditId());
            assertEquals(Set.of("SOV-PLAT-002 gcr.io/distroless/java21:nonroot"), names(d.newFindings()));
            assertEquals(Set.of("SOV-CP-002 ntp.aliyun.com"), names(d.resolvedFindings()));
            assertEquals(Set.of("SOV-CP-001 8.8.8.8"), names(d.newlyAccepted()));
            Set<String> mirrors = first.findings().stream().filter(f -> f.ruleId().equals("SOV-PLAT-001"))
                    .map(f -> f.fingerprint()).collect(Collectors.toSet());
            assertEquals(mirrors, d.changedFindings().stream().map(c -> c.fingerprint()).collect(Collectors.toSet()));
            assertTrue(d.changedFindings().stream().allMatch(c -> c.fromSeverity().equals("medium")
                    && c.toSeverity().equals("high")));
            assertEquals(second.scores().overall() - first.scores().overall(), d.scoreDelta());
            assertEquals(first.scores().overall(), d.previousScore());
            assertEquals(1, second.accepted().size());
            assertEquals("2027-12-31", second.accepted().getFirst().expires());
        }
    }

    /** "RULE value" of each item, taking the value from the title. */
    private static Set<String> names(List<AuditReport.DriftItem> items) {
        return items.stream().map(i -> i.ruleId() + " " + i.title().replaceFirst("^[^:]*: ", "").replaceFirst(" \\(.*$", ""))
                .collect(Collectors.toSet());
    }
}
