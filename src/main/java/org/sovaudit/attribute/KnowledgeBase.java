package org.sovaudit.attribute;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.sovaudit.model.ObservationKind;

/**
 * The curated knowledge base: jurisdictions, vendor groups, vendors and their indicators, read
 * from YAML files ({@code models/kb/kb.yaml} lists them). Immutable once loaded; safe to share
 * between threads.
 *
 * <p>How a subject is matched:
 * <ul>
 *   <li>HOSTNAME by the longest domain suffix on whole labels (or an exact host or registry entry);
 *       URL by its host; CONTAINER_IMAGE by its registry host under Docker's reference rules
 *       (no registry component means docker.io). A host that is an IP literal is matched as an IP.</li>
 *   <li>IP_ADDRESS by the most specific CIDR containing it; CIDR by the most specific CIDR
 *       containing the whole network.</li>
 *   <li>ASN by number; CLOUD_PROVIDER by Terraform source address or local name; CLOUD_REGION by
 *       the provider in its context.</li>
 *   <li>PRODUCT, AI_MODEL and CERT_ISSUER by the longest product or model phrase, case-insensitively.</li>
 * </ul>
 * Each lookup uses a structure built for it (label trie, bit trie, hash map, character trie),
 * never a scan over the indicators.
 */
public final class KnowledgeBase {

    private final String version;
    private final String sha256;
    private final List<Vendor> vendors;
    private final Map<String, Vendor> vendorsById;
    private final Map<String, Group> groups;
    private final Set<String> jurisdictions;
    private final Map<String, String> tldJurisdiction;
    private final Map<String, List<String>> regionExamples;
    private final List<Indicator> indicators;
    private final HostTable<Indicator> hosts;
    private final PrefixTable<Indicator> networks;
    private final Map<Long, Indicator> asns;
    private final PhraseTable<Indicator> phrases;
    private final Map<String, Indicator> providers;

    private KnowledgeBase(KbLoader loaded) {
        this.version = loaded.version;
        this.sha256 = loaded.sha256();
        this.vendors = List.copyOf(loaded.vendors.values());
        this.vendorsById = Map.copyOf(loaded.vendors);
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(loaded.groups));
        this.jurisdictions = Set.copyOf(loaded.jurisdictions);
        this.tldJurisdiction = Map.copyOf(loaded.tldJurisdiction);
        this.regionExamples = Map.copyOf(loaded.regionExamples);
        this.indicators = List.copyOf(loaded.indicators);
        this.hosts = loaded.hosts;
        this.networks = loaded.networks;
        this.asns = Map.copyOf(loaded.asns);
        this.phrases = loaded.phrases;
        this.providers = Map.copyOf(loaded.providers);
    }

    /** The knowledge base shipped inside the jar, under {@code models/kb/}. */
    public static KnowledgeBase loadDefault() {
        return new KnowledgeBase(KbLoader.load(KbFiles.classpath("models/kb/")));
    }

    /** A knowledge base from a directory holding {@code kb.yaml} and the files it lists. */
    public static KnowledgeBase load(Path dir) {
        return new KnowledgeBase(KbLoader.load(KbFiles.directory(dir)));
    }

    /** The version written in {@code kb.yaml}. */
    public String version() {
        return version;
    }

    /**
     * SHA-256 (hex) over the knowledge-base files: of the lines {@code <sha256>  <path>} for
     * {@code kb.yaml}, the jurisdictions, country-code TLD and groups files, then the vendor files
     * in the order {@code kb.yaml} lists them; {@code sha256sum FILES | sha256sum} gives the same.
     */
    public String sha256() {
        return sha256;
    }

    /** Every vendor, in file order. */
    public List<Vendor> vendors() {
        return vendors;
    }

    public Optional<Vendor> vendor(String id) {
        return Optional.ofNullable(vendorsById.get(id));
    }

    public Optional<Group> group(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    /** Every vendor group, in file order. */
    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    /** Every indicator, in file order (for the trainer and for documentation). */
    public List<Indicator> indicators() {
        return indicators;
    }

    public int indicatorCount() {
        return indicators.size();
    }

    /** Published region ids of a vendor's cloud: examples for the model, not indicators. */
    public List<String> regionExamples(String vendorId) {
        return regionExamples.getOrDefault(vendorId, List.of());
    }

    /** Whether {@code code} is a jurisdiction this knowledge base knows. */
    public boolean knowsJurisdiction(String code) {
        return jurisdictions.contains(code);
    }

    /** The knowledge-base indicator matching the subject, if any. */
    public Optional<KbMatch> match(Subject subject) {
        Indicator hit = find(subject);
        return hit == null ? Optional.empty() : Optional.of(new KbMatch(hit.vendor(), hit.toString()));
    }

    /**
     * The jurisdiction of a top-level domain under the country-code rule: a non-generic ccTLD or
     * one of the mapped TLDs; empty otherwise.
     */
    Optional<String> jurisdictionOfTld(String tld) {
        return Optional.ofNullable(tldJurisdiction.get(tld));
    }

    private Indicator find(Subject s) {
        String value = s.value();
        if (value.length() > Names.MAX_VALUE) {
            return null;
        }
        ObservationKind kind = s.kind();
        return switch (kind) {
            case HOSTNAME, URL, CONTAINER_IMAGE -> findHost(Names.hostOf(kind, value));
            case IP_ADDRESS -> findNetwork(IpAddresses.parseNetwork(Names.ipLiteral(value)));
            case CIDR -> findNetwork(IpAddresses.parseNetwork(value));
            case ASN -> asns.get(Names.asn(value));
            case CLOUD_PROVIDER -> provider(value);
            case CLOUD_REGION -> provider(s.context());
            case PRODUCT, AI_MODEL, CERT_ISSUER -> phrase(value);
            default -> null;
        };
    }

    private Indicator findHost(String host) {
        if (host == null) {
            return null;
        }
        byte[] ip = IpAddresses.parse(host);
        if (ip != null) {
            PrefixTable.Hit<Indicator> hit = networks.longest(ip);
            return hit == null ? null : hit.value();
        }
        if (!Names.validHost(host)) {
            return null;
        }
        return hosts.find(Names.labels(host));
    }

    private Indicator findNetwork(IpAddresses.Network network) {
        if (network == null) {
            return null;
        }
        PrefixTable.Hit<Indicator> hit = networks.longest(network.address(), network.prefix());
        return hit == null ? null : hit.value();
    }

    private Indicator provider(String value) {
        String key = Names.providerKey(value);
        return key == null ? null : providers.get(key);
    }

    private Indicator phrase(String value) {
        String text = PhraseTable.normalise(value);
        PhraseTable.Hit<Indicator> hit = phrases.find(text);
        return hit == null ? null : hit.value();
    }

    /** Counts per indicator kind, for summaries. */
    public Map<String, Integer> indicatorCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Indicator i : indicators) {
            counts.merge(i.kind(), 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("version " + version);
        parts.add(vendors.size() + " vendors");
        parts.add(groups.size() + " groups");
        parts.add(indicators.size() + " indicators");
        return "KnowledgeBase[" + String.join(", ", parts) + "]";
    }
}
