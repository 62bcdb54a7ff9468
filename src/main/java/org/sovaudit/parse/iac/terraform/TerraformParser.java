package org.sovaudit.parse.iac.terraform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.bertramlabs.plugins.hcl4j.HCLParserException;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.iac.Endpoints;

/**
 * Terraform and OpenTofu configuration files ({@code .tf}, {@code .tofu}) and variable files
 * ({@code .tfvars}). Reports every provider the file requires
 * ({@code terraform { required_providers { name = { source = "ns/type" } } }}: the source address,
 * lower-cased, with the default registry host {@code registry.terraform.io/} dropped), every
 * provider configured without a declared source (its local name, e.g. {@code aws}), and every
 * literal {@code region} of a provider block, with the provider type as context (the type of its
 * declared source, else its local name). Regions given by variables, functions or interpolation
 * are skipped: they are not known from the file. Also reported: a provider block's literal
 * endpoints ({@code endpoint}, {@code *_endpoint}, {@code auth_url}, {@code *_url}, and the items of
 * {@code endpoints}) as API endpoints with the provider type as context; every remote module
 * {@code source} as a package mirror ({@link Sources}); the state backend or Terraform Cloud
 * block as storage locations ({@link Backends}); and the DNS and NTP servers, Helm chart
 * repositories, container images, fetched URLs and regions that resources and data sources name,
 * and the regions, servers and endpoints that variable defaults and {@code .tfvars} values name
 * ({@link Resources}); a cloud used by resources of a provider the file does not declare, by its
 * local name ({@code tencentcloud_instance} uses {@code tencentcloud}).
 *
 * <p>Values come from hcl4j ({@link SafeHclParser}, which never fetches data sources or runs
 * functions); lines come from {@link HclLocator}, which also reports the structural faults hcl4j
 * lets through. When either finds a fault, it is reported with its line, and the literals located
 * in the text are still reported: hcl4j's lexer also refuses some valid modern syntax (object
 * {@code for} expressions), and a reviewer is better served by the references plus the error
 * than by the error alone.
 */
public final class TerraformParser implements Parser {

    static final long MAX_BYTES = 4L << 20;
    /** Top-level items longer than this are not given to hcl4j's syntax check (its time is quadratic). */
    static final int MAX_CHECKED_ITEM = 64 * 1024;
    private static final String DEFAULT_REGISTRY = "registry.terraform.io/";
    private static final Pattern HCL4J_LINE = Pattern.compile("line:?\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SOURCE_PART = Pattern.compile("[a-z0-9](?:[a-z0-9_-]{0,62})");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,63})");
    /** A region taken from a variable: {@code region = var.name} or {@code "${var.name}"}. */
    private static final Pattern REGION_VARIABLE = Pattern.compile("\\bregion\\s*=\\s*\"?(?:\\$\\{)?\\s*var\\.([A-Za-z0-9_-]{1,64})\\s*\\}?\"?\\s*(?:#.*)?$");
    /** Provider local names that are clouds: a resource of one of them places infrastructure with that cloud. */
    private static final Set<String> CLOUDS = Set.of("aws", "azurerm", "azurestack", "google", "alicloud", "huaweicloud",
            "tencentcloud", "oci", "openstack", "ibm", "digitalocean", "hcloud", "linode", "vultr", "yandex", "ksyun",
            "baiducloud", "volcengine", "ucloud", "flexibleengine", "opentelekomcloud", "sbercloud", "scaleway", "ovh",
            "exoscale", "vkcs", "selectel", "g42cloud", "ctyun", "jdcloud", "qingcloud");

    @Override
    public String id() {
        return "terraform";
    }

    @Override
    public String version() {
        return "5";
    }

