package org.sovaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sovaudit.audit.Audit;
import org.sovaudit.audit.AuditException;
import org.sovaudit.report.ReportWriter;
import org.sovaudit.report.ReportWriters;
import org.sovaudit.store.ReportFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sovaudit report}: one committed audit's report in one format, as stored when it was signed. */
@Command(name = "report", description = "Print or write a committed audit's report: json, html, sarif, oscal, cdx or csv.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AUDIT-ID")
    String id;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (default), html, sarif, oscal, cdx or csv.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ReportWriters writers = ReportWriters.standard();
        ReportWriter writer = writers.byFormat(format).orElseThrow(() -> new AuditException(
                "unknown report format '" + format + "'; choose one of " + writers.formats()));
        try (Audit audit = Components.audit(main.config(Map.of()), main.clock)) {
            ReportFile file = audit.reportFiles(id).stream().filter(f -> f.name().equals(writer.fileName())).findFirst()
                    .orElseThrow(() -> new AuditException("audit '" + id + "' has no " + writer.fileName()
                            + " (it was made by an earlier release)"));
            if (out != null) {
                Files.write(out, file.content());
                spec.commandLine().getOut().println(writer.fileName() + ": " + out.toAbsolutePath());
            } else {
                spec.commandLine().getOut().print(new String(file.content(), java.nio.charset.StandardCharsets.UTF_8));
            }
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
