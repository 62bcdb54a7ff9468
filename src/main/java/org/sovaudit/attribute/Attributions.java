package org.sovaudit.attribute;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.Attribution;
import org.sovaudit.model.Layer;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/**
 * The attribute step: says who is behind each distinct subject. In order, the first that applies:
 * <ol>
 *   <li>fixed rules: private, loopback, link-local, unique-local, CGNAT and other special-use
 *       addresses, single-label hosts, internal and special-use domains, the policy's internal
 *       suffixes -> {@link Attribution#internal};</li>
 *   <li>the knowledge base -> ATTRIBUTED by KB, confidence 1, basis the indicator;</li>
 *   <li>the country-code TLD rule for hosts under a non-generic ccTLD -> ATTRIBUTED by RULE to a
 *       jurisdiction only, confidence 0.5;</li>
 *   <li>a locally administered MAC address names no manufacturer -> UNATTRIBUTED, and so does any
 *       IP address, network, AS number or MAC address the knowledge base does not hold: numbers
 *       carry no name for the model to read, so it is not asked;</li>
 *   <li>the model, in batches of distinct subjects -> ATTRIBUTED by MODEL to a group when its best
 *       class is a group at or above the threshold, otherwise UNATTRIBUTED with the model's top
 *       guesses for a human.</li>
 * </ol>
 * Nothing is dropped: every subject given comes back with an attribution. An attribution of a cloud
 * region, or of a value whose context or host names a region of the attributed vendor's cloud,
 * carries the region's country as its {@link Attribution#location() location} when the knowledge
 * base's region table knows it (for a model attribution of a region: when every cloud of the group
 * that lists the id puts it in one country).
 */
public final class Attributions {

    /** Confidence of a jurisdiction read from a country-code TLD, or an address's registration, alone. */
    static final double CCTLD_CONFIDENCE = 0.5;
    /**
     * Confidence of a vendor read from the AS that announces an address: the AS carries the traffic,
     * but the address may be a customer's (a server rented in the vendor's cloud depends on the vendor
     * all the same).
     */
    static final double ANNOUNCED_CONFIDENCE = 0.9;
    /** Contexts longer than this are not searched for a region or a remote AS. */
    private static final int MAX_CONTEXT = 256;
    /** A BGP neighbour's remote AS in an address's context, as the network parsers write it. */
    private static final Pattern REMOTE_AS = Pattern.compile("(?:^|[\\s,;])remote-as=AS(\\d{1,10})(?:$|[\\s,;])");

    private final KnowledgeBase kb;
    private final OnnxAttributor model;
    private final double threshold;
    private final InternalRules rules;
    /** Per group, the primary layer of its first vendor: the layer of a model attribution. */
    private final Map<String, Layer> groupLayers = new LinkedHashMap<>();

    private Attributions(KnowledgeBase kb, OnnxAttributor model, double threshold, InternalRules rules) {
        this.kb = kb;
        this.model = model;
        this.threshold = threshold;
        this.rules = rules;
        for (Vendor v : kb.vendors()) {
            groupLayers.putIfAbsent(v.group(), v.primaryLayer());
        }
    }

    /**
     * @param kb               the knowledge base
     * @param model            the classifier; may be null, and then values the rules and the
     *                         knowledge base do not settle stay unattributed
     * @param threshold        lowest probability, in (0, 1], at which the model's best group is taken
     * @param internalSuffixes the policy's internal domains, e.g. {@code gov.example}
     */
    public static Attributions create(KnowledgeBase kb, OnnxAttributor model, double threshold, Set<String> internalSuffixes) {
        return create(kb, model, threshold, internalSuffixes, List.of());
    }

