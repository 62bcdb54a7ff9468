package org.sovaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.evidence.TestEvidence;

/** sovaudit keys, ledger and verify, in process, as an operator and a reviewer use them. */
class EvidenceCliIT {

    @TempDir
    Path dir;

    final TestEvidence.SteppingClock clock = new TestEvidence.SteppingClock(Instant.parse("2026-12-01T09:00:00Z"));

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main();
        main.clock = clock;
        int code = Main.run(main, args, new PrintWriter(out, true), new PrintWriter(err, true));
        clock.advance(60);
        return new Run(code, out.toString(), err.toString());
    }

    private String config() throws IOException {
        Path file = dir.resolve("sovaudit.yaml");
        if (!Files.exists(file)) {
            Path passphrase = TestEvidence.passphraseFile(dir.resolve("secret"));
            Files.writeString(file, "store:\n  data-dir: \"" + dir.resolve("data") + "\"\nkeys:\n  passphrase-file: \""
                    + passphrase + "\"\n  kdf-iterations: 10000\n", StandardCharsets.UTF_8);
        }
        return file.toString();
    }

    private Run scan(String out) throws IOException {
        Run r = run("--config", config(), "scan", "examples/single-vendor/configs/hosts", "--home", "KE", "--scope", "hosts",
                "--out", dir.resolve(out).toString());
        assertEquals(0, r.code(), r.all());
        return r;
    }

    @Test
    void operatorAndReviewer_keysLedgerAndVerify_endToEnd() throws IOException {
        String config = config();
        Run none = run("--config", config, "keys", "show");
        assertEquals(0, none.code(), none.all());
        assertTrue(none.out().contains("no key yet"), none.out());

        scan("first.zip");
        Run show = run("--config", config, "keys", "show");
        assertTrue(show.out().contains("active key: ") && show.out().contains("(ecdsa-p256)")
                && show.out().contains("encrypted (PKCS#8"), show.out());

        Run head = run("--config", config, "ledger", "head", "--out", dir.resolve("head-1.json").toString());
        assertEquals(0, head.code(), head.all());
        Files.copy(dir.resolve("data/keys/appliance.pem"), dir.resolve("first-appliance.pem"));

        Run rotate = run("--config", config, "keys", "rotate", "--algorithm", "rsa-3072");
        assertEquals(0, rotate.code(), rotate.all());
        assertTrue(rotate.out().contains("(rsa-3072)") && rotate.out().contains("leaf 1 of the ledger"), rotate.out());

        scan("second.zip");
        Run reviewer = run("verify", dir.resolve("second.zip").toString(), "--trust", dir.resolve("first-appliance.pem").toString(),
                "--previous-head", dir.resolve("head-1.json").toString());
        assertEquals(0, reviewer.code(), reviewer.all());
        assertTrue(reviewer.out().contains("[ok] trusted certificate: the trusted key") , reviewer.out());
        assertTrue(reviewer.out().contains("[ok] previous tree head: the tree of size 3 extends the tree of size 1"), reviewer.out());
        Run old = run("verify", dir.resolve("first.zip").toString(), "--trust", dir.resolve("first-appliance.pem").toString());
        assertEquals(0, old.code(), "the bundle signed with the retired key still verifies\n" + old.all());

        Run consistency = run("--config", config, "ledger", "consistency", "1", "3");
        assertEquals(0, consistency.code(), consistency.all());
        assertTrue(consistency.out().startsWith("{\"firstSize\":1,\"format\":\"sovaudit-consistency-proof/1\""), consistency.out());
        String auditId = run("--config", config, "list").out().lines().findFirst().orElseThrow().split("\\s+")[0];
        Run prove = run("--config", config, "ledger", "prove", auditId);
        assertEquals(0, prove.code(), prove.all());
        assertTrue(prove.out().contains("\"leafIndex\":2") && prove.out().contains("\"treeSize\":3"), prove.out());

        Run ledger = run("--config", config, "ledger", "verify", "--previous-head", dir.resolve("head-1.json").toString());
        assertEquals(0, ledger.code(), ledger.all());
        assertTrue(ledger.out().contains("ledger intact: 3 entries"), ledger.out());

        Run csr = run("--config", config, "keys", "csr", "--out", dir.resolve("appliance.csr").toString());
        assertEquals(0, csr.code(), csr.all());
        assertTrue(Files.readString(dir.resolve("appliance.csr"), StandardCharsets.US_ASCII)
                .startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
    }

    @Test
    void verify_previousHeadOfAnotherSize_needsAProof_andPassesWithTheOneTheLedgerGives() throws IOException {
        String config = config();
        scan("first.zip");
        run("--config", config, "scan", "examples/single-vendor/configs/network", "--home", "KE", "--scope", "network",
                "--out", dir.resolve("net.zip").toString());
        assertEquals(0, run("--config", config, "ledger", "head", "--out", dir.resolve("head-2.json").toString()).code());
        scan("third.zip");

        Run withoutProof = run("verify", dir.resolve("third.zip").toString(), "--previous-head", dir.resolve("head-2.json").toString());
        assertEquals(1, withoutProof.code(), withoutProof.all());
        assertTrue(withoutProof.out().contains("sovaudit ledger consistency 2 3"), withoutProof.out());

        assertEquals(0, run("--config", config, "ledger", "consistency", "2", "3", "--out", dir.resolve("proof.json").toString()).code());
        Run withProof = run("verify", dir.resolve("third.zip").toString(), "--previous-head", dir.resolve("head-2.json").toString(),
                "--consistency", dir.resolve("proof.json").toString());
        assertEquals(0, withProof.code(), withProof.all());
    }

    @Test
    void dataDirectoryOfRelease01_refusesToSignUntilTheKeyIsEncrypted_thenWorks() throws IOException {
        TestEvidence.previousRelease(dir.resolve("data"));
        String config = config();

        Run ledger = run("--config", config, "ledger", "verify");
        assertEquals(0, ledger.code(), ledger.all());
        Run refused = run("--config", config, "scan", "examples/single-vendor/configs/hosts", "--home", "KE");
        assertEquals(4, refused.code(), refused.all());
        assertTrue(refused.err().contains("sovaudit keys encrypt"), refused.err());

        Run encrypt = run("--config", config, "keys", "encrypt");
        assertEquals(0, encrypt.code(), encrypt.all());
        assertTrue(encrypt.out().contains("unchanged"), encrypt.out());
        scan("after.zip");
        Run verified = run("--config", config, "ledger", "verify");
        assertEquals(0, verified.code(), verified.all());
        assertTrue(verified.out().contains("ledger intact: 4 entries"), verified.out());
        Run old = run("verify", "src/test/resources/previous-release/hosts-first-bundle.zip");
        assertEquals(0, old.code(), old.all());
    }

    @Test
    void badInputs_mapToExitCodes() throws IOException {
        Files.writeString(dir.resolve("garbage.json"), "{\"treeSize\":", StandardCharsets.UTF_8);
        scan("first.zip");

        assertEquals(3, run("verify", dir.resolve("first.zip").toString(), "--previous-head",
                dir.resolve("garbage.json").toString()).code());
        assertEquals(3, run("verify", dir.resolve("first.zip").toString(), "--previous-head",
                dir.resolve("absent.json").toString()).code());
        assertEquals(3, run("--config", config(), "ledger", "consistency", "2", "1").code());
        assertEquals(3, run("--config", config(), "ledger", "prove", "no-such-audit").code());
        assertEquals(3, run("--config", config(), "keys", "import-cert", dir.resolve("garbage.json").toString()).code());
        Run algorithm = run("--config", config(), "keys", "rotate", "--algorithm", "dsa");
        assertEquals(4, algorithm.code(), algorithm.all());
        assertTrue(algorithm.err().contains("ecdsa-p256, rsa-3072, ed25519"), algorithm.err());
        assertEquals(2, run("keys").code());
    }
}
