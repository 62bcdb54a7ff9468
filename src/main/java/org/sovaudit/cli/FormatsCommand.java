package org.sovaudit.cli;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.sovaudit.model.Role;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.Parsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sovaudit formats}: the formats the parsers recognise and the roles they extract. */
@Command(name = "formats", description = "List the configuration formats recognised and the roles each extracts.")
final class FormatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (Parser p : Parsers.standard().all()) {
            out.println(p.id() + " (v" + p.version() + "): " + p.description());
            out.println("    roles: " + p.roles().stream().sorted().map(Role::id).collect(Collectors.joining(", ")));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
