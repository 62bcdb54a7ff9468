package org.sovaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.sovaudit.model.Attribution;
import org.sovaudit.model.AuditReport;
import org.sovaudit.model.AuditReport.LayerScore;
import org.sovaudit.model.Dependency;
import org.sovaudit.model.Evidence;
import org.sovaudit.model.FileError;
import org.sovaudit.model.Finding;
import org.sovaudit.model.Severity;

import static org.sovaudit.report.Html.esc;
import static org.sovaudit.report.Html.shown;

/**
 * A self-contained HTML page: inline styles, no scripts, no external assets, every
 * configuration-derived string escaped. Readable on screen and when printed to PDF.
 */
public final class HtmlReportWriter implements ReportWriter {

    private static final String STYLE = """
            :root{--ink:#1d2330;--muted:#5b6475;--line:#d8dde6;--bg:#f6f7f9;--crit:#8b0000;--high:#c0392b;\
            --med:#d98200;--low:#2d6a9f;--info:#5b6475;--ok:#2e7d32}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);\
            margin:0;background:#fff}
            header{background:var(--ink);color:#fff;padding:20px 32px}
            header h1{margin:0 0 6px;font-size:22px}
            header p{margin:2px 0;color:#c9d0dc}
            main{padding:16px 32px 40px;max-width:1280px}
            h2{font-size:18px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:28px}
            .cards{display:flex;flex-wrap:wrap;gap:12px}
            .card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:150px;background:var(--bg)}
            .card b{display:block;font-size:22px}
            .card span{color:var(--muted);font-size:12px}
            table{border-collapse:collapse;width:100%;margin:8px 0}
            th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
            th{background:var(--bg);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .bar{background:#e9ecf1;border-radius:3px;height:10px;width:140px;display:inline-block;vertical-align:middle}
            .bar i{display:block;height:10px;border-radius:3px;background:var(--high)}
            .sev{display:inline-block;border-radius:3px;padding:1px 7px;color:#fff;font-size:12px;font-weight:600;\
            text-transform:uppercase}
            .sev-critical{background:var(--crit)}.sev-high{background:var(--high)}.sev-medium{background:var(--med)}\
            .sev-low{background:var(--low)}.sev-info{background:var(--info)}
            article{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:4px;padding:10px 14px;\
            margin:10px 0;page-break-inside:avoid}
            article.critical{border-left-color:var(--crit)}article.high{border-left-color:var(--high)}\
            article.medium{border-left-color:var(--med)}article.low{border-left-color:var(--low)}
            article h3{margin:4px 0 6px;font-size:15px;overflow-wrap:anywhere}
            .meta{color:var(--muted);font-size:12px}
            code,pre{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
            pre{background:var(--bg);border:1px solid var(--line);padding:4px 8px;margin:2px 0 6px;white-space:pre-wrap;\
            overflow-wrap:anywhere}
            td code{overflow-wrap:anywhere}
            .fix{background:#eef6ee;border-left:3px solid var(--ok);padding:6px 10px;margin-top:6px}
            .none{color:var(--muted);font-style:italic}
            footer{color:var(--muted);font-size:12px;padding:16px 32px;border-top:1px solid var(--line)}
            .score{float:right;text-align:center;background:#fff;color:var(--ink);border-radius:8px;padding:8px 16px;\
            margin-left:16px}
            .score b{display:block;font-size:34px;line-height:1}.score span{font-size:11px;color:var(--muted)}
            h3{font-size:14px;margin:12px 0 4px}
            .bar.wide{width:260px}
            .b-foreign,.bar i{background:var(--high)}.b-domestic{background:var(--ok)!important}\
            .b-trusted{background:var(--low)!important}.b-international{background:#8a8f99!important}\
            .b-unknown{background:var(--med)!important}
            .heat td.num{min-width:44px;text-align:center}
            .cell-domestic{background:rgba(46,125,50,var(--a,.25))}.cell-trusted{background:rgba(45,106,159,var(--a,.25))}\
            .cell-international{background:rgba(110,116,128,var(--a,.25))}.cell-foreign{background:rgba(192,57,43,var(--a,.25))}\
            .cell-unknown{background:rgba(217,130,0,var(--a,.25))}.cell-internal{background:#eef0f3}
            .key{display:inline-block;border-radius:3px;padding:0 5px;margin:1px 0;--a:.22}
            .chip{display:inline-block;border:1px solid var(--line);border-radius:10px;padding:0 7px;font-size:12px}
            svg.graph{max-width:900px;border:1px solid var(--line);border-radius:4px;background:#fff}
            svg.graph path{fill:none;stroke-opacity:.55}svg.graph text{font-size:12px;fill:var(--ink)}
            .e-foreign{stroke:var(--high)}.e-domestic{stroke:var(--ok)}.e-trusted{stroke:var(--low)}\
            .e-international{stroke:#8a8f99}.e-unknown{stroke:var(--med)}
            .n-layer{fill:var(--ink)}.n-foreign{fill:var(--high)}.n-domestic{fill:var(--ok)}.n-trusted{fill:var(--low)}\
            .n-international{fill:#8a8f99}.n-unknown{fill:var(--med)}
            article.accepted{border-left-color:var(--ok);opacity:.85}
            @media print{header{background:#fff;color:var(--ink);border-bottom:2px solid var(--ink)}\
            header p{color:var(--muted)}main{padding:0 8px}a{color:inherit}}
            """;

