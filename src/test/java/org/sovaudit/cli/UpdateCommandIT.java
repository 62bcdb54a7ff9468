package org.sovaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.evidence.Processes;

/**
 * The publisher's procedure as documented: `sovaudit update manifest`, `openssl cms -sign` with the
 * publisher's own key, `sovaudit update pack`; then the appliance's `update apply`, `status`,
 * `rollback` and `model info`, with a tampered copy refused. Key, certificate and signature are made
 * by the openssl binary, so the documented command is what is tested.
 */
class UpdateCommandIT {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new Main(), args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Processes.Result r = Processes.run(dir, command);
        assertEquals(0, r.exitCode(), r.describe());
    }

    @Test
    void publisherSignsWithOpenssl_applianceInstallsRefusesTamperingAndRollsBack() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "publisher.key");
        openssl("req", "-new", "-x509", "-key", "publisher.key", "-subj", "/O=Ministry/CN=ministry update publisher",
                "-days", "30", "-sha256", "-out", "publisher.pem");
        Path manifest = dir.resolve("manifest.json");
        Run written = run("update", "manifest", "--version", "2099.1.0", "--out", manifest.toString());
        assertEquals(0, written.code(), written.err());
        openssl("cms", "-sign", "-binary", "-md", "sha256", "-in", "manifest.json", "-signer", "publisher.pem",
                "-inkey", "publisher.key", "-outform", "DER", "-out", "manifest.json.p7s");
        Path pkg = dir.resolve("sovaudit-models-2099.1.0.zip");
        String cert = dir.resolve("publisher.pem").toString();
        Run packed = run("update", "pack", "--manifest", manifest.toString(), "--signature", dir.resolve("manifest.json.p7s").toString(),
                "--publisher-cert", cert, "--out", pkg.toString());
        assertEquals(0, packed.code(), packed.err());

        String data = dir.resolve("data").toString();
        Run shipped = run("--data-dir", data, "update", "apply", pkg.toString());
        assertEquals(1, shipped.code(), "signed by a key the release does not trust: " + shipped.out());
        assertTrue(shipped.err().contains("signature does not verify"), shipped.err());

        Run applied = run("--data-dir", data, "update", "apply", pkg.toString(), "--publisher-cert", cert);
        assertEquals(0, applied.code(), applied.err());
        assertTrue(applied.out().contains("installed models 2099.1.0") && applied.out().contains("ministry update publisher"),
                applied.out());
        Run status = run("--data-dir", data, "update", "status");
        assertTrue(status.out().contains("active: 2099.1.0") && status.out().contains("previous: builtin"), status.out());

        Run again = run("--data-dir", data, "update", "apply", pkg.toString(), "--publisher-cert", cert);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("the version in use"), again.err());

        Path tampered = dir.resolve("tampered.zip");
        try (ZipFile in = new ZipFile(pkg.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("attribution.onnx")) {
                    bytes[bytes.length / 2] ^= 1;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        Run refused = run("--data-dir", data, "update", "apply", tampered.toString(), "--publisher-cert", cert, "--force");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("refused") && refused.err().contains("attribution.onnx: expected SHA-256"), refused.err());

        Run rolledBack = run("--data-dir", data, "update", "rollback", "--publisher-cert", cert);
        assertEquals(0, rolledBack.code(), rolledBack.err());
        assertTrue(rolledBack.out().contains("active models: builtin"), rolledBack.out());
        Run info = run("--data-dir", data, "model", "info");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("active: builtin") && info.out().contains("classpath:models/attribution.onnx"), info.out());
    }
}
