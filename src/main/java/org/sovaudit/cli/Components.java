package org.sovaudit.cli;

import java.nio.file.Path;
import java.time.Clock;

import io.helidon.config.Config;
import org.sovaudit.assess.Policy;
import org.sovaudit.audit.Audit;
import org.sovaudit.collect.CollectLimits;

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
                .build();
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
