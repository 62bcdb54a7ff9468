package org.sovaudit.attribute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.sovaudit.model.Layer;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and checks the knowledge-base files. Every problem names the file and the field
 * ({@code vendors/china.yaml: vendors[3].domains[1]: ...}). Unknown fields are errors too, so a
 * misspelt indicator kind cannot silently drop indicators.
 */
final class KbLoader {

    static final String INDEX = "kb.yaml";

    private static final int MAX_FILES = 200;
    private static final int MAX_ENTRIES = 100_000;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}|EU|INT");
    private static final Pattern RELATIVE_FILE = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.yaml");
    private static final Pattern TABLE_FILE = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.txt\\.gz");
    private static final Pattern PHRASE = Pattern.compile("[a-z0-9.-]+( [a-z0-9.-]+)*\\*?");
    private static final Pattern PROVIDER_SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*");
    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

    /** Indicator fields, in a vendor entry or an indicators file, and the kind each gives. */
    private static final Map<String, String> INDICATOR_FIELDS = indicatorFields();
    private static final Set<String> VENDOR_FIELDS = vendorFields();
    private static final Pattern OUI = Pattern.compile("[0-9A-Fa-f]{2}([-:]?[0-9A-Fa-f]{2}){2}");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*(/\\*)?");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}\\*?");

    private final KbFiles files;
    private final ObjectMapper yaml;
    private final List<String> order = new ArrayList<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private final Map<String, Indicator> keys = new HashMap<>();

    // results
    String version;
    final Set<String> jurisdictions = new LinkedHashSet<>();
    final Map<String, String> tldJurisdiction = new TreeMap<>();
    final Map<String, Group> groups = new LinkedHashMap<>();
    final Map<String, Vendor> vendors = new LinkedHashMap<>();
    final Map<String, List<String>> regionExamples = new LinkedHashMap<>();
    final List<Indicator> indicators = new ArrayList<>();
    RegionTable regions = RegionTable.EMPTY;
    AddressTable addressAsns = AddressTable.EMPTY;
    AddressTable addressCountries = AddressTable.EMPTY;

    private static Map<String, String> indicatorFields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("domains", KbIndex.DOMAIN);
        m.put("hosts", KbIndex.HOST);
        m.put("registries", KbIndex.REGISTRY);
        m.put("images", KbIndex.IMAGE);
        m.put("cidrs", KbIndex.CIDR);
        m.put("asns", KbIndex.ASN);
        m.put("ouis", KbIndex.OUI);
        m.put("packages", KbIndex.PACKAGE);
        m.put("products", KbIndex.PRODUCT);
        m.put("ai-models", KbIndex.AI_MODEL);
        m.put("ca-subjects", KbIndex.CA_SUBJECT);
        m.put("ca-names", KbIndex.CA_NAME);
        m.put("crypto", KbIndex.CRYPTO);
        m.put("terraform-providers", KbIndex.TERRAFORM_PROVIDER);
        m.put("provider-names", KbIndex.PROVIDER_NAME);
        m.put("regions", KbIndex.REGION);
        // iteration order is the order indicators are read in: never Map.copyOf, whose order changes per run
        return Collections.unmodifiableMap(m);
    }

    private static Set<String> vendorFields() {
        Set<String> fields = new TreeSet<>(INDICATOR_FIELDS.keySet());
        fields.addAll(List.of("id", "name", "group", "jurisdiction", "layers", "source", "public-benefit", "region-examples"));
        return Set.copyOf(fields);
    }

    private KbLoader(KbFiles files) {
        this.files = files;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(KbFiles.MAX_FILE_BYTES);
        options.setNestingDepthLimit(20);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).build())
                .build();
        this.yaml = new ObjectMapper(factory).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    static KbLoader load(KbFiles files) {
        KbLoader loader = new KbLoader(files);
        loader.run();
        return loader;
    }

    /**
     * SHA-256 of the manifest {@code <sha256 of file>  <relative path>\n}, one line per file in
     * load order ({@code kb.yaml} first): what {@code sha256sum FILES | sha256sum} prints.
     */
    String sha256() {
        StringBuilder manifest = new StringBuilder();
        for (String name : order) {
            manifest.append(hex(sha256(contents.get(name)))).append("  ").append(name).append('\n');
        }
        return hex(sha256(manifest.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private void run() {
        Node index = read(INDEX);
        index.allowOnly(Set.of("version", "jurisdictions", "country-code-tlds", "groups", "vendors", "indicators", "regions",
                "address-tables"));
        version = index.text("version");
        if (!VERSION.matcher(version).matches()) {
            throw index.child("version").fail("version must be 1-64 of A-Z a-z 0-9 . _ + -, was '" + version + "'");
        }
        String jurisdictionsFile = fileName(index.child("jurisdictions"));
        String tldsFile = fileName(index.child("country-code-tlds"));
        String groupsFile = fileName(index.child("groups"));
        List<String> vendorFiles = new ArrayList<>();
        for (Node n : index.child("vendors").items(MAX_FILES)) {
            vendorFiles.add(fileName(n));
        }
        if (vendorFiles.isEmpty()) {
            throw index.child("vendors").fail("at least one vendors file is required");
        }
        List<String> indicatorFiles = new ArrayList<>();
        for (Node n : index.optionalItems("indicators")) {
            indicatorFiles.add(fileName(n));
        }
        String regionsFile = index.json().has("regions") ? fileName(index.child("regions")) : null;
        readJurisdictions(read(jurisdictionsFile));
        readTlds(read(tldsFile));
        readGroups(read(groupsFile));
        for (String file : vendorFiles) {
            readVendors(read(file));
        }
        for (String file : indicatorFiles) {
            readIndicatorFile(read(file));
        }
        if (regionsFile != null) {
            readRegions(read(regionsFile));
        }
        if (index.json().has("address-tables")) {
            Node tables = index.child("address-tables");
            tables.allowOnly(Set.of("asns", "countries"));
            if (tables.json().has("asns")) {
                addressAsns = readAddressTable(tableFileName(tables.child("asns")), true);
            }
            if (tables.json().has("countries")) {
                addressCountries = readAddressTable(tableFileName(tables.child("countries")), false);
            }
        }
        for (Group g : groups.values()) {
            if (vendors.values().stream().noneMatch(v -> v.group().equals(g.id()))) {
                throw new AttributionException(files.describe(groupsFile) + ": groups: group '" + g.id() + "' has no vendor");
            }
        }
    }

    private String fileName(Node n) {
        String name = n.text();
        if (!RELATIVE_FILE.matcher(name).matches()) {
            throw n.fail("must be a relative path of lower-case names ending in .yaml, was '" + name + "'");
        }
        if (name.equals(INDEX) || contents.containsKey(name) || order.contains(name)) {
            throw n.fail("file '" + name + "' is listed twice");
        }
        order.add(name);
        return name;
    }

    private String tableFileName(Node n) {
        String name = n.text();
        if (!TABLE_FILE.matcher(name).matches()) {
            throw n.fail("must be a relative path of lower-case names ending in .txt.gz, was '" + name + "'");
        }
        if (name.equals(INDEX) || contents.containsKey(name) || order.contains(name)) {
            throw n.fail("file '" + name + "' is listed twice");
        }
        order.add(name);
        return name;
    }

    /**
     * An address table ({@link AddressTable}): AS numbers (values {@code AS<n>}) or countries (values
     * that are jurisdictions of the jurisdictions file, or {@code ZZ} for none).
     */
    private AddressTable readAddressTable(String relative, boolean asns) {
        byte[] bytes = files.read(relative);
        contents.put(relative, bytes);
        String where = files.describe(relative);
        AddressTable table = AddressTable.read(bytes, where);
        for (String value : table.values()) {
            boolean ok = asns ? value.matches("AS[0-9]{1,10}") : value.equals("ZZ") || jurisdictions.contains(value);
            if (!ok) {
                throw new AttributionException(where + ": value '" + value + "' is not "
                        + (asns ? "an AS number (AS<n>)" : "a jurisdiction of the jurisdictions file"));
            }
        }
        return table;
    }

    private Node read(String relative) {
        byte[] bytes = files.read(relative);
        contents.put(relative, bytes);
        if (!order.contains(relative)) {
            order.addFirst(relative);
        }
        String where = files.describe(relative);
        JsonNode root;
        try {
            root = yaml.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new AttributionException(where + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new AttributionException(where + ": cannot read YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new AttributionException(where + ": expected a mapping at the top level");
        }
        return new Node(where, "", root);
    }

    private void readJurisdictions(Node file) {
        file.allowOnly(Set.of("jurisdictions"));
        for (Node entry : file.child("jurisdictions").items(MAX_ENTRIES)) {
            entry.allowOnly(Set.of("code", "name"));
            String code = entry.text("code");
            if (!JURISDICTION.matcher(code).matches()) {
                throw entry.child("code").fail("must be an ISO 3166-1 alpha-2 code, EU or INT, was '" + code + "'");
            }
            entry.text("name");
            if (!jurisdictions.add(code)) {
                throw entry.child("code").fail("jurisdiction '" + code + "' is listed twice");
            }
        }
    }

    private void readTlds(Node file) {
        file.allowOnly(Set.of("source", "mapped", "generic"));
        file.text("source");
        Set<String> generic = new LinkedHashSet<>();
        for (Node n : file.child("generic").items(MAX_ENTRIES)) {
            String tld = n.text();
            if (!tld.matches("[a-z]{2,63}")) {
                throw n.fail("must be a lower-case TLD without dot, was '" + tld + "'");
            }
            generic.add(tld);
        }
        for (String code : jurisdictions) {
            String tld = code.toLowerCase(Locale.ROOT);
            if (code.length() == 2 && !generic.contains(tld)) {
                tldJurisdiction.put(tld, code);
            }
        }
        Node mapped = file.child("mapped");
        for (Iterator<String> it = mapped.fieldNames(); it.hasNext(); ) {
            String tld = it.next();
            Node target = mapped.child(tld);
            String code = target.text();
            if (!tld.matches("[a-z]{2,63}")) {
                throw target.fail("must be a lower-case TLD without dot");
            }
            if (!jurisdictions.contains(code)) {
                throw target.fail("unknown jurisdiction '" + code + "'");
            }
            tldJurisdiction.put(tld, code);
        }
    }

    private void readGroups(Node file) {
        file.allowOnly(Set.of("groups"));
        for (Node entry : file.child("groups").items(MAX_ENTRIES)) {
            entry.allowOnly(Set.of("id", "name", "jurisdiction"));
            String id = id(entry.child("id"));
            String jurisdiction = jurisdiction(entry.child("jurisdiction"));
            if (id.equals("none")) {
                throw entry.child("id").fail("'none' is reserved for the model's no-vendor class");
            }
            if (groups.putIfAbsent(id, new Group(id, entry.text("name"), jurisdiction)) != null) {
                throw entry.child("id").fail("group '" + id + "' is listed twice");
            }
        }
        if (groups.isEmpty()) {
            throw file.child("groups").fail("at least one group is required");
        }
    }

    private void readVendors(Node file) {
        file.allowOnly(Set.of("vendors"));
        for (Node entry : file.child("vendors").items(MAX_ENTRIES)) {
            entry.allowOnly(VENDOR_FIELDS);
            String id = id(entry.child("id"));
            String group = entry.text("group");
            if (!groups.containsKey(group)) {
                throw entry.child("group").fail("unknown group '" + group + "'");
            }
            List<Layer> layers = new ArrayList<>();
            for (Node n : entry.child("layers").items(Layer.values().length)) {
                try {
                    Layer layer = Layer.fromId(n.text());
                    if (layers.contains(layer)) {
                        throw n.fail("layer '" + n.text() + "' is listed twice");
                    }
                    layers.add(layer);
                } catch (IllegalArgumentException e) {
                    throw n.fail(e.getMessage());
                }
            }
            if (layers.isEmpty()) {
                throw entry.child("layers").fail("at least one stack layer is required");
            }
            boolean publicBenefit = false;
            if (entry.json().has("public-benefit")) {
                JsonNode flag = entry.json().get("public-benefit");
                if (!flag.isBoolean()) {
                    throw entry.child("public-benefit").fail("must be true or false");
                }
                publicBenefit = flag.booleanValue();
            }
            Vendor vendor = new Vendor(id, entry.text("name"), group, jurisdiction(entry.child("jurisdiction")),
                    layers, entry.text("source"), publicBenefit);
            if (vendors.putIfAbsent(id, vendor) != null) {
                throw entry.child("id").fail("vendor '" + id + "' is listed twice");
            }
            readIndicators(entry, vendor);
        }
    }

    /**
     * An indicators file: indicators kept apart from the vendor entries because a script generates
     * them (OUIs from the IEEE registry, CA subject names from the Mozilla bundle). Its {@code source}
     * says how; each entry names a vendor defined in a vendors file.
     */
    private void readIndicatorFile(Node file) {
        file.allowOnly(Set.of("source", "indicators"));
        file.text("source");
        for (Node entry : file.child("indicators").items(MAX_ENTRIES)) {
            Set<String> allowed = new TreeSet<>(INDICATOR_FIELDS.keySet());
            allowed.add("vendor");
            entry.allowOnly(allowed);
            String id = entry.text("vendor");
            Vendor vendor = vendors.get(id);
            if (vendor == null) {
                throw entry.child("vendor").fail("unknown vendor '" + id + "'");
            }
            readIndicators(entry, vendor);
        }
    }

    /**
     * The region table: per provider (a vendor), its source and its region ids, each with the ISO
     * 3166-1 alpha-2 country and the city of its data centres ({@code af-south-1: ["ZA", "Cape Town"]}).
     */
    private void readRegions(Node file) {
        file.allowOnly(Set.of("providers"));
        Map<String, Map<String, RegionLocation>> byVendor = new LinkedHashMap<>();
        int total = 0;
        for (Node entry : file.child("providers").items(MAX_ENTRIES)) {
            entry.allowOnly(Set.of("vendor", "source", "regions"));
            String id = entry.text("vendor");
            if (!vendors.containsKey(id)) {
                throw entry.child("vendor").fail("unknown vendor '" + id + "'");
            }
            entry.text("source");
            Map<String, RegionLocation> regionsOfVendor = new LinkedHashMap<>();
            if (byVendor.putIfAbsent(id, regionsOfVendor) != null) {
                throw entry.child("vendor").fail("vendor '" + id + "' is listed twice");
            }
            Node list = entry.child("regions");
            for (Iterator<String> it = list.fieldNames(); it.hasNext(); ) {
                String region = it.next();
                Node where = list.child(region);
                if (!REGION.matcher(region).matches() || region.length() > RegionTable.MAX_ID) {
                    throw where.fail("a region id is lower-case a-z 0-9 _ -, optionally ending in *, was '" + region + "'");
                }
                List<Node> pair = where.items(2);
                if (pair.size() != 2) {
                    throw where.fail("expected [COUNTRY, \"city\"]");
                }
                String country = pair.get(0).text();
                if (!country.matches("[A-Z]{2}") || !jurisdictions.contains(country)) {
                    throw pair.get(0).fail("not an ISO 3166-1 alpha-2 code of the jurisdictions file: '" + country + "'");
                }
                String city = pair.get(1).text();
                if (city.length() > 100) {
                    throw pair.get(1).fail("a city is at most 100 characters");
                }
                regionsOfVendor.put(region, new RegionLocation(country, city));
                if (++total > MAX_ENTRIES) {
                    throw file.fail("more than " + MAX_ENTRIES + " regions");
                }
            }
            if (regionsOfVendor.isEmpty()) {
                throw list.fail("at least one region is required");
            }
        }
        regions = new RegionTable(byVendor);
    }

    private void readIndicators(Node entry, Vendor vendor) {
        for (Map.Entry<String, String> field : INDICATOR_FIELDS.entrySet()) {
            for (Node n : entry.optionalItems(field.getKey())) {
                add(n, field.getValue(), normalise(n, field.getValue()), vendor);
            }
        }
        List<String> regions = new ArrayList<>();
        for (Node n : entry.optionalItems("region-examples")) {
            String region = n.text();
            if (!region.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
                throw n.fail("a region id is letters, digits, '_' and '-', was '" + region + "'");
            }
            regions.add(region);
        }
        if (!regions.isEmpty() || !regionExamples.containsKey(vendor.id())) {
            regionExamples.merge(vendor.id(), List.copyOf(regions), (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return List.copyOf(all);
            });
        }
    }

    /** The indicator's value in the one spelling the index stores; fails naming the field when malformed. */
    private static String normalise(Node n, String kind) {
        String text = n.text();
        String lower = text.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case KbIndex.DOMAIN, KbIndex.HOST -> hostPattern(n, false);
            case KbIndex.REGISTRY -> hostPattern(n, true);
            case KbIndex.IMAGE -> {
                if (!IMAGE.matcher(lower).matches() || lower.indexOf('/') < 0) {
                    throw n.fail("an image pattern is registry/repository, optionally ending in /*, was '" + text + "'");
                }
                yield lower;
            }
            case KbIndex.CIDR -> {
                IpAddresses.Network network = IpAddresses.parseNetwork(text);
                if (network == null) {
                    throw n.fail("not a CIDR or IP address: '" + text + "'");
                }
                byte[] given = IpAddresses.parse(text.indexOf('/') < 0 ? text : text.substring(0, text.indexOf('/')));
                if (given == null || given.length != network.address().length || !Arrays.equals(given, network.address())) {
                    throw n.fail("'" + text + "' has host bits set beyond its prefix");
                }
                yield network.toString();
            }
            case KbIndex.ASN -> {
                long asn = Names.asn(text);
                if (asn <= 0) {
                    throw n.fail("not an AS number: '" + text + "'");
                }
                yield "AS" + asn;
            }
            case KbIndex.OUI -> {
                if (!OUI.matcher(text).matches()) {
                    throw n.fail("an OUI is six hex digits (00E0FC, 00-E0-FC or 00:e0:fc), was '" + text + "'");
                }
                yield Macs.formatOui(Macs.parseOui(text));
            }
            case KbIndex.PACKAGE -> {
                if (PackageTable.Pattern.parse(lower) == null) {
                    throw n.fail("a package pattern is pkg:TYPE/NAMESPACE/NAME without version, optionally ending in *"
                            + " (pkg:deb/*/NAME for any distribution), was '" + text + "'");
                }
                yield lower;
            }
            case KbIndex.PRODUCT, KbIndex.AI_MODEL, KbIndex.CA_NAME, KbIndex.CRYPTO -> {
                if (!PHRASE.matcher(lower).matches() || lower.length() > 100 || lower.equals("*")) {
                    throw n.fail("a phrase is words of a-z 0-9 . - separated by single spaces, optionally ending in *, was '"
                            + text + "'");
                }
                if (kind.equals(KbIndex.CRYPTO) && (lower.contains(".") || lower.contains("-"))) {
                    throw n.fail("a crypto phrase is words of a-z 0-9 only (names are read with every separator a space), was '"
                            + text + "'");
                }
                yield lower;
            }
            case KbIndex.CA_SUBJECT -> {
                if (DistinguishedNames.key(text) == null) {
                    throw n.fail("not a distinguished name (TYPE=value, ...): '" + text + "'");
                }
                yield text;
            }
            case KbIndex.TERRAFORM_PROVIDER -> {
                if (!PROVIDER_SOURCE.matcher(lower).matches()) {
                    throw n.fail("a Terraform provider source is namespace/type, was '" + text + "'");
                }
                yield lower;
            }
            case KbIndex.PROVIDER_NAME -> {
                if (!PROVIDER_NAME.matcher(lower).matches()) {
                    throw n.fail("a Terraform provider local name is a-z 0-9 _ -, was '" + text + "'");
                }
                yield lower;
            }
            case KbIndex.REGION -> {
                if (!REGION.matcher(lower).matches()) {
                    throw n.fail("a region id is a-z 0-9 _ -, optionally ending in *, was '" + text + "'");
                }
                yield lower;
            }
            default -> throw n.fail("unknown indicator kind " + kind);
        };
    }

    private void add(Node n, String kind, String value, Vendor vendor) {
        String key = KbIndex.key(kind, value);
        if (key == null) {
            throw n.fail("malformed " + kind + " '" + n.text() + "'");
        }
        Indicator indicator = indicator(kind, value, vendor);
        Indicator previous = keys.putIfAbsent(key, indicator);
        if (previous != null) {
            throw n.fail("indicator '" + n.text() + "' already belongs to vendor '" + previous.vendor().id() + "'"
                    + (previous.vendor().id().equals(vendor.id()) ? " (listed twice)" : ""));
        }
    }

    private Indicator indicator(String kind, String value, Vendor vendor) {
        Indicator indicator = new Indicator(kind, value, vendor);
        indicators.add(indicator);
        if (indicators.size() > MAX_ENTRIES) {
            throw new AttributionException("knowledge base has more than " + MAX_ENTRIES + " indicators");
        }
        return indicator;
    }

    private static String hostPattern(Node n, boolean wildcards) {
        String host = n.text().toLowerCase(Locale.ROOT);
        String check = wildcards ? host.replace("*", "x") : host;
        if (!Names.validHost(check) || (wildcards && !labelsWildcardOnly(host))) {
            throw n.fail("not a valid host name" + (wildcards ? " pattern" : "") + ": '" + n.text() + "'");
        }
        if (IpAddresses.parse(host) != null) {
            throw n.fail("an IP address belongs under cidrs, not here: '" + n.text() + "'");
        }
        return host;
    }

    private static boolean labelsWildcardOnly(String host) {
        for (String label : Names.labels(host)) {
            if (label.contains("*") && !label.equals("*")) {
                return false;
            }
        }
        return true;
    }

    private static String id(Node n) {
        String id = n.text();
        if (!ID.matcher(id).matches()) {
            throw n.fail("an id is 1-64 of a-z 0-9 -, starting with a letter or digit, was '" + id + "'");
        }
        return id;
    }

    private String jurisdiction(Node n) {
        String code = n.text();
        if (!jurisdictions.contains(code)) {
            throw n.fail("unknown jurisdiction '" + code + "' (not in the jurisdictions file)");
        }
        return code;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AttributionException("SHA-256 is not available in this JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A YAML node with the file and field path it came from, for messages. */
    private record Node(String file, String path, JsonNode json) {

        AttributionException fail(String message) {
            return new AttributionException(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
        }

        Node child(String field) {
            JsonNode value = json.get(field);
            String childPath = path.isEmpty() ? field : path + "." + field;
            if (value == null || value.isNull()) {
                throw new AttributionException(file + ": " + childPath + ": required field is missing");
            }
            return new Node(file, childPath, value);
        }

        void allowOnly(Set<String> fields) {
            if (!json.isObject()) {
                throw fail("expected a mapping");
            }
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!fields.contains(name)) {
                    throw new AttributionException(file + ": " + (path.isEmpty() ? "" : path + ".") + name
                            + ": unknown field (expected one of " + new TreeSet<>(fields) + ")");
                }
            }
        }

        Iterator<String> fieldNames() {
            if (!json.isObject()) {
                throw fail("expected a mapping");
            }
            return json.fieldNames();
        }

        String text() {
            if (!json.isValueNode() || json.isNull()) {
                throw fail("expected a single value");
            }
            if (json.isBoolean()) {
                throw fail("YAML read this value as a boolean (yes/no/on/off/true/false); quote it");
            }
            String s = json.asText().strip();
            if (s.isEmpty()) {
                throw fail("must not be empty");
            }
            if (s.length() > 4000) {
                throw fail("longer than 4000 characters");
            }
            return s;
        }

        String text(String field) {
            return child(field).text();
        }

        List<Node> items(int max) {
            if (!json.isArray()) {
                throw fail("expected a list");
            }
            if (json.size() > max) {
                throw fail("more than " + max + " entries");
            }
            List<Node> out = new ArrayList<>(json.size());
            for (int i = 0; i < json.size(); i++) {
                out.add(new Node(file, path + "[" + i + "]", json.get(i)));
            }
            return out;
        }

        List<Node> optionalItems(String field) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                return List.of();
            }
            return new Node(file, path.isEmpty() ? field : path + "." + field, value).items(MAX_ENTRIES);
        }
    }
}