    /**
     * As {@link #create(KnowledgeBase, OnnxAttributor, double, Set)}, with the policy's internal networks
     * ({@code address/prefix}): addresses in them are the ministry's own, whoever announces them.
     */
    public static Attributions create(KnowledgeBase kb, OnnxAttributor model, double threshold, Set<String> internalSuffixes,
                                      List<String> internalNetworks) {
        Objects.requireNonNull(kb, "kb");
        Objects.requireNonNull(internalSuffixes, "internalSuffixes");
        Objects.requireNonNull(internalNetworks, "internalNetworks");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new AttributionException("the model threshold must be within (0, 1], was " + threshold);
        }
        return new Attributions(kb, model, threshold, new InternalRules(internalSuffixes, internalNetworks));
    }

    /**
     * One attribution per distinct subject, in the order subjects first appear. An address the
     * knowledge base does not know, which a BGP neighbour statement among the subjects gives a
     * remote AS ({@code remote-as=AS33771} in its context), is the AS's: the configuration itself
     * says who is at that address, and that holds for the same address in any role (a default
     * route's next hop, a log host).
     */
    public Map<Subject, Attribution> attribute(Collection<Subject> subjects) {
        Map<Subject, Attribution> out = new LinkedHashMap<>();
        List<Subject> forModel = new ArrayList<>();
        Map<String, String> peerAs = peerAsByAddress(subjects);
        for (Subject s : subjects) {
            if (out.containsKey(s)) {
                continue;
            }
            Attribution settled = settle(s);
            if (s.kind() == ObservationKind.IP_ADDRESS && peerAs.containsKey(s.value()) && !settledByIndicator(settled)) {
                settled = fromPeerAs(peerAs.get(s.value())).orElse(settled);
            }
            out.put(s, settled);
            if (settled == null) {
                forModel.add(s);
            }
        }
        if (!forModel.isEmpty()) {
            if (model == null) {
                for (Subject s : forModel) {
                    out.put(s, Attribution.unattributed("not in the knowledge base; no model loaded", List.of()));
                }
            } else {
                List<List<Attribution.Guess>> guesses = model.predict(forModel);
                for (int i = 0; i < forModel.size(); i++) {
                    Subject s = forModel.get(i);
                    Attribution a = fromModel(guesses.get(i));
                    out.put(s, a.attributed() && s.kind() == ObservationKind.CLOUD_REGION
                            ? a.withLocation(kb.regionCountryOfGroup(a.group(), s.value()).orElse("")) : a);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Address to {@code AS<n>} for every address a subject's context gives a remote AS; an address
     * given two different ASes is left out.
     */
    private static Map<String, String> peerAsByAddress(Collection<Subject> subjects) {
        Map<String, String> byAddress = new HashMap<>();
        Set<String> conflicting = new HashSet<>();
        for (Subject s : subjects) {
            if (s.kind() != ObservationKind.IP_ADDRESS || s.context().length() > MAX_CONTEXT) {
                continue;
            }
            Matcher m = REMOTE_AS.matcher(s.context());
            if (m.find()) {
                String asn = "AS" + m.group(1);
                String before = byAddress.putIfAbsent(s.value(), asn);
                if (before != null && !before.equals(asn)) {
                    conflicting.add(s.value());
                }
            }
        }
        conflicting.forEach(byAddress::remove);
        return byAddress;
    }

    /**
     * Whether an address's attribution rests on something more specific than a BGP neighbour's remote
     * AS: an internal-address rule or a knowledge-base indicator of the address itself (not the AS
     * that announces it, not the country it is registered in).
     */
    private static boolean settledByIndicator(Attribution a) {
        if (a == null) {
            return false;
        }
        return a.status() == Attribution.Status.INTERNAL
                || (a.method() == Attribution.Method.KB && a.confidence() > ANNOUNCED_CONFIDENCE);
    }

    /** The attribution of the vendor whose AS number the knowledge base lists, for a BGP neighbour's address. */
    private Optional<Attribution> fromPeerAs(String asn) {
        return kb.match(new Subject(ObservationKind.ASN, asn, Role.BGP_PEER)).map(m -> {
            Vendor v = m.vendor();
            return new Attribution(Attribution.Status.ATTRIBUTED, v.id(), v.name(), v.group(), v.jurisdiction(),
                    v.primaryLayer(), 1.0, Attribution.Method.KB, m.indicator() + " (the remote AS a BGP neighbour statement"
                    + " gives this address)", List.of());
        });
    }

    /** Rules, knowledge base, ccTLD; null when only the model can say more. */
    private Attribution settle(Subject s) {
        if (s.value().isBlank()) {
            return Attribution.unattributed("empty value", List.of());
        }
        if (s.value().length() > Names.MAX_VALUE) {
            return Attribution.unattributed("value longer than " + Names.MAX_VALUE + " characters", List.of());
        }
        Optional<String> internal = rules.reason(s);
        if (internal.isPresent()) {
            return Attribution.internal(internal.get());
        }
        Optional<KbMatch> match = kb.match(s);
        if (match.isPresent()) {
            Vendor v = match.get().vendor();
            return new Attribution(Attribution.Status.ATTRIBUTED, v.id(), v.name(), v.group(), v.jurisdiction(),
                    v.primaryLayer(), 1.0, Attribution.Method.KB, match.get().indicator(), List.of(), location(s, v));
        }
        if (s.kind() == ObservationKind.IP_ADDRESS) {
            Optional<KbMatch> announced = kb.matchAnnouncedAddress(s.value());
            if (announced.isPresent()) {
                Vendor v = announced.get().vendor();
                return new Attribution(Attribution.Status.ATTRIBUTED, v.id(), v.name(), v.group(), v.jurisdiction(),
                        v.primaryLayer(), ANNOUNCED_CONFIDENCE, Attribution.Method.KB, announced.get().indicator(), List.of(),
                        location(s, v));
            }
        }
        Optional<String> country = countryCode(s);
        if (country.isPresent()) {
            return new Attribution(Attribution.Status.ATTRIBUTED, "", "", "", country.get(), null, CCTLD_CONFIDENCE,
                    Attribution.Method.RULE, "country-code TLD ." + tld(s), List.of());
        }
        if (s.kind() == ObservationKind.IP_ADDRESS) {
            Optional<String> registered = kb.registrationCountry(s.value());
            if (registered.isPresent()) {
                return new Attribution(Attribution.Status.ATTRIBUTED, "", "", "", registered.get(), null, CCTLD_CONFIDENCE,
                        Attribution.Method.RULE, "address block registered in " + registered.get()
                        + " (regional internet registry data)", List.of());
            }
        }
        return switch (s.kind()) {
            case MAC -> {
                long mac = Macs.parse(s.value());
                yield Attribution.unattributed(mac >= 0 && Macs.locallyAdministered(mac)
                        ? "locally administered MAC address (randomised or virtual): it names no manufacturer"
                        : "OUI not in the knowledge base (its OUIs come from the IEEE registry for known vendors)", List.of());
            }
            case IP_ADDRESS, CIDR, ASN -> Attribution.unattributed(
                    "not in the knowledge base; addresses and AS numbers carry no name for the model to read", List.of());
            default -> null;
        };
    }

    /**
     * Where the subject's cloud region is, for data residency: a cloud region by its id; any other
     * value by a region its context names ({@code eu-west-1}, {@code region=eu-west-1}) or, for a host,
     * URL or image, a region in a label of its host ({@code obs.af-south-1.myhuaweicloud.com}); each
     * read in the region table of the vendor the knowledge base attributed it to. Empty when none.
     */
    private String location(Subject s, Vendor v) {
        if (s.kind() == ObservationKind.CLOUD_REGION) {
            return kb.region(v.id(), s.value()).map(RegionLocation::country).orElse("");
        }
        Optional<RegionLocation> named = regionInContext(s.context(), v);
        if (named.isEmpty() && (s.kind() == ObservationKind.HOSTNAME || s.kind() == ObservationKind.URL
                || s.kind() == ObservationKind.CONTAINER_IMAGE)) {
            String host = Names.hostOf(s.kind(), s.value());
            if (host != null && IpAddresses.parse(host) == null) {
                named = kb.regionInHost(v.id(), host);
            }
        }
        return named.map(RegionLocation::country).orElse("");
    }

    /** A region of the vendor's cloud the context names: the whole context or one of its words ({@code region=x}). */
    private Optional<RegionLocation> regionInContext(String context, Vendor v) {
        if (context.isBlank() || context.length() > MAX_CONTEXT) {
            return Optional.empty();
        }
        Optional<RegionLocation> whole = kb.region(v.id(), context);
        if (whole.isPresent()) {
            return whole;
        }
        int start = -1;
        for (int i = 0; i <= context.length(); i++) {
            char c = i < context.length() ? context.charAt(i) : ' ';
            boolean wordChar = Character.isLetterOrDigit(c) || c == '-' || c == '_';
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                Optional<RegionLocation> word = kb.region(v.id(), context.substring(start, i));
                if (word.isPresent()) {
                    return word;
                }
                start = -1;
            }
        }
        return Optional.empty();
    }

    private Optional<String> countryCode(Subject s) {
        String tld = tld(s);
        return tld == null ? Optional.empty() : kb.jurisdictionOfTld(tld);
    }

    /** The top-level label of the host a subject names, or null. */
    private static String tld(Subject s) {
        ObservationKind kind = s.kind();
        if (kind != ObservationKind.HOSTNAME && kind != ObservationKind.URL && kind != ObservationKind.CONTAINER_IMAGE) {
            return null;
        }
        String host = Names.hostOf(kind, s.value());
        if (host == null || IpAddresses.parse(host) != null || !Names.validHost(host) || host.indexOf('.') < 0) {
            return null;
        }
        return host.substring(host.lastIndexOf('.') + 1);
    }

    private Attribution fromModel(List<Attribution.Guess> guesses) {
        if (guesses.isEmpty()) {
            return Attribution.unattributed("model gave no classes", guesses);
        }
        Attribution.Guess best = guesses.getFirst();
        if (best.group().equals(OnnxAttributor.NONE)) {
            return Attribution.unattributed("not in the knowledge base; model: no known vendor ("
                    + OnnxAttributor.NONE + " " + decimal(best.probability()) + ")", guesses);
        }
        if (best.probability() < threshold) {
            return Attribution.unattributed("not in the knowledge base; model below threshold (best " + best.group()
                    + " " + decimal(best.probability()) + " < " + decimal(threshold) + ")", guesses);
        }
        Optional<Group> group = kb.group(best.group());
        if (group.isEmpty()) {
            return Attribution.unattributed("model class '" + best.group() + "' is not a group of knowledge base "
                    + kb.version(), guesses);
        }
        Layer layer = groupLayers.get(best.group());
        return new Attribution(Attribution.Status.ATTRIBUTED, "", group.get().name(), group.get().id(),
                group.get().jurisdiction(), layer, best.probability(), Attribution.Method.MODEL,
                "model " + best.group() + " " + decimal(best.probability()), guesses);
    }

    private static String decimal(double p) {
        return String.format(Locale.ROOT, "%.2f", p);
    }
}
