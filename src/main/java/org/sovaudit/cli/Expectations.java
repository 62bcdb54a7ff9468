package org.sovaudit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.sovaudit.audit.AuditException;
import org.sovaudit.model.AuditReport;
import org.sovaudit.model.Dependency;
import org.sovaudit.model.Finding;
import org.sovaudit.model.JurisdictionClass;

/**
 * The expectations an example environment states in its EXPECTED.md, checked against a report.
 * Two marked tables: {@code <!-- expected-findings -->} (rule, value, jurisdiction, severity,
 * evidence file; {@code -} for "any", rules separated by {@code or}) and {@code <!-- not-foreign -->}
 * (value, class, reason: {@code internal} must be judged internal, {@code not-foreign} anything
 * but foreign).
 */
record Expectations(List<ExpectedFinding> findings, List<NotForeign> notForeign) {

    record ExpectedFinding(List<String> rules, String value, String jurisdiction, String severity, String file) {
    }

    record NotForeign(String value, String expected) {
    }

    /** The outcome: every problem found, in table order. */
    record Outcome(int checked, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    static Expectations load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AuditException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<ExpectedFinding> findings = new ArrayList<>();
        for (String[] row : table(lines, "expected-findings", file)) {
            if (row.length < 5) {
                throw new AuditException(file + ": an expected-findings row needs 5 cells: " + String.join(" | ", row));
            }
            List<String> rules = Arrays.stream(row[0].split("\\s+or\\s+")).map(String::strip).toList();
            findings.add(new ExpectedFinding(rules, row[1], row[2], row[3].toLowerCase(Locale.ROOT), row[4]));
        }
        List<NotForeign> notForeign = new ArrayList<>();
        for (String[] row : table(lines, "not-foreign", file)) {
            if (row.length < 2 || !(row[1].equals("internal") || row[1].equals("not-foreign"))) {
                throw new AuditException(file + ": a not-foreign row needs a value and 'internal' or 'not-foreign'");
            }
            notForeign.add(new NotForeign(row[0], row[1]));
        }
        return new Expectations(findings, notForeign);
    }

    /** The data rows of the table between {@code <!-- name -->} and {@code <!-- /name -->}, cells stripped of backticks. */
    private static List<String[]> table(List<String> lines, String name, Path file) {
        int start = lines.indexOf("<!-- " + name + " -->");
        int end = lines.indexOf("<!-- /" + name + " -->");
        if (start < 0 || end < start) {
            throw new AuditException(file + ": no table marked <!-- " + name + " --> ... <!-- /" + name + " -->");
        }
        List<String[]> rows = new ArrayList<>();
        int tableLine = 0;
        for (String line : lines.subList(start + 1, end)) {
            String t = line.strip();
            if (!t.startsWith("|")) {
                continue;
            }
            tableLine++;
            if (tableLine <= 2) {
                continue; // header and separator
            }
            String inner = t.substring(1, t.endsWith("|") ? t.length() - 1 : t.length());
            rows.add(Arrays.stream(inner.split("\\|")).map(c -> c.strip().replace("`", "")).toArray(String[]::new));
        }
        return rows;
    }

    Outcome check(AuditReport report) {
        List<String> problems = new ArrayList<>();
        for (ExpectedFinding e : findings) {
            List<Finding> matches = report.findings().stream()
                    .filter(f -> f.value().equals(e.value()) && e.rules().contains(f.ruleId()))
                    .toList();
            if (matches.isEmpty()) {
                problems.add("missing: " + String.join(" or ", e.rules()) + " for " + e.value());
                continue;
            }
            boolean good = matches.stream().anyMatch(f ->
                    (e.jurisdiction().equals("-") || !f.ruleId().equals(e.rules().getFirst())
                            || e.jurisdiction().equals(f.attribution().jurisdiction()))
                    && (e.severity().equals("-") || !f.ruleId().equals(e.rules().getFirst())
                            || e.severity().equals(f.severity().id()))
                    && (e.file().equals("-") || f.evidence().stream().anyMatch(ev -> ev.file().endsWith(e.file()))));
            if (!good) {
                Finding f = matches.getFirst();
                problems.add("wrong: " + f.ruleId() + " for " + e.value() + " has jurisdiction '"
                        + f.attribution().jurisdiction() + "', severity " + f.severity().id() + ", evidence "
                        + f.evidence().stream().map(ev -> ev.where()).toList() + "; expected " + e.jurisdiction() + ", "
                        + e.severity() + ", " + e.file());
            }
        }
        for (NotForeign n : notForeign) {
            List<Dependency> deps = report.dependencies().stream().filter(d -> d.value().equals(n.value())).toList();
            if (deps.isEmpty()) {
                problems.add("not observed at all: " + n.value());
                continue;
            }
            for (Dependency d : deps) {
                boolean ok = n.expected().equals("internal") ? d.jurisdictionClass() == JurisdictionClass.INTERNAL
                        : d.jurisdictionClass() != JurisdictionClass.FOREIGN;
                if (!ok) {
                    problems.add("contradiction: " + n.value() + " judged " + d.jurisdictionClass().id()
                            + ", expected " + n.expected());
                }
            }
        }
        return new Outcome(findings.size() + notForeign.size(), problems);
    }
}
