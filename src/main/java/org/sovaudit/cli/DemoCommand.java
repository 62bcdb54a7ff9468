package org.sovaudit.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.helidon.config.Config;
import org.sovaudit.assess.Policy;
import org.sovaudit.audit.Audit;
import org.sovaudit.audit.AuditException;
import org.sovaudit.audit.AuditRequest;
import org.sovaudit.audit.AuditResult;
import org.sovaudit.collect.DirectoryCollector;
import org.sovaudit.evidence.bundle.BundleVerification;
import org.sovaudit.evidence.bundle.BundleVerifier;
import org.sovaudit.evidence.ledger.LedgerVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sovaudit demo}: audits the bundled example ministry, writes and verifies a signed bundle,
 * checks the result against the example's EXPECTED.md, and says where the HTML report is. Uses
 * its own data directory under the output directory, so it never touches the appliance's ledger.
 */
@Command(name = "demo", description = "Audit the bundled example ministry (examples/ministry-lab), write and verify a signed bundle.")
final class DemoCommand implements Callable<Integer> {

    private static final String EXAMPLE = "examples/ministry-lab";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Where the demo writes (default: ./demo-output).")
    Path outDir = Path.of("demo-output");

    @Option(names = "--example", paramLabel = "DIR", description = "The example environment (default: " + EXAMPLE + ").")
    Path example;

    @Override
    public Integer call() throws IOException {
        Path dir = example != null ? example : locateExample();
        Path configs = dir.resolve("configs");
        if (!Files.isDirectory(configs)) {
            throw new AuditException("no configs/ directory in " + dir);
        }
        Files.createDirectories(outDir);
        Map<String, String> overrides = new java.util.LinkedHashMap<>();
        overrides.put("store.data-dir", outDir.resolve("data").toString());
        Path passphrase = demoPassphrase(main.config(overrides));
        if (passphrase != null) {
            overrides.put("keys.passphrase-file", passphrase.toString());
        }
        Config config = main.config(overrides);
        Policy policy = Policy.load(dir.resolve("policy.yaml"));
        var out = spec.commandLine().getOut();
        int code = ExitCodes.OK;
        try (Audit audit = Components.audit(config, main.clock)) {
            AuditResult result = audit.run(new AuditRequest(dir.getFileName().toString(),
                    List.of(new DirectoryCollector(configs, "", Components.limits(config))), policy));
            Path bundle = outDir.resolve(dir.getFileName() + "-bundle.zip");
            ScanCommand.writeBundle(audit, result.id(), bundle);
            Path html = outDir.resolve("report.html");
            for (org.sovaudit.store.ReportFile f : audit.reportFiles(result.id())) {
                Files.write(outDir.resolve(f.name()), f.content());
            }

            out.println("== sovaudit demo: " + dir);
            Summaries.audit(out, result.report());

            out.println("== verifying the bundle offline: " + bundle);
            BundleVerification v = BundleVerifier.verify(bundle, BundleVerifier.Options.none());
            Summaries.verification(out, v);
            LedgerVerification lv = audit.evidence().verifyLedger(List.of());
            out.println(lv.ok() ? "ledger intact: " + lv.entries() + " entries" : "LEDGER BROKEN: " + lv.problems());
            if (passphrase != null) {
                out.println("   (the demo's key is encrypted with a generated passphrase in " + passphrase
                        + "; a real appliance reads it from keys.passphrase-file, $SOVAUDIT_KEY_PASSPHRASE or a prompt)");
            }
            if (!v.passed() || !lv.ok()) {
                code = ExitCodes.FAILED;
            }

            Path expectedFile = dir.resolve("EXPECTED.md");
            if (Files.isRegularFile(expectedFile)) {
                Expectations.Outcome outcome = Expectations.load(expectedFile).check(result.report());
                if (outcome.ok()) {
                    out.println("EXPECTED.md: all " + outcome.checked() + " expectations hold");
                } else {
                    out.println("EXPECTED.md: " + outcome.problems().size() + " of " + outcome.checked()
                            + " expectations do not hold:");
                    outcome.problems().forEach(p -> out.println("  " + p));
                    code = ExitCodes.FAILED;
                }
            }
            out.println("== HTML report: " + html.toAbsolutePath());
            out.println("   also:        report.json, report.sarif, report.oscal.json, report.cdx.json, report.csv in "
                    + outDir.toAbsolutePath());
            out.println("   bundle:      " + bundle.toAbsolutePath());
            out.println("   check it with OpenSSL and sha256sum alone: bin/verify-with-openssl " + bundle
                    + "  (docs/verify.md)");
            out.flush();
        }
        return code;
    }

    /**
     * The demo's passphrase file, created with a random passphrase (mode 0600) beside its data on
     * the first run, so that the demo runs without questions; null when the configuration or the
     * environment already supplies a passphrase.
     */
    private static Path demoPassphrase(Config config) throws IOException {
        if (!config.get("keys.passphrase-file").asString().orElse("").isBlank()
                || System.getenv(org.sovaudit.evidence.sign.Passphrases.ENVIRONMENT_VARIABLE) != null) {
            return null;
        }
        Path dataDir = Configuration.dataDir(config);
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("demo-passphrase");
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            String secret = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
            try (var channel = Files.newByteChannel(file, java.util.Set.of(java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
                channel.write(java.nio.ByteBuffer.wrap(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            }
        }
        return file;
    }

    /** examples/ministry-lab in the working directory, or beside the jar's build directory. */
    private static Path locateExample() {
        Path here = Path.of(EXAMPLE);
        if (Files.isDirectory(here)) {
            return here;
        }
        var source = DemoCommand.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                Path jar = Path.of(source.getLocation().toURI());
                for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                    if (Files.isDirectory(p.resolve(EXAMPLE))) {
                        return p.resolve(EXAMPLE);
                    }
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file location; fall through to the error below
            }
        }
        throw new AuditException("cannot find " + EXAMPLE + "; run from the source tree or pass --example DIR");
    }
}
