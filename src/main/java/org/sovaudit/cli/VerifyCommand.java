package org.sovaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

import org.sovaudit.audit.AuditException;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.bundle.BundleVerification;
import org.sovaudit.evidence.bundle.BundleVerifier;
import org.sovaudit.evidence.ledger.ConsistencyProof;
import org.sovaudit.evidence.ledger.TreeHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sovaudit verify}: checks a bundle offline, without the appliance's database or key. */
@Command(name = "verify", description = "Verify an export bundle offline: every hash, the CMS signatures, the certificate"
        + " chain, the inclusion proof against the signed tree head, and consistency with a tree head seen before.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle zip to verify.")
    Path bundle;

    @Option(names = "--trust", paramLabel = "CERT",
            description = "A PEM certificate you trust: the appliance's (pinned), the CA that certified it, or an earlier"
                    + " appliance key's. Without it the bundle is checked against its own certificate only.")
    Path trust;

    @Option(names = "--previous-head", paramLabel = "HEAD",
            description = "A tree head of this appliance you saw earlier (tree-head.json of an earlier bundle, or"
                    + " 'sovaudit ledger head'); the bundle's tree must extend it.")
    Path previousHead;

    @Option(names = "--consistency", paramLabel = "PROOF",
            description = "A consistency proof from the previous head's size to the bundle's ('sovaudit ledger consistency'),"
                    + " when the bundle's own does not start there.")
    Path consistency;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(bundle)) {
            throw new AuditException("bundle not found: " + bundle);
        }
        X509Certificate trusted = trust == null ? null : readCertificate(trust);
        TreeHead previous = previousHead == null ? null : LedgerCommand.readHead(previousHead);
        ConsistencyProof proof = null;
        if (consistency != null) {
            try {
                proof = ConsistencyProof.fromJson(LedgerCommand.readSmall(consistency, "consistency proof file"));
            } catch (EvidenceException e) {
                throw new AuditException(consistency + ": " + e.getMessage());
            }
        }
        BundleVerification v = BundleVerifier.verify(bundle, new BundleVerifier.Options(trusted, previous, proof));
        var out = spec.commandLine().getOut();
        out.println("verifying " + bundle);
        Summaries.verification(out, v);
        if (trusted == null && v.passed()) {
            out.println("note: no --trust given: the bundle is consistent with its own certificate (chain.pem)."
                    + " Compare that certificate's key id with one you obtained from the appliance's operator, or pass --trust.");
        }
        out.flush();
        return v.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static X509Certificate readCertificate(Path file) throws IOException {
        byte[] bytes = LedgerCommand.readSmall(file, "certificate file");
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException | ClassCastException e) {
            throw new AuditException("not a PEM or DER X.509 certificate: " + file);
        }
    }
}
