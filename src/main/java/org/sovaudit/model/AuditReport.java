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
        Scores scores,
        List<LayerScore> layers,
        List<LockIn> lockIn,
        List<ControlPlaneRole> controlPlane,
        List<Residency> residency,
        List<Finding> findings,
        List<AcceptedFinding> accepted,
        Drift drift,
        List<Dependency> dependencies,
        List<FileEntry> files,
        List<FileError> errors) {

    /** Bumped whenever a field is added, removed or changes meaning. */
    public static final int SCHEMA_VERSION = 2;

    public AuditReport {
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(scores, "scores");
        layers = List.copyOf(layers);
        lockIn = List.copyOf(lockIn);
        controlPlane = List.copyOf(controlPlane);
        residency = List.copyOf(residency);
        findings = List.copyOf(findings);
        accepted = List.copyOf(accepted);
        dependencies = List.copyOf(dependencies);
        files = List.copyOf(files);
        errors = List.copyOf(errors);
    }

    /** The same report with a drift section (drift is computed against an earlier report after assessment). */
    public AuditReport withDrift(Drift drift) {
        return new AuditReport(schemaVersion, auditId, scope, createdAt, toolchain, policy, summary, scores, layers,
                lockIn, controlPlane, residency, findings, accepted, drift, dependencies, files, errors);
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

    /**
     * Counts over the whole audit. {@code foreignShare} is weighted by role, 0..1; {@code score} is
     * the overall sovereignty score; accepted findings are not counted by severity.
     */
    public record Summary(
            int score,
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
            Map<String, Integer> findingsBySeverity,
            int acceptedFindings) {
        public Summary {
            findingsBySeverity = Map.copyOf(findingsBySeverity);
        }
    }

    /**
     * The sovereignty score, 0 (every outside dependency foreign and locked in) to 100 (none foreign),
     * with every input the formula uses, so that it can be recomputed from the report alone
     * (docs/scoring.md).
     *
     * @param formula       the formula's id, e.g. {@code sovscore/1}
     * @param base          the layer-weighted mean of the scored layers' scores
     * @param lockInPenalty points taken off the base for the most integrated foreign vendor group
     * @param topLockInGroup that group, empty when no foreign group spans two layers or more
     * @param lockInPercent the policy's percent of the base taken off at full lock-in
     * @param layerWeights  the policy's weight of each layer in the mean
     * @param roleWeights   the policy's weight of one dependency in each role, in a layer's shares
     */
    public record Scores(String formula, int overall, double base, double lockInPenalty, double lockInPercent,
                         String topLockInGroup, Map<String, Double> layerWeights, Map<String, Integer> roleWeights) {
        public Scores {
            layerWeights = Map.copyOf(layerWeights);
            roleWeights = Map.copyOf(roleWeights);
        }
    }

    /**
     * One stack layer: how many outside dependencies it has under each class of jurisdiction, their
     * role-weighted totals, its exposure and score, and how concentrated it is on vendor groups.
     *
     * @param foreignShare       role-weighted share of the outside dependencies with a known
     *                           jurisdiction that are foreign, 0..1
     * @param exposure           (foreign weight + half the unattributed weight) / (known + unattributed weight)
     * @param score              round(100 * (1 - exposure)); 100 for a layer without outside dependencies
     * @param concentration      Herfindahl-Hirschman index over the vendor groups of the layer's attributed
     *                           outside dependencies, by weight, 0..1 (1: one group holds it all)
     * @param groups             each vendor group's weight in the layer, largest first
     */
    public record LayerScore(
            Layer layer,
            int dependencies,
            int domestic,
            int trusted,
            int international,
            int foreign,
            int unattributed,
            double knownWeight,
            double foreignWeight,
            double unattributedWeight,
            double foreignShare,
            double exposure,
            int score,
            double concentration,
            List<GroupShare> groups,
            List<String> foreignGroups,
            List<String> jurisdictions) {
        public LayerScore {
            groups = List.copyOf(groups);
            foreignGroups = List.copyOf(foreignGroups);
            jurisdictions = List.copyOf(jurisdictions);
        }
    }

    /** One vendor group's part of a layer; {@code group} is {@code jurisdiction:XX} when only the country is known. */
    public record GroupShare(String group, String name, String jurisdiction, JurisdictionClass jurisdictionClass,
                             double weight, double share) {
    }

    /**
     * A foreign vendor group across the stack: the layers it is present in, the longest run of
     * adjacent stack layers among them (connectivity, cloud, platform, applications, ai), and its
     * lock-in index, 0..1 (docs/scoring.md).
     */
    public record LockIn(String group, String name, String jurisdiction, List<Layer> layers, int adjacentRun,
                         int dependencies, double index) {
        public LockIn {
            layers = List.copyOf(layers);
        }
    }

    /** Who plays one control-plane role for the ministry: every party, and how many are foreign. */
    public record ControlPlaneRole(Role role, int parties, int foreign, int unattributed, List<Party> partiesSeen) {
        public ControlPlaneRole {
            partiesSeen = List.copyOf(partiesSeen);
        }
    }

    /** One party in a control-plane role. */
    public record Party(String value, String context, JurisdictionClass jurisdictionClass, String group, String name,
                        String jurisdiction, int occurrences) {
    }

    /**
     * Where data lives: a cloud region or storage location, the provider answerable for it, and the
     * country the region is in when the knowledge base knows it (empty otherwise).
     */
    public record Residency(ObservationKind kind, String value, String context, Role role, String providerGroup,
                            String providerName, String providerJurisdiction, String location,
                            JurisdictionClass jurisdictionClass) {
    }

    /** A finding the policy accepts until an expiry date, with the justification given for it. */
    public record AcceptedFinding(Finding finding, String justification, String approvedBy, String expires) {
    }

    /**
     * What changed since the previous audit of the same scope: findings by fingerprint, and scores.
     * {@code resolvedFindings} are gone altogether; {@code newlyAccepted} were findings and are now
     * accepted by an exception; {@code changedFindings} are in both with another severity.
     */
    public record Drift(String previousAuditId, String previousCreatedAt, List<DriftItem> newFindings,
                        List<DriftItem> resolvedFindings, List<DriftItem> newlyAccepted,
                        List<DriftChange> changedFindings, int previousScore, int scoreDelta,
                        Map<String, Integer> layerScoreDeltas) {
        public Drift {
            newFindings = List.copyOf(newFindings);
            resolvedFindings = List.copyOf(resolvedFindings);
            newlyAccepted = List.copyOf(newlyAccepted);
            changedFindings = List.copyOf(changedFindings);
            layerScoreDeltas = Map.copyOf(layerScoreDeltas);
        }
    }

    /** A finding named in a drift section. */
    public record DriftItem(String fingerprint, String ruleId, String severity, String title) {
    }

    /** A finding whose severity changed between two audits. */
    public record DriftChange(String fingerprint, String ruleId, String title, String fromSeverity, String toSeverity) {
    }

    /** One file read by the audit; {@code parser} is empty when no parser recognised it. */
    public record FileEntry(String path, String sha256, long size, String parser, int observations) {
    }
}