    @Override
    public String format() {
        return "html";
    }

    @Override
    public String fileName() {
        return "report.html";
    }

    @Override
    public String mediaType() {
        return "text/html; charset=UTF-8";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        out.write(render(report).getBytes(StandardCharsets.UTF_8));
    }

    /** The page as a string. */
    public String render(AuditReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Sovereignty audit ").append(shown(r.scope())).append(" ").append(esc(r.auditId()))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n");
        header(h, r);
        h.append("<main>\n");
        summary(h, r);
        HtmlSections.drift(h, r.drift());
        layers(h, r.layers());
        HtmlSections.heatmap(h, r);
        HtmlSections.concentration(h, r);
        HtmlSections.lockIn(h, r.lockIn(), r.scores());
        HtmlSections.graph(h, r);
        HtmlSections.controlPlane(h, r.controlPlane());
        HtmlSections.residency(h, r.residency());
        findings(h, r.findings());
        accepted(h, r.accepted());
        dependencies(h, r.dependencies());
        files(h, r);
        errors(h, r.errors());
        h.append("</main>\n");
        footer(h, r);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, AuditReport r) {
        AuditReport.PolicySummary p = r.policy();
        h.append("<header><div class=\"score\"><b>").append(r.scores().overall())
                .append("</b><span>sovereignty score<br>of 100</span></div><h1>Sovereignty audit: ")
                .append(shown(r.scope())).append("</h1>")
                .append("<p>Audit <code>").append(esc(r.auditId())).append("</code> &middot; ")
                .append(esc(r.createdAt())).append("</p>")
                .append("<p>Home jurisdiction <b>").append(esc(p.home())).append("</b>");
        if (!p.trusted().isEmpty()) {
            h.append(" &middot; trusted: ").append(esc(String.join(", ", p.trusted())));
        }
        h.append(" &middot; policy ").append(esc(p.name())).append(" <code>").append(esc(shortHash(p.sha256())))
                .append("</code></p></header>\n");
    }

    private static void summary(StringBuilder h, AuditReport r) {
        AuditReport.Summary s = r.summary();
        h.append("<h2>Summary</h2><div class=\"cards\">");
        card(h, r.scores().overall() + " / 100", "sovereignty score (docs/scoring.md)");
        card(h, percent(s.foreignShare()), "foreign share, weighted by role");
        for (Severity sev : Severity.values()) {
            card(h, String.valueOf(s.findingsBySeverity().getOrDefault(sev.id(), 0)), sev.id() + " findings");
        }
        card(h, String.valueOf(s.external()), "outside dependencies");
        card(h, String.valueOf(s.foreign()), "foreign");
        card(h, String.valueOf(s.unattributed()), "unattributed, to review");
        card(h, s.filesParsed() + " / " + s.files(), "files parsed / read");
        card(h, String.valueOf(s.fileErrors()), "file errors");
        card(h, String.valueOf(s.acceptedFindings()), "accepted by exception");
        h.append("</div>\n");
    }

    private static void card(StringBuilder h, String value, String label) {
        h.append("<div class=\"card\"><b>").append(esc(value)).append("</b><span>").append(esc(label))
                .append("</span></div>");
    }

    private static void layers(StringBuilder h, List<LayerScore> layers) {
        h.append("<h2>Stack layers</h2><table><thead><tr><th>Layer</th><th>Outside</th><th>Domestic</th>")
                .append("<th>Trusted</th><th>International</th><th>Foreign</th><th>Unattributed</th>")
                .append("<th>Foreign share</th><th>Score</th><th>Concentration</th><th>Foreign vendor groups</th></tr></thead><tbody>");
        for (LayerScore l : layers) {
            h.append("<tr><td>").append(esc(CanonicalJson.enumId(l.layer()))).append("</td>");
            num(h, l.dependencies());
            num(h, l.domestic());
            num(h, l.trusted());
            num(h, l.international());
            num(h, l.foreign());
            num(h, l.unattributed());
            h.append("<td><span class=\"bar\"><i style=\"width:").append(Math.round(l.foreignShare() * 100))
                    .append("%\"></i></span> ").append(percent(l.foreignShare())).append("</td><td class=\"num\">")
                    .append(l.dependencies() == 0 ? "&ndash;" : String.valueOf(l.score())).append("</td><td class=\"num\">")
                    .append(l.dependencies() == 0 ? "&ndash;" : String.format(Locale.ROOT, "%.2f", l.concentration()))
                    .append("</td><td>")
                    .append(l.foreignGroups().isEmpty() ? "<span class=\"none\">none</span>"
                            : esc(String.join(", ", l.foreignGroups())))
                    .append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static void findings(StringBuilder h, List<Finding> findings) {
        h.append("<h2>Findings (").append(findings.size()).append(")</h2>");
        if (findings.isEmpty()) {
            h.append("<p class=\"none\">No findings under this policy.</p>");
        }
        for (Finding f : findings) {
            String sev = f.severity().id();
            h.append("<article class=\"").append(sev).append("\"><span class=\"sev sev-").append(sev).append("\">")
                    .append(sev).append("</span> <span class=\"meta\">").append(esc(f.ruleId())).append(" &middot; ")
                    .append(esc(CanonicalJson.enumId(f.layer()))).append(" &middot; ")
                    .append(esc(f.role().id())).append(" &middot; ").append(esc(f.jurisdictionClass().id()))
                    .append(" &middot; fingerprint <code>").append(esc(f.fingerprint())).append("</code></span>")
                    .append("<h3>").append(shown(f.title())).append("</h3>")
                    .append("<p>").append(shown(f.explanation())).append("</p>")
                    .append("<p class=\"meta\">Attribution: ").append(shown(attribution(f.attribution()))).append("</p>");
            evidence(h, f.evidence(), f.occurrences());
            h.append("<div class=\"fix\"><b>Remediation.</b> ").append(esc(f.remediation())).append("</div></article>\n");
        }
    }

    private static void accepted(StringBuilder h, List<AuditReport.AcceptedFinding> accepted) {
        if (accepted.isEmpty()) {
            return;
        }
        h.append("<h2>Accepted by exception (").append(accepted.size()).append(")</h2>");
        for (AuditReport.AcceptedFinding a : accepted) {
            Finding f = a.finding();
            h.append("<article class=\"accepted\"><span class=\"meta\">").append(esc(f.ruleId())).append(" &middot; ")
                    .append(esc(f.severity().id())).append(" &middot; accepted until ").append(esc(a.expires()));
            if (!a.approvedBy().isEmpty()) {
                h.append(" by ").append(shown(a.approvedBy()));
            }
            h.append("</span><h3>").append(shown(f.title())).append("</h3><p>").append(shown(a.justification()))
                    .append("</p>");
            evidence(h, f.evidence(), f.occurrences());
            h.append("</article>\n");
        }
    }

    private static void evidence(StringBuilder h, List<Evidence> evidence, int occurrences) {
        h.append("<div class=\"meta\">Evidence");
        if (occurrences > evidence.size()) {
            h.append(" (first ").append(evidence.size()).append(" of ").append(occurrences).append(")");
        }
        h.append(":</div>");
        for (Evidence e : evidence) {
            h.append("<div><code>").append(shown(e.where())).append("</code></div>");
            if (!e.snippet().isEmpty()) {
                h.append("<pre>").append(shown(e.snippet())).append("</pre>");
            }
        }
    }

    private static void dependencies(StringBuilder h, List<Dependency> deps) {
        h.append("<h2>Dependencies (").append(deps.size()).append(")</h2><table><thead><tr><th>Layer</th>")
                .append("<th>Role</th><th>Value</th><th>Class</th><th>Vendor</th><th>Jurisdiction</th>")
                .append("<th>How attributed</th><th>Seen</th><th>First seen at</th></tr></thead><tbody>");
        for (Dependency d : deps) {
            Attribution a = d.attribution();
            h.append("<tr><td>").append(esc(CanonicalJson.enumId(d.layer()))).append("</td><td>")
                    .append(esc(d.role().id())).append("</td><td><code>").append(shown(d.value())).append("</code>");
            if (!d.context().isEmpty()) {
                h.append(" <span class=\"meta\">(").append(shown(d.context())).append(")</span>");
            }
            h.append("</td><td>").append(esc(d.jurisdictionClass().id())).append("</td><td>")
                    .append(shown(a.vendorName())).append("</td><td>").append(esc(a.jurisdiction())).append("</td><td>")
                    .append(shown(attribution(a))).append("</td>");
            num(h, d.occurrences());
            h.append("<td><code>").append(d.evidence().isEmpty() ? "" : shown(d.evidence().getFirst().where()))
                    .append("</code></td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static void files(StringBuilder h, AuditReport r) {
        h.append("<h2>Files (").append(r.files().size()).append(")</h2><details><summary>Every file read, ")
                .append("its parser and SHA-256</summary><table><thead><tr><th>Path</th><th>Parser</th>")
                .append("<th>Observations</th><th>Bytes</th><th>SHA-256</th></tr></thead><tbody>");
        for (AuditReport.FileEntry f : r.files()) {
            h.append("<tr><td><code>").append(shown(f.path())).append("</code></td><td>")
                    .append(f.parser().isEmpty() ? "<span class=\"none\">not recognised</span>" : esc(f.parser()))
                    .append("</td>");
            num(h, f.observations());
            num(h, f.size());
            h.append("<td><code>").append(esc(f.sha256())).append("</code></td></tr>");
        }
        h.append("</tbody></table></details>\n");
    }

    private static void errors(StringBuilder h, List<FileError> errors) {
        h.append("<h2>File errors (").append(errors.size()).append(")</h2>");
        if (errors.isEmpty()) {
            h.append("<p class=\"none\">Every file was read.</p>");
            return;
        }
        h.append("<table><thead><tr><th>Where</th><th>Problem</th></tr></thead><tbody>");
        for (FileError e : errors) {
            h.append("<tr><td><code>").append(shown(e.line() == 0 ? e.path() : e.path() + ":" + e.line()))
                    .append("</code></td><td>").append(shown(e.reason())).append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static void footer(StringBuilder h, AuditReport r) {
        AuditReport.Toolchain t = r.toolchain();
        h.append("<footer><p>sovaudit ").append(esc(t.appliance())).append(" &middot; report schema ")
                .append(r.schemaVersion()).append(" &middot; knowledge base ").append(esc(t.knowledgeBase().version()))
                .append(" <code>").append(esc(shortHash(t.knowledgeBase().sha256()))).append("</code> &middot; model <code>")
                .append(esc(shortHash(t.model().sha256()))).append("</code> &middot; rules ")
                .append(esc(t.rules().version())).append(" &middot; parsers ");
        for (int i = 0; i < t.parsers().size(); i++) {
            AuditReport.Component c = t.parsers().get(i);
            h.append(i == 0 ? "" : ", ").append(esc(c.id())).append('@').append(esc(c.version()));
        }
        h.append("</p><p>This page is a rendering of report.json. The signed record is report.json with its ")
                .append("detached CMS signature report.json.p7s; verify a bundle with <code>sovaudit verify ")
                .append("bundle.zip</code> or with OpenSSL (<code>openssl cms -verify -binary -inform DER -in ")
                .append("report.json.p7s -content report.json -CAfile appliance.pem -purpose any</code>).</p></footer>\n");
    }

    private static String attribution(Attribution a) {
        return switch (a.status()) {
            case INTERNAL -> "internal (" + a.basis() + ")";
            case UNATTRIBUTED -> {
                StringBuilder sb = new StringBuilder("unattributed");
                if (!a.guesses().isEmpty()) {
                    sb.append("; model guesses ");
                    for (int i = 0; i < a.guesses().size(); i++) {
                        Attribution.Guess g = a.guesses().get(i);
                        sb.append(i == 0 ? "" : ", ").append(g.group()).append(' ').append(fixed(g.probability()));
                    }
                }
                yield sb.toString();
            }
            case ATTRIBUTED -> switch (a.method()) {
                case KB -> "knowledge base: " + a.basis();
                case MODEL -> "model, p=" + fixed(a.confidence());
                case RULE -> "rule: " + a.basis();
                case NONE -> "";
            };
        };
    }

    private static void num(StringBuilder h, long n) {
        h.append("<td class=\"num\">").append(n).append("</td>");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String fixed(double p) {
        return String.format(Locale.ROOT, "%.2f", p);
    }

    private static String shortHash(String hex) {
        return hex == null || hex.length() < 12 ? (hex == null ? "" : hex) : hex.substring(0, 12);
    }
}
