package org.sovaudit.report;

import java.util.List;
import java.util.Map;

import org.sovaudit.model.Attribution;
import org.sovaudit.model.AuditReport;
import org.sovaudit.model.Dependency;
import org.sovaudit.model.Evidence;
import org.sovaudit.model.FileError;
import org.sovaudit.model.Finding;
import org.sovaudit.model.JurisdictionClass;
import org.sovaudit.model.Layer;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.model.Severity;

/** A small report whose config-derived strings are all {@code s}, for writer tests. */
final class SampleReports {
    private SampleReports() {
    }

    static AuditReport withStrings(String s) {
        Attribution a = new Attribution(Attribution.Status.ATTRIBUTED, "v-" + s, "Vendor " + s, "g", "US", Layer.CLOUD,
                1.0, Attribution.Method.KB, "domain-suffix " + s, List.of());
        Evidence e = new Evidence("etc/" + s, 4, "nameserver " + s);
        Dependency d = new Dependency(ObservationKind.HOSTNAME, s, Role.DNS_RESOLVER, "ctx " + s, 1, List.of(e), a,
                Layer.CONTROL_PLANE, JurisdictionClass.FOREIGN);
        Finding f = new Finding("0123456789abcdef01234567", "SOV-CP-001", Severity.HIGH, "Foreign DNS resolver: " + s,
                "explained " + s, Layer.CONTROL_PLANE, Role.DNS_RESOLVER, ObservationKind.HOSTNAME, s, "ctx " + s, a,
                JurisdictionClass.FOREIGN, 1, List.of(e), "fix it");
        return new AuditReport(AuditReport.SCHEMA_VERSION, "audit-1", "scope " + s, "2026-11-29T08:00:00Z",
                new AuditReport.Toolchain("0.1.0", List.of(new AuditReport.Component("resolv-conf", "1", "")),
                        new AuditReport.Component("knowledge-base", "kb-1", "ab".repeat(32)),
                        new AuditReport.Component("attribution-model", "1", "cd".repeat(32)),
                        new AuditReport.Component("rules", "1", "")),
                new AuditReport.PolicySummary("p", "ef".repeat(32), "KE", List.of("UG"), List.of("ministry.go.ke")),
                new AuditReport.Summary(0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1.0, Map.of("high", 1, "critical", 0), 0),
                new AuditReport.Scores("sovscore/1", 0, 0.0, 0.0, 20.0, "", Map.of("control-plane", 3.0),
                        Map.of("dns-resolver", 3)),
                List.of(new AuditReport.LayerScore(Layer.CONTROL_PLANE, 1, 0, 0, 0, 1, 0, 3.0, 3.0, 0.0, 1.0, 1.0, 0, 1.0,
                        List.of(new AuditReport.GroupShare("g", "Vendor " + s, "US", JurisdictionClass.FOREIGN, 3.0, 1.0)),
                        List.of("g"), List.of("US"))),
                List.of(new AuditReport.LockIn("g", "Vendor " + s, "US", List.of(Layer.CONTROL_PLANE), 0, 1, 0.0)),
                List.of(new AuditReport.ControlPlaneRole(Role.DNS_RESOLVER, 1, 1, 0, List.of(new AuditReport.Party(s,
                        "ctx " + s, JurisdictionClass.FOREIGN, "g", "Vendor " + s, "US", 1)))),
                List.of(new AuditReport.Residency(ObservationKind.CLOUD_REGION, s, "ctx " + s, Role.CLOUD_REGION, "g",
                        "Vendor " + s, "US", "", JurisdictionClass.FOREIGN)),
                List.of(f), List.of(), null, List.of(d),
                List.of(new AuditReport.FileEntry("etc/" + s, "00".repeat(32), 10, "resolv-conf", 1)),
                List.of(new FileError("etc/" + s, 2, "bad " + s)));
    }
}
