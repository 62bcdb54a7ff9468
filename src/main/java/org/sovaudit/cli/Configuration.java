package org.sovaudit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;
import org.sovaudit.audit.AuditException;

/**
 * Assembles the appliance's configuration from, highest precedence first: command-line options,
 * a file given with {@code --config}, the firmware profile, and the application.yaml in the jar.
 * Environment variables and system properties are not read implicitly; the exceptions are
 * {@code SOVAUDIT_DATA}, the data directory, documented in the README, and
 * {@code SOVAUDIT_KEY_PASSPHRASE}, the signing key's passphrase (see {@link Components#keySettings}).
 */
final class Configuration {

    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

    private Configuration() {
    }

    /**
     * @param overrides  keys set on the command line (e.g. {@code server.port}); they win
     * @param configFile an operator's configuration file, or null
     * @param profile    a firmware profile name (or a path to a profile file), or null for the configured one
     */
    static Config load(Map<String, String> overrides, Path configFile, String profile) {
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new AuditException("configuration file not found: " + configFile);
        }
        Config base = build(overrides, configFile, null);
        String name = profile != null ? profile : base.get("profile.name").asString().orElse("default");
        return build(overrides, configFile, profileSource(name));
    }

    private static Config build(Map<String, String> overrides, Path configFile, ConfigSource profile) {
        List<Supplier<? extends ConfigSource>> sources = new ArrayList<>();
        sources.add(ConfigSources.create(new LinkedHashMap<>(overrides)));
        if (configFile != null) {
            sources.add(ConfigSources.file(configFile.toString()));
        }
        if (profile != null) {
            sources.add(() -> profile);
        }
        sources.add(ConfigSources.classpath("application.yaml"));
        return Config.builder()
                .sources(sources)
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .disableValueResolving()
                .build();
    }

    private static ConfigSource profileSource(String name) {
        Path file = Path.of(name);
        if (name.endsWith(".yaml") && Files.isRegularFile(file)) {
            return ConfigSources.file(file.toString()).build();
        }
        if (!PROFILE_NAME.matcher(name).matches()) {
            throw new AuditException("invalid firmware profile name '" + name + "'");
        }
        String resource = "firmware-profiles/" + name + ".yaml";
        if (Configuration.class.getClassLoader().getResource(resource) == null) {
            throw new AuditException("unknown firmware profile '" + name + "'; see the firmware-profiles directory");
        }
        return ConfigSources.classpath(resource).build();
    }

    /** The data directory: {@code store.data-dir}, else {@code $SOVAUDIT_DATA}, else {@code ~/.sovaudit}. */
    static Path dataDir(Config config) {
        String configured = config.get("store.data-dir").asString().orElse("");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        String env = System.getenv("SOVAUDIT_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".sovaudit");
    }
}
