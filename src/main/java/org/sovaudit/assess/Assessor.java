package org.sovaudit.assess;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.sovaudit.model.Digests;
import org.sovaudit.model.Attribution;
import org.sovaudit.model.AuditReport.LayerScore;
import org.sovaudit.model.Dependency;
import org.sovaudit.model.Finding;
import org.sovaudit.model.JurisdictionClass;
import org.sovaudit.model.Layer;
import org.sovaudit.model.Role;
import org.sovaudit.model.Severity;

/**
 * Judges attributed references against a policy: places each in a stack layer and a class of
 * jurisdiction, raises a finding for each that the rules flag, and measures each layer's
 * role-weighted foreign share. Pure: the same input gives the same output, in canonical order.
 */
public final class Assessor {

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

    public Assessor(Policy policy) {
        this.policy = policy.requireHome();
    }

    public Assessment assess(List<Attributed> attributed) {
        List<Dependency> dependencies = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Attributed a : attributed) {
            JurisdictionClass cls = policy.classify(a.attribution());
            Dependency d = new Dependency(a.kind(), a.value(), a.role(), a.context(), a.occurrences(), a.evidence(),
                    a.attribution(), layerOf(a), cls);
            dependencies.add(d);
            judge(d).ifPresent(findings::add);
        }
        dependencies.sort(DEPENDENCY_ORDER);
        findings.sort(FINDING_ORDER);
        List<LayerScore> layers = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            layers.add(score(layer, dependencies.stream().filter(d -> d.layer() == layer).toList()));
        }
        return new Assessment(dependencies, findings, layers, share(dependencies));
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

    private Optional<Finding> judge(Dependency d) {
        return switch (d.jurisdictionClass()) {
            case FOREIGN -> {
                Rule rule = Rules.forForeign(d.role());
                yield Optional.of(finding(rule, policy.severityFor(d.role()), d));
            }
            case INTERNATIONAL -> Rules.internationalRoles().contains(d.role())
                    ? Optional.of(finding(Rules.INTERNATIONAL_CONTROL_PLANE, policy.internationalSeverity(), d))
                    : Optional.empty();
            case UNKNOWN -> Optional.of(finding(Rules.UNATTRIBUTED, policy.unattributedSeverity(), d));
            case DOMESTIC, TRUSTED, INTERNAL -> Optional.empty();
        };
    }

    private static Finding finding(Rule rule, Severity severity, Dependency d) {
        Attribution a = d.attribution();
        String who = who(a);
        String title = rule.title() + ": " + d.value() + (who.isEmpty() ? "" : " (" + who + ")");
        String explanation = explain(d, who) + " " + rule.why();
        return new Finding(fingerprint(rule.id(), d), rule.id(), severity, title, explanation, d.layer(), d.role(),
                d.kind(), d.value(), d.context(), a, d.jurisdictionClass(), d.occurrences(), d.evidence(),
                rule.remediation());
    }

    /** "Huawei Cloud, CN" or "jurisdiction KE" or empty. */
    private static String who(Attribution a) {
        if (!a.attributed()) {
            return "";
        }
        String name = a.vendorName().isEmpty() ? "" : a.vendorName();
        if (name.isEmpty()) {
            return "jurisdiction " + a.jurisdiction();
        }
        return name + ", " + a.jurisdiction();
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
                    case MODEL -> " by the attribution model with probability "
                            + String.format(Locale.ROOT, "%.2f", a.confidence()) + ".";
                    case RULE -> " by rule (" + a.basis() + ").";
                    case NONE -> ".";
                });
            }
            case UNATTRIBUTED -> {
                sb.append(" Neither the knowledge base nor the model could attribute it");
                if (!a.guesses().isEmpty()) {
                    Attribution.Guess g = a.guesses().getFirst();
                    sb.append(" (best model guess: ").append(g.group()).append(' ')
                            .append(String.format(Locale.ROOT, "%.2f", g.probability())).append(')');
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

    private LayerScore score(Layer layer, List<Dependency> deps) {
        Map<JurisdictionClass, Integer> counts = new EnumMap<>(JurisdictionClass.class);
        TreeSet<String> groups = new TreeSet<>();
        TreeSet<String> jurisdictions = new TreeSet<>();
        int external = 0;
        for (Dependency d : deps) {
            if (!d.jurisdictionClass().external()) {
                continue;
            }
            external++;
            counts.merge(d.jurisdictionClass(), 1, Integer::sum);
            if (!d.attribution().jurisdiction().isEmpty()) {
                jurisdictions.add(d.attribution().jurisdiction());
            }
            if (d.jurisdictionClass() == JurisdictionClass.FOREIGN) {
                groups.add(d.attribution().group().isEmpty() ? "jurisdiction:" + d.attribution().jurisdiction()
                        : d.attribution().group());
            }
        }
        return new LayerScore(layer, external,
                counts.getOrDefault(JurisdictionClass.DOMESTIC, 0),
                counts.getOrDefault(JurisdictionClass.TRUSTED, 0),
                counts.getOrDefault(JurisdictionClass.INTERNATIONAL, 0),
                counts.getOrDefault(JurisdictionClass.FOREIGN, 0),
                counts.getOrDefault(JurisdictionClass.UNKNOWN, 0),
                share(deps), List.copyOf(groups), List.copyOf(jurisdictions));
    }

    /**
     * The role-weighted share of outside dependencies with a known jurisdiction that are foreign,
     * rounded to four decimals; 0 when there are none.
     */
    private double share(List<Dependency> deps) {
        long known = 0;
        long foreign = 0;
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
        return known == 0 ? 0.0 : Math.round(foreign * 10000.0 / known) / 10000.0;
    }
}
