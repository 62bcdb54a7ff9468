package org.sovaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

import org.sovaudit.audit.AuditException;
import org.sovaudit.evidence.bundle.BundleVerification;
import org.sovaudit.evidence.bundle.BundleVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sovaudit verify}: checks a bundle offline, without the appliance's database. */
@Command(name = "verify", description = "Verify an export bundle offline: hashes, CMS signature, ledger entry.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle zip to verify.")
    Path bundle;

    @Option(names = "--trust", paramLabel = "CERT", description = "PEM certificate the bundle's signer must be.")
    Path trust;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(bundle)) {
            throw new AuditException("bundle not found: " + bundle);
        }
        X509Certificate trusted = trust == null ? null : readCertificate(trust);
        BundleVerification v = BundleVerifier.verify(bundle, trusted);
        var out = spec.commandLine().getOut();
        out.println("verifying " + bundle);
        Summaries.verification(out, v);
        out.flush();
        return v.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static X509Certificate readCertificate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (NoSuchFileException e) {
            throw new AuditException("certificate file not found: " + file);
        } catch (CertificateException | ClassCastException e) {
            throw new AuditException("not a PEM or DER X.509 certificate: " + file);
        }
    }
}
