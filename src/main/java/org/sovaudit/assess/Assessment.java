package org.sovaudit.assess;

import java.util.List;

import org.sovaudit.model.AuditReport.AcceptedFinding;
import org.sovaudit.model.AuditReport.ControlPlaneRole;
import org.sovaudit.model.AuditReport.LayerScore;
import org.sovaudit.model.AuditReport.LockIn;
import org.sovaudit.model.AuditReport.Residency;
import org.sovaudit.model.AuditReport.Scores;
import org.sovaudit.model.Dependency;
import org.sovaudit.model.Finding;

/** What the policy made of an audit's attributions, every list in its canonical order. */
public record Assessment(
        List<Dependency> dependencies,
        List<Finding> findings,
        List<AcceptedFinding> accepted,
        List<LayerScore> layers,
        List<LockIn> lockIn,
        List<ControlPlaneRole> controlPlane,
        List<Residency> residency,
        Scores scores,
        double foreignShare) {

    public Assessment {
        dependencies = List.copyOf(dependencies);
        findings = List.copyOf(findings);
        accepted = List.copyOf(accepted);
        layers = List.copyOf(layers);
        lockIn = List.copyOf(lockIn);
        controlPlane = List.copyOf(controlPlane);
        residency = List.copyOf(residency);
    }
}
