package org.sovaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.assess.DriftCalculator;
import org.sovaudit.audit.Audit;
import org.sovaudit.audit.AuditException;
import org.sovaudit.audit.AuditNotFoundException;
import org.sovaudit.model.AuditReport.Drift;
import org.sovaudit.model.AuditReport.DriftChange;
import org.sovaudit.model.AuditReport.DriftItem;
import org.sovaudit.report.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sovaudit diff}: what changed between two audits, each given as a bundle or an audit id. */
@Command(name = "diff", description = "Compare two audits (bundles or audit ids): new, resolved, accepted and changed findings, score deltas.")
final class DiffCommand implements Callable<Integer> {

    private static final long MAX_REPORT = 256L << 20;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The earlier audit: a bundle .zip or an audit id.")
    String older;

    @Parameters(index = "1", paramLabel = "NEW", description = "The later audit: a bundle .zip or an audit id.")
    String newer;

    @Option(names = "--json", description = "Print the drift as canonical JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Drift drift;
        if (isBundle(older) && isBundle(newer)) {
            drift = DriftCalculator.between(fromBundle(Path.of(older)), fromBundle(Path.of(newer)));
        } else {
            try (Audit audit = Components.audit(main.config(Map.of()), main.clock)) {
                drift = DriftCalculator.between(load(audit, older), load(audit, newer));
            }
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new String(CanonicalJson.bytes(drift), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            print(out, drift);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static boolean isBundle(String arg) {
        return arg.toLowerCase(Locale.ROOT).endsWith(".zip") || Files.isRegularFile(Path.of(arg));
    }

    private static JsonNode load(Audit audit, String arg) throws IOException {
        if (isBundle(arg)) {
            return fromBundle(Path.of(arg));
        }
        return CanonicalJson.mapper().readTree(audit.find(arg).orElseThrow(() -> new AuditNotFoundException(arg))
                .reportJson());
    }

    /** report.json of a bundle; verify the bundle with {@code sovaudit verify} to trust it. */
    private static JsonNode fromBundle(Path bundle) throws IOException {
        if (!Files.isRegularFile(bundle)) {
            throw new AuditException("bundle not found: " + bundle);
        }
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            ZipEntry entry = zip.getEntry("report.json");
            if (entry == null) {
                throw new AuditException(bundle + " has no report.json; is it a sovaudit bundle?");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] bytes = in.readNBytes((int) MAX_REPORT + 1);
                if (bytes.length > MAX_REPORT) {
                    throw new AuditException(bundle + ": report.json is larger than " + MAX_REPORT + " bytes");
                }
                return CanonicalJson.mapper().readTree(bytes);
            }
        } catch (java.util.zip.ZipException e) {
            throw new AuditException(bundle + " is not a readable zip: " + e.getMessage());
        }
    }

    private static void print(java.io.PrintWriter out, Drift d) {
        out.printf(Locale.ROOT, "from audit %s (%s): score %d -> %d (%+d)%n", d.previousAuditId(), d.previousCreatedAt(),
                d.previousScore(), d.previousScore() + d.scoreDelta(), d.scoreDelta());
        d.layerScoreDeltas().forEach((layer, delta) -> {
            if (delta != 0) {
                out.printf(Locale.ROOT, "  layer %-14s %+d%n", layer, delta);
            }
        });
        section(out, "new", d.newFindings());
        section(out, "resolved", d.resolvedFindings());
        section(out, "newly accepted", d.newlyAccepted());
        out.printf(Locale.ROOT, "changed severity: %d%n", d.changedFindings().size());
        for (DriftChange c : d.changedFindings()) {
            out.printf(Locale.ROOT, "  %s -> %s  %s%n", c.fromSeverity(), c.toSeverity(), c.title());
        }
    }

    private static void section(java.io.PrintWriter out, String label, java.util.List<DriftItem> items) {
        out.printf(Locale.ROOT, "%s: %d%n", label, items.size());
        for (DriftItem i : items) {
            out.printf(Locale.ROOT, "  %-8s %-13s %s%n", i.severity(), i.ruleId(), i.title());
        }
    }
}
