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
    private static final List<String> MORPHS = List.of("my%s", "%scdn", "%sapi", "%sstatic", "%susercontent",
            "%scloud", "%sdns", "get%s", "%sapp", "%simg", "%sgov", "%sintl", "%sinc");
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
    /** Words of third parties that borrow a vendor's name: fans, trainers, resellers, proxies. */
    private static final List<String> THIRD_PARTY_WORDS = List.of("fans", "forum", "users", "training", "academy",
            "support", "help", "helpdesk", "free", "proxy", "relay", "unofficial", "tools", "directory", "community",
            "guide", "tips", "news", "reviews", "shop", "store", "deals", "partner", "installer", "reseller", "clone",
            "jobs", "meetup", "conf", "blog", "wiki", "tutorial", "course", "exam", "consulting", "integrator", "agent",
            "mirror-unofficial", "vpn", "crack", "download", "club", "world", "online", "plus", "pro-tools", "cn-proxy",
            "hk", "ai", "cn", "asia", "global", "gpt", "chat", "bot", "app", "api", "cloud", "dns", "cdn", "hub", "net", "io");
    private static final List<String> BORROWER_TLDS = List.of("xyz", "top", "site", "online", "app", "dev", "io", "net",
            "org", "info", "club", "shop", "cc", "pro", "me", "co", "ai", "vip", "tech", "biz", "com");
    private static final List<String> PYPI_WRAPPERS = List.of("django-%s", "flask-%s", "pytest-%s", "types-%s",
            "%s-stubs", "%s-mock", "%s-helpers", "haystack-%s", "%s-community", "fastapi-%s", "mkdocs-%s", "airflow-%s-plugin",
            "%s-cli-tools", "dbt-%s", "%s-exporter", "prometheus-%s-exporter");
    private static final List<String> NPM_WRAPPERS = List.of("@types/%s", "%s-mock", "vue-%s", "react-%s", "nest-%s",
            "gatsby-plugin-%s", "%s-helpers", "eslint-plugin-%s", "%s-cli-tools", "n8n-nodes-%s");

    /** Words that complete SDK package prefixes ({@code aliyun-python-sdk-ecs}, {@code @aws-sdk/client-s3}). */
    private static final List<String> SDK_WORDS = List.of("core", "ecs", "vpc", "oss", "rds", "kms", "sts", "iam", "slb",
            "cdn", "dns", "sms", "obs", "evs", "cce", "swr", "client-s3", "client-ec2", "storage", "compute", "network",
            "monitor", "logs", "auth", "identity", "keyvault", "blob", "bigquery", "pubsub", "runtime", "inference",
            "nlp", "vision", "speech", "ocr", "llm", "chat", "embeddings", "common", "tea", "openapi", "toolkit", "cli");
    /** Distributions named in deb and rpm package URLs. */
    private static final java.util.Map<String, List<String>> DISTRIBUTIONS = java.util.Map.of(
            "deb", List.of("ubuntu", "debian", "deepin", "uos", "kylin", "astra"),
            "rpm", List.of("openeuler", "centos", "rhel", "anolis", "opencloudos", "fedora", "kylin", "alt"),
            "apk", List.of("alpine"));
    /** Open-source packages of no vendor group, for none examples. */
    private static final List<String> OPEN_PACKAGES = List.of("requests", "numpy", "pandas", "flask", "django",
            "lodash", "express", "react", "vue", "axios", "commons-lang3", "jackson-databind", "guava-testlib", "slf4j-api",
            "logback-classic", "junit", "pytest", "urllib3", "certifi", "idna", "six", "pyyaml", "jinja2", "click",
            "openssl", "libc6", "zlib", "curl", "bash", "coreutils", "systemd", "nginx", "postgresql", "redis",
            "sqlite", "cobra", "viper", "logrus", "zap", "gin", "echo", "chalk", "moment", "uuid", "scipy",
            "matplotlib", "scikit-learn", "fastapi", "uvicorn", "sqlalchemy", "celery", "pillow", "lxml", "cryptography");
    /** How issuing CAs under a root are named. */
    private static final List<String> CA_TAILS = List.of("TLS RSA CA G1", "Issuing CA 2021", "Intermediate CA",
            "RSA Domain Validation Secure Server CA", "ECC TLS CA 2023", "EV SSL CA", "OV TLS CA", "Server CA", "Root CA",
            "Global Root G2", "Code Signing CA", "Client CA 2", "SM2 Root CA", "Trust Services CA 1");
    /** Completions of region prefixes. */
    private static final List<String> REGION_TAILS = List.of("1", "2", "north-1", "east-1", "south", "a", "b");

    /** Second-level labels under which a country-code domain is registered (zte.com.cn, kenet.or.ke). */
    private static final Set<String> SECOND_LEVELS = Set.of("com", "co", "or", "net", "org", "ac", "ne", "gov", "edu");
    private static final String SUFFIX_CHARS = "abcdefghjkmnpqrstuvwxyz0123456789";

    private final KnowledgeBase kb;
    private final long seed;
    private final List<String> words;
    private final List<Example> negatives;
    private final List<Example> labelled;

    TrainingData(KnowledgeBase kb, long seed, List<String> words, List<Example> negatives, List<Example> labelled) {
        this.kb = kb;
        this.seed = seed;
        this.words = List.copyOf(words);
        this.negatives = List.copyOf(negatives);
        this.labelled = List.copyOf(labelled);
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
        return readRows(file, false);
    }

    /**
     * Reads the hand-labelled rows: label (a vendor-group id), kind, role, value, context
     * (tab-separated), '#' comments. Realistic values of known groups as devices, banners and
     * clients print them, which the generated variants do not cover.
     */
    static List<Example> readLabelled(Path file) throws IOException {
        return readRows(file, true);
    }

    /** Rows of a hand-written file: with a label column first, or all labelled {@code none}. */
    private static List<Example> readRows(Path file, boolean labelled) throws IOException {
        int at = labelled ? 1 : 0;
        List<Example> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 4 + at || cols[2 + at].isBlank() || (labelled && cols[0].isBlank())) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected "
                        + (labelled ? "label, " : "") + "kind, role, value, context");
            }
            String label = labelled ? cols[0].strip() : NONE;
            if (labelled && label.equals(NONE)) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": label none belongs in negatives.tsv");
            }
            out.add(new Example(label, ObservationKind.fromId(cols[at]), Role.fromId(cols[at + 1]), cols[at + 2].strip(),
                    cols[at + 3].strip(), (labelled ? "labelled " : "negative ") + file.getFileName() + ":" + (i + 1)));
        }
        return out;
    }

    /**
     * Every example, in a fixed order: indicators in knowledge-base order, then regions, then the
     * hand-written negatives and hand-labelled rows.
     */
    List<Example> generate() {
        List<Example> out = new ArrayList<>();
        for (Indicator indicator : kb.indicators()) {
            out.addAll(forIndicator(indicator));
        }
        for (Vendor vendor : kb.vendors()) {
            out.addAll(forRegions(vendor));
        }
        out.addAll(negatives);
        out.addAll(labelled);
        out.addAll(generatedNegatives());
        for (Indicator indicator : kb.indicators()) {
            out.addAll(borrowers(indicator));
        }
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
            case "ai-model" -> {
                productExamples(indicator.value(), vendor, label, unit, rnd, true, out);
                architectureExamples(indicator.value(), label, unit, rnd, out);
            }
            case "image" -> imageExamples(indicator.value(), label, unit, rnd, out);
            case "package" -> packageExamples(indicator.value(), vendor, label, unit, rnd, out);
            case "ca-subject" -> caSubjectExamples(indicator.value(), label, unit, rnd, out);
            case "ca-name" -> caNameExamples(indicator.value(), vendor, label, unit, rnd, out);
            case "crypto" -> cryptoExamples(indicator.value(), label, unit, rnd, out);
            case "region" -> {
                String region = indicator.value().endsWith("*")
                        ? indicator.value().substring(0, indicator.value().length() - 1) + pick(REGION_TAILS, rnd)
                        : indicator.value();
                out.add(example(label, ObservationKind.CLOUD_REGION, Role.CLOUD_REGION, region, "", unit));
                for (String provider : providerNames(vendor)) {
                    out.add(example(label, ObservationKind.CLOUD_REGION, Role.CLOUD_REGION, region, provider, unit));
                }
            }
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
                // cidr, asn and oui: exact facts the knowledge base answers; the model is never asked about numbers
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
        Role role = ai ? Role.AI_MODEL : productRole(vendor, rnd);
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
    private List<String> providerNames(Vendor vendor) {
        List<String> providerNames = new ArrayList<>();
        for (Indicator i : kb.indicators()) {
            if (i.vendor().id().equals(vendor.id()) && i.kind().equals("provider-name")) {
                providerNames.add(i.value());
            }
        }
        return providerNames;
    }

    private List<Example> forRegions(Vendor vendor) {
        List<Example> out = new ArrayList<>();
        List<String> providerNames = providerNames(vendor);
        for (String region : kb.regionExamples(vendor.id())) {
            String unit = "region " + vendor.id() + " " + region;
            out.add(example(vendor.group(), ObservationKind.CLOUD_REGION, Role.CLOUD_REGION, region, "", unit));
            for (String provider : providerNames) {
                out.add(example(vendor.group(), ObservationKind.CLOUD_REGION, Role.CLOUD_REGION, region, provider, unit));
            }
        }
        return out;
    }

    /** Host names of generic words, generic products, packages, CA names, models and algorithms: no vendor group. */
    private List<Example> generatedNegatives() {
        List<Example> out = new ArrayList<>();
        Random rnd = random("generated negatives");
        for (int i = 0; i < 1200; i++) {
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
        for (int i = 0; i < 200; i++) {
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
        for (int i = 0; i < 300; i++) {
            // a maker outside the knowledge base naming its device, accelerator or system: brand, model code, version
            String unit = "none-brand " + i;
            String brand = rnd.nextBoolean() ? capitalise(pick(words, rnd)) : pick(words, rnd).toUpperCase(Locale.ROOT);
            String model = code(rnd, true).toUpperCase(Locale.ROOT);
            String product = brand + " " + switch (rnd.nextInt(4)) {
                case 0 -> model;
                case 1 -> model.substring(0, Math.min(2, model.length())) + "-" + (10 + rnd.nextInt(9990));
                case 2 -> pick(List.of("OS", "DSM", "QTS", "NOS", "Firmware", "Core", "Edge"), rnd) + " " + (1 + rnd.nextInt(12))
                        + "." + rnd.nextInt(10);
                default -> model + " " + version(rnd);
            };
            Example e = example(NONE, ObservationKind.PRODUCT, pick(List.of(Role.NETWORK_DEVICE, Role.ATTACHED_DEVICE,
                    Role.UNKNOWN, Role.AI_FRAMEWORK, Role.OPERATING_SYSTEM), rnd), product, "", unit);
            if (kb.match(e.subject()).isEmpty()) {
                out.add(e);
            }
        }
        out.addAll(moreNegatives());
        return out;
    }

    /** The part a product string plays, by what the vendor is known for. */
    private static Role productRole(Vendor vendor, Random rnd) {
        List<Role> roles = new ArrayList<>(List.of(Role.UNKNOWN));
        for (Layer layer : vendor.layers()) {
            switch (layer) {
                case CONNECTIVITY -> roles.addAll(List.of(Role.NETWORK_DEVICE, Role.NETWORK_DEVICE, Role.ATTACHED_DEVICE));
                case SURVEILLANCE -> roles.addAll(List.of(Role.ATTACHED_DEVICE, Role.ATTACHED_DEVICE));
                case PLATFORM -> roles.addAll(List.of(Role.OPERATING_SYSTEM, Role.SOFTWARE_PACKAGE));
                case AI -> roles.add(Role.AI_FRAMEWORK);
                case TRUST -> roles.add(Role.TRUST_ANCHOR);
                default -> roles.add(Role.SOFTWARE_PACKAGE);
            }
        }
        return pick(roles, rnd);
    }

    /**
     * Hugging Face architecture names for a model family ({@code qwen*} gives {@code Qwen2ForCausalLM}
     * with context {@code model_type=qwen2}): only for a one-word family name.
     */
    private void architectureExamples(String phrase, String label, String unit, Random rnd, List<Example> out) {
        String base = phrase.endsWith("*") ? phrase.substring(0, phrase.length() - 1) : phrase;
        if (!base.matches("[a-z]{3,20}")) {
            return;
        }
        for (int i = 0; i < 2; i++) {
            String version = pick(List.of("", "2", "3", "4", "2moe", "3moe", "v2", "v3", "_5"), rnd);
            String arch = capitalise(base) + capitaliseAll(version) + pick(List.of("ForCausalLM", "Model",
                    "ForConditionalGeneration", "LMHeadModel", "ForSequenceClassification"), rnd);
            String context = rnd.nextBoolean() ? "model_type=" + base + version.replace("moe", "_moe") : "";
            out.add(example(label, ObservationKind.AI_MODEL, Role.AI_MODEL, arch, context, unit));
        }
    }

    private static String capitaliseAll(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Image references under a repository pattern ({@code docker.io/nvidia/*}), with and without registry. */
    private void imageExamples(String pattern, String label, String unit, Random rnd, List<Example> out) {
        boolean prefix = pattern.endsWith("/*");
        String base = prefix ? pattern.substring(0, pattern.length() - 2) : pattern;
        for (int i = 0; i < 3; i++) {
            String repo = prefix ? base + "/" + pick(IMAGES, rnd).replace('/', '-') : base;
            String ref = repo + ":" + pick(TAGS, rnd);
            if (ref.startsWith("docker.io/") && rnd.nextBoolean()) {
                ref = ref.substring("docker.io/".length());
                if (ref.startsWith("library/")) {
                    ref = ref.substring("library/".length());
                }
            }
            out.add(example(label, ObservationKind.CONTAINER_IMAGE, Role.CONTAINER_IMAGE, ref, "", unit));
        }
    }

    /** Package URLs under a pattern: exact names with versions, prefixes completed with service words. */
    private void packageExamples(String pattern, Vendor vendor, String label, String unit, Random rnd, List<Example> out) {
        boolean prefix = pattern.endsWith("*");
        String body = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
        int slash = body.indexOf('/');
        String type = body.substring(4, slash);
        String path = body.substring(slash + 1);
        boolean any = path.startsWith("*/");
        if (any) {
            path = path.substring(2);
        }
        Role role = vendor.primaryLayer() == Layer.AI || vendor.layers().contains(Layer.AI) && rnd.nextBoolean()
                ? Role.AI_FRAMEWORK : Role.SOFTWARE_PACKAGE;
        for (int i = 0; i < (prefix ? 4 : 2); i++) {
            String p = path;
            if (prefix) {
                String word = pick(SDK_WORDS, rnd);
                if (p.endsWith("/") || p.endsWith("-") || p.endsWith("_") || p.endsWith(".")) {
                    p = p + (p.endsWith(".") ? word + "/" + pick(SDK_WORDS, rnd) : type.equals("maven") && p.endsWith("/")
                            ? pick(List.of("", "sdk-", "java-sdk-"), rnd) + word : word);
                } else {
                    p = p + pick(List.of("", "-", "_"), rnd) + word;
                }
            }
            if (any) {
                p = pick(DISTRIBUTIONS.getOrDefault(type, List.of("linux")), rnd) + "/" + p;
            }
            String version = switch (type) {
                case "deb" -> (1 + rnd.nextInt(12)) + "." + rnd.nextInt(10) + "." + rnd.nextInt(30) + "-" + (1 + rnd.nextInt(3)) + "ubuntu" + rnd.nextInt(4);
                case "rpm" -> (1 + rnd.nextInt(12)) + "." + rnd.nextInt(10) + "." + rnd.nextInt(30) + "-" + (1 + rnd.nextInt(9)) + ".oe2203";
                case "golang" -> "v" + rnd.nextInt(3) + "." + rnd.nextInt(90) + "." + rnd.nextInt(20);
                default -> rnd.nextInt(6) + "." + rnd.nextInt(40) + "." + rnd.nextInt(20);
            };
            String purl = "pkg:" + type + "/" + (type.equals("npm") ? p.replace("@", "%40") : p) + (rnd.nextInt(4) == 0 ? "" : "@" + version);
            out.add(example(label, ObservationKind.PACKAGE, role, purl, "", unit));
        }
    }

    /** A Mozilla root's name as written, reversed (RFC 4514 order), and two issuing CAs under it. */
    private void caSubjectExamples(String dn, String label, String unit, Random rnd, List<Example> out) {
        out.add(example(label, ObservationKind.CERT_ISSUER, Role.TRUST_ANCHOR, dn, "", unit));
        List<String> parts = List.of(dn.split("(?<!\\\\),"));
        List<String> reversed = new ArrayList<>(parts);
        java.util.Collections.reverse(reversed);
        out.add(example(label, ObservationKind.CERT_ISSUER, Role.TRUST_ANCHOR, String.join(", ", reversed), "", unit));
        String cn = null;
        for (String part : parts) {
            if (part.startsWith("CN=")) {
                cn = part.substring(3);
            }
        }
        String brand = cn == null ? null : cn.split(" ")[0];
        if (brand == null || brand.length() < 3) {
            return;
        }
        for (int i = 0; i < 2; i++) {
            StringBuilder issuing = new StringBuilder();
            for (String part : parts) {
                if (part.startsWith("OU=")) {
                    continue;
                }
                issuing.append(issuing.isEmpty() ? "" : ",")
                        .append(part.startsWith("CN=") ? "CN=" + brand + " " + pick(CA_TAILS, rnd) : part);
            }
            out.add(example(label, ObservationKind.CERT_ISSUER, pick(List.of(Role.TRUST_ANCHOR, Role.UNKNOWN), rnd),
                    issuing.toString(), "", unit));
        }
    }

    /** Issuer names built around a CA's name phrase. */
    private void caNameExamples(String phrase, Vendor vendor, String label, String unit, Random rnd, List<Example> out) {
        String base = display(phrase.endsWith("*") ? phrase.substring(0, phrase.length() - 1) : phrase).strip();
        String country = vendor.jurisdiction().length() == 2 ? vendor.jurisdiction() : "US";
        for (int i = 0; i < 3; i++) {
            String org = base + pick(List.of("", " Inc", " Limited", " Co., Ltd.", " GmbH", " S.A.", " AG", " LLC"), rnd);
            String dn = switch (rnd.nextInt(3)) {
                case 0 -> "C=" + country + ",O=" + org + ",CN=" + base + " " + pick(CA_TAILS, rnd);
                case 1 -> "CN=" + base + " " + pick(CA_TAILS, rnd) + ", O=" + org + ", C=" + country;
                default -> "C=" + country + ",O=" + org + ",OU=" + pick(List.of("Root CA", "Certification Services", "Trust Center"), rnd)
                        + ",CN=" + base + " " + pick(CA_TAILS, rnd);
            };
            out.add(example(label, ObservationKind.CERT_ISSUER, pick(List.of(Role.TRUST_ANCHOR, Role.UNKNOWN), rnd), dn, "", unit));
        }
    }

    /** Algorithm and suite names around a crypto phrase. */
    private void cryptoExamples(String phrase, String label, String unit, Random rnd, List<Example> out) {
        String base = (phrase.endsWith("*") ? phrase.substring(0, phrase.length() - 1) : phrase).toUpperCase(Locale.ROOT);
        out.add(example(label, ObservationKind.CRYPTO_ALGORITHM, Role.CRYPTO_STANDARD, base, "", unit));
        for (int i = 0; i < 3; i++) {
            String value = switch (rnd.nextInt(4)) {
                case 0 -> base + "-" + pick(List.of("CBC", "GCM", "CTR", "ECB", "OFB", "MAC", "HMAC", "256", "512"), rnd);
                case 1 -> "TLS_" + base + "_" + pick(List.of("GCM", "CCM", "CBC"), rnd) + "_" + pick(List.of("SM3", "SHA256", base), rnd);
                case 2 -> "ECC-" + base + "-" + pick(List.of("SM4", "AES128"), rnd) + "-" + pick(List.of("GCM", "CBC"), rnd);
                default -> base.toLowerCase(Locale.ROOT) + pick(List.of("", "with", "-with-", "_"), rnd)
                        + pick(List.of("sha256", "sm3", "rsa", "ecdsa"), rnd);
            };
            out.add(example(label, ObservationKind.CRYPTO_ALGORITHM, Role.CRYPTO_STANDARD, value, "", unit));
        }
    }

    /**
     * Names that borrow a vendor's name without being the vendor's, labelled {@code none}: fan,
     * training, reseller and proxy sites under cheap or generic TLDs built from a domain's brand
     * label, and third-party packages that wrap a vendor's SDK (framework plugins, stubs, mocks).
     * The unit is the indicator, so a held-out indicator's borrowers are held out with it.
     */
    private List<Example> borrowers(Indicator indicator) {
        List<Example> out = new ArrayList<>();
        Random rnd = random("borrowers " + indicator);
        String unit = "borrowers " + indicator;
        switch (indicator.kind()) {
            case "domain-suffix" -> {
                String brand = indicator.value().split("\\.")[0];
                if (!brand.matches("[a-z][a-z0-9-]{3,}")) {
                    break;
                }
                for (int i = 0; i < 10; i++) {
                    String w = pick(THIRD_PARTY_WORDS, rnd);
                    String name = switch (rnd.nextInt(4)) {
                        case 0 -> brand + "-" + w;
                        case 1 -> w + "-" + brand;
                        case 2 -> brand + w;
                        default -> "api." + brand + "-" + w;
                    };
                    String host = name + "." + pick(BORROWER_TLDS, rnd);
                    if (i >= 7) {
                        // a package named after the brand by someone else
                        String type = pick(List.of("pypi", "npm", "golang"), rnd);
                        String pkg = type.equals("golang") ? "github.com/" + pick(words, rnd) + "/" + brand + "-" + w
                                : rnd.nextBoolean() ? brand + "-" + w : brand + pick(List.of("y", "js", "py", "kit", "bot", "lib"), rnd);
                        Example p = example(NONE, ObservationKind.PACKAGE, Role.SOFTWARE_PACKAGE, "pkg:" + type + "/" + pkg, "", unit);
                        if (kb.match(p.subject()).isEmpty()) {
                            out.add(p);
                        }
                        continue;
                    }
                    Example e = rnd.nextInt(3) == 0
                            ? example(NONE, ObservationKind.URL, pick(List.of(Role.AI_ENDPOINT, Role.API_ENDPOINT, Role.PACKAGE_MIRROR), rnd),
                                    "https://" + host + "/" + pick(PATHS, rnd), "", unit)
                            : example(NONE, ObservationKind.HOSTNAME, pick(List.of(Role.UNKNOWN, Role.API_ENDPOINT, Role.AI_ENDPOINT,
                                    Role.PACKAGE_MIRROR, Role.DNS_RESOLVER), rnd), host, "", unit);
                    if (kb.match(e.subject()).isEmpty()) {
                        out.add(e);
                    }
                }
            }
            case "package" -> {
                String pattern = indicator.value();
                int slash = pattern.indexOf('/');
                String type = pattern.substring(4, slash);
                String name = pattern.substring(slash + 1).replace("*", "").replace("@", "");
                int last = name.lastIndexOf('/');
                name = last >= 0 ? name.substring(last + 1) : name;
                name = name.replaceAll("[-_.]+$", "");
                if (name.length() < 3 || name.equals("*")) {
                    break;
                }
                for (int round = 0; round < 3; round++) {
                String wrapped = switch (type) {
                    case "pypi" -> String.format(Locale.ROOT, pick(PYPI_WRAPPERS, rnd), name);
                    case "npm" -> String.format(Locale.ROOT, pick(NPM_WRAPPERS, rnd), name);
                    case "maven" -> "org." + pick(words, rnd) + "/" + pick(words, rnd) + "-" + name;
                    case "golang" -> "github.com/" + pick(words, rnd) + "/" + name + "-" + pick(List.of("exporter", "helper", "mock", "cli"), rnd);
                    default -> null;
                };
                if (wrapped == null) {
                    continue;
                }
                // and a name that starts like the vendor's but continues with a word of its own
                String head = name.split("[-_.]")[0];
                String sibling = head.length() >= 3 ? head + pick(List.of("-", "_", ""), rnd) + pick(words, rnd) : null;
                for (String candidate : sibling == null ? List.of(wrapped) : List.of(wrapped, type.equals("maven")
                        ? "org." + pick(words, rnd) + "/" + sibling : type.equals("golang") ? "github.com/" + pick(words, rnd) + "/" + sibling : sibling)) {
                    Example e = example(NONE, ObservationKind.PACKAGE, Role.SOFTWARE_PACKAGE, "pkg:" + type + "/" + candidate
                            + "@" + rnd.nextInt(4) + "." + rnd.nextInt(20) + "." + rnd.nextInt(9), "", unit);
                    if (kb.match(e.subject()).isEmpty()) {
                        out.add(e);
                    }
                }
                }
            }
            default -> {
                // other kinds: borrowed names are not a pattern worth teaching
            }
        }
        return out;
    }

    /** Packages, CA names, models and algorithms of no vendor group in the knowledge base. */
    private List<Example> moreNegatives() {
        List<Example> out = new ArrayList<>();
        Random rnd = random("generated negatives, other kinds");
        for (int i = 0; i < 300; i++) {
            String unit = "none-package " + i;
            String type = pick(List.of("pypi", "npm", "maven", "golang", "deb", "rpm"), rnd);
            String name = pick(OPEN_PACKAGES, rnd);
            String path = switch (type) {
                case "maven" -> "org." + pick(words, rnd) + "/" + name;
                case "golang" -> "github.com/" + pick(words, rnd) + "/" + name;
                case "deb" -> pick(List.of("debian", "ubuntu"), rnd) + "/" + name;
                case "rpm" -> pick(List.of("fedora", "openeuler", "rocky", "almalinux"), rnd) + "/" + name;
                default -> rnd.nextInt(5) == 0 ? pick(words, rnd) + "-" + name : name;
            };
            Example e = example(NONE, ObservationKind.PACKAGE, Role.SOFTWARE_PACKAGE,
                    "pkg:" + type + "/" + path + "@" + rnd.nextInt(5) + "." + rnd.nextInt(20) + "." + rnd.nextInt(9), "", unit);
            if (kb.match(e.subject()).isEmpty()) {
                out.add(e);
            }
        }
        for (int i = 0; i < 200; i++) {
            String unit = "none-ca " + i;
            String org = capitalise(pick(words, rnd)) + " " + pick(List.of("Ministry", "Agency", "Authority", "University",
                    "Bank", "Services", "Network", "Group"), rnd);
            String dn = "C=" + pick(List.of("KE", "GH", "PK", "BR", "ID", "VN", "EG", "NG", "BD", "PE", "RU", "CN", "US", "DE", "FR",
                    "JP", "KR", "IN", "GB", "TR", "AE", "ZA", "TW", "ES"), rnd) + ",O=" + org
                    + ",CN=" + org + " " + pick(CA_TAILS, rnd);
            Example e = example(NONE, ObservationKind.CERT_ISSUER, Role.TRUST_ANCHOR, dn, "", unit);
            if (kb.match(e.subject()).isEmpty()) {
                out.add(e);
            }
        }
        for (int i = 0; i < 60; i++) {
            String unit = "none-model " + i;
            String model = pick(words, rnd) + pick(List.of("-llm", "-bert", "-gpt", "-assistant", "-ocr", "-ner", "-classifier"), rnd)
                    + pick(List.of("-7b", "-base", "-small", "-v2", ":latest", "-finetuned", ""), rnd);
            Example e = example(NONE, ObservationKind.AI_MODEL, Role.AI_MODEL, model, "", unit);
            if (kb.match(e.subject()).isEmpty()) {
                out.add(e);
            }
        }
        for (int i = 0; i < 120; i++) {
            String unit = "none-os " + i;
            String name = capitalise(pick(words, rnd)) + pick(List.of(" Linux", "OS", " OS", " GNU/Linux", " Server", "BSD"), rnd)
                    + " " + (1 + rnd.nextInt(20)) + "." + rnd.nextInt(10) + (rnd.nextBoolean() ? "." + rnd.nextInt(300) : "");
            Example e = example(NONE, ObservationKind.PRODUCT, Role.OPERATING_SYSTEM, name, "", unit);
            if (kb.match(e.subject()).isEmpty()) {
                out.add(e);
            }
        }
        for (int i = 0; i < 400; i++) {
            String unit = "none-code " + i;
            String letters = String.valueOf(SUFFIX_CHARS.charAt(rnd.nextInt(23))).toUpperCase(Locale.ROOT)
                    + (rnd.nextBoolean() ? String.valueOf(SUFFIX_CHARS.charAt(rnd.nextInt(23))).toUpperCase(Locale.ROOT) : "")
                    + (rnd.nextInt(3) == 0 ? String.valueOf(SUFFIX_CHARS.charAt(rnd.nextInt(23))).toUpperCase(Locale.ROOT) : "");
            String number = String.valueOf(switch (rnd.nextInt(3)) {
                case 0 -> 1 + rnd.nextInt(99);
                case 1 -> 100 + rnd.nextInt(900);
                default -> 1000 + rnd.nextInt(9000);
            });
            String code = (rnd.nextInt(3) == 0 ? capitalise(pick(words, rnd)) + " " : "") + letters + pick(List.of("", "-", " "), rnd)
                    + number + (rnd.nextBoolean() ? "" : pick(List.of("-24", "-48P", "X", "S", "-PRO", "E", "-8P2S", "-AC", "A", "-HD"), rnd));
            Example e = example(NONE, ObservationKind.PRODUCT, pick(List.of(Role.NETWORK_DEVICE, Role.ATTACHED_DEVICE,
                    Role.AI_FRAMEWORK, Role.UNKNOWN), rnd), code, "", unit);
            if (kb.match(e.subject()).isEmpty()) {
                out.add(e);
            }
        }
        for (String algorithm : List.of("AES-256-GCM", "AES-128-CBC", "ChaCha20-Poly1305", "TLS_AES_128_GCM_SHA256",
                "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
                "ECDHE-ECDSA-AES256-GCM-SHA384", "RSA", "ECDSA", "Ed25519", "X25519", "SHA-256", "SHA-384", "SHA3-256",
                "HMAC-SHA256", "3DES", "DES-CBC3-SHA", "RC4", "MD5", "ML-KEM-768", "ML-DSA-65", "X25519MLKEM768",
                "secp256r1", "prime256v1", "brainpoolP256r1", "Camellia-256-GCM", "ARIA-256-GCM", "SEED-CBC", "Blowfish")) {
            Example e = example(NONE, ObservationKind.CRYPTO_ALGORITHM, Role.CRYPTO_STANDARD, algorithm, "", "none-crypto " + algorithm);
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
