package org.sovaudit.assess;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.sovaudit.model.Attribution;
import org.sovaudit.model.AuditReport.AcceptedFinding;
import org.sovaudit.model.AuditReport.ControlPlaneRole;
import org.sovaudit.model.AuditReport.GroupShare;
import org.sovaudit.model.AuditReport.LayerScore;
import org.sovaudit.model.AuditReport.LockIn;
import org.sovaudit.model.AuditReport.Party;
import org.sovaudit.model.AuditReport.Residency;
import org.sovaudit.model.AuditReport.Scores;
import org.sovaudit.model.Dependency;
import org.sovaudit.model.Digests;
import org.sovaudit.model.Finding;
import org.sovaudit.model.JurisdictionClass;
import org.sovaudit.model.Layer;
import org.sovaudit.model.Role;
import org.sovaudit.model.Severity;

/**
 * Judges attributed references against a policy: places each in a stack layer and a class of
 * jurisdiction, raises a finding for each that the rules flag (or lists it as accepted when a
 * current exception covers it), and measures the layers, the lock-in of foreign vendor groups, the
 * control plane, data residency and the overall score (docs/scoring.md). Pure: the same input and
 * day give the same output, in canonical order.
 */
public final class Assessor {

    /** The formula {@link Scores} follow; changed whenever the numbers would change. */
    public static final String FORMULA = "sovscore/1";

    /** The stack layers in their order of adjacency; the other layers cut across them. */
    public static final List<Layer> STACK = List.of(Layer.CONNECTIVITY, Layer.CLOUD, Layer.PLATFORM,
            Layer.APPLICATIONS, Layer.AI);

    private static final Comparator<Dependency> DEPENDENCY_ORDER = Comparator
            .comparing(Dependency::layer)
            .thenComparing(Dependency::role)
            .thenComparing(Dependency::kind)
            .thenComparing(Dependency::value)
            .thenComparing(Dependency::context);

