package org.sovaudit.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.sovaudit.attribute.Features;
import org.sovaudit.attribute.Indicator;
import org.sovaudit.attribute.KnowledgeBase;
import org.sovaudit.attribute.Subject;
import org.sovaudit.attribute.Vendor;
import org.sovaudit.model.Layer;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/**
 * Makes the training examples, deterministically: realistic variants of every knowledge-base
 * indicator (service and regional subdomains, sister domains, URLs, registry images, product codes
 * and version strings, Terraform addresses, regions with and without their provider), labelled
 * with the indicator's vendor group; plus {@code none} examples: the hand-written hard negatives,
 * host names made of generic words, and public IP addresses and AS numbers the knowledge base does
 * not hold. Each indicator draws from its own {@link Random} seeded from the indicator, so adding
 * one indicator leaves every other indicator's examples unchanged.
 */
final class TrainingData {

    static final String NONE = "none";

    /** Service labels every provider uses; they carry no vendor signal on their own. */
    private static final List<String> SERVICES = List.of("api", "www", "cdn", "static", "console", "portal", "auth",
            "login", "mirrors", "mirror", "repo", "download", "update", "ntp", "time", "dns", "ns1", "mail",
            "storage", "registry", "hub", "docs", "support", "status", "edge", "gateway", "open", "global", "intl",
            "img", "data", "monitor", "logs", "iam", "vpc", "cloud", "service", "app", "m", "dev");
    /** Sister-domain patterns vendors use for their other properties (prefix/suffix around the label). */
    private static final List<String> MORPHS = List.of("my%s", "%scdn", "%s-inc", "%sapi", "%sstatic", "%s-cloud",
            "%s-dns", "%susercontent", "%s-static", "%s-edge", "%scloud", "%s-cn", "%s-intl", "get%s", "%sapp",
            "%s-img", "%sdns", "%sgov");
    private static final List<String> MORPH_TLDS = List.of("com", "net", "org", "io", "cloud", "tech", "dev", "info",
            "co", "ai", "app", "biz");
    private static final List<String> NONE_TLDS = List.of("com", "net", "org", "io", "info", "biz", "dev", "app",
            "online", "site", "co", "ai", "cloud", "tech", "int");
    private static final List<String> PATHS = List.of("", "v1/", "api/v2/items", "simple/", "ubuntu/", "debian/",
            "repository/maven-public/", "v1/chat/completions", "download/release.tar.gz", "login", "v2/", "status",
            "openapi.json", "health", "pub/", "index.html");
    private static final List<String> IMAGES = List.of("nginx", "postgres", "redis", "app", "api", "web", "worker",
            "gateway", "db-migrate", "inference", "frontend", "backend", "etl", "monitoring/agent", "team/service");
    private static final List<String> TAGS = List.of("latest", "1.0", "1.25", "16", "7.2", "v2.3.1", "2024.10",
            "stable", "alpine", "3.19", "main");
    /** Second-level labels under which a country-code domain is registered (zte.com.cn, kenet.or.ke). */
    private static final Set<String> SECOND_LEVELS = Set.of("com", "co", "or", "net", "org", "ac", "ne", "gov", "edu");
    private static final String SUFFIX_CHARS = "abcdefghjkmnpqrstuvwxyz0123456789";

    private final KnowledgeBase kb;
    private final long seed;
    private final List<String> words;
    private final List<Example> negatives;

    TrainingData(KnowledgeBase kb, long seed, List<String> words, List<Example> negatives) {
        this.kb = kb;
        this.seed = seed;
        this.words = List.copyOf(words);
        this.negatives = List.copyOf(negatives);
    }

