package org.sovaudit.evidence.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.evidence.TestEvidence;
import org.sovaudit.evidence.bundle.BundleVerification;
import org.sovaudit.evidence.bundle.BundleVerifier;
import org.sovaudit.evidence.ledger.LedgerVerification;
import org.sovaudit.store.Database;

/**
 * Appends are atomic with the audit's commit. A JVM running audits one after another is killed
 * with SIGKILL at random moments, again and again on the same data directory. After each kill the
 * database is reopened: every audit the worker reported committed is there with its leaf, its tree
 * head and its bundle; nothing else exists (no leaf, head or bundle file without its audit, no
 * audit without them); the ledger verifies; the next run appends after it.
 */
class CrashHarnessIT {

    static final int ROUNDS = 8;

    @TempDir
    Path dir;

    @Test
    void sigkillAtRandomMoments_leavesEveryCommittedAuditWithItsLeafAndHead_andNothingElse() throws Exception {
        Path data = dir.resolve("data");
        Random random = new Random(9162);
        Set<String> committed = new LinkedHashSet<>();
        int killedMidRun = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> reported = runAndKill(data, random);
            committed.addAll(reported);
            killedMidRun++;
            check(data, committed, round);
        }
        assertEquals(ROUNDS, killedMidRun);
        assertTrue(committed.size() >= ROUNDS, "the worker committed audits between kills: " + committed.size());
    }

    /**
     * Starts a worker, lets it commit a few audits, kills it at a random moment; returns what it
     * reported committed (an audit that committed just before the kill may be missing here, never
     * the other way round).
     */
    private List<String> runAndKill(Path data, Random random) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(), data.toString(),
                "examples/single-vendor/configs")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> reported = new ArrayList<>();
        int wanted = 1 + random.nextInt(3);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("committed ")) {
                    reported.add(line.substring("committed ".length()));
                    if (reported.size() >= wanted) {
                        break;
                    }
                }
            }
            // Somewhere in the next audit: collecting, attributing, signing, or committing.
            Thread.sleep(random.nextInt(400));
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block, no close runs in the worker
            assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the worker did not die");
        }
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        assertTrue(reported.size() >= wanted, "the worker reported " + reported);
        return reported;
    }

    private void check(Path data, Set<String> committed, int round) throws Exception {
        try (TestEvidence.Appliance appliance = new TestEvidence.Appliance(data, TestEvidence.settings())) {
            Set<String> audits = strings(appliance.db, "SELECT id FROM audits");
            Set<String> leaves = strings(appliance.db, "SELECT subject FROM ledger_leaves WHERE kind = 'audit'");
            Set<String> withBundles = strings(appliance.db, "SELECT DISTINCT audit_id FROM bundle_files");
            long leafCount = count(appliance.db, "SELECT COUNT(*) FROM ledger_leaves");
            long headCount = count(appliance.db, "SELECT COUNT(*) FROM tree_heads");
            long maxHead = count(appliance.db, "SELECT COALESCE(MAX(tree_size), 0) FROM tree_heads");
            String label = "round " + round;

            assertTrue(audits.containsAll(committed), label + ": committed audits lost: " + diff(committed, audits));
            assertEquals(audits, leaves, label + ": audits and leaves differ");
            assertEquals(audits, withBundles, label + ": audits and bundle files differ");
            assertEquals(leafCount, headCount, label + ": one tree head per leaf");
            assertEquals(leafCount, maxHead, label + ": the latest head covers every leaf");
            assertEquals(0, count(appliance.db, "SELECT COUNT(*) FROM observations WHERE audit_id NOT IN (SELECT id FROM audits)"),
                    label + ": observations of an uncommitted audit");
            LedgerVerification v = appliance.evidence.verifyLedger(List.of());
            assertTrue(v.ok(), label + ": " + v.problems());
            String last = committed.stream().reduce((a, b) -> b).orElseThrow();
            BundleVerification bundle = BundleVerifier.verify(appliance.bundleFile(last, dir.resolve("last.zip")),
                    BundleVerifier.Options.trusting(appliance.keys.active().certificate()));
            assertTrue(bundle.passed(), label + ":\n" + BundleVerifier.describe(bundle));
        }
    }

    private static Set<String> strings(Database db, String sql) {
        return db.read(c -> {
            Set<String> out = new LinkedHashSet<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static long count(Database db, String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new LinkedHashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
