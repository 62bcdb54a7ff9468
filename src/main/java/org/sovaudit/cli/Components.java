package org.sovaudit.cli;

import java.nio.file.Path;
import java.time.Clock;

import io.helidon.config.Config;
import org.sovaudit.assess.Policy;
import org.sovaudit.audit.Audit;
import org.sovaudit.collect.CollectLimits;
import org.sovaudit.evidence.EvidenceRecorder;
import org.sovaudit.evidence.sign.KeyAlgorithm;
import org.sovaudit.evidence.sign.KeyDirectory;
import org.sovaudit.evidence.sign.KeyRing;
import org.sovaudit.evidence.sign.KeySettings;
import org.sovaudit.evidence.sign.PassphraseSource;
import org.sovaudit.evidence.sign.Passphrases;
import org.sovaudit.store.Database;

/** Creates each component from its node of the configuration; the one place that reads config keys. */
final class Components {

    private Components() {
    }

    /** The audit service over the configured data directory. */
    static Audit audit(Config config, Clock clock) {
        return Audit.builder()
                .dataDir(Configuration.dataDir(config))
                .clock(clock)
                .modelThreads(config.get("model.intra-op-threads").asInt().orElse(1))
                .batchSize(config.get("model.batch-size").asInt().orElse(256))
                .maxEvidence(config.get("report.max-evidence").asInt().orElse(5))
                .keySettings(keySettings(config))
                .build();
    }

    /**
     * The key settings of node {@code keys}: {@code algorithm} (ecdsa-p256, rsa-3072, ed25519),
     * {@code appliance-id}, {@code kdf-iterations}, and the passphrase from, in this order, the file
     * {@code passphrase-file}, the environment variable SOVAUDIT_KEY_PASSPHRASE, a prompt on the
     * terminal.
     */
    static KeySettings keySettings(Config config) {
        Config keys = config.get("keys");
        KeyAlgorithm algorithm = KeyAlgorithm.fromId(keys.get("algorithm").asString().orElse("ecdsa-p256"));
        String applianceId = keys.get("appliance-id").asString().orElse("");
        int iterations = keys.get("kdf-iterations").asInt().orElse(KeySettings.DEFAULT_KDF_ITERATIONS);
        return new KeySettings(algorithm, passphrase(config), applianceId, iterations);
    }

    private static PassphraseSource passphrase(Config config) {
        String file = config.get("keys.passphrase-file").asString().orElse("");
        String environment = System.getenv(Passphrases.ENVIRONMENT_VARIABLE);
        return Passphrases.firstOf("set keys.passphrase-file (a file of mode 0600 holding it) or $"
                        + Passphrases.ENVIRONMENT_VARIABLE + ", or run on a terminal to be asked",
                file.isBlank() ? null : Passphrases.file(Path.of(file)),
                environment == null || environment.isEmpty() ? null
                        : Passphrases.of(environment, "$" + Passphrases.ENVIRONMENT_VARIABLE),
                Passphrases.interactive() ? Passphrases.console() : null);
    }

    /** The evidence stage over the configured data directory, without the pipeline's model. */
    static EvidenceStore evidence(Config config, Clock clock) {
        Path dataDir = Configuration.dataDir(config);
        KeyDirectory keys = KeyDirectory.at(dataDir.resolve("keys"));
        Database db = Database.open(dataDir.resolve("sovaudit.db"));
        return new EvidenceStore(db, new EvidenceRecorder(db, new KeyRing(keys, db, keySettings(config), clock)));
    }

    /** The database and the evidence stage over it, closed together. */
    record EvidenceStore(Database db, EvidenceRecorder evidence) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    static CollectLimits limits(Config config) {
        CollectLimits d = CollectLimits.defaults();
        Config c = config.get("collect");
        return new CollectLimits(
                c.get("max-file-bytes").asLong().orElse(d.maxFileBytes()),
                c.get("max-total-bytes").asLong().orElse(d.maxTotalBytes()),
                c.get("max-files").asInt().orElse(d.maxFiles()),
                c.get("max-compression-ratio").asInt().orElse(d.maxCompressionRatio()));
    }

    /**
     * The policy: the file named by {@code policy.file} (or the default policy), with the home
     * jurisdiction overridden by {@code policy.home} when set. The home may still be unset; an
     * audit then refuses to run and says how to set it.
     */
    static Policy policy(Config config) {
        String file = config.get("policy.file").asString().orElse("");
        Policy policy = file.isBlank() ? Policy.defaults() : Policy.load(Path.of(file));
        String home = config.get("policy.home").asString().orElse("");
        return home.isBlank() ? policy : policy.withHome(home);
    }
}
