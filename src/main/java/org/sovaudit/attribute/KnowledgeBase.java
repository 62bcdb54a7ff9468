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
import java.util.function.Predicate;

/**
 * The curated knowledge base: jurisdictions, vendor groups, vendors and their indicators, read
 * from YAML files ({@code models/kb/kb.yaml} lists them). Immutable once loaded; safe to share
 * between threads.
 *
 * <p>How a subject is matched (see {@link KbIndex}):
 * <ul>
 *   <li>HOSTNAME by the longest domain suffix on whole labels (or an exact host or registry entry);
 *       URL by its host; CONTAINER_IMAGE by its repository prefix, else its registry host under
 *       Docker's reference rules (no registry component means docker.io). A host that is an IP
 *       literal is matched as an IP.</li>
 *   <li>IP_ADDRESS by the most specific CIDR containing it; CIDR by the most specific CIDR
 *       containing the whole network; ASN by number; MAC by its OUI (never a locally administered
 *       or group address).</li>
 *   <li>PACKAGE (a package URL) by coordinates and prefixes per package type.</li>
 *   <li>CERT_ISSUER by its exact distinguished name (the Mozilla roots), else a CA name phrase.</li>
 *   <li>PRODUCT and AI_MODEL by the longest phrase, case-insensitively on word boundaries (an AI
 *       model's {@code model_type} context first); CRYPTO_ALGORITHM by algorithm names.</li>
 *   <li>CLOUD_PROVIDER by Terraform source address or local name (or a host or product phrase it
 *       holds: CSI provisioners); CLOUD_REGION by the provider in its context, else by region id.</li>
 * </ul>
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
    private final KbIndex index;
    private final RegionTable regions;
    /** Per group, its vendors whose clouds the region table covers. */
    private final Map<String, List<String>> regionVendorsByGroup;
    /** Which AS announces an address (for the knowledge base's AS numbers only). */
    private final AddressTable addressAsns;
    /** In which country an address block is registered. */
    private final AddressTable addressCountries;

    private KnowledgeBase(String version, String sha256, List<Vendor> vendors, Map<String, Group> groups,
                          Set<String> jurisdictions, Map<String, String> tldJurisdiction,
                          Map<String, List<String>> regionExamples, List<Indicator> indicators, RegionTable regions,
                          AddressTable addressAsns, AddressTable addressCountries) {
        this.addressAsns = addressAsns;
        this.addressCountries = addressCountries;
        this.version = version;
        this.sha256 = sha256;
        this.vendors = List.copyOf(vendors);
        Map<String, Vendor> byId = new LinkedHashMap<>();
        for (Vendor v : vendors) {
            byId.put(v.id(), v);
        }
        this.vendorsById = Map.copyOf(byId);
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.jurisdictions = Set.copyOf(jurisdictions);
        this.tldJurisdiction = Map.copyOf(tldJurisdiction);
        this.regionExamples = Map.copyOf(regionExamples);
        this.indicators = List.copyOf(indicators);
        this.index = new KbIndex(this.indicators);
        this.regions = regions;
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (Vendor v : this.vendors) {
            if (regions.covers(v.id())) {
                byGroup.computeIfAbsent(v.group(), g -> new ArrayList<>()).add(v.id());
            }
        }
        byGroup.replaceAll((g, ids) -> List.copyOf(ids));
        this.regionVendorsByGroup = Map.copyOf(byGroup);
    }

    private static KnowledgeBase of(KbLoader loaded) {
        return new KnowledgeBase(loaded.version, loaded.sha256(), List.copyOf(loaded.vendors.values()), loaded.groups,
                loaded.jurisdictions, loaded.tldJurisdiction, loaded.regionExamples, loaded.indicators, loaded.regions,
                loaded.addressAsns, loaded.addressCountries);
    }

    /** The knowledge base shipped inside the jar, under {@code models/kb/}. */
    public static KnowledgeBase loadDefault() {
        return of(KbLoader.load(KbFiles.classpath("models/kb/")));
    }

    /** A knowledge base from a directory holding {@code kb.yaml} and the files it lists. */
    public static KnowledgeBase load(Path dir) {
        return of(KbLoader.load(KbFiles.directory(dir)));
    }

    /**
     * The same knowledge base without the indicators {@code drop} selects: for measuring how the
     * model does on indicators the knowledge base does not know. Version and SHA-256 stay those of
     * the files it was read from; such a view is never used for an audit.
     */
    public KnowledgeBase without(Predicate<Indicator> drop) {
        List<Indicator> kept = new ArrayList<>();
        for (Indicator i : indicators) {
            if (!drop.test(i)) {
                kept.add(i);
            }
        }
        return new KnowledgeBase(version, sha256, vendors, groups, jurisdictions, tldJurisdiction, regionExamples, kept, regions,
                addressAsns, addressCountries);
    }

    /** The version written in {@code kb.yaml}. */
    public String version() {
        return version;
    }

    /**
     * SHA-256 (hex) over the knowledge-base files: of the lines {@code <sha256>  <path>} for
     * {@code kb.yaml}, the jurisdictions, country-code TLD and groups files, the vendor files and the
     * indicator files, in the order {@code kb.yaml} lists them; {@code sha256sum FILES | sha256sum}
     * gives the same.
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

    /** Published region ids of a vendor's cloud that are not indicators (shared with other clouds): model examples. */
    public List<String> regionExamples(String vendorId) {
        return regionExamples.getOrDefault(vendorId, List.of());
    }

    /**
     * Where a region of a vendor's cloud is, from the region table ({@code models/kb/regions.yaml}):
     * {@code region("huawei-cloud", "af-south-1")} is Johannesburg, ZA. Case-insensitive; empty when
     * the table does not know the vendor or the id.
     */
    public Optional<RegionLocation> region(String vendorId, String regionId) {
        return Optional.ofNullable(regions.find(vendorId, regionId));
    }

    /** The region a host of the vendor names in a label ({@code obs.af-south-1.myhuaweicloud.com}); empty when none. */
    Optional<RegionLocation> regionInHost(String vendorId, String host) {
        return Optional.ofNullable(regions.inHost(vendorId, host));
    }

    /**
     * Where a region is for a vendor group, when every vendor of the group whose cloud lists the id
     * puts it in the same country (for a model attribution, which names a group only); empty otherwise.
     */
    public Optional<String> regionCountryOfGroup(String groupId, String regionId) {
        String country = null;
        for (String vendorId : regionVendorsByGroup.getOrDefault(groupId, List.of())) {
            RegionLocation at = regions.find(vendorId, regionId);
            if (at == null) {
                continue;
            }
            if (country != null && !country.equals(at.country())) {
                return Optional.empty();
            }
            country = at.country();
        }
        return Optional.ofNullable(country);
    }

    /** Whether the region table lists the regions of the vendor's cloud. */
    boolean coversRegions(String vendorId) {
        return regions.covers(vendorId);
    }

    /** Number of entries in the region table. */
    public int regionCount() {
        return regions.size();
    }

    /** Whether {@code code} is a jurisdiction this knowledge base knows. */
    public boolean knowsJurisdiction(String code) {
        return jurisdictions.contains(code);
    }

    /** The knowledge-base indicator matching the subject, if any. */
    public Optional<KbMatch> match(Subject subject) {
        Indicator hit = index.find(subject);
        return hit == null ? Optional.empty() : Optional.of(new KbMatch(hit.vendor(), hit.toString()));
    }

    /**
     * For an address the indicators do not know: the vendor of the AS that announces it, when the
     * address table holds the address and the knowledge base lists that AS. The indicator reads
     * {@code asn AS16509 (announces the address)}.
     */
    public Optional<KbMatch> matchAnnouncedAddress(String address) {
        String asn = addressAsns.find(IpAddresses.parse(address));
        if (asn == null) {
            return Optional.empty();
        }
        Indicator hit = index.find(new Subject(org.sovaudit.model.ObservationKind.ASN, asn, org.sovaudit.model.Role.UNKNOWN));
        return hit == null ? Optional.empty() : Optional.of(new KbMatch(hit.vendor(), hit + " (announces the address)"));
    }

    /**
     * The country where the address's block is registered, by the address table of registration data
     * (a jurisdiction of this knowledge base); empty when the table has no country for it.
     */
    Optional<String> registrationCountry(String address) {
        String country = addressCountries.find(IpAddresses.parse(address));
        return country == null || country.equals("ZZ") ? Optional.empty() : Optional.of(country);
    }

    /** Ranges in the address tables: announced by a known AS, and with a registration country. */
    public int[] addressTableSizes() {
        return new int[] {addressAsns.size(), addressCountries.size()};
    }

    /**
     * The jurisdiction of a top-level domain under the country-code rule: a non-generic ccTLD or
     * one of the mapped TLDs; empty otherwise.
     */
    Optional<String> jurisdictionOfTld(String tld) {
        return Optional.ofNullable(tldJurisdiction.get(tld));
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
        return "KnowledgeBase[version " + version + ", " + vendors.size() + " vendors, " + groups.size() + " groups, "
                + indicators.size() + " indicators]";
    }
}
