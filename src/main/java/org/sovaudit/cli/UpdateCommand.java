package org.sovaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sovaudit.attribute.update.ModelStore;
import org.sovaudit.attribute.update.UpdateException;
import org.sovaudit.attribute.update.UpdateManifest;
import org.sovaudit.attribute.update.UpdatePackage;
import org.sovaudit.evidence.sign.Certificates;
import org.sovaudit.evidence.sign.CmsVerifier;
import org.sovaudit.evidence.sign.SignatureCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sovaudit update}: installs signed knowledge-base and model updates into the data directory
 * ({@code apply}), switches back ({@code rollback}), shows what runs ({@code status}), and, for the
 * publisher, writes the manifest to sign ({@code manifest}) and packs a signed package ({@code pack}).
 * A refused package leaves the installed models untouched and exits with 1.
 */
@Command(name = "update", description = "Install, roll back and build signed knowledge-base and model updates.",
        subcommands = {UpdateCommand.Apply.class, UpdateCommand.Rollback.class, UpdateCommand.Status.class,
                UpdateCommand.Manifest.class, UpdateCommand.Pack.class})
final class UpdateCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "an update command is required: apply, rollback, status, manifest or pack");
    }

    ModelStore store(Path publisherCertificate) {
        return publisherCertificate == null
                ? ModelStore.at(Configuration.dataDir(main.config(Map.of())))
                : ModelStore.at(Configuration.dataDir(main.config(Map.of())), certificate(publisherCertificate));
    }

    static X509Certificate certificate(Path file) {
        try {
            return Certificates.fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UpdateException("cannot read publisher certificate " + file + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "apply", description = {"Verify an update package (publisher signature, every file's SHA-256, the "
            + "knowledge base and the model it carries) and make it the active version; the version it replaces is kept "
            + "for rollback. Versions older than or equal to the active one are refused unless --force."})
    static final class Apply implements Callable<Integer> {
        @ParentCommand
        UpdateCommand update;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PACKAGE", description = "The update package (.zip).")
        Path pkg;

        @Option(names = "--force", description = "Install even if the version is not newer than the active one.")
        boolean force;

        @Option(names = "--publisher-cert", paramLabel = "PEM",
                description = "Trust this publisher certificate instead of the one shipped with the release "
                        + "(for a ministry that signs its own updates).")
        Path publisherCertificate;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                ModelStore.Applied a = update.store(publisherCertificate).apply(pkg, force);
                out.println("installed models " + a.version() + " (knowledge base " + a.knowledgeBaseVersion() + ", model sha256 "
                        + a.modelSha256() + ")");
                out.println("signed: " + a.signer());
                out.println("previous version kept for rollback: " + a.previous());
                out.flush();
                return ExitCodes.OK;
            } catch (UpdateException e) {
                spec.commandLine().getErr().println("sovaudit: update " + e.getMessage());
                spec.commandLine().getErr().flush();
                return ExitCodes.FAILED;
            }
        }
    }

    @Command(name = "rollback", description = "Make the previous version active again (the active one becomes previous).")
    static final class Rollback implements Callable<Integer> {
        @ParentCommand
        UpdateCommand update;

        @Spec
        CommandSpec spec;

        @Option(names = "--publisher-cert", paramLabel = "PEM", description = "Trust this publisher certificate instead of the shipped one.")
        Path publisherCertificate;

        @Override
        public Integer call() {
            try {
                String now = update.store(publisherCertificate).rollback();
                spec.commandLine().getOut().println("active models: " + now);
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            } catch (UpdateException e) {
                spec.commandLine().getErr().println("sovaudit: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return ExitCodes.FAILED;
            }
        }
    }

    @Command(name = "status", description = "Show the active and previous versions and the ones installed.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        UpdateCommand update;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ModelStore.Status s = update.store(null).status();
            PrintWriter out = spec.commandLine().getOut();
            out.println("active: " + s.active());
            out.println("previous: " + (s.previous().isEmpty() ? "(none)" : s.previous()));
            out.println("installed: " + (s.installed().isEmpty() ? "(none)" : String.join(", ", s.installed())));
            out.println("built-in knowledge base: " + s.builtinKnowledgeBase());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "manifest", description = {"Write the manifest of a package of this knowledge base and model: the bytes the "
            + "publisher signs, e.g. openssl cms -sign -binary -md sha256 -in manifest.json -signer publisher.pem "
            + "-inkey publisher.key -outform DER -out manifest.json.p7s"})
    static final class Manifest implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--version", required = true, paramLabel = "V", description = "The package version, e.g. 2026.12.2.")
        String version;

        @Option(names = "--kb", paramLabel = "DIR", description = "Knowledge-base directory (default models/kb).")
        Path kb = Path.of("models", "kb");

        @Option(names = "--model", paramLabel = "FILE", description = "Model file (default models/attribution.onnx).")
        Path model = Path.of("models", "attribution.onnx");

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write manifest.json.")
        Path out;

        @Override
        public Integer call() throws IOException {
            UpdateManifest m = UpdatePackage.manifest(version, kb, model);
            Files.write(out, m.toJson());
            spec.commandLine().getOut().println("wrote " + out + " (" + m.files().size() + " files); sign it, then run 'sovaudit update pack'");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "pack", description = "Pack a signed manifest, its signature and the files it lists into an update package.")
    static final class Pack implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "The manifest written by 'update manifest'.")
        Path manifest;

        @Option(names = "--signature", required = true, paramLabel = "FILE", description = "Its detached CMS signature (DER).")
        Path signature;

        @Option(names = "--kb", paramLabel = "DIR", description = "Knowledge-base directory (default models/kb).")
        Path kb = Path.of("models", "kb");

        @Option(names = "--model", paramLabel = "FILE", description = "Model file (default models/attribution.onnx).")
        Path model = Path.of("models", "attribution.onnx");

        @Option(names = "--publisher-cert", paramLabel = "PEM",
                description = "Check the signature against this certificate (default: the one shipped with the release).")
        Path publisherCertificate;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the package (.zip).")
        Path out;

        @Override
        public Integer call() throws IOException {
            byte[] manifestBytes = Files.readAllBytes(manifest);
            byte[] sig = Files.readAllBytes(signature);
            X509Certificate cert = publisherCertificate == null ? ModelStore.shippedPublisher() : certificate(publisherCertificate);
            SignatureCheck check = CmsVerifier.verify(manifestBytes, sig, cert);
            if (!check.valid()) {
                spec.commandLine().getErr().println("sovaudit: the signature does not verify: " + check.detail());
                spec.commandLine().getErr().flush();
                return ExitCodes.FAILED;
            }
            UpdateManifest m = UpdateManifest.parse(manifestBytes);
            if (!java.util.Arrays.equals(m.toJson(), manifestBytes)) {
                spec.commandLine().getErr().println("sovaudit: " + manifest + " is not a manifest as 'update manifest' writes it");
                spec.commandLine().getErr().flush();
                return ExitCodes.FAILED;
            }
            UpdatePackage.write(out, m, sig, kb, model);
            spec.commandLine().getOut().println("wrote " + out + " (models " + m.version() + ", " + check.detail() + ")");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
