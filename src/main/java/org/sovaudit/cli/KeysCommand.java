package org.sovaudit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.helidon.config.Config;
import org.sovaudit.audit.AuditException;
import org.sovaudit.evidence.sign.ApplianceKeys;
import org.sovaudit.evidence.sign.Certificates;
import org.sovaudit.evidence.sign.KeyAlgorithm;
import org.sovaudit.evidence.sign.KeyDirectory;
import org.sovaudit.evidence.sign.KeyRegistry;
import org.sovaudit.evidence.sign.KeyRing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sovaudit keys show|csr|import-cert|rotate|encrypt}: the appliance's signing key. Commands
 * that use the private key (csr, rotate, encrypt) read the passphrase from {@code --passphrase-file}
 * (config keys.passphrase-file), $SOVAUDIT_KEY_PASSPHRASE, or a prompt.
 */
@Command(name = "keys", description = "Show, certify, rotate or encrypt the appliance's signing key.",
        subcommands = {KeysCommand.Show.class, KeysCommand.Csr.class, KeysCommand.ImportCert.class,
                KeysCommand.Rotate.class, KeysCommand.Encrypt.class})
final class KeysCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "A file (mode 0600) holding the key passphrase (config keys.passphrase-file).")
    Path passphraseFile;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a keys command is required: show, csr, import-cert, rotate or encrypt");
    }

    Config config(Map<String, String> extra) {
        Map<String, String> overrides = new LinkedHashMap<>(extra);
        if (passphraseFile != null) {
            overrides.put("keys.passphrase-file", passphraseFile.toString());
        }
        return main.config(overrides);
    }

    static void printKey(java.io.PrintWriter out, String label, List<X509Certificate> chain) {
        X509Certificate c = chain.getFirst();
        out.println(label + Certificates.keyId(c) + "  (" + KeyAlgorithm.of(c.getPublicKey()).id() + ")");
        out.println("  subject:  " + c.getSubjectX500Principal());
        out.println("  issuer:   " + c.getIssuerX500Principal() + (chain.size() > 1 ? "  (" + (chain.size() - 1)
                + " issuer certificate(s) in the chain)" : c.getIssuerX500Principal().equals(c.getSubjectX500Principal())
                ? "  (self-signed)" : ""));
        out.println("  valid:    " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant());
    }

    @Command(name = "show", description = "Print the appliance id, the active key and every earlier key; needs no passphrase.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            try (Components.EvidenceStore store = Components.evidence(keys.config(Map.of()), keys.main.clock)) {
                KeyRing ring = store.evidence().keys();
                KeyDirectory dir = ring.directory();
                out.println("key directory: " + dir.path().toAbsolutePath());
                if (!dir.hasKey()) {
                    out.println("no key yet: the first audit creates one (" + ring.settings().algorithm().id()
                            + "), or create it now with 'sovaudit keys csr'");
                    out.flush();
                    return ExitCodes.OK;
                }
                out.println("appliance id: " + dir.applianceId().orElse("(none: a key of release 0.1; the next key carries one)"));
                printKey(out, "active key: ", dir.chain());
                out.println("  private key: " + (dir.keyEncrypted() ? "encrypted (PKCS#8, PBES2 with AES-256)"
                        : "NOT ENCRYPTED (release 0.1); encrypt it with 'sovaudit keys encrypt'"));
                List<KeyRegistry.Registered> registered = ring.registry().all();
                for (KeyRegistry.Registered r : registered) {
                    if (!r.active()) {
                        out.println("retired key: " + r.keyId() + "  (" + r.algorithm() + "), active " + r.activatedAt()
                                + " to " + r.retiredAt());
                    }
                }
                if (registered.isEmpty()) {
                    out.println("(not yet registered in the database: the next audit registers it)");
                }
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "csr", description = "Write a PKCS#10 certification request for the active key, for a ministry CA.")
    static final class Csr implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write the request (default: standard output).")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Components.EvidenceStore store = Components.evidence(keys.config(Map.of()), keys.main.clock)) {
                ApplianceKeys active = store.evidence().keys().active();
                String pem = active.certificationRequestPem();
                var w = spec.commandLine().getOut();
                if (out == null) {
                    w.print(pem);
                } else {
                    Files.writeString(out, pem, StandardCharsets.US_ASCII);
                    w.println("certification request for key " + active.keyId() + " written to " + out.toAbsolutePath());
                    w.println("when the CA has issued the certificate: sovaudit keys import-cert CHAIN.pem");
                }
                w.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "import-cert", description = "Install the certificate a CA issued for the active key, with the CA's chain.")
    static final class ImportCert implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CHAIN.pem",
                description = "The appliance's certificate first, then each issuer's, as PEM.")
        Path chainFile;

        @Override
        public Integer call() throws IOException {
            String pem;
            try {
                if (Files.size(chainFile) > Certificates.MAX_PEM_CHARS) {
                    throw new AuditException("the certificate file " + chainFile + " is larger than a chain can be");
                }
                pem = Files.readString(chainFile, StandardCharsets.US_ASCII);
            } catch (NoSuchFileException e) {
                throw new AuditException("certificate file not found: " + chainFile);
            }
            List<X509Certificate> chain;
            try {
                chain = Certificates.chainFromPem(pem);
            } catch (org.sovaudit.evidence.sign.KeyException e) {
                throw new AuditException(chainFile + ": " + e.getMessage());
            }
            try (Components.EvidenceStore store = Components.evidence(keys.config(Map.of()), keys.main.clock)) {
                store.evidence().keys().importChain(chain);
                var w = spec.commandLine().getOut();
                printKey(w, "installed certificate chain for key ", chain);
                w.println("audits from now on carry this chain; bundles already written keep the one they were signed with");
                w.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "rotate", description = "Replace the signing key by a new one, endorsed by the old key and recorded in the ledger.")
    static final class Rotate implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Spec
        CommandSpec spec;

        @Option(names = "--algorithm", paramLabel = "ALG",
                description = "ecdsa-p256, rsa-3072 or ed25519 (default: config keys.algorithm).")
        String algorithm;

        @Override
        public Integer call() {
            Map<String, String> extra = algorithm == null ? Map.of() : Map.of("keys.algorithm", algorithm);
            Config config = keys.config(extra);
            try (Components.EvidenceStore store = Components.evidence(config, keys.main.clock)) {
                KeyAlgorithm next = store.evidence().keys().settings().algorithm();
                KeyRing.Rotation r = store.evidence().rotateKey(next);
                var w = spec.commandLine().getOut();
                w.println("rotated: key " + r.oldKeyId() + " is retired; its private key is deleted");
                printKey(w, "active key: ", r.next().chain());
                w.println("the old key endorsed the new one (key-history.json in every bundle from now on); the"
                        + " rotation is leaf " + (store.evidence().ledger().size() - 1) + " of the ledger");
                w.println("bundles signed with the old key stay verifiable: they carry its certificate");
                w.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "encrypt", description = "Encrypt the unencrypted key of release 0.1 in place; its key id does not change.")
    static final class Encrypt implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Components.EvidenceStore store = Components.evidence(keys.config(Map.of()), keys.main.clock)) {
                KeyRing ring = store.evidence().keys();
                String keyId = ring.directory().encryptKey(ring.settings());
                var w = spec.commandLine().getOut();
                w.println("encrypted the private key " + ring.directory().path().resolve(KeyDirectory.KEY_FILE)
                        + " (key id " + keyId + ", unchanged)");
                w.flush();
            }
            return ExitCodes.OK;
        }
    }
}
