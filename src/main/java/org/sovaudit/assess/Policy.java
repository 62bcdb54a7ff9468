package org.sovaudit.assess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.sovaudit.model.Attribution;
import org.sovaudit.model.JurisdictionClass;
import org.sovaudit.model.Layer;
import org.sovaudit.model.Role;
import org.sovaudit.model.Severity;

/**
 * What the ministry counts as home, as trusted and as its own, and how severe each kind of
 * foreign dependency is. Loaded from YAML and validated field by field; every problem names the
 * field and the reason.
 */
public record Policy(
        String name,
        String home,
        List<String> trusted,
        List<String> internalDomains,
        List<String> internalNetworks,
        double modelThreshold,
        Map<String, Severity> severity,
        Severity internationalSeverity,
        Severity unattributedSeverity,
        Map<String, Integer> weights,
        Map<String, Double> layerWeights,
        List<SeverityRule> severityRules,
        List<Exemption> exceptions,
        double lockInPenalty) {

    /**
     * A severity for dependencies of one class of jurisdiction, optionally only in one layer and/or
     * one role. Rules are tried in order; the first that matches decides. For the trusted and
     * domestic classes a matching rule is what makes a finding at all.
     */
    public record SeverityRule(Layer layer, Role role, JurisdictionClass jurisdictionClass, Severity severity) {
        boolean matches(Layer l, Role r, JurisdictionClass c) {
            return jurisdictionClass == c && (layer == null || layer == l) && (role == null || role == r);
        }
    }

    /**
     * A dependency the ministry has accepted: the finding of {@code ruleId} for {@code value} (and
     * {@code context}, when given) is listed as accepted, not raised, until the end of the day
     * {@code expires}; after that it is raised again, saying that its exception expired.
     */
    public record Exemption(String ruleId, String value, String context, String justification, String approvedBy,
                            LocalDate expires) {
        boolean covers(String rule, String v, String ctx) {
            return ruleId.equals(rule) && value.equals(v) && (context.isEmpty() || context.equals(ctx));
        }
    }

    /** The 27 member states, so that a policy trusting {@code EU} covers vendors filed under a member. */
    static final Set<String> EU_MEMBERS = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
            "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*");
    private static final Set<String> FIELDS = Set.of("name", "home", "trusted", "internal-domains", "internal-networks",
            "model-threshold",
            "severity", "international-severity", "unattributed-severity", "weights", "layer-weights", "severity-rules",
            "exceptions", "lock-in-penalty");
    private static final Set<String> RULE_FIELDS = Set.of("layer", "role", "class", "severity");
    private static final Set<String> EXCEPTION_FIELDS = Set.of("rule", "value", "context", "justification",
            "approved-by", "expires");
    private static final long MAX_POLICY_BYTES = 1 << 20;
    private static final int MAX_INTERNAL_NETWORKS = 10_000;

    public Policy {
        trusted = List.copyOf(trusted);
        internalDomains = List.copyOf(internalDomains);
        internalNetworks = List.copyOf(internalNetworks);
        severity = Map.copyOf(severity);
        weights = Map.copyOf(weights);
        layerWeights = Map.copyOf(layerWeights);
        severityRules = List.copyOf(severityRules);
        exceptions = List.copyOf(exceptions);
    }

    /** The policy shipped in the jar; its home is unset until {@link #withHome} sets it. */
    public static Policy defaults() {
        try (InputStream in = Policy.class.getResourceAsStream("/policy/default-policy.yaml")) {
            if (in == null) {
                throw new PolicyException("the default policy is missing from the application jar");
            }
            return parse(in.readAllBytes(), "default policy", false);
        } catch (IOException e) {
            throw new PolicyException("cannot read the default policy: " + e.getMessage(), e);
        }
    }

    /** Loads and validates a policy file; fields it leaves out take the default policy's values. */
    public static Policy load(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_POLICY_BYTES) {
                throw new PolicyException("policy " + file + " is larger than " + MAX_POLICY_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PolicyException("policy file not found: " + file);
        } catch (IOException e) {
            throw new PolicyException("cannot read policy " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, "policy " + file, true);
    }

    /** Parses policy YAML; {@code where} names the source in error messages. */
    public static Policy parse(byte[] yaml, String where, boolean overDefaults) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JacksonException e) {
            throw new PolicyException(where + ": not valid YAML at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PolicyException(where + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = new ObjectMapper().createObjectNode();
        }
        if (!root.isObject()) {
            throw new PolicyException(where + ": expected a mapping of policy fields at the top level");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new PolicyException(where + ": unknown field '" + field + "'; known fields: " + new TreeSet<>(FIELDS));
            }
        }
        Policy base = overDefaults ? defaults() : null;
        Reader r = new Reader(root, where);
        String name = r.text("name", base == null ? "policy" : base.name());
        String homeText = r.text("home", base == null ? "" : base.home());
        String home = homeText.toUpperCase(Locale.ROOT);
        if (!home.isEmpty()) {
            checkJurisdiction(home, homeText, where, "home");
        }
        List<String> trusted = r.list("trusted", base == null ? List.of() : base.trusted());
        List<String> trustedUpper = new ArrayList<>();
        for (String t : trusted) {
            String code = t.toUpperCase(Locale.ROOT);
            checkJurisdiction(code, t, where, "trusted");
            trustedUpper.add(code);
        }
        List<String> internal = new ArrayList<>();
        for (String d : r.list("internal-domains", base == null ? List.of() : base.internalDomains())) {
            String domain = d.toLowerCase(Locale.ROOT).replaceAll("^\\.+|\\.+$", "");
            if (!DOMAIN.matcher(domain).matches() || domain.length() > 253) {
                throw new PolicyException(where + ": field 'internal-domains': '" + d + "' is not a domain name");
            }
            internal.add(domain);
        }
        List<String> networks = new ArrayList<>();
        for (String n : r.list("internal-networks", base == null ? List.of() : base.internalNetworks())) {
            networks.add(network(n, where));
        }
        if (networks.size() > MAX_INTERNAL_NETWORKS) {
            throw new PolicyException(where + ": field 'internal-networks': more than " + MAX_INTERNAL_NETWORKS + " networks");
        }
        double threshold = r.number("model-threshold", base == null ? 0.9 : base.modelThreshold());
        if (!(threshold > 0 && threshold <= 1)) {
            throw new PolicyException(where + ": field 'model-threshold': must be within (0, 1], was " + threshold);
        }
        Map<String, Severity> severity = new TreeMap<>(base == null ? Map.of() : base.severity());
        severity.putAll(r.severities("severity"));
        Map<String, Integer> weights = new TreeMap<>(base == null ? Map.of() : base.weights());
        weights.putAll(r.weights("weights"));
        Severity international = r.severity("international-severity",
                base == null ? Severity.LOW : base.internationalSeverity());
        Severity unattributed = r.severity("unattributed-severity",
                base == null ? Severity.INFO : base.unattributedSeverity());
        if (!severity.containsKey("default")) {
            throw new PolicyException(where + ": field 'severity': needs a 'default' entry");
        }
        Map<String, Double> layerWeights = new TreeMap<>(base == null ? Map.of() : base.layerWeights());
        layerWeights.putAll(r.layerWeights("layer-weights"));
        for (Layer layer : Layer.values()) {
            if (!layerWeights.containsKey(layer.id())) {
                throw new PolicyException(where + ": field 'layer-weights': needs a weight for " + layer.id());
            }
        }
        List<SeverityRule> rules = root.has("severity-rules") ? r.severityRules("severity-rules")
                : base == null ? List.of() : base.severityRules();
        List<Exemption> exemptions = root.has("exceptions") ? r.exemptions("exceptions")
                : base == null ? List.of() : base.exceptions();
        double penalty = r.number("lock-in-penalty", base == null ? 20 : base.lockInPenalty());
        if (!(penalty >= 0 && penalty <= 100)) {
            throw new PolicyException(where + ": field 'lock-in-penalty': must be within 0..100, was " + penalty);
        }
        return new Policy(name, home, List.copyOf(new TreeSet<>(trustedUpper)), List.copyOf(new TreeSet<>(internal)),
                List.copyOf(new TreeSet<>(networks)), threshold, severity, international, unattributed, weights, layerWeights, rules, exemptions, penalty);
    }

    /**
     * A network of the ministry's own address space, {@code address/prefix} (a bare address is a /32
     * or /128), in the normal form the attribute stage reads: host bits must be zero.
     */
    private static String network(String text, String where) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = org.sovaudit.model.IpLiterals.parse(address);
        if (bytes == null) {
            throw new PolicyException(where + ": field 'internal-networks': '" + text + "' is not an address or network");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 8 || prefix > max) {
                throw new PolicyException(where + ": field 'internal-networks': '" + text + "' needs a prefix length of 8 to "
                        + max);
            }
        }
        for (int bit = prefix; bit < max; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new PolicyException(where + ": field 'internal-networks': '" + text + "' has host bits set after /"
                        + prefix);
            }
        }
        return org.sovaudit.model.IpLiterals.format(bytes) + "/" + prefix;
    }

    /** The same policy with another home jurisdiction (from {@code --home}). */
    public Policy withHome(String code) {
        String upper = code.trim().toUpperCase(Locale.ROOT);
        checkJurisdiction(upper, code, "--home", "home");
        return new Policy(name, upper, trusted, internalDomains, internalNetworks, modelThreshold, severity, internationalSeverity,
                unattributedSeverity, weights, layerWeights, severityRules, exceptions, lockInPenalty);
    }

    /** Throws unless the home jurisdiction is set; audits need one. */
    public Policy requireHome() {
        if (home.isEmpty()) {
            throw new PolicyException("no home jurisdiction set: pass --home XX (ISO 3166-1 alpha-2) "
                    + "or a policy file with 'home: XX'");
        }
        return this;
    }

    /** Where a dependency stands relative to home and trusted jurisdictions. */
    public JurisdictionClass classify(Attribution attribution) {
        return switch (attribution.status()) {
            case INTERNAL -> JurisdictionClass.INTERNAL;
            case UNATTRIBUTED -> JurisdictionClass.UNKNOWN;
            case ATTRIBUTED -> classify(attribution.jurisdiction());
        };
    }

    JurisdictionClass classify(String jurisdiction) {
        if (jurisdiction.isEmpty()) {
            return JurisdictionClass.UNKNOWN;
        }
        if (jurisdiction.equals("INT")) {
            return JurisdictionClass.INTERNATIONAL;
        }
        if (jurisdiction.equals(home)) {
            return JurisdictionClass.DOMESTIC;
        }
        if (trusted.contains(jurisdiction) || (trusted.contains("EU") && EU_MEMBERS.contains(jurisdiction))) {
            return JurisdictionClass.TRUSTED;
        }
        return JurisdictionClass.FOREIGN;
    }

    /** Severity of a finding for a foreign dependency in this role, before severity rules. */
    public Severity severityFor(Role role) {
        Severity s = severity.get(role.id());
        return s != null ? s : severity.get("default");
    }

    /**
     * The severity of a finding for a dependency in this layer, role and class: the first matching
     * severity rule, else the defaults (foreign by role, international in the control plane,
     * unattributed); empty when no finding is due.
     */
    public Optional<Severity> severityFor(Layer layer, Role role, JurisdictionClass cls) {
        for (SeverityRule rule : severityRules) {
            if (rule.matches(layer, role, cls)) {
                return Optional.of(rule.severity());
            }
        }
        return switch (cls) {
            case FOREIGN -> Optional.of(severityFor(role));
            case INTERNATIONAL -> role.controlPlane() ? Optional.of(internationalSeverity) : Optional.empty();
            case UNKNOWN -> Optional.of(unattributedSeverity);
            case DOMESTIC, TRUSTED, INTERNAL -> Optional.empty();
        };
    }

    /** The exemption that covers a finding, if any (expired or not). */
    public Optional<Exemption> exemptionFor(String ruleId, String value, String context) {
        return exceptions.stream().filter(e -> e.covers(ruleId, value, context)).findFirst();
    }

    /** The weight of a layer in the overall score. */
    public double layerWeight(Layer layer) {
        return layerWeights.getOrDefault(layer.id(), 1.0);
    }

    /** Weight of one dependency in its layer's foreign share. */
    public int weightFor(Role role) {
        Integer w = weights.get(role.id());
        if (w == null && role.controlPlane()) {
            w = weights.get(Layer.CONTROL_PLANE.id());
        }
        if (w == null) {
            w = weights.get("default");
        }
        return w == null ? 1 : w;
    }

    /** The policy as an ordered map, for its canonical form and hash. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("home", home);
        m.put("trusted", trusted);
        m.put("internal-domains", internalDomains);
        if (!internalNetworks.isEmpty()) {
            // only when set, so that the hash of a policy without networks is what it always was
            m.put("internal-networks", internalNetworks);
        }
        m.put("model-threshold", modelThreshold);
        Map<String, String> sev = new TreeMap<>();
        severity.forEach((k, v) -> sev.put(k, v.id()));
        m.put("severity", sev);
        m.put("international-severity", internationalSeverity.id());
        m.put("unattributed-severity", unattributedSeverity.id());
        m.put("weights", new TreeMap<>(weights));
        m.put("layer-weights", new TreeMap<>(layerWeights));
        List<Map<String, String>> rules = new ArrayList<>();
        for (SeverityRule rule : severityRules) {
            Map<String, String> rm = new LinkedHashMap<>();
            rm.put("layer", rule.layer() == null ? "" : rule.layer().id());
            rm.put("role", rule.role() == null ? "" : rule.role().id());
            rm.put("class", rule.jurisdictionClass().id());
            rm.put("severity", rule.severity().id());
            rules.add(rm);
        }
        m.put("severity-rules", rules);
        List<Map<String, String>> ex = new ArrayList<>();
        for (Exemption e : exceptions) {
            Map<String, String> em = new LinkedHashMap<>();
            em.put("rule", e.ruleId());
            em.put("value", e.value());
            em.put("context", e.context());
            em.put("justification", e.justification());
            em.put("approved-by", e.approvedBy());
            em.put("expires", e.expires().toString());
            ex.add(em);
        }
        m.put("exceptions", ex);
        m.put("lock-in-penalty", lockInPenalty);
        return m;
    }

    private static void checkJurisdiction(String code, String written, String where, String field) {
        if (!JURISDICTION.matcher(code).matches() && !code.equals("EU")) {
            throw new PolicyException(where + ": field '" + field + "': '" + written
                    + "' is not an ISO 3166-1 alpha-2 code (two letters, e.g. KE) or EU");
        }
    }

    /** Typed access to the fields of one policy document, with errors that name the field. */
    private record Reader(JsonNode root, String where) {

        String text(String field, String fallback) {
            JsonNode n = root.get(field);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isValueNode()) {
                throw fail(field, "expected a single value, found " + describe(n));
            }
            return n.asText().trim();
        }

        double number(String field, double fallback) {
            JsonNode n = root.get(field);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isNumber()) {
                throw fail(field, "expected a number, found " + describe(n));
            }
            return n.asDouble();
        }

        List<String> list(String field, List<String> fallback) {
            JsonNode n = root.get(field);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isArray()) {
                throw fail(field, "expected a list, found " + describe(n));
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : n) {
                if (!item.isValueNode() || item.isNull()) {
                    throw fail(field, "expected a list of strings, found an item that is " + describe(item));
                }
                out.add(item.asText().trim());
            }
            return out;
        }

        Severity severity(String field, Severity fallback) {
            String text = text(field, null);
            return text == null ? fallback : parseSeverity(field, text);
        }

        Map<String, Severity> severities(String field) {
            Map<String, Severity> out = new TreeMap<>();
            mapping(field).forEach((key, value) -> {
                checkRoleKey(field, key);
                if (!value.isValueNode()) {
                    throw fail(field + "." + key, "expected a severity, found " + describe(value));
                }
                out.put(key, parseSeverity(field + "." + key, value.asText()));
            });
            return out;
        }

        Map<String, Integer> weights(String field) {
            Map<String, Integer> out = new TreeMap<>();
            mapping(field).forEach((key, value) -> {
                checkRoleKey(field, key);
                if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 100) {
                    throw fail(field + "." + key, "expected a whole number from 0 to 100, found " + value);
                }
                out.put(key, value.asInt());
            });
            return out;
        }

        Map<String, Double> layerWeights(String field) {
            Map<String, Double> out = new TreeMap<>();
            mapping(field).forEach((key, value) -> {
                try {
                    Layer.fromId(key);
                } catch (IllegalArgumentException e) {
                    throw fail(field, "'" + key + "' is not a layer id; known layers: " + layerIds());
                }
                if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
                    throw fail(field + "." + key, "expected a number from 0 to 100, found " + value);
                }
                out.put(key, value.asDouble());
            });
            return out;
        }

        List<SeverityRule> severityRules(String field) {
            List<SeverityRule> out = new ArrayList<>();
            int i = 0;
            for (JsonNode item : items(field)) {
                String at = field + "[" + i++ + "]";
                checkFields(item, at, RULE_FIELDS);
                Layer layer = null;
                if (item.hasNonNull("layer")) {
                    try {
                        layer = Layer.fromId(item.get("layer").asText());
                    } catch (IllegalArgumentException e) {
                        throw fail(at + ".layer", "'" + item.get("layer").asText() + "' is not a layer id; known layers: "
                                + layerIds());
                    }
                }
                Role role = null;
                if (item.hasNonNull("role")) {
                    try {
                        role = Role.fromId(item.get("role").asText());
                    } catch (IllegalArgumentException e) {
                        throw fail(at + ".role", "'" + item.get("role").asText() + "' is not a role id; known roles: "
                                + roleIds());
                    }
                }
                if (!item.hasNonNull("class")) {
                    throw fail(at, "needs a 'class' (foreign, international, unknown, trusted or domestic)");
                }
                JurisdictionClass cls = parseClass(at + ".class", item.get("class").asText());
                if (!item.hasNonNull("severity")) {
                    throw fail(at, "needs a 'severity'");
                }
                out.add(new SeverityRule(layer, role, cls, parseSeverity(at + ".severity", item.get("severity").asText())));
            }
            return out;
        }

        List<Exemption> exemptions(String field) {
            List<Exemption> out = new ArrayList<>();
            int i = 0;
            for (JsonNode item : items(field)) {
                String at = field + "[" + i++ + "]";
                checkFields(item, at, EXCEPTION_FIELDS);
                String rule = required(item, at, "rule");
                if (Rules.byId(rule).isEmpty()) {
                    throw fail(at + ".rule", "'" + rule + "' is not a rule id (see docs/rules.md)");
                }
                String value = required(item, at, "value");
                String justification = required(item, at, "justification");
                String expiresText = required(item, at, "expires");
                LocalDate expires;
                try {
                    expires = LocalDate.parse(expiresText);
                } catch (DateTimeParseException e) {
                    throw fail(at + ".expires", "'" + expiresText + "' is not a date (YYYY-MM-DD)");
                }
                String context = item.hasNonNull("context") ? item.get("context").asText().strip() : "";
                String approvedBy = item.hasNonNull("approved-by") ? item.get("approved-by").asText().strip() : "";
                out.add(new Exemption(rule, value, context, justification, approvedBy, expires));
            }
            return out;
        }

        private List<JsonNode> items(String field) {
            JsonNode n = root.get(field);
            List<JsonNode> out = new ArrayList<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isArray()) {
                throw fail(field, "expected a list, found " + describe(n));
            }
            for (JsonNode item : n) {
                if (!item.isObject()) {
                    throw fail(field, "expected a list of mappings, found an item that is " + describe(item));
                }
                out.add(item);
            }
            return out;
        }

        private void checkFields(JsonNode item, String at, Set<String> known) {
            for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!known.contains(f)) {
                    throw fail(at, "unknown field '" + f + "'; known fields: " + new TreeSet<>(known));
                }
            }
        }

        private String required(JsonNode item, String at, String name) {
            JsonNode v = item.get(name);
            if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
                throw fail(at, "needs a '" + name + "'");
            }
            return v.asText().strip();
        }

        private JurisdictionClass parseClass(String field, String text) {
            for (JurisdictionClass c : JurisdictionClass.values()) {
                if (c != JurisdictionClass.INTERNAL && c.id().equalsIgnoreCase(text.strip())) {
                    return c;
                }
            }
            throw fail(field, "'" + text + "' is not a class (foreign, international, unknown, trusted, domestic)");
        }

        private static String layerIds() {
            StringBuilder sb = new StringBuilder();
            for (Layer layer : Layer.values()) {
                sb.append(sb.isEmpty() ? "" : ", ").append(layer.id());
            }
            return sb.toString();
        }

        private Map<String, JsonNode> mapping(String field) {
            JsonNode n = root.get(field);
            Map<String, JsonNode> out = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                throw fail(field, "expected a mapping, found " + describe(n));
            }
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
            return out;
        }

        private void checkRoleKey(String field, String key) {
            if (key.equals("default") || key.equals(Layer.CONTROL_PLANE.id())) {
                return;
            }
            try {
                Role.fromId(key);
            } catch (IllegalArgumentException e) {
                throw fail(field, "'" + key + "' is not a role id; known roles: " + roleIds());
            }
        }

        private Severity parseSeverity(String field, String text) {
            try {
                return Severity.fromId(text);
            } catch (IllegalArgumentException e) {
                throw fail(field, "'" + text + "' is not a severity (critical, high, medium, low, info)");
            }
        }

        private PolicyException fail(String field, String reason) {
            return new PolicyException(where + ": field '" + field + "': " + reason);
        }

        private static String describe(JsonNode n) {
            JsonNodeType t = n.getNodeType();
            return switch (t) {
                case OBJECT -> "a mapping";
                case ARRAY -> "a list";
                case NULL -> "nothing";
                default -> "'" + n.asText() + "'";
            };
        }

        private static String roleIds() {
            StringBuilder sb = new StringBuilder();
            for (Role role : Role.values()) {
                sb.append(sb.isEmpty() ? "" : ", ").append(role.id());
            }
            return sb.toString();
        }
    }
}