    private static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparing(Finding::severity)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::value)
            .thenComparing(Finding::fingerprint);

    private final Policy policy;
    private final LocalDate day;

    /**
     * @param day the audit's date, against which exceptions' expiry dates are compared
     */
    public Assessor(Policy policy, LocalDate day) {
        this.policy = policy.requireHome();
        this.day = day;
    }

    public Assessment assess(List<Attributed> attributed) {
        List<Dependency> dependencies = new ArrayList<>();
        for (Attributed a : attributed) {
            dependencies.add(new Dependency(a.kind(), a.value(), a.role(), a.context(), a.occurrences(), a.evidence(),
                    a.attribution(), layerOf(a), policy.classify(a.attribution())));
        }
        dependencies.sort(DEPENDENCY_ORDER);
        List<Finding> findings = new ArrayList<>();
        List<AcceptedFinding> accepted = new ArrayList<>();
        for (Dependency d : dependencies) {
            judge(d, findings, accepted);
        }
        findings.sort(FINDING_ORDER);
        accepted.sort(Comparator.comparing(AcceptedFinding::finding, FINDING_ORDER));
        List<LayerScore> layers = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            layers.add(score(layer, dependencies.stream().filter(d -> d.layer() == layer).toList()));
        }
        List<LockIn> lockIn = lockIn(dependencies);
        return new Assessment(dependencies, findings, accepted, layers, lockIn, controlPlane(dependencies),
                residency(dependencies), scores(layers, lockIn), round(share(dependencies)));
    }

    /** The layer a dependency is counted in: the role's, else the vendor's, else one implied by its kind. */
    static Layer layerOf(Attributed a) {
        if (a.role().layer().isPresent()) {
            return a.role().layer().get();
        }
        if (a.attribution().layer() != null) {
            return a.attribution().layer();
        }
        return switch (a.kind()) {
            case PRODUCT, MAC, ASN -> Layer.CONNECTIVITY;
            case CONTAINER_IMAGE, PACKAGE -> Layer.PLATFORM;
            case CLOUD_PROVIDER, CLOUD_REGION -> Layer.CLOUD;
            case CERT_ISSUER, CRYPTO_ALGORITHM -> Layer.TRUST;
            case AI_MODEL -> Layer.AI;
            case HOSTNAME, IP_ADDRESS, CIDR, URL -> Layer.APPLICATIONS;
        };
    }

    private void judge(Dependency d, List<Finding> findings, List<AcceptedFinding> accepted) {
        if (d.jurisdictionClass() == JurisdictionClass.INTERNAL) {
            return;
        }
        Optional<Severity> severity = policy.severityFor(d.layer(), d.role(), d.jurisdictionClass());
        if (severity.isEmpty()) {
            return;
        }
        Rule rule = Rules.forClass(d.jurisdictionClass(), d.role());
        Optional<Policy.Exemption> exemption = policy.exemptionFor(rule.id(), d.value(), d.context());
        if (exemption.isPresent() && !exemption.get().expires().isBefore(day)) {
            Policy.Exemption e = exemption.get();
            accepted.add(new AcceptedFinding(finding(rule, severity.get(), d, ""), e.justification(), e.approvedBy(),
                    e.expires().toString()));
            return;
        }
        String expired = exemption.map(e -> " An exception accepted it until " + e.expires() + " (\""
                + e.justification() + "\"); it has expired.").orElse("");
        findings.add(finding(rule, severity.get(), d, expired));
    }

    private static Finding finding(Rule rule, Severity severity, Dependency d, String note) {
        Attribution a = d.attribution();
        String who = who(a);
        String title = rule.title() + ": " + d.value() + (who.isEmpty() ? "" : " (" + who + ")");
        String explanation = explain(d, who) + " " + rule.why() + note;
        return new Finding(fingerprint(rule.id(), d), rule.id(), severity, title, explanation, d.layer(), d.role(),
                d.kind(), d.value(), d.context(), a, d.jurisdictionClass(), d.occurrences(), d.evidence(),
                rule.remediation());
    }

    /** "Huawei Cloud, CN" or "jurisdiction KE" or empty. */
    private static String who(Attribution a) {
        if (!a.attributed()) {
            return "";
        }
        return a.vendorName().isEmpty() ? "jurisdiction " + a.jurisdiction() : a.vendorName() + ", " + a.jurisdiction();
    }

    private static String explain(Dependency d, String who) {
        Attribution a = d.attribution();
        StringBuilder sb = new StringBuilder();
        sb.append(d.value());
        if (!d.context().isEmpty()) {
            sb.append(" (").append(d.context()).append(')');
        }
        sb.append(d.role() == Role.UNKNOWN ? " is referenced" : " " + d.role().description());
        sb.append("; it appears ").append(d.occurrences() == 1 ? "once" : d.occurrences() + " times")
                .append(" in the configurations.");
        switch (a.status()) {
            case ATTRIBUTED -> {
                sb.append(" It is attributed to ").append(who);
                sb.append(switch (a.method()) {
                    case KB -> " by the knowledge base (" + a.basis() + ").";
                    case MODEL -> " by the attribution model with probability " + decimal(a.confidence())
                            + "; a model attribution is a lead to confirm, not evidence.";
                    case RULE -> " by rule (" + a.basis() + ").";
                    case NONE -> ".";
                });
            }
            case UNATTRIBUTED -> {
                sb.append(" Neither the knowledge base nor the model could attribute it");
                if (!a.guesses().isEmpty()) {
                    Attribution.Guess g = a.guesses().getFirst();
                    sb.append(" (best model guess: ").append(g.group()).append(' ').append(decimal(g.probability()))
                            .append(')');
                }
                sb.append('.');
            }
            case INTERNAL -> sb.append(" It is internal.");
        }
        return sb.toString();
    }

    /** Stable across runs: the rule and what the dependency is, never where or how often it occurs. */
    static String fingerprint(String ruleId, Dependency d) {
        String key = String.join("\u001f", ruleId, d.kind().id(), d.value(), d.role().id(), d.context());
        return Digests.sha256Hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    }

    /** The vendor group a dependency counts towards: its group, else its jurisdiction alone. */
    private static String groupKey(Dependency d) {
        Attribution a = d.attribution();
        return !a.group().isEmpty() ? a.group() : "jurisdiction:" + a.jurisdiction();
    }

    private LayerScore score(Layer layer, List<Dependency> deps) {
        Map<JurisdictionClass, Integer> counts = new EnumMap<>(JurisdictionClass.class);
        TreeSet<String> foreignGroups = new TreeSet<>();
        TreeSet<String> jurisdictions = new TreeSet<>();
        Map<String, double[]> groupWeights = new TreeMap<>();
        Map<String, Dependency> groupExample = new TreeMap<>();
        double known = 0;
        double foreign = 0;
        double unattributed = 0;
        int external = 0;
        for (Dependency d : deps) {
            JurisdictionClass c = d.jurisdictionClass();
            if (!c.external()) {
                continue;
            }
            external++;
            counts.merge(c, 1, Integer::sum);
            double w = policy.weightFor(d.role());
            if (c == JurisdictionClass.UNKNOWN) {
                unattributed += w;
                continue;
            }
            known += w;
            jurisdictions.add(d.attribution().jurisdiction());
            String key = groupKey(d);
            groupWeights.computeIfAbsent(key, k -> new double[1])[0] += w;
            groupExample.putIfAbsent(key, d);
            if (c == JurisdictionClass.FOREIGN) {
                foreign += w;
                foreignGroups.add(key);
            }
        }
        List<GroupShare> groups = new ArrayList<>();
        double hhi = 0;
        for (Map.Entry<String, double[]> e : groupWeights.entrySet()) {
            double share = e.getValue()[0] / known;
            hhi += share * share;
            Dependency ex = groupExample.get(e.getKey());
            Attribution a = ex.attribution();
            groups.add(new GroupShare(e.getKey(), a.vendorName(), a.jurisdiction(), ex.jurisdictionClass(),
                    round(e.getValue()[0]), round(share)));
        }
        groups.sort(Comparator.comparingDouble(GroupShare::weight).reversed().thenComparing(GroupShare::group));
        double exposure = known + unattributed == 0 ? 0 : (foreign + 0.5 * unattributed) / (known + unattributed);
        int score = (int) Math.round(100 * (1 - round(exposure)));
        return new LayerScore(layer, external,
                counts.getOrDefault(JurisdictionClass.DOMESTIC, 0),
                counts.getOrDefault(JurisdictionClass.TRUSTED, 0),
                counts.getOrDefault(JurisdictionClass.INTERNATIONAL, 0),
                counts.getOrDefault(JurisdictionClass.FOREIGN, 0),
                counts.getOrDefault(JurisdictionClass.UNKNOWN, 0),
                round(known), round(foreign), round(unattributed),
                known == 0 ? 0.0 : round(foreign / known), round(exposure), score, round(hhi),
                groups, List.copyOf(foreignGroups), List.copyOf(jurisdictions));
    }

    /**
     * For each foreign vendor group: the layers it is present in, the longest run of adjacent stack
     * layers among them, and index = 0.5 * (layers - 1) / 7 + 0.5 * max(run - 1, 0) / 4, so that a
     * group in one layer scores 0 and a group in every layer 1. Largest index first.
     */
    private static List<LockIn> lockIn(List<Dependency> deps) {
        Map<String, Set<Layer>> layers = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Attribution> example = new TreeMap<>();
        for (Dependency d : deps) {
            if (d.jurisdictionClass() != JurisdictionClass.FOREIGN || d.attribution().group().isEmpty()) {
                continue;
            }
            String g = d.attribution().group();
            layers.computeIfAbsent(g, k -> EnumSet.noneOf(Layer.class)).add(d.layer());
            counts.merge(g, 1, Integer::sum);
            example.putIfAbsent(g, d.attribution());
        }
        List<LockIn> out = new ArrayList<>();
        int total = Layer.values().length;
        layers.forEach((g, set) -> {
            int run = longestRun(set);
            double index = 0.5 * (set.size() - 1) / (total - 1) + 0.5 * Math.max(run - 1, 0) / (STACK.size() - 1);
            Attribution a = example.get(g);
            out.add(new LockIn(g, a.vendorName(), a.jurisdiction(), List.copyOf(set), run, counts.get(g), round(index)));
        });
        out.sort(Comparator.comparingDouble(LockIn::index).reversed().thenComparing(LockIn::group));
        return out;
    }

    /** The longest run of adjacent stack layers present in {@code set}. */
    static int longestRun(Set<Layer> set) {
        int best = 0;
        int run = 0;
        for (Layer l : STACK) {
            run = set.contains(l) ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    private static List<ControlPlaneRole> controlPlane(List<Dependency> deps) {
        Map<Role, List<Party>> byRole = new EnumMap<>(Role.class);
        for (Dependency d : deps) {
            if (!d.role().controlPlane()) {
                continue;
            }
            Attribution a = d.attribution();
            byRole.computeIfAbsent(d.role(), r -> new ArrayList<>()).add(new Party(d.value(), d.context(),
                    d.jurisdictionClass(), a.group(), a.vendorName(), a.jurisdiction(), d.occurrences()));
        }
        List<ControlPlaneRole> out = new ArrayList<>();
        byRole.forEach((role, parties) -> {
            parties.sort(Comparator.comparing(Party::jurisdictionClass).thenComparing(Party::value)
                    .thenComparing(Party::context));
            int foreign = (int) parties.stream().filter(p -> p.jurisdictionClass() == JurisdictionClass.FOREIGN).count();
            int unknown = (int) parties.stream().filter(p -> p.jurisdictionClass() == JurisdictionClass.UNKNOWN).count();
            out.add(new ControlPlaneRole(role, parties.size(), foreign, unknown, parties));
        });
        return out;
    }

    private static List<Residency> residency(List<Dependency> deps) {
        List<Residency> out = new ArrayList<>();
        for (Dependency d : deps) {
            if (d.role() != Role.CLOUD_REGION && d.role() != Role.STORAGE_LOCATION) {
                continue;
            }
            Attribution a = d.attribution();
            out.add(new Residency(d.kind(), d.value(), d.context(), d.role(), a.group(), a.vendorName(),
                    a.jurisdiction(), a.location(), d.jurisdictionClass()));
        }
        return out;
    }

    /**
     * overall = round(base - penalty), base = sum(w_L * score_L) / sum(w_L) over the layers with
     * outside dependencies (100 when there are none), penalty = base * lock-in-penalty / 100 * the
     * largest lock-in index: integration with one foreign group takes a share of what is left.
     */
    private Scores scores(List<LayerScore> layers, List<LockIn> lockIn) {
        Map<String, Double> weights = new LinkedHashMap<>();
        double sum = 0;
        double weighted = 0;
        for (LayerScore l : layers) {
            double w = policy.layerWeight(l.layer());
            weights.put(l.layer().id(), w);
            if (l.dependencies() > 0) {
                sum += w;
                weighted += w * l.score();
            }
        }
        double base = sum == 0 ? 100.0 : round(weighted / sum);
        LockIn top = lockIn.isEmpty() || lockIn.getFirst().index() == 0 ? null : lockIn.getFirst();
        double penalty = top == null ? 0.0 : round(base * policy.lockInPenalty() / 100 * top.index());
        int overall = (int) Math.max(0, Math.round(base - penalty));
        Map<String, Integer> roleWeights = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            roleWeights.put(role.id(), policy.weightFor(role));
        }
        return new Scores(FORMULA, overall, base, penalty, policy.lockInPenalty(), top == null ? "" : top.group(), weights,
                roleWeights);
    }

    /** The role-weighted share of outside dependencies with a known jurisdiction that are foreign. */
    private double share(List<Dependency> deps) {
        double known = 0;
        double foreign = 0;
        for (Dependency d : deps) {
            JurisdictionClass c = d.jurisdictionClass();
            if (c == JurisdictionClass.INTERNAL || c == JurisdictionClass.UNKNOWN) {
                continue;
            }
            int w = policy.weightFor(d.role());
            known += w;
            if (c == JurisdictionClass.FOREIGN) {
                foreign += w;
            }
        }
        return known == 0 ? 0.0 : foreign / known;
    }

    /** Four decimals, so that the report's numbers are the same on every machine. */
    static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }

    private static String decimal(double p) {
        return String.format(Locale.ROOT, "%.2f", p);
    }
}
