package org.sovaudit.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import org.sovaudit.audit.Audit;
import org.sovaudit.serve.ApplianceServer;
import org.sovaudit.serve.ServeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sovaudit serve}: the web front door, until interrupted. */
@Command(name = "serve", description = "Serve the audit API (upload, list, reports, bundles) and /observe/health.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (config server.host; default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (config server.port; default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--home", paramLabel = "CC", description = "Home jurisdiction for uploads that do not name one (config policy.home).")
    String home;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (host != null) {
            overrides.put("server.host", host);
        }
        if (port != null) {
            overrides.put("server.port", String.valueOf(port));
        }
        if (home != null) {
            overrides.put("policy.home", home);
        }
        Config config = main.config(overrides);
        Audit audit = Components.audit(config, main.clock);
        audit.keys(); // unlock the signing key now, not at the first upload
        ServeSettings settings = new ServeSettings(
                config.get("server.host").asString().orElse("127.0.0.1"),
                config.get("server.port").asInt().orElse(8080),
                config.get("server.max-payload-size").asLong().orElse(512L << 20),
                Components.limits(config),
                Components.policy(config));
        WebServer server = ApplianceServer.start(audit, settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            audit.close();
            stopped.countDown();
        }, "sovaudit-shutdown"));
        var out = spec.commandLine().getOut();
        out.println("sovaudit serving on http://" + settings.host() + ":" + server.port()
                + "  (POST a zip to /api/audits; health at /observe/health; Ctrl-C stops)");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
