package org.sovaudit.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.sovaudit.evidence.bundle.BundleVerification;
import org.sovaudit.model.AuditReport;
import org.sovaudit.model.AuditReport.LayerScore;
import org.sovaudit.model.Finding;
import org.sovaudit.model.Severity;

/** How commands print an audit and a verification: plain text, one fact per line. */
final class Summaries {
    private static final int TOP_FINDINGS = 12;

    private Summaries() {
    }

    static void audit(PrintWriter out, AuditReport r) {
        AuditReport.Summary s = r.summary();
        out.printf(Locale.ROOT, "audit %s of '%s' at %s (home %s%s)%n", r.auditId(), r.scope(), r.createdAt(),
                r.policy().home(), r.policy().trusted().isEmpty() ? "" : ", trusted " + String.join(",", r.policy().trusted()));
        out.printf(Locale.ROOT, "  files: %d read, %d parsed, %d not recognised, %d file errors%n",
                s.files(), s.filesParsed(), s.filesUnrecognised(), s.fileErrors());
        out.printf(Locale.ROOT, "  observations: %d; distinct references: %d (%d internal, %d outside: %d foreign, "
                + "%d unattributed)%n", s.observations(), s.dependencies(), s.internal(), s.external(), s.foreign(),
                s.unattributed());
        out.printf(Locale.ROOT, "  sovereignty score: %d of 100 (base %.1f, lock-in %s -%.1f)%n", r.scores().overall(),
                r.scores().base(), r.scores().topLockInGroup().isEmpty() ? "none" : r.scores().topLockInGroup(),
                r.scores().lockInPenalty());
        out.printf(Locale.ROOT, "  foreign share, weighted by role: %s%n", percent(s.foreignShare()));
        out.printf(Locale.ROOT, "  %-14s %7s %7s %7s %5s  %s%n", "layer", "outside", "foreign", "share", "score",
                "foreign vendor groups");
        for (LayerScore l : r.layers()) {
            if (l.dependencies() == 0) {
                continue;
            }
            out.printf(Locale.ROOT, "  %-14s %7d %7d %7s %5d  %s%n", l.layer().id(), l.dependencies(), l.foreign(),
                    percent(l.foreignShare()), l.score(), String.join(", ", l.foreignGroups()));
        }
        StringBuilder counts = new StringBuilder();
        for (Severity sev : Severity.values()) {
            counts.append(counts.isEmpty() ? "" : ", ").append(s.findingsBySeverity().getOrDefault(sev.id(), 0))
                    .append(' ').append(sev.id());
        }
        out.printf(Locale.ROOT, "  findings: %s%s%n", counts,
                s.acceptedFindings() == 0 ? "" : "; " + s.acceptedFindings() + " accepted by exception");
        if (r.drift() != null) {
            var d = r.drift();
            out.printf(Locale.ROOT, "  since audit %s: score %+d; %d new, %d resolved, %d newly accepted, %d changed%n",
                    d.previousAuditId(), d.scoreDelta(), d.newFindings().size(), d.resolvedFindings().size(),
                    d.newlyAccepted().size(), d.changedFindings().size());
        }
        List<Finding> findings = r.findings();
        for (int i = 0; i < findings.size() && i < TOP_FINDINGS; i++) {
            Finding f = findings.get(i);
            out.printf(Locale.ROOT, "    %-8s %-13s %s%n", f.severity().id().toUpperCase(Locale.ROOT), f.ruleId(),
                    f.title());
        }
        if (findings.size() > TOP_FINDINGS) {
            out.printf(Locale.ROOT, "    ... and %d more in the report%n", findings.size() - TOP_FINDINGS);
        }
    }

    static void verification(PrintWriter out, BundleVerification v) {
        for (BundleVerification.Check c : v.checks()) {
            out.printf(Locale.ROOT, "  [%s] %s%s%n", c.passed() ? "ok" : "FAIL", c.name(),
                    c.detail().isEmpty() ? "" : ": " + c.detail());
        }
        out.println(v.passed() ? "VERIFIED: every check passed" : "NOT VERIFIED: at least one check failed");
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
