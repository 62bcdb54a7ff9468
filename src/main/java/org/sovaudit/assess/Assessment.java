package org.sovaudit.assess;

import java.util.List;

import org.sovaudit.model.AuditReport.LayerScore;
import org.sovaudit.model.Dependency;
import org.sovaudit.model.Finding;

/** What the policy made of an audit's attributions, every list in its canonical order. */
public record Assessment(List<Dependency> dependencies, List<Finding> findings, List<LayerScore> layers,
                         double foreignShare) {
    public Assessment {
        dependencies = List.copyOf(dependencies);
        findings = List.copyOf(findings);
        layers = List.copyOf(layers);
    }
}
