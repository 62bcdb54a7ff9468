package org.sovaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sovaudit.model.AuditReport;
import org.sovaudit.model.Evidence;
import org.sovaudit.model.Finding;

/**
 * OSCAL assessment results (1.1), for government assessment workflows: one result whose
 * observations are the evidence of each finding and whose findings target the rule that raised
 * them, with severity, layer and jurisdiction as properties. UUIDs are derived from the audit so
 * that the same report gives the same document.
 */
public final class OscalReportWriter implements ReportWriter {

    static final String OSCAL_VERSION = "1.1.2";
    static final String NS = "urn:sovaudit:oscal";

    @Override
    public String format() {
        return "oscal";
    }

    @Override
    public String fileName() {
        return "report.oscal.json";
    }

    @Override
    public String mediaType() {
        return "application/oscal+json";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        out.write(CanonicalJson.bytes(Map.of("assessment-results", document(report))));
    }

    Map<String, Object> document(AuditReport r) {
        String id = r.auditId();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "Sovereignty audit: " + r.scope());
        metadata.put("last-modified", r.createdAt());
        metadata.put("version", id);
        metadata.put("oscal-version", OSCAL_VERSION);
        metadata.put("props", List.of(
                prop("home-jurisdiction", r.policy().home()),
                prop("policy-sha256", r.policy().sha256()),
                prop("sovereignty-score", String.valueOf(r.scores().overall()))));

        List<Map<String, Object>> observations = new ArrayList<>();
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            String obsUuid = Uuids.of(id, "observation", f.fingerprint());
            Map<String, Object> obs = new LinkedHashMap<>();
            obs.put("uuid", obsUuid);
            obs.put("title", f.title());
            obs.put("description", f.explanation());
            obs.put("methods", List.of("EXAMINE"));
            obs.put("types", List.of("finding"));
            List<Map<String, Object>> evidence = new ArrayList<>();
            for (Evidence e : f.evidence()) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("description", e.where() + (e.snippet().isEmpty() ? "" : ": " + e.snippet()));
                evidence.add(ev);
            }
            if (!evidence.isEmpty()) {
                obs.put("relevant-evidence", evidence);
            }
            obs.put("collected", r.createdAt());
            observations.add(obs);

            Map<String, Object> finding = new LinkedHashMap<>();
            finding.put("uuid", Uuids.of(id, "finding", f.fingerprint()));
            finding.put("title", f.title());
            finding.put("description", f.explanation() + " Remediation: " + f.remediation());
            finding.put("props", List.of(
                    prop("rule-id", f.ruleId()),
                    prop("severity", f.severity().id()),
                    prop("layer", f.layer().id()),
                    prop("role", f.role().id()),
                    prop("jurisdiction-class", f.jurisdictionClass().id()),
                    prop("fingerprint", f.fingerprint())));
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("type", "objective-id");
            target.put("target-id", f.ruleId().toLowerCase(java.util.Locale.ROOT));
            target.put("status", Map.of("state", "not-satisfied"));
            finding.put("target", target);
            finding.put("related-observations", List.of(Map.of("observation-uuid", obsUuid)));
            findings.add(finding);
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("uuid", Uuids.of(id, "result"));
        result.put("title", "Sovereignty audit " + id + " of " + r.scope());
        result.put("description", "Dependencies on foreign vendors and jurisdictions found in the configurations of "
                + r.scope() + ", judged against policy " + r.policy().name() + " (home " + r.policy().home() + ").");
        result.put("start", r.createdAt());
        result.put("end", r.createdAt());
        result.put("reviewed-controls", Map.of("control-selections", List.of(Map.of("include-all", Map.of()))));
        if (!observations.isEmpty()) {
            result.put("observations", observations);
            result.put("findings", findings);
        }

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uuid", Uuids.of(id, "assessment-results"));
        doc.put("metadata", metadata);
        doc.put("import-ap", Map.of("href", "urn:sovaudit:policy:" + r.policy().sha256()));
        doc.put("results", List.of(result));
        return doc;
    }

    private static Map<String, Object> prop(String name, String value) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("ns", NS);
        p.put("value", value.isEmpty() ? "none" : value);
        return p;
    }
}
