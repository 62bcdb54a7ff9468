package org.sovaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end, in process: exit codes and what it prints. */
class CliIT {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    /** A configuration file naming a passphrase file, as an operator's would, for the commands that sign. */
    private String config() {
        Path file = dir.resolve("sovaudit.yaml");
        if (!Files.exists(file)) {
            Path passphrase = org.sovaudit.evidence.TestEvidence.passphraseFile(dir.resolve("secret"));
            try {
                Files.writeString(file, "keys:\n  passphrase-file: \"" + passphrase + "\"\n  kdf-iterations: 10000\n",
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return file.toString();
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main();
        main.clock = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);
        int code = Main.run(main, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void demo_findsEverythingExpected_andVerifies() {
        Run r = run("demo", "--out-dir", dir.resolve("demo").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("VERIFIED: every check passed"), r.out());
        assertTrue(r.out().contains("EXPECTED.md: all"), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("demo/report.html")));
        assertTrue(Files.isRegularFile(dir.resolve("demo/ministry-lab-bundle.zip")));
    }

    @Test
    void scanThenVerify_andATamperedBundleFails() throws IOException {
        Path bundle = dir.resolve("lab.zip");
        Run scan = run("--data-dir", dir.resolve("data").toString(), "--config", config(), "scan", "examples/ministry-lab/configs",
                "--policy", "examples/ministry-lab/policy.yaml", "--out", bundle.toString());
        assertEquals(0, scan.code(), scan.out() + scan.err());
        assertTrue(scan.out().contains("findings:"), scan.out());

        Run ok = run("verify", bundle.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());

        // A reviewer's check with OpenSSL alone, on the bundle this scan produced.
        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        try (var fs = java.nio.file.FileSystems.newFileSystem(bundle)) {
            for (String name : new String[] {"report.json", "report.json.p7s", "chain.pem"}) {
                Files.copy(fs.getPath(name), unpacked.resolve(name));
            }
        }
        assertEquals(0, openssl(unpacked), "openssl cms -verify refused the appliance's signature");
        byte[] edited = Files.readAllBytes(unpacked.resolve("report.json"));
        edited[edited.length / 3] ^= 0x20;
        Files.write(unpacked.resolve("report.json"), edited);
        assertTrue(openssl(unpacked) != 0, "openssl accepted an edited report");

        Path tampered = dir.resolve("tampered.zip");
        Files.copy(bundle, tampered, StandardCopyOption.REPLACE_EXISTING);
        try (var fs = java.nio.file.FileSystems.newFileSystem(tampered)) {
            Path report = fs.getPath("report.json");
            byte[] bytes = Files.readAllBytes(report);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(report, bytes);
        }
        Run bad = run("verify", tampered.toString());
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(bad.out().contains("NOT VERIFIED"), bad.out());

        Run ledger = run("--data-dir", dir.resolve("data").toString(), "ledger", "verify");
        assertEquals(0, ledger.code(), ledger.out() + ledger.err());

        // Someone with write access to the database file edits the recorded report hash.
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/sovaudit.db"));
             var st = c.createStatement()) {
            st.execute("DROP TRIGGER ledger_leaves_append_only_update");
            st.execute("UPDATE ledger_leaves SET sha256 = '" + "0".repeat(64) + "' WHERE leaf_index = 0");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        Run broken = run("--data-dir", dir.resolve("data").toString(), "ledger", "verify");
        assertEquals(1, broken.code(), broken.out() + broken.err());
        assertTrue(broken.out().contains("LEDGER BROKEN") && broken.out().contains("leaf 0 (audit"), broken.out());
    }

    private static int openssl(Path dir) {
        try {
            Process p = new ProcessBuilder("openssl", "cms", "-verify", "-binary", "-inform", "DER",
                    "-in", "report.json.p7s", "-content", "report.json", "-CAfile", "chain.pem",
                    "-purpose", "any", "-out", "/dev/null")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run openssl: " + e.getMessage(), e);
        }
    }

    @Test
    void badInput_mapsToExitCodesWithClearMessages() {
        Run missing = run("--data-dir", dir.resolve("data").toString(), "--config", config(), "scan",
                dir.resolve("nope").toString(), "--home", "KE");
        assertEquals(3, missing.code(), missing.out() + missing.err());
        assertTrue(missing.err().contains("no such file or directory"), missing.err());

        Run noHome = run("--data-dir", dir.resolve("data").toString(), "scan", "examples/ministry-lab/configs");
        assertEquals(3, noHome.code(), noHome.err());
        assertTrue(noHome.err().contains("home jurisdiction"), noHome.err());

        Run badPolicy = run("--data-dir", dir.resolve("data").toString(), "scan", "examples/ministry-lab/configs",
                "--policy", dir.resolve("none.yaml").toString());
        assertEquals(3, badPolicy.code(), badPolicy.err());

        Run usage = run("scna");
        assertEquals(2, usage.code());

        Run notABundle = run("verify", dir.resolve("absent.zip").toString());
        assertEquals(3, notABundle.code(), notABundle.err());
    }

    @Test
    void reportDiffAndPolicyInit_workOnCommittedAudits() throws IOException {
        String data = dir.resolve("data").toString();
        Path first = dir.resolve("first.zip");
        Path second = dir.resolve("second.zip");
        assertEquals(0, run("--data-dir", data, "--config", config(), "scan", "examples/ministry-lab/configs", "--policy",
                "examples/ministry-lab/policy.yaml", "--scope", "lab", "--out", first.toString()).code());
        Run again = run("--data-dir", data, "--config", config(), "scan", "examples/diversified/configs", "--policy",
                "examples/ministry-lab/policy.yaml", "--scope", "lab", "--out", second.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("since audit"), again.out());

        Run list = run("--data-dir", data, "list");
        String newest = list.out().lines().findFirst().orElseThrow().split("\\s+")[0];
        Run sarif = run("--data-dir", data, "report", newest, "--format", "sarif");
        assertEquals(0, sarif.code(), sarif.err());
        assertTrue(sarif.out().contains("\"version\":\"2.1.0\""), sarif.out());
        Run unknown = run("--data-dir", data, "report", newest, "--format", "pdf");
        assertEquals(3, unknown.code());
        assertTrue(unknown.err().contains("json, html, sarif, oscal, cdx, csv"), unknown.err());

        Run diff = run("diff", first.toString(), second.toString());
        assertEquals(0, diff.code(), diff.err());
        assertTrue(diff.out().contains("resolved:") && diff.out().contains("SOV-CP-001"), diff.out());
        Run diffJson = run("diff", first.toString(), second.toString(), "--json");
        assertTrue(diffJson.out().contains("\"resolvedFindings\""), diffJson.out());

        Path policy = dir.resolve("mine.yaml");
        Run init = run("policy", "init", "--home", "tz", "--trusted", "ke,ug", "--out", policy.toString());
        assertEquals(0, init.code(), init.err());
        org.sovaudit.assess.Policy p = org.sovaudit.assess.Policy.load(policy);
        assertEquals("TZ", p.home());
        assertEquals(java.util.List.of("KE", "UG"), p.trusted());
        assertEquals(3, run("policy", "init", "--home", "TZ", "--out", policy.toString()).code(), "no silent overwrite");
        assertEquals(3, run("policy", "init", "--home", "Tanzania", "--out", dir.resolve("x.yaml").toString()).code());
    }

    @Test
    void scan_localHostWithAPath_readsBothUnderTheirSourceNames() throws IOException {
        Path bundle = dir.resolve("host.zip");
        Run scan = run("--data-dir", dir.resolve("data").toString(), "--config", config(), "scan", "examples/ministry-lab/configs",
                "--local-host", "--policy", "examples/ministry-lab/policy.yaml", "--out", bundle.toString());
        assertEquals(0, scan.code(), scan.out() + scan.err());
        String report;
        try (var fs = java.nio.file.FileSystems.newFileSystem(bundle)) {
            report = Files.readString(fs.getPath("report.json"), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(report.contains("\"localhost/"), "no file of the local host in the report");
        assertTrue(report.contains("\"configs/hosts/app01/etc/resolv.conf\""), "the path's files are prefixed by its name");

        Run nothing = run("--data-dir", dir.resolve("data").toString(), "scan", "--home", "KE");
        assertEquals(2, nothing.code(), nothing.err());
        assertTrue(nothing.err().contains("--local-host"), nothing.err());
    }

    @Test
    void formats_listsEveryParserWithItsRoles() {
        Run r = run("formats");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("huawei-vrp") && r.out().contains("dns-resolver"), r.out());
    }
}
