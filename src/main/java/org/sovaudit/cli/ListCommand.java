package org.sovaudit.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.sovaudit.audit.Audit;
import org.sovaudit.store.AuditListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sovaudit list}: the committed audits, newest first. */
@Command(name = "list", description = "List committed audits, newest first.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Audit audit = Components.audit(main.config(Map.of()), main.clock)) {
            var out = spec.commandLine().getOut();
            for (AuditListing a : audit.list()) {
                out.println(a.id() + "  " + a.createdAt() + "  " + a.scope() + "  sha256:" + a.reportSha256());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
