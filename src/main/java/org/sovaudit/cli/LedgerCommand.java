package org.sovaudit.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.sovaudit.audit.Audit;
import org.sovaudit.evidence.ledger.LedgerVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sovaudit ledger verify}: recomputes the ledger's hash chain from the stored rows. */
@Command(name = "ledger", description = "Inspect the appliance's ledger.", subcommands = LedgerCommand.Verify.class)
final class LedgerCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a ledger command is required: verify");
    }

    @Command(name = "verify", description = "Recompute every ledger entry's hash and link; name any broken row.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        LedgerCommand ledger;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Audit audit = Components.audit(ledger.main.config(Map.of()), ledger.main.clock)) {
                LedgerVerification v = audit.ledger().verify();
                var out = spec.commandLine().getOut();
                if (v.ok()) {
                    out.println("ledger intact: " + v.entries() + " entries, every hash and link recomputed");
                } else {
                    out.println("LEDGER BROKEN: " + v.problems().size() + " problem(s) in " + v.entries() + " entries");
                    v.problems().forEach(p -> out.println("  " + p));
                }
                out.flush();
                return v.ok() ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }
}
