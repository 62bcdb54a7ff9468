package org.sovaudit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one report model. Every output format is written from it; its canonical JSON form is what
 * the appliance signs and records in the ledger.
 */
public record AuditReport(
        int schemaVersion,
        String auditId,
        String scope,
        String createdAt,
        Toolchain toolchain,
        PolicySummary policy,
        Summary summary,
        List<LayerScore> layers,
        List<Finding> findings,
        List<Dependency> dependencies,
        List<FileEntry> files,
        List<FileError> errors) {

    /** Bumped whenever a field is added, removed or changes meaning. */
    public static final int SCHEMA_VERSION = 1;

    public AuditReport {
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(createdAt, "createdAt");
        layers = List.copyOf(layers);
        findings = List.copyOf(findings);
        dependencies = List.copyOf(dependencies);
        files = List.copyOf(files);
        errors = List.copyOf(errors);
    }

    /** Which versions of which components produced the report. */
    public record Toolchain(String appliance, List<Component> parsers, Component knowledgeBase, Component model,
                            Component rules) {
        public Toolchain {
            parsers = List.copyOf(parsers);
        }
    }

    /** A versioned component; {@code sha256} is empty where the component has no data file. */
    public record Component(String id, String version, String sha256) {
    }

    /** The policy the audit was judged against. */
    public record PolicySummary(String name, String sha256, String home, List<String> trusted,
                                List<String> internalDomains) {
        public PolicySummary {
            trusted = List.copyOf(trusted);
            internalDomains = List.copyOf(internalDomains);
        }
    }

    /** Counts over the whole audit. {@code foreignShare} is weighted by role, 0..1. */
    public record Summary(
            int files,
            int filesParsed,
            int filesUnrecognised,
            int fileErrors,
            long observations,
            int dependencies,
            int internal,
            int external,
            int foreign,
            int unattributed,
            double foreignShare,
            Map<String, Integer> findingsBySeverity) {
        public Summary {
            findingsBySeverity = Map.copyOf(findingsBySeverity);
        }
    }

    /**
     * One stack layer: how many outside dependencies it has under each class of jurisdiction, and
     * the role-weighted share of those whose jurisdiction is known that are foreign (0..1).
     */
    public record LayerScore(
            Layer layer,
            int dependencies,
            int domestic,
            int trusted,
            int international,
            int foreign,
            int unattributed,
            double foreignShare,
            List<String> foreignGroups,
            List<String> jurisdictions) {
        public LayerScore {
            foreignGroups = List.copyOf(foreignGroups);
            jurisdictions = List.copyOf(jurisdictions);
        }
    }

    /** One file read by the audit; {@code parser} is empty when no parser recognised it. */
    public record FileEntry(String path, String sha256, long size, String parser, int observations) {
    }
}
