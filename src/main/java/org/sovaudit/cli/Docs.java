package org.sovaudit.cli;

import java.util.List;
import java.util.Set;

import org.sovaudit.assess.Rule;
import org.sovaudit.assess.Rules;
import org.sovaudit.model.Role;
import org.sovaudit.parse.Parser;

/**
 * The generated documents: docs/formats.md from the parser registry, docs/rules.md from the rule
 * registry. A test keeps the committed files equal to what this writes, so they cannot drift.
 */
final class Docs {
    private Docs() {
    }

    static String formats(List<Parser> parsers) {
        StringBuilder md = new StringBuilder();
        md.append("# Formats\n\n")
                .append("Generated from the parser registry (`Parsers.standard()`); do not edit by hand. ")
                .append("`sovaudit formats` prints the same.\n\n")
                .append("Parsers are asked in this order; the first that accepts a file reads it. ")
                .append("Detection uses the file's name and content together.\n\n")
                .append("| Parser | Version | Reads |");
        List<Role> roles = List.of(Role.values());
        for (Role role : roles) {
            md.append(' ').append(role.id()).append(" |");
        }
        md.append("\n|---|---|---|");
        md.append("---|".repeat(roles.size())).append('\n');
        for (Parser p : parsers) {
            md.append("| `").append(p.id()).append("` | ").append(p.version()).append(" | ")
                    .append(p.description().replace("|", "\\|")).append(" |");
            Set<Role> extracted = p.roles();
            for (Role role : roles) {
                md.append(extracted.contains(role) ? " ✓ |" : " |");
            }
            md.append('\n');
        }
        md.append("\n## Roles\n\n| Role | Layer | Meaning |\n|---|---|---|\n");
        for (Role role : roles) {
            md.append("| `").append(role.id()).append("` | ")
                    .append(role.layer().map(l -> l.id()).orElse("the vendor's")).append(" | ")
                    .append(role.description()).append(" |\n");
        }
        return md.toString();
    }

    static String rules(List<Rule> rules) {
        StringBuilder md = new StringBuilder();
        md.append("# Rules\n\n")
                .append("Generated from the rule registry (`Rules.all()`, rules version ").append(Rules.VERSION)
                .append("); do not edit by hand. The severity of each finding comes from the policy ")
                .append("(`severity` by role for foreign dependencies, `international-severity`, ")
                .append("`unattributed-severity`).\n");
        for (Rule r : rules) {
            md.append("\n## ").append(r.id()).append(": ").append(r.title()).append("\n\n")
                    .append("Roles: ");
            if (r.roles().size() == Role.values().length) {
                md.append("any");
            } else {
                md.append(String.join(", ", r.roles().stream().sorted().map(role -> "`" + role.id() + "`").toList()));
            }
            md.append(".\n\nWhy it matters: ").append(r.why()).append("\n\nRemediation: ").append(r.remediation())
                    .append('\n');
        }
        return md.toString();
    }
}
