package org.sovaudit.parse.iac.terraform;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.iac.CloudZones;
import org.sovaudit.parse.iac.tree.Tree;
import org.sovaudit.parse.iac.tree.TreeReader;

/**
 * Terraform's JSON: plans and states as {@code terraform show -json} writes them, and state files
 * themselves ({@code .tfstate}, format version 4). Reported, each distinct value once, at its first line:
 * <ul>
 * <li>every provider address: {@code provider_name} and {@code full_name} (plan and show output) and
 * the {@code provider["..."]} references of a state file, in the normal form of the HCL parser
 * ({@code hashicorp/aws}); Terraform 0.12's bare {@code provider_name} and {@code provider.aws}
 * references by their local name;</li>
 * <li>every literal region: a resource's {@code region} value or attribute (Google's and Azure's
 * {@code location}, lower-cased), and a provider
 * configuration's {@code region} constant, with the provider type as context;</li>
 * <li>every module call's {@code source}, as the HCL parser reports module sources.</li>
 * </ul>
 * The JSON is walked whole, so nested modules ({@code child_modules}, {@code module_calls}) are read
 * wherever they stand.
 */
public final class TerraformJsonParser implements Parser {

    static final long MAX_BYTES = TreeReader.MAX_BYTES;
    private static final int SNIFF_BYTES = 4096;
    private static final int MAX_DEPTH = 60;
    private static final Pattern STATE_PROVIDER = Pattern.compile("provider\\[\"([^\"]{1,200})\"\\]");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,63})");
    private static final Set<String> PROVIDER_KEYS = Set.of("provider_name", "full_name", "provider");
    private static final Pattern LOCAL_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern LEGACY_STATE_PROVIDER = Pattern.compile("(?:module\\.[a-z0-9_.-]{1,200}\\.)?provider\\.([a-z][a-z0-9_-]{0,62})(?:\\.[a-z0-9_-]{1,64})?");

    @Override
    public String id() {
        return "terraform-json";
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "Terraform plan and state JSON (terraform show -json, .tfstate v4): providers, regions, module sources";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.CLOUD_PROVIDER, Role.CLOUD_REGION, Role.PACKAGE_MIRROR);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tfstate") || name.endsWith(".tfstate.backup")) {
            return true;
        }
        if (!name.endsWith(".json")) {
            return false;
        }
        String head = file.head(SNIFF_BYTES);
        return head.stripLeading().startsWith("{") && head.contains("\"terraform_version\"")
                && (head.contains("\"format_version\"") || head.contains("\"lineage\""));
    }

    /** What the walk has already reported, so each value appears once. */
    private record Seen(Set<String> values) {
        boolean first(String key) {
            return values.add(key);
        }
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
        Tree.Node root = TreeReader.json(text, out);
        if (root == null) {
            return out.build();
        }
        if (!(root instanceof Tree.MapNode map) || map.get("terraform_version") == null) {
            out.error(root.line(), "not a Terraform plan or state: no terraform_version");
            return out.build();
        }
        walk(map, "", 0, lines, out, new Seen(new HashSet<>()));
        return out.build();
    }

    /** Visits one object; {@code providerType} is the type of the provider of the enclosing resource, if known. */
    private static void walk(Tree.MapNode node, String providerType, int depth, List<String> lines, ResultBuilder out, Seen seen) {
        if (depth > MAX_DEPTH) {
            return;
        }
        String type = providerType;
        for (String key : PROVIDER_KEYS) {
            Tree.Scalar s = node.scalar(key);
            if (s != null) {
                Optional<String> address = providerAddress(s.text()).or(() -> legacyProvider(key, s.text()));
                if (address.isPresent()) {
                    type = address.get().substring(address.get().lastIndexOf('/') + 1);
                    if (seen.first("p " + address.get())) {
                        out.add(ObservationKind.CLOUD_PROVIDER, address.get(), Role.CLOUD_PROVIDER, s.line(),
                                TextLines.line(lines, s.line()), "");
                    }
                }
            }
        }
        if (node.get("provider_config") instanceof Tree.MapNode configs) {
            providerConfigs(configs, lines, out, seen);
        }
        if (node.get("module_calls") instanceof Tree.MapNode calls) {
            for (Map.Entry<String, Tree.Node> call : calls.entries().entrySet()) {
                if (call.getValue() instanceof Tree.MapNode m && m.scalar("source") != null) {
                    Tree.Scalar source = m.scalar("source");
                    if (seen.first("m " + source.text())) {
                        Sources.report(source.text(), call.getKey(), source.line(), TextLines.line(lines, source.line()), out);
                    }
                }
            }
        }
        for (String valuesKey : List.of("values", "attributes")) {
            if (node.get(valuesKey) instanceof Tree.MapNode values && !type.isEmpty()) {
                region(values.scalar("region"), type, lines, out, seen);
                if (type.equals("google") || type.equals("azurerm")) {
                    // these clouds call the region a location
                    region(values.scalar("location"), type, lines, out, seen);
                }
                if (values.scalar("region") == null && values.scalar("location") == null) {
                    zoneRegion(values.scalar("zone"), type, lines, out, seen);
                    zoneRegion(values.scalar("availability_zone"), type, lines, out, seen);
                }
            }
        }
        for (Tree.Node child : node.entries().values()) {
            visit(child, type, depth + 1, lines, out, seen);
        }
    }

    private static void visit(Tree.Node node, String providerType, int depth, List<String> lines, ResultBuilder out, Seen seen) {
        if (node instanceof Tree.MapNode map) {
            walk(map, providerType, depth, lines, out, seen);
        } else if (node instanceof Tree.ListNode list && depth <= MAX_DEPTH) {
            for (Tree.Node item : list.items()) {
                visit(item, providerType, depth + 1, lines, out, seen);
            }
        }
    }

    /** {@code "provider_config": {"aws": {"full_name": "...", "expressions": {"region": {"constant_value": "..."}}}}} */
    private static void providerConfigs(Tree.MapNode configs, List<String> lines, ResultBuilder out, Seen seen) {
        for (Map.Entry<String, Tree.Node> e : configs.entries().entrySet()) {
            if (!(e.getValue() instanceof Tree.MapNode config)) {
                continue;
            }
            String type = config.text("name").isEmpty() ? e.getKey() : config.text("name");
            Optional<String> full = providerAddress(config.text("full_name"));
            if (full.isPresent()) {
                type = full.get().substring(full.get().lastIndexOf('/') + 1);
            }
            Tree.MapNode region = config.path("expressions", "region");
            if (region != null) {
                region(region.scalar("constant_value"), type, lines, out, seen);
            }
        }
    }

    private static void region(Tree.Scalar region, String type, List<String> lines, ResultBuilder out, Seen seen) {
        if (region == null) {
            return;
        }
        String r = type.equals("google") || type.equals("azurerm") ? region.text().strip().toLowerCase(Locale.ROOT)
                : region.text().strip();
        if (REGION.matcher(r).matches() && seen.first("r " + type + " " + r)) {
            out.add(ObservationKind.CLOUD_REGION, r, Role.CLOUD_REGION, region.line(), TextLines.line(lines, region.line()), type);
        }
    }

    /** The region of a zone, by the clouds' one zone rule ({@link CloudZones}). */
    private static void zoneRegion(Tree.Scalar zone, String type, List<String> lines, ResultBuilder out, Seen seen) {
        if (zone == null) {
            return;
        }
        CloudZones.region(type, zone.text()).filter(r -> seen.first("r " + type + " " + r)).ifPresent(r ->
                out.add(ObservationKind.CLOUD_REGION, r, Role.CLOUD_REGION, zone.line(), TextLines.line(lines, zone.line()), type));
    }

    /**
     * A provider as Terraform 0.12 wrote it: a bare local name in a plan's {@code provider_name}
     * ({@code aws}), or {@code provider.aws} (with an optional module path and alias) in a state's
     * {@code provider}; the local name, as the HCL parser reports an undeclared provider.
     */
    static Optional<String> legacyProvider(String key, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher state = LEGACY_STATE_PROVIDER.matcher(t);
        if (key.equals("provider") && state.matches()) {
            return Optional.of(state.group(1));
        }
        if (key.equals("provider_name") && LOCAL_NAME.matcher(t).matches()) {
            return Optional.of(t);
        }
        return Optional.empty();
    }

    /**
     * A provider address in normal form from {@code registry.terraform.io/hashicorp/aws} or a state
     * reference {@code module.x.provider["registry.terraform.io/hashicorp/aws"].alias}; empty otherwise.
     */
    static Optional<String> providerAddress(String text) {
        String t = text.strip();
        Matcher m = STATE_PROVIDER.matcher(t);
        if (m.find()) {
            t = m.group(1);
        }
        if (t.indexOf('/') < 0) {
            return Optional.empty();
        }
        return TerraformParser.sourceAddress(t);
    }
}
