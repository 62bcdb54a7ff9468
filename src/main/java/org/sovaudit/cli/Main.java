package org.sovaudit.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import org.sovaudit.audit.Appliance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Entry point of the {@code sovaudit} command. */
@Command(name = "sovaudit",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Sovereignty audit appliance: maps which foreign vendors and jurisdictions a ministry's "
                + "digital stack depends on, and writes signed reports that reviewers verify offline."},
        subcommands = {ScanCommand.class, VerifyCommand.class, ServeCommand.class, DemoCommand.class,
                ListCommand.class, ExportCommand.class, ReportCommand.class, DiffCommand.class, PolicyCommand.class,
                LedgerCommand.class, FormatsCommand.class, KeysCommand.class, ModelCommand.class, UpdateCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Database and keys (config store.data-dir; default $SOVAUDIT_DATA or ~/.sovaudit).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "A configuration file overriding application.yaml.")
    Path configFile;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Firmware profile from firmware-profiles/ (config profile.name), e.g. arm-2gb.")
    String profile;

    /** The clock every command uses; tests pin it. */
    Clock clock = Clock.systemUTC();

    public static void main(String[] args) {
        // Libraries that print to System.out must not mix into machine-readable output:
        // commands write to the real standard output through their own writer only.
        PrintStream realOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        LogConfig.configureRuntime();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(realOut, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(new Main(), args, out, err);
    }

    static int run(Main main, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int code = ExitCodes.of(e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            commandLine.getErr().println("sovaudit: " + (code == ExitCodes.INTERNAL ? "internal error: " : "") + message);
            if (code == ExitCodes.INTERNAL) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return code;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required; see 'sovaudit help'");
    }

    /** The configuration with this invocation's global options and the command's own overrides applied. */
    Config config(Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        if (dataDir != null) {
            all.put("store.data-dir", dataDir.toString());
        }
        return Configuration.load(all, configFile, profile);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sovaudit " + Appliance.version()};
        }
    }
}
