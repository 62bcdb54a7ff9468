package org.sovaudit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sovaudit.audit.Audit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sovaudit export}: writes the bundle of a committed audit again. */
@Command(name = "export", description = "Write the export bundle of a committed audit.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AUDIT-ID")
    String id;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the bundle (default: ./sovaudit-<audit-id>.zip).")
    Path out;

    @Override
    public Integer call() throws IOException {
        try (Audit audit = Components.audit(main.config(Map.of()), main.clock)) {
            Path bundle = out != null ? out : Path.of("sovaudit-" + id + ".zip");
            ScanCommand.writeBundle(audit, id, bundle);
            spec.commandLine().getOut().println("bundle: " + bundle.toAbsolutePath());
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
