package org.sovaudit.evidence.crash;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.sovaudit.assess.Policy;
import org.sovaudit.audit.Audit;
import org.sovaudit.audit.AuditRequest;
import org.sovaudit.audit.AuditResult;
import org.sovaudit.collect.CollectLimits;
import org.sovaudit.collect.DirectoryCollector;
import org.sovaudit.evidence.TestEvidence;

/**
 * The process {@link CrashHarnessIT} kills: runs audits of a small example into a data directory,
 * one after another, until it is killed, and prints {@code committed <audit id>} after each audit
 * whose transaction committed. Arguments: the data directory, the example's configs directory.
 */
public final class CrashWorker {

    private CrashWorker() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Path data = Path.of(args[0]);
        Path configs = Path.of(args[1]);
        try (Audit audit = Audit.builder().dataDir(data).keySettings(TestEvidence.settings()).build()) {
            audit.keys();
            out.println("ready");
            Policy policy = Policy.defaults().withHome("KE");
            for (int i = 0; ; i++) {
                AuditResult r = audit.run(new AuditRequest(i % 2 == 0 ? "even" : "odd", List.of(new DirectoryCollector(configs,
                        "", CollectLimits.defaults())), policy));
                out.println("committed " + r.id());
            }
        }
    }
}
