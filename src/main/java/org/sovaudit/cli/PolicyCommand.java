package org.sovaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sovaudit.assess.Policy;
import org.sovaudit.audit.AuditException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sovaudit policy init}: a starting policy file, every field documented. */
@Command(name = "policy", description = "Work with policy files.", subcommands = PolicyCommand.Init.class)
final class PolicyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a policy command is required: init");
    }

    @Command(name = "init", description = "Write a starting policy file for a home jurisdiction.")
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--home", required = true, paramLabel = "CC", description = "Home jurisdiction (ISO 3166-1 alpha-2).")
        String home;

        @Option(names = "--trusted", split = ",", paramLabel = "CC", description = "Trusted jurisdictions, comma-separated (EU for its members).")
        List<String> trusted = List.of();

        @Option(names = "--out", paramLabel = "FILE", defaultValue = "policy.yaml", description = "Where to write (default: policy.yaml).")
        Path out;

        @Option(names = "--force", description = "Overwrite an existing file.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            Policy.defaults().withHome(home); // validates the code before anything is written
            if (Files.exists(out) && !force) {
                throw new AuditException(out + " exists; pass --force to overwrite it");
            }
            String yaml;
            try (InputStream in = Policy.class.getResourceAsStream("/policy/default-policy.yaml")) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            yaml = yaml.replaceFirst("(?m)^name: default$", "name: " + home.toLowerCase(Locale.ROOT) + "-policy")
                    .replaceFirst("(?m)^home: \"\"$", "home: " + home.toUpperCase(Locale.ROOT))
                    .replaceFirst("(?m)^trusted: \\[\\]$", "trusted: [" + String.join(", ",
                            trusted.stream().map(t -> t.strip().toUpperCase(Locale.ROOT)).toList()) + "]");
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".policy-", ".yaml");
            try {
                Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
                Policy.load(tmp).requireHome();
                Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            spec.commandLine().getOut().println("policy written: " + out.toAbsolutePath()
                    + " (home " + home.toUpperCase(Locale.ROOT) + "); edit it, then: sovaudit scan PATH --policy " + out);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