    @Override
    public String description() {
        return "Terraform/OpenTofu configuration (.tf, .tofu): required providers, provider regions and endpoints, "
                + "module sources, state backends, DNS/NTP servers, chart repositories and container images of resources";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.CLOUD_PROVIDER, Role.CLOUD_REGION, Role.API_ENDPOINT, Role.PACKAGE_MIRROR, Role.STORAGE_LOCATION,
                Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.CONTAINER_IMAGE);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        return name.endsWith(".tf") || name.endsWith(".tofu") || name.endsWith(".tfvars");
    }

    /** A provider requirement found in the text. */
    private record Requirement(String localName, String source, int line) {
    }

    /** A provider block found in the text. */
    private record ProviderBlock(String localName, int line, String region, int regionLine, List<Literal> endpoints) {
    }

    /** A literal string attribute and its line. */
    private record Literal(String name, String value, int line) {
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        String text = file.text();
        List<String> lines = TextLines.split(text);
        HclLocator.Located located = HclLocator.locate(text);

        List<Requirement> requirements = requirements(located.body());
        List<ProviderBlock> providers = providerBlocks(located.body());
        if (located.fault() != null) {
            // hcl4j is not asked: it accepts some of these faults silently and recurses without bound on others
            out.error(located.fault().line(), "HCL syntax: " + located.fault().getMessage());
        } else {
            // hcl4j's parse time grows with the square of its input, so it reads one top-level item at a
            // time: each is checked for syntax hcl4j refuses, and the terraform and provider blocks give values
            Hcl4jReading reading = readWithHcl4j(items(lines, located.body()));
            if (reading.fault() != null) {
                // a character hcl4j's lexer refuses: a real fault (`;`, `@`) or syntax newer than hcl4j
                // (object `for` expressions); either way the literals located in the text still stand
                out.error(reading.faultLine(), "HCL syntax (hcl4j): " + oneLine(reading.fault()));
            }
            Map<String, Object> parsed = reading.values();
            if (parsed != null) {
                requirements = confirmRequirements(requirements, parsed);
                providers = confirmProviders(providers, parsed);
            }
        }
        Map<String, String> typeByLocalName = report(requirements, providers, lines, out);
        Set<String> declared = new java.util.HashSet<>(typeByLocalName.keySet());
        declared.addAll(typeByLocalName.values());
        implied(located.body(), declared, lines, out);
        Sources.modules(topBlocks(located.body(), "module"), lines, out);
        Resources.report(located.body(), regionVariables(located.body(), typeByLocalName, lines), lines, out);
        if (file.name().toLowerCase(Locale.ROOT).endsWith(".tfvars")) {
            Resources.variableValues(located.body(), lines, out);
        }
        for (HclLocator.Node terraform : topBlocks(located.body(), "terraform")) {
            Backends.report(terraform, lines, out);
        }
        return out.build();
    }

    /**
     * One top-level item of the file: its lines, the number of its first line, whether hcl4j's values
     * of it are used (a terraform or provider block), and for a provider block its local name.
     */
    private record Item(int firstLine, String text, boolean confirmed, String provider) {
    }

    /**
     * The file's top-level items, each from its first line to the line before the next item (the
     * last to the end of the file); comments before the first item belong to none. When two items
     * share a line, the whole file is one item.
     */
    static List<Item> items(List<String> lines, List<HclLocator.Node> body) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            HclLocator.Node n = body.get(i);
            int from = Math.max(1, n.line());
            int to = Math.min(lines.size(), i + 1 < body.size() ? body.get(i + 1).line() - 1 : lines.size());
            if (to < from) {
                return List.of(new Item(1, String.join("\n", lines), true, null));
            }
            boolean confirmed = n.kind() == HclLocator.Kind.BLOCK
                    && (n.name().equals("terraform") || n.name().equals("provider"));
            String provider = confirmed && n.name().equals("provider") && !n.labels().isEmpty() ? n.labels().getFirst() : null;
            items.add(new Item(from, String.join("\n", lines.subList(from - 1, to)), confirmed, provider));
        }
        return items;
    }

    /**
     * What hcl4j read: the values of the {@code terraform} blocks (a list under {@code terraform})
     * and of the {@code provider} blocks (per local name, a list in file order, under
     * {@code provider}), and the first syntax fault it found with its line in the file (null, 0 when none).
     */
    private record Hcl4jReading(Map<String, Object> values, String fault, int faultLine) {
    }

    /**
     * Each item through hcl4j on its own (items longer than {@value #MAX_CHECKED_ITEM} characters are
     * skipped: the located literals stand for them). A failure that names a line is a syntax fault; one
     * that names none is hcl4j's evaluator failing on an expression it does not support (such as
     * {@code jsondecode(x).field}), which says nothing about the file: the item's values are then read
     * with evaluation errors skipped.
     */
    private static Hcl4jReading readWithHcl4j(List<Item> items) {
        List<Object> terraform = new ArrayList<>();
        Map<String, List<Object>> providers = new LinkedHashMap<>();
        String fault = null;
        int faultLine = 0;
        for (Item item : items) {
            Map<String, Object> values = null;
            try {
                values = item.text().length() > MAX_CHECKED_ITEM ? null : new SafeHclParser().parse(item.text(), Boolean.FALSE);
            } catch (HCLParserException | IOException | RuntimeException | StackOverflowError | LinkageError e) {
                // hcl4j wraps its lexer's errors in RuntimeException; StackOverflowError and LinkageError
                // are library failures on hostile input: the audit goes on
                Throwable cause = e.getCause() instanceof HCLParserException inner ? inner : e;
                int line = hcl4jLine(cause.getMessage());
                if (line > 0) {
                    if (fault == null) {
                        faultLine = line + item.firstLine() - 1;
                        fault = HCL4J_LINE.matcher(cause.getMessage()).replaceFirst("line: " + faultLine);
                    }
                } else if (item.confirmed()) {
                    values = lenient(item.text());
                }
            }
            if (values == null && item.provider() != null) {
                // keeps the n-th block of a provider the n-th value: this one's located literals stand
                providers.computeIfAbsent(item.provider(), k -> new ArrayList<>()).add(Map.of());
            } else if (values != null && item.confirmed()) {
                terraform.addAll(occurrences(values.get("terraform")));
                if (values.get("provider") instanceof Map<?, ?> byName) {
                    for (Map.Entry<?, ?> e : byName.entrySet()) {
                        providers.computeIfAbsent(String.valueOf(e.getKey()), k -> new ArrayList<>())
                                .addAll(occurrences(e.getValue()));
                    }
                }
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("terraform", terraform);
        values.put("provider", providers);
        return new Hcl4jReading(values, fault, faultLine);
    }

    /** hcl4j's values with its evaluation errors skipped, or null when even that fails. */
    private static Map<String, Object> lenient(String text) {
        try {
            return new SafeHclParser().parse(text, Boolean.TRUE);
        } catch (HCLParserException | IOException | RuntimeException | StackOverflowError | LinkageError e) {
            return null;
        }
    }

    /**
     * The clouds a file uses through resources and data sources of a provider it neither requires nor
     * configures (a module's {@code main.tf} beside its {@code versions.tf}): the provider's local
     * name, once, at the first such block, with the block's type as context. Only providers that are
     * clouds are reported: utility providers ({@code random}, {@code null}, {@code local}) name nobody.
     */
    private static void implied(List<HclLocator.Node> body, Set<String> declared, List<String> lines, ResultBuilder out) {
        Set<String> seen = new java.util.HashSet<>(declared);
        for (HclLocator.Node block : body) {
            if (block.kind() != HclLocator.Kind.BLOCK || block.labels().isEmpty()
                    || !(block.name().equals("resource") || block.name().equals("data"))) {
                continue;
            }
            String type = block.labels().get(0).toLowerCase(Locale.ROOT);
            int underscore = type.indexOf('_');
            String provider = underscore > 0 ? type.substring(0, underscore) : "";
            if (CLOUDS.contains(provider) && seen.add(provider)) {
                out.add(ObservationKind.CLOUD_PROVIDER, provider, Role.CLOUD_PROVIDER, block.line(),
                        TextLines.line(lines, block.line()), "implied by " + type);
            }
        }
    }

    /**
     * The variables provider blocks take their region from ({@code region = var.dr_region}), each
     * with the provider's type: a default of such a variable is that provider's region.
     */
    private static Map<String, String> regionVariables(List<HclLocator.Node> body, Map<String, String> typeByLocalName,
                                                       List<String> lines) {
        Map<String, String> found = new HashMap<>();
        for (HclLocator.Node provider : topBlocks(body, "provider")) {
            HclLocator.Node region = provider.attribute("region");
            if (region == null || region.literal() != null || provider.labels().size() != 1) {
                continue;
            }
            Matcher m = REGION_VARIABLE.matcher(TextLines.line(lines, region.line()));
            if (m.find()) {
                String type = typeByLocalName.getOrDefault(provider.labels().get(0), provider.labels().get(0));
                found.merge(m.group(1), type, (a, b) -> a.equals(b) ? a : "");
            }
        }
        return found;
    }

    /** Reports requirements and provider blocks; answers the provider type of each local name the file declares. */
    private static Map<String, String> report(List<Requirement> requirements, List<ProviderBlock> providers, List<String> lines,
                               ResultBuilder out) {
        Map<String, String> typeByLocalName = new HashMap<>();
        for (Requirement r : requirements) {
            if (r.source() == null) {
                typeByLocalName.putIfAbsent(r.localName(), r.localName());
                out.add(ObservationKind.CLOUD_PROVIDER, r.localName(), Role.CLOUD_PROVIDER, r.line(),
                        TextLines.line(lines, r.line()), "");
                continue;
            }
            Optional<String> source = sourceAddress(r.source());
            if (source.isEmpty()) {
                out.error(r.line(), "provider '" + r.localName() + "' has an invalid source address");
                continue;
            }
            String address = source.get();
            typeByLocalName.putIfAbsent(r.localName(), address.substring(address.lastIndexOf('/') + 1));
            out.add(ObservationKind.CLOUD_PROVIDER, address, Role.CLOUD_PROVIDER, r.line(), TextLines.line(lines, r.line()), "");
        }
        for (ProviderBlock p : providers) {
            if (!typeByLocalName.containsKey(p.localName())) {
                typeByLocalName.put(p.localName(), p.localName());
                out.add(ObservationKind.CLOUD_PROVIDER, p.localName(), Role.CLOUD_PROVIDER, p.line(),
                        TextLines.line(lines, p.line()), "");
            }
            for (Literal endpoint : p.endpoints()) {
                Endpoints.add(out, endpoint.value(), Role.API_ENDPOINT, endpoint.line(), TextLines.line(lines, endpoint.line()),
                        typeByLocalName.get(p.localName()));
            }
            if (p.region() != null) {
                String region = p.region().strip();
                if (REGION.matcher(region).matches()) {
                    out.add(ObservationKind.CLOUD_REGION, region, Role.CLOUD_REGION, p.regionLine(),
                            TextLines.line(lines, p.regionLine()), typeByLocalName.get(p.localName()));
                }
            }
        }
        return typeByLocalName;
    }

    /**
     * A provider source address in normal form: {@code [hostname/]namespace/type}, lower case, the
     * default registry host dropped. Empty when it is not a valid address.
     */
    static Optional<String> sourceAddress(String source) {
        String s = source.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith(DEFAULT_REGISTRY)) {
            s = s.substring(DEFAULT_REGISTRY.length());
        }
        String[] parts = s.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        int first = parts.length - 2;
        if (parts.length == 3 && Values.hostPort(parts[0]).isEmpty()) {
            return Optional.empty();
        }
        if (!SOURCE_PART.matcher(parts[first]).matches() || !SOURCE_PART.matcher(parts[first + 1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    private static List<Requirement> requirements(List<HclLocator.Node> body) {
        List<Requirement> found = new ArrayList<>();
        for (HclLocator.Node terraform : topBlocks(body, "terraform")) {
            for (HclLocator.Node required : terraform.blocks("required_providers")) {
                for (HclLocator.Node entry : required.children()) {
                    if (entry.kind() != HclLocator.Kind.ATTRIBUTE) {
                        continue;
                    }
                    HclLocator.Node source = entry.attribute("source");
                    if (source == null) {
                        // the legacy form `aws = "~> 3.0"`, or an object without a source: the local name is all we know
                        found.add(new Requirement(entry.name(), null, entry.line()));
                    } else if (source.literal() != null) {
                        found.add(new Requirement(entry.name(), source.literal(), source.line()));
                    }
                }
            }
        }
        return found;
    }

    private static List<ProviderBlock> providerBlocks(List<HclLocator.Node> body) {
        List<ProviderBlock> found = new ArrayList<>();
        for (HclLocator.Node provider : topBlocks(body, "provider")) {
            if (provider.labels().size() != 1 || provider.labels().get(0).isBlank()) {
                continue;
            }
            HclLocator.Node region = provider.attribute("region");
            String literal = region == null ? null : region.literal();
            found.add(new ProviderBlock(provider.labels().get(0), provider.line(), literal, region == null ? 0 : region.line(),
                    endpoints(provider)));
        }
        return found;
    }

    /**
     * The literal endpoints of a provider block: attributes named {@code endpoint}, {@code *_endpoint},
     * {@code auth_url} or {@code *_url}, and every literal inside an {@code endpoints} block or object.
     */
    private static List<Literal> endpoints(HclLocator.Node provider) {
        List<Literal> found = new ArrayList<>();
        for (HclLocator.Node child : provider.children()) {
            boolean group = child.name().equals("endpoints");
            if (child.kind() == HclLocator.Kind.ATTRIBUTE && child.literal() != null && endpointName(child.name())) {
                found.add(new Literal(child.name(), child.literal(), child.line()));
            } else if (group) {
                for (HclLocator.Node item : child.children()) {
                    if (item.kind() == HclLocator.Kind.ATTRIBUTE && item.literal() != null) {
                        found.add(new Literal(item.name(), item.literal(), item.line()));
                    }
                }
            }
        }
        return found;
    }

    static boolean endpointName(String name) {
        return name.equals("endpoint") || name.endsWith("_endpoint") || name.equals("auth_url") || name.endsWith("_url");
    }

    static List<HclLocator.Node> topBlocks(List<HclLocator.Node> body, String type) {
        return body.stream().filter(n -> n.kind() == HclLocator.Kind.BLOCK && n.name().equals(type)).toList();
    }

    /**
     * The requirements with hcl4j's values: each located literal source is replaced by the string
     * hcl4j read for the same provider in the same terraform block (they agree for plain literals).
     */
    private static List<Requirement> confirmRequirements(List<Requirement> located, Map<String, Object> parsed) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Object terraform : occurrences(parsed.get("terraform"))) {
            if (terraform instanceof Map<?, ?> block) {
                for (Object required : occurrences(block.get("required_providers"))) {
                    if (required instanceof Map<?, ?> entries) {
                        for (Map.Entry<?, ?> e : entries.entrySet()) {
                            if (e.getValue() instanceof Map<?, ?> spec && spec.get("source") instanceof String s) {
                                sources.putIfAbsent(String.valueOf(e.getKey()), s);
                            }
                        }
                    }
                }
            }
        }
        List<Requirement> confirmed = new ArrayList<>();
        for (Requirement r : located) {
            String fromLibrary = sources.get(r.localName());
            confirmed.add(r.source() != null && fromLibrary != null ? new Requirement(r.localName(), fromLibrary, r.line()) : r);
        }
        return confirmed;
    }

    /**
     * The provider blocks with hcl4j's region values: the n-th located block of a provider is the
     * n-th hcl4j read (hcl4j turns repeated blocks into a list, in source order).
     */
    private static List<ProviderBlock> confirmProviders(List<ProviderBlock> located, Map<String, Object> parsed) {
        Map<?, ?> providers = parsed.get("provider") instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Integer> seen = new HashMap<>();
        List<ProviderBlock> confirmed = new ArrayList<>();
        for (ProviderBlock p : located) {
            int index = seen.merge(p.localName(), 1, Integer::sum) - 1;
            List<Object> blocks = occurrences(providers.get(p.localName()));
            String region = p.region();
            if (region != null && index < blocks.size() && blocks.get(index) instanceof Map<?, ?> block
                    && block.get("region") instanceof String fromLibrary) {
                region = fromLibrary;
            }
            confirmed.add(new ProviderBlock(p.localName(), p.line(), region, p.regionLine(), p.endpoints()));
        }
        return confirmed;
    }

    /** hcl4j gives one map for a single block and a list of maps for repeated ones. */
    private static List<Object> occurrences(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return List.of(value);
    }

    /** hcl4j quotes the character it refused, which may be a line break: make it visible instead. */
    private static String oneLine(String message) {
        return message.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** The line an hcl4j message names ("... found on line: 34 col: 50"), or 0. */
    static int hcl4jLine(String message) {
        if (message == null) {
            return 0;
        }
        Matcher m = HCL4J_LINE.matcher(message);
        if (!m.find()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
