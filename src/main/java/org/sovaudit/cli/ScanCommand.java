package org.sovaudit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.helidon.config.Config;
import org.sovaudit.assess.Policy;
import org.sovaudit.audit.Audit;
import org.sovaudit.audit.AuditRequest;
import org.sovaudit.audit.AuditResult;
import org.sovaudit.collect.CollectLimits;
import org.sovaudit.collect.Collector;
import org.sovaudit.collect.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sovaudit scan}: audits directories, files, archives and the local host, and writes a signed bundle. */
@Command(name = "scan", description = "Audit configuration files (directories, files, archives) or the local host, and write a signed bundle.")
final class ScanCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Directories, files or archives (zip, tar, tar.gz, tar.bz2) to audit.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--local-host", description = "Also audit the host this runs on, read-only (resolvers, time, logging, "
            + "package sources and proxies, registries, trust store, routes, connections, installed packages).")
    boolean localHost;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the bundle (default: ./sovaudit-<audit-id>.zip).")
    Path out;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (config policy.file).")
    Path policy;

    @Option(names = "--home", paramLabel = "CC", description = "Home jurisdiction, ISO 3166-1 alpha-2 (config policy.home).")
    String home;

    @Option(names = "--scope", paramLabel = "NAME", description = "What is audited; audits of one scope are compared over time (default: the first path's name).")
    String scope;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the HTML report here.")
    Path html;

    @Override
    public Integer call() throws IOException {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (policy != null) {
            overrides.put("policy.file", policy.toString());
        }
        if (home != null) {
            overrides.put("policy.home", home);
        }
        Config config = main.config(overrides);
        Policy effective = Components.policy(config).requireHome();
        CollectLimits limits = Components.limits(config);
        if (paths.isEmpty() && !localHost) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give at least one PATH, or --local-host");
        }
        List<Collector> sources = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
                // said before the signing key is unlocked, so a typo never costs a passphrase prompt
                throw new org.sovaudit.collect.CollectException("no such file or directory: " + p);
            }
            sources.add(Collectors.forPath(p, "", limits));
        }
        if (localHost) {
            sources.add(Collectors.localHost(limits));
        }
        try (Audit audit = Components.audit(config, main.clock)) {
            AuditResult result = audit.run(new AuditRequest(scope, sources, effective));
            Path bundle = out != null ? out : Path.of("sovaudit-" + result.id() + ".zip");
            writeBundle(audit, result.id(), bundle);
            if (html != null) {
                Files.write(html, result.reportHtml());
            }
            var w = spec.commandLine().getOut();
            Summaries.audit(w, result.report());
            w.println("  bundle: " + bundle.toAbsolutePath() + "  (check it: sovaudit verify " + bundle + ")");
            if (html != null) {
                w.println("  report: " + html.toAbsolutePath());
            }
            w.flush();
        }
        return ExitCodes.OK;
    }

    static void writeBundle(Audit audit, String id, Path bundle) throws IOException {
        Path parent = bundle.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".bundle-", ".zip.tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                audit.writeBundle(id, os);
            }
            Files.move(tmp, bundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