    /** Reads the hand-written word list: one word a line, '#' comments. */
    static List<String> readWords(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String w = line.strip();
            if (w.isEmpty() || w.startsWith("#")) {
                continue;
            }
            if (!w.matches("[a-z0-9]{2,32}")) {
                throw new IllegalArgumentException(file + ": '" + w + "' is not a lower-case word");
            }
            out.add(w);
        }
        return out;
    }

    /** Reads the hand-written hard negatives: kind, role, value, context (tab-separated), '#' comments. */
    static List<Example> readNegatives(Path file) throws IOException {
        List<Example> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 4 || cols[2].isBlank()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected kind, role, value, context");
            }
            out.add(new Example(NONE, ObservationKind.fromId(cols[0]), Role.fromId(cols[1]), cols[2].strip(),
                    cols[3].strip(), "negative " + file.getFileName() + ":" + (i + 1)));
        }
        return out;
    }

    /** Every example, in a fixed order: indicators in knowledge-base order, then regions, then negatives. */
    List<Example> generate() {
        List<Example> out = new ArrayList<>();
        for (Indicator indicator : kb.indicators()) {
            out.addAll(forIndicator(indicator));
        }
        for (Vendor vendor : kb.vendors()) {
            out.addAll(forRegions(vendor));
        }
        out.addAll(negatives);
        out.addAll(generatedNegatives());
        return out;
    }

    private Random random(String unit) {
        return new Random(seed ^ Features.fnv1a64(unit));
    }

    private List<Example> forIndicator(Indicator indicator) {
        String unit = indicator.toString();
        Random rnd = random(unit);
        Vendor vendor = indicator.vendor();
        String label = vendor.group();
        List<Example> out = new ArrayList<>();
        switch (indicator.kind()) {
            case "domain-suffix" -> domainExamples(indicator.value(), vendor, label, unit, rnd, out);
            case "host" -> {
                out.add(example(label, ObservationKind.HOSTNAME, role(vendor, rnd), indicator.value(), "", unit));
                out.add(example(label, ObservationKind.URL, role(vendor, rnd), "https://" + indicator.value() + "/"
                        + pick(PATHS, rnd), "", unit));
            }
            case "registry" -> {
                for (int i = 0; i < 3; i++) {
                    String host = instantiate(indicator.value(), vendor, rnd);
                    String image = host.equals("docker.io") && i == 0
                            ? pick(IMAGES, rnd) + ":" + pick(TAGS, rnd)
                            : host + "/" + pick(IMAGES, rnd) + ":" + pick(TAGS, rnd);
                    out.add(example(label, ObservationKind.CONTAINER_IMAGE, Role.CONTAINER_IMAGE, image, "", unit));
                }
                out.add(example(label, ObservationKind.HOSTNAME, Role.IMAGE_REGISTRY,
                        instantiate(indicator.value(), vendor, rnd), "", unit));
            }
            case "product" -> productExamples(indicator.value(), vendor, label, unit, rnd, false, out);
            case "ai-model" -> productExamples(indicator.value(), vendor, label, unit, rnd, true, out);
            case "terraform-provider" -> {
                out.add(example(label, ObservationKind.CLOUD_PROVIDER, Role.CLOUD_PROVIDER, indicator.value(), "", unit));
                out.add(example(label, ObservationKind.CLOUD_PROVIDER, Role.CLOUD_PROVIDER,
                        "registry.terraform.io/" + indicator.value(), "", unit));
            }
            case "provider-name" -> {
                out.add(example(label, ObservationKind.CLOUD_PROVIDER, Role.CLOUD_PROVIDER, indicator.value(), "", unit));
                out.add(example(label, ObservationKind.CLOUD_PROVIDER, Role.CLOUD_PROVIDER,
                        indicator.value() + "." + pick(words, rnd), "", unit));
            }
            default -> {
                // cidr and asn: exact facts the knowledge base answers; numbers teach a model nothing
            }
        }
        return out;
    }

    private void domainExamples(String domain, Vendor vendor, String label, String unit, Random rnd, List<Example> out) {
        List<String> regions = kb.regionExamples(vendor.id());
        out.add(example(label, ObservationKind.HOSTNAME, role(vendor, rnd), domain, "", unit));
        for (int i = 0; i < 3; i++) {
            out.add(example(label, ObservationKind.HOSTNAME, role(vendor, rnd), pick(SERVICES, rnd) + "." + domain, "", unit));
        }
        for (int i = 0; i < 2 && !regions.isEmpty(); i++) {
            String region = pick(regions, rnd).toLowerCase(Locale.ROOT);
            String svc = pick(SERVICES, rnd);
            String host = switch (rnd.nextInt(3)) {
                case 0 -> svc + "." + region + "." + domain;
                case 1 -> svc + "-" + region + "." + domain;
                default -> region + "." + svc + "." + domain;
            };
            out.add(example(label, ObservationKind.HOSTNAME, role(vendor, rnd), host, "", unit));
        }
        for (int i = 0; i < 2; i++) {
            out.add(example(label, ObservationKind.URL, role(vendor, rnd),
                    "https://" + pick(SERVICES, rnd) + "." + domain + "/" + pick(PATHS, rnd), "", unit));
        }
        // sister domains: the same brand label under another TLD or with a prefix or suffix
        String[] labels = domain.split("\\.");
        boolean registrable = labels.length <= 2 || (labels.length == 3 && SECOND_LEVELS.contains(labels[1]));
        int dot = domain.indexOf('.');
        String brand = dot < 0 ? domain : domain.substring(0, dot);
        String suffix = dot < 0 ? pick(MORPH_TLDS, rnd) : domain.substring(dot + 1);
        if (registrable && brand.length() >= 3) {
            for (int i = 0; i < 3; i++) {
                String morphed = switch (rnd.nextInt(3)) {
                    case 0 -> brand + "." + pick(MORPH_TLDS, rnd);
                    default -> String.format(Locale.ROOT, pick(MORPHS, rnd), brand) + "." + suffix;
                };
                String host = rnd.nextBoolean() ? pick(SERVICES, rnd) + "." + morphed : morphed;
                Example e = example(label, ObservationKind.HOSTNAME, role(vendor, rnd), host, "", unit);
                // a sister name the knowledge base gives to another group is not this vendor's
                if (kb.match(e.subject()).map(m -> m.vendor().group().equals(label)).orElse(true)) {
                    out.add(e);
                }
            }
        }
    }

    private void productExamples(String phrase, Vendor vendor, String label, String unit, Random rnd, boolean ai,
                                 List<Example> out) {
        boolean prefix = phrase.endsWith("*");
        String base = prefix ? phrase.substring(0, phrase.length() - 1) : phrase;
        ObservationKind kind = ai ? ObservationKind.AI_MODEL : ObservationKind.PRODUCT;
        Role role = ai ? Role.AI_MODEL : (vendor.primaryLayer() == Layer.CONNECTIVITY ? Role.NETWORK_DEVICE : Role.UNKNOWN);
        List<String> values = new ArrayList<>();
        if (prefix) {
            for (int i = 0; i < 3; i++) {
                values.add(display(base + (ai ? modelSuffix(rnd) : code(rnd, base.endsWith("-")))));
            }
        } else {
            values.add(display(base));
        }
        values.add(display(base + (prefix && !ai ? code(rnd, base.endsWith("-")) : "")) + " " + version(rnd));
        values.add(vendor.name() + " " + display(base + (prefix ? (ai ? modelSuffix(rnd) : code(rnd, base.endsWith("-"))) : "")));
        for (String v : values) {
            out.add(example(label, kind, role, v, "", unit));
        }
    }

    /** Examples of a vendor's published regions: one unit per region. */
    private List<Example> forRegions(Vendor vendor) {
        List<Example> out = new ArrayList<>();
        List<String> providerNames = new ArrayList<>();
        for (Indicator i : kb.indicators()) {
            if (i.vendor().id().equals(vendor.id()) && i.kind().equals("provider-name")) {
                providerNames.add(i.value());
            }
        }
        for (String region : kb.regionExamples(vendor.id())) {
            String unit = "region " + vendor.id() + " " + region;
            out.add(example(vendor.group(), ObservationKind.CLOUD_REGION, Role.CLOUD_REGION, region, "", unit));
            for (String provider : providerNames) {
                out.add(example(vendor.group(), ObservationKind.CLOUD_REGION, Role.CLOUD_REGION, region, provider, unit));
            }
        }
        return out;
    }

    /** Host names of generic words, public addresses and AS numbers: no vendor group. */
    private List<Example> generatedNegatives() {
        List<Example> out = new ArrayList<>();
        Random rnd = random("generated negatives");
        for (int i = 0; i < 500; i++) {
            String unit = "none-host " + i;
            String name = pick(words, rnd) + (rnd.nextInt(3) == 0 ? "" : (rnd.nextBoolean() ? "-" : "") + pick(words, rnd));
            String host = name + "." + pick(NONE_TLDS, rnd);
            if (rnd.nextBoolean()) {
                host = pick(SERVICES, rnd) + "." + host;
            }
            Role role = pick(List.of(Role.UNKNOWN, Role.API_ENDPOINT, Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK,
                    Role.PACKAGE_MIRROR, Role.IMAGE_REGISTRY, Role.AI_ENDPOINT, Role.STORAGE_LOCATION), rnd);
            Example e = switch (rnd.nextInt(5)) {
                case 0 -> example(NONE, ObservationKind.URL, role, "https://" + host + "/" + pick(PATHS, rnd), "", unit);
                case 1 -> example(NONE, ObservationKind.CONTAINER_IMAGE, Role.CONTAINER_IMAGE,
                        host + "/" + pick(IMAGES, rnd) + ":" + pick(TAGS, rnd), "", unit);
                default -> example(NONE, ObservationKind.HOSTNAME, role, host, "", unit);
            };
            if (kb.match(e.subject()).isEmpty()) {
                out.add(e);
            }
        }
        for (int i = 0; i < 250; i++) {
            String unit = "none-ip " + i;
            String ip;
            if (i % 6 == 5) {
                ip = String.format(Locale.ROOT, "2%03x:%x:%x::%x", rnd.nextInt(0x1000), rnd.nextInt(0x10000),
                        rnd.nextInt(0x10000), 1 + rnd.nextInt(0xfffe));
            } else {
                int a = 1 + rnd.nextInt(223);
                ip = a + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
            }
            Role role = pick(List.of(Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK, Role.BGP_PEER, Role.UNKNOWN,
                    Role.AAA_SERVER, Role.SNMP_MANAGER, Role.UPSTREAM_GATEWAY), rnd);
            Example e = example(NONE, ObservationKind.IP_ADDRESS, role, ip, "", unit);
            if (kb.match(e.subject()).isEmpty()) {
                out.add(e);
            }
        }
        for (int i = 0; i < 80; i++) {
            String unit = "none-asn " + i;
            Example e = example(NONE, ObservationKind.ASN, Role.BGP_PEER, "AS" + (1 + rnd.nextInt(400_000)), "", unit);
            if (kb.match(e.subject()).isEmpty()) {
                out.add(e);
            }
        }
        for (int i = 0; i < 100; i++) {
            String unit = "none-product " + i;
            String product = capitalise(pick(words, rnd)) + " " + pick(List.of("Router", "Switch", "Camera", "NVR",
                    "Gateway", "Firewall", "Server", "Controller", "Appliance", "Access Point"), rnd) + " "
                    + code(rnd, false).toUpperCase(Locale.ROOT) + (rnd.nextBoolean() ? " " + version(rnd) : "");
            Example e = example(NONE, ObservationKind.PRODUCT, rnd.nextBoolean() ? Role.NETWORK_DEVICE : Role.UNKNOWN,
                    product, "", unit);
            if (kb.match(e.subject()).isEmpty()) {
                out.add(e);
            }
        }
        return out;
    }

    /** Fills each {@code *} label of a registry pattern: a region of the vendor, or an account number. */
    private String instantiate(String pattern, Vendor vendor, Random rnd) {
        List<String> regions = kb.regionExamples(vendor.id());
        String[] labels = pattern.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals("*")) {
                labels[i] = i == 0 && pattern.startsWith("*.dkr")
                        ? String.valueOf(100_000_000_000L + (long) (rnd.nextDouble() * 899_999_999_999L))
                        : regions.isEmpty() ? pick(words, rnd) : pick(regions, rnd).toLowerCase(Locale.ROOT);
            }
        }
        return String.join(".", labels);
    }

    private Role role(Vendor vendor, Random rnd) {
        Set<Role> roles = new LinkedHashSet<>();
        roles.add(Role.UNKNOWN);
        for (Layer layer : vendor.layers()) {
            switch (layer) {
                case CONNECTIVITY -> roles.addAll(List.of(Role.DEVICE_MANAGEMENT, Role.UPSTREAM_GATEWAY));
                case CLOUD -> roles.addAll(List.of(Role.STORAGE_LOCATION, Role.API_ENDPOINT));
                case PLATFORM -> roles.addAll(List.of(Role.PACKAGE_MIRROR, Role.IMAGE_REGISTRY));
                case APPLICATIONS -> roles.add(Role.API_ENDPOINT);
                case AI -> roles.add(Role.AI_ENDPOINT);
                case TRUST -> roles.add(Role.TRUST_ANCHOR);
                case SURVEILLANCE -> roles.add(Role.DEVICE_MANAGEMENT);
                case CONTROL_PLANE -> roles.addAll(List.of(Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK));
            }
        }
        return pick(new ArrayList<>(roles), rnd);
    }

    private static String code(Random rnd, boolean afterDash) {
        StringBuilder sb = new StringBuilder();
        if (!afterDash && rnd.nextBoolean()) {
            sb.append('-');
        }
        int n = 2 + rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            sb.append(SUFFIX_CHARS.charAt(rnd.nextInt(SUFFIX_CHARS.length())));
        }
        return sb.toString();
    }

    private static String modelSuffix(Random rnd) {
        return pick(List.of("-7b", "-8b", "-72b-instruct", "-mini", "-turbo", "-large", "-2024-08-06", "-v2", ":8b",
                "-instruct", "-chat", "-pro", "-flash", "-base", "2.5-14b", "-latest", "-small", "3"), rnd);
    }

    private static String version(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> "Version " + (1 + rnd.nextInt(20)) + "." + rnd.nextInt(20) + "." + rnd.nextInt(10);
            case 1 -> "V" + (100 + rnd.nextInt(800)) + "R0" + (10 + rnd.nextInt(90)) + "C" + (10 + rnd.nextInt(90))
                    + "SPC" + (100 + rnd.nextInt(900));
            case 2 -> "software " + (1 + rnd.nextInt(17)) + "." + rnd.nextInt(12) + "(" + rnd.nextInt(9) + ")";
            default -> "v" + (1 + rnd.nextInt(9)) + "." + rnd.nextInt(10);
        };
    }

    /** Product strings as devices print them: upper-case model codes, capitalised words. */
    private static String display(String s) {
        StringBuilder sb = new StringBuilder();
        for (String w : s.split(" ")) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w.matches(".*[0-9].*") || w.length() <= 3 ? w.toUpperCase(Locale.ROOT) : capitalise(w));
        }
        return sb.toString();
    }

    private static String capitalise(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static <T> T pick(List<T> list, Random rnd) {
        return list.get(rnd.nextInt(list.size()));
    }

    private static Example example(String label, ObservationKind kind, Role role, String value, String context, String unit) {
        return new Example(label, kind, role, value, context, unit);
    }

    /** Drops exact duplicates (same subject and label), keeping the first. */
    static List<Example> distinct(List<Example> examples) {
        Set<String> seen = new HashSet<>();
        List<Example> out = new ArrayList<>();
        for (Example e : examples) {
            Subject s = e.subject();
            if (seen.add(e.label() + "\u0000" + s)) {
                out.add(e);
            }
        }
        return out;
    }
}
