package org.sovaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.RunAutomationDetails;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import org.sovaudit.assess.Rule;
import org.sovaudit.assess.Rules;
import org.sovaudit.model.AuditReport;
import org.sovaudit.model.Evidence;
import org.sovaudit.model.Finding;
import org.sovaudit.model.Severity;

/**
 * SARIF 2.1.0, so that code-scanning viewers show findings at file and line: one run, the rules
 * used, one result per finding (accepted findings as suppressed results), the finding's
 * fingerprint as a partial fingerprint. Built with the SARIF object model of java-sarif.
 */
public final class SarifReportWriter implements ReportWriter {

    /** The OASIS 2.1.0 schema's identifier; an identifier only, never fetched. */
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String FINGERPRINT = "sovaudit/v1";

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public String fileName() {
        return "report.sarif";
    }

    @Override
    public String mediaType() {
        return "application/sarif+json";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        out.write(CanonicalJson.bytes(sarif(report)));
    }

    SarifSchema210 sarif(AuditReport report) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<ReportingDescriptor> rules = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            results.add(result(f, index(f, ruleIndex, rules), null));
        }
        for (AuditReport.AcceptedFinding a : report.accepted()) {
            Suppression s = new Suppression().withKind(Suppression.Kind.EXTERNAL).withStatus(Suppression.Status.ACCEPTED)
                    .withJustification(a.justification() + " (expires " + a.expires() + ")");
            results.add(result(a.finding(), index(a.finding(), ruleIndex, rules), s));
        }
        ToolComponent driver = new ToolComponent().withName("sovaudit")
                .withVersion(report.toolchain().appliance())
                .withSemanticVersion(report.toolchain().appliance())
                .withRules(new LinkedHashSet<>(rules));
        Run run = new Run().withTool(new Tool().withDriver(driver))
                .withAutomationDetails(new RunAutomationDetails().withId(report.scope() + "/" + report.auditId()))
                .withColumnKind(Run.ColumnKind.UNICODE_CODE_POINTS)
                .withResults(results)
                .withProperties(properties(Map.of(
                        "auditId", report.auditId(),
                        "createdAt", report.createdAt(),
                        "homeJurisdiction", report.policy().home(),
                        "score", report.scores().overall())));
        return new SarifSchema210().with$schema(java.net.URI.create(SCHEMA)).withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(run));
    }

    private static int index(Finding f, Map<String, Integer> ruleIndex, List<ReportingDescriptor> rules) {
        return ruleIndex.computeIfAbsent(f.ruleId(), id -> {
            Rule rule = Rules.byId(id).orElse(new Rule(id, f.title(), Set.of(), "", f.remediation()));
            rules.add(new ReportingDescriptor().withId(rule.id()).withName(camel(rule.title()))
                    .withShortDescription(new MultiformatMessageString().withText(rule.title()))
                    .withFullDescription(new MultiformatMessageString().withText(rule.why().isEmpty() ? rule.title() : rule.why()))
                    .withHelp(new MultiformatMessageString().withText(rule.remediation()))
                    .withDefaultConfiguration(new ReportingConfiguration().withLevel(ReportingConfiguration.Level.WARNING)));
            return rules.size() - 1;
        });
    }

    private static Result result(Finding f, int ruleIndex, Suppression suppression) {
        List<Location> locations = new ArrayList<>();
        for (Evidence e : f.evidence()) {
            PhysicalLocation physical = new PhysicalLocation()
                    .withArtifactLocation(new ArtifactLocation().withUri(uri(e.file())).withUriBaseId("SRCROOT"));
            if (e.line() > 0) {
                Region region = new Region().withStartLine(e.line());
                if (!e.snippet().isEmpty()) {
                    region.withSnippet(new com.contrastsecurity.sarif.ArtifactContent().withText(e.snippet()));
                }
                physical.withRegion(region);
            }
            locations.add(new Location().withPhysicalLocation(physical));
        }
        PartialFingerprints fp = new PartialFingerprints();
        fp.setAdditionalProperty(FINGERPRINT, f.fingerprint());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("severity", f.severity().id());
        props.put("layer", f.layer().id());
        props.put("role", f.role().id());
        props.put("jurisdictionClass", f.jurisdictionClass().id());
        props.put("jurisdiction", f.attribution().jurisdiction());
        props.put("vendor", f.attribution().vendorName());
        props.put("group", f.attribution().group());
        props.put("attributionMethod", CanonicalJson.enumId(f.attribution().method()));
        props.put("confidence", f.attribution().confidence());
        Result r = new Result().withRuleId(f.ruleId()).withRuleIndex(ruleIndex).withLevel(level(f.severity()))
                .withKind(Result.Kind.FAIL)
                .withMessage(new Message().withText(f.title() + ". " + f.explanation() + " Remediation: " + f.remediation()))
                .withLocations(locations)
                .withOccurrenceCount(f.occurrences())
                .withPartialFingerprints(fp)
                .withProperties(properties(props));
        if (suppression != null) {
            r.withSuppressions(new LinkedHashSet<>(List.of(suppression)));
        }
        return r;
    }

    static Result.Level level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> Result.Level.ERROR;
            case MEDIUM -> Result.Level.WARNING;
            case LOW, INFO -> Result.Level.NOTE;
        };
    }

    private static PropertyBag properties(Map<String, ?> values) {
        PropertyBag bag = new PropertyBag();
        values.forEach(bag::setAdditionalProperty);
        return bag;
    }

    /** A relative URI reference for a logical path: each segment percent-encoded. */
    static String uri(String path) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    private static String camel(String title) {
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (char c : title.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return sb.toString();
    }
}
