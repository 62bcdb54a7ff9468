package org.sovaudit.parse.k8s;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.ai.AiSettingsParser;
import org.sovaudit.parse.iac.ShellMirrors;
import org.sovaudit.parse.iac.tree.Tree;
import org.sovaudit.parse.iac.tree.TreeReader;

/**
 * Kubernetes manifests, also Helm-rendered multi-document streams ({@code helm template} output with
 * its {@code # Source:} comments). Reported are:
 * <ul>
 * <li>every {@code image} of {@code containers}, {@code initContainers} and {@code ephemeralContainers}
 * in a pod spec, wherever a workload keeps one (Pod: {@code spec}; Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, ReplicationController, Job and custom workloads with a pod template:
 * {@code spec.template.spec}; CronJob: {@code spec.jobTemplate.spec.template.spec}; PodTemplate:
 * {@code template.spec}), also inside {@code List} items: the reference as written, trimmed;
 * templated references (<code>{{ .Values.image }}</code>) are skipped;</li>
 * <li>a StorageClass's {@code provisioner} (kind cloud-provider, role storage-location, context the
 * cloud it names when known) and its {@code region}/{@code regionId} parameter;</li>
 * <li>cloud load-balancer annotations on any resource ({@code service.beta.kubernetes.io/alibaba-cloud-*},
 * {@code kubernetes.io/elb.*}, {@code service.beta.kubernetes.io/aws-load-balancer-*}, ...): the
 * cloud's provider name, once per resource, at the first such annotation;</li>
 * <li>ingress controllers: an IngressClass's {@code spec.controller} (a product the cluster runs,
 * plus the cloud when it is a cloud's controller), and an Ingress's {@code ingressClassName} or
 * {@code kubernetes.io/ingress.class} when it names a cloud's class;</li>
 * <li>settings in container {@code env} values and single-line ConfigMap {@code data}: inference
 * endpoints, API base URLs, data stores and AI models, classified by name as in {@code .env} files
 * ({@link AiSettingsParser#setting}); Secrets are never read;</li>
 * <li>a pod's {@code dnsConfig.nameservers} (DNS resolvers) and {@code hostAliases} (the pinned
 * addresses and names, API endpoints); the mirrors and URLs of container {@code command} and
 * {@code args} ({@link ShellMirrors}: mirror options as package mirrors, other URLs unknown).</li>
 * </ul>
 *
 * <p>Each document is read on its own ({@link TreeReader}), so a broken document is reported with
 * its line and the others are still read; input is bounded and aliases are never expanded.
 */
public final class KubernetesYamlParser implements Parser {

    static final long MAX_BYTES = TreeReader.MAX_BYTES;
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final int MAX_LIST_DEPTH = 3;
    private static final int MAX_PODS_PER_DOCUMENT = 10_000;
    private static final int MAX_IMAGE = 512;
    private static final int MAX_NAME = 253;
    private static final List<String> CONTAINER_FIELDS = List.of("containers", "initContainers", "ephemeralContainers");
    private static final Pattern API_VERSION = Pattern.compile("(?m)^[ \\t-]*[\"']?apiVersion[\"']?[ \\t]*:");
    private static final Pattern KIND = Pattern.compile("(?m)^[ \\t-]*[\"']?kind[\"']?[ \\t]*:");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,252})");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,63})");

    @Override
    public String id() {
        return "kubernetes-yaml";
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "Kubernetes and Helm-rendered manifests (multi-document YAML): container images, storage provisioners, "
                + "cloud load-balancer annotations, ingress controllers, endpoints in env and ConfigMaps, pod DNS servers "
                + "and host aliases";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.CONTAINER_IMAGE, Role.STORAGE_LOCATION, Role.CLOUD_PROVIDER, Role.CLOUD_REGION,
                Role.SOFTWARE_PACKAGE, Role.AI_ENDPOINT, Role.AI_MODEL, Role.API_ENDPOINT, Role.DNS_RESOLVER,
                Role.PACKAGE_MIRROR, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            return false;
        }
        String head = file.head(SNIFF_BYTES);
        return API_VERSION.matcher(head).find() && KIND.matcher(head).find();
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        TreeReader.yaml(lines, out, document -> {
            if (document instanceof Tree.MapNode map) {
                resource(map, 0, new int[1], lines, out);
            }
        });
        return out.build();
    }

    /** Reports one resource; {@code pods} counts pod specs read in this document. */
    private static void resource(Tree.MapNode resource, int listDepth, int[] pods, List<String> lines, ResultBuilder out) {
        String kind = resource.text("kind");
        if (kind.endsWith("List") && resource.get("items") instanceof Tree.ListNode items) {
            if (listDepth >= MAX_LIST_DEPTH) {
                out.error(items.line(), "lists nested deeper than " + MAX_LIST_DEPTH + "; inner items not read");
                return;
            }
            for (Tree.Node item : items.items()) {
                if (item instanceof Tree.MapNode map) {
                    resource(map, listDepth + 1, pods, lines, out);
                }
            }
            return;
        }
        podSpec(resource.path("spec"), pods, lines, out);
        podSpec(resource.path("spec", "template", "spec"), pods, lines, out);
        podSpec(resource.path("spec", "jobTemplate", "spec", "template", "spec"), pods, lines, out);
        podSpec(resource.path("template", "spec"), pods, lines, out);
        annotations(resource, lines, out);
        switch (kind) {
            case "ConfigMap" -> configMap(resource, lines, out);
            case "StorageClass" -> storageClass(resource, lines, out);
            case "IngressClass" -> ingressClass(resource, lines, out);
            case "Ingress" -> ingress(resource, lines, out);
            default -> {
                // other kinds carry nothing beyond pod specs and annotations
            }
        }
    }

    private static void podSpec(Tree.MapNode spec, int[] pods, List<String> lines, ResultBuilder out) {
        if (spec == null || ++pods[0] > MAX_PODS_PER_DOCUMENT) {
            return;
        }
        Tree.MapNode dnsConfig = spec.map("dnsConfig");
        if (dnsConfig != null) {
            for (Tree.Scalar ns : Tree.scalars(dnsConfig.get("nameservers"))) {
                Values.host(ns.text().strip()).filter(Values.Host::ip).ifPresent(ip ->
                        out.add(ip, Role.DNS_RESOLVER, ns.line(), TextLines.line(lines, ns.line()), "dnsConfig"));
            }
        }
        if (spec.get("hostAliases") instanceof Tree.ListNode aliases) {
            for (Tree.Node alias : aliases.items()) {
                if (alias instanceof Tree.MapNode a) {
                    hostAlias(a, lines, out);
                }
            }
        }
        for (String field : CONTAINER_FIELDS) {
            if (!(spec.get(field) instanceof Tree.ListNode containers)) {
                continue;
            }
            for (Tree.Node container : containers.items()) {
                if (!(container instanceof Tree.MapNode c)) {
                    continue;
                }
                if (c.get("image") instanceof Tree.Scalar image) {
                    String ref = withoutCredentials(image.text().strip());
                    if (isImageReference(ref)) {
                        out.add(ObservationKind.CONTAINER_IMAGE, ref, Role.CONTAINER_IMAGE, image.line(),
                                TextLines.line(lines, image.line()), "");
                    }
                }
                for (String argv : List.of("command", "args")) {
                    commandLine(Tree.scalars(c.get(argv)), lines, out);
                }
                if (c.get("env") instanceof Tree.ListNode env) {
                    for (Tree.Node item : env.items()) {
                        if (item instanceof Tree.MapNode variable && variable.scalar("value") != null) {
                            Tree.Scalar value = variable.scalar("value");
                            AiSettingsParser.setting(variable.text("name"), value.text(), value.line(),
                                    TextLines.line(lines, value.line()), out);
                        }
                    }
                }
            }
        }
    }

    /**
     * The mirrors and URLs of a container's {@code command} or {@code args}, read as one command line
     * (an option and its value may be separate items); each value stands on the line of its item.
     */
    private static void commandLine(List<Tree.Scalar> argv, List<String> lines, ResultBuilder out) {
        if (argv.isEmpty()) {
            return;
        }
        StringBuilder command = new StringBuilder();
        int first = Integer.MAX_VALUE;
        int last = 0;
        for (Tree.Scalar arg : argv) {
            command.append(command.isEmpty() ? "" : " ").append('\'').append(arg.text().replace("'", "")).append('\'');
            first = Math.min(first, Math.max(1, arg.line()));
            last = Math.max(last, arg.line());
        }
        first = Math.min(first, lines.size());
        last = Math.max(first, Math.min(last + (int) argv.getLast().text().chars().filter(ch -> ch == '\n').count(), lines.size()));
        ShellMirrors.scan(command.toString(), lines.subList(first - 1, last), first, out);
    }

    /** A pinned name ({@code hostAliases: [{ip, hostnames}]}): the address and each dotted name, as API endpoints. */
    private static void hostAlias(Tree.MapNode alias, List<String> lines, ResultBuilder out) {
        Tree.Scalar ip = alias.scalar("ip");
        List<Tree.Scalar> names = Tree.scalars(alias.get("hostnames"));
        String first = names.isEmpty() ? "" : names.get(0).text().strip().toLowerCase(Locale.ROOT);
        if (ip != null) {
            Values.host(ip.text().strip()).filter(Values.Host::ip).ifPresent(h ->
                    out.add(h, Role.API_ENDPOINT, ip.line(), TextLines.line(lines, ip.line()), "hostAliases " + first));
        }
        for (Tree.Scalar name : names) {
            Values.hostname(name.text().strip()).filter(h -> h.indexOf('.') > 0).ifPresent(h -> out.add(ObservationKind.HOSTNAME,
                    h, Role.API_ENDPOINT, name.line(), TextLines.line(lines, name.line()), "hostAliases"));
        }
    }

    /** The cloud named by the first cloud annotation of the resource, once per cloud. */
    private static void annotations(Tree.MapNode resource, List<String> lines, ResultBuilder out) {
        Tree.MapNode annotations = resource.path("metadata", "annotations");
        if (annotations == null) {
            return;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (var e : annotations.entries().entrySet()) {
            String provider = CloudHints.annotation(e.getKey());
            if (!provider.isEmpty() && seen.add(provider)) {
                int line = e.getValue().line();
                out.add(ObservationKind.CLOUD_PROVIDER, provider, Role.CLOUD_PROVIDER, line, TextLines.line(lines, line),
                        "annotation " + e.getKey());
            }
        }
    }

    /** A ConfigMap's entries are settings like environment variables (Secrets are never read). */
    private static void configMap(Tree.MapNode resource, List<String> lines, ResultBuilder out) {
        Tree.MapNode data = resource.map("data");
        if (data == null) {
            return;
        }
        for (var e : data.entries().entrySet()) {
            if (e.getValue() instanceof Tree.Scalar value && value.text().indexOf('\n') < 0) {
                AiSettingsParser.setting(e.getKey(), value.text(), value.line(), TextLines.line(lines, value.line()), out);
            }
        }
    }

    private static void storageClass(Tree.MapNode resource, List<String> lines, ResultBuilder out) {
        Tree.Scalar provisioner = resource.scalar("provisioner");
        if (provisioner == null || !NAME.matcher(provisioner.text().strip()).matches()) {
            return;
        }
        String value = provisioner.text().strip().toLowerCase(Locale.ROOT);
        String provider = CloudHints.provisioner(value);
        out.add(ObservationKind.CLOUD_PROVIDER, value, Role.STORAGE_LOCATION, provisioner.line(),
                TextLines.line(lines, provisioner.line()), provider);
        Tree.MapNode parameters = resource.map("parameters");
        if (parameters == null) {
            return;
        }
        for (String key : List.of("region", "regionId", "regionID")) {
            Tree.Scalar region = parameters.scalar(key);
            if (region != null && REGION.matcher(region.text().strip()).matches()) {
                out.add(ObservationKind.CLOUD_REGION, region.text().strip(), Role.STORAGE_LOCATION, region.line(),
                        TextLines.line(lines, region.line()), provider);
            }
        }
    }

    private static void ingressClass(Tree.MapNode resource, List<String> lines, ResultBuilder out) {
        Tree.MapNode spec = resource.map("spec");
        Tree.Scalar controller = spec == null ? null : spec.scalar("controller");
        if (controller == null) {
            return;
        }
        String value = controller.text().strip();
        if (value.length() > MAX_NAME || !NAME.matcher(value).matches()) {
            return;
        }
        String raw = TextLines.line(lines, controller.line());
        out.add(ObservationKind.PRODUCT, value, Role.SOFTWARE_PACKAGE, controller.line(), raw, "ingress controller");
        String provider = CloudHints.ingress(value);
        if (!provider.isEmpty()) {
            out.add(ObservationKind.CLOUD_PROVIDER, provider, Role.CLOUD_PROVIDER, controller.line(), raw, "ingress controller " + value);
        }
    }

    private static void ingress(Tree.MapNode resource, List<String> lines, ResultBuilder out) {
        Tree.MapNode spec = resource.map("spec");
        Tree.Scalar className = spec == null ? null : spec.scalar("ingressClassName");
        Tree.MapNode annotations = resource.path("metadata", "annotations");
        Tree.Scalar legacy = annotations == null ? null : annotations.scalar("kubernetes.io/ingress.class");
        for (Tree.Scalar s : java.util.Arrays.asList(className, legacy)) {
            if (s == null) {
                continue;
            }
            String provider = CloudHints.ingress(s.text().strip());
            if (!provider.isEmpty()) {
                out.add(ObservationKind.CLOUD_PROVIDER, provider, Role.CLOUD_PROVIDER, s.line(),
                        TextLines.line(lines, s.line()), "ingress class " + s.text().strip());
            }
        }
    }

    /**
     * The reference without user information: a valid reference has {@code @} only before a digest,
     * after the repository path, so an {@code @} before the first {@code /} can only introduce a host
     * after credentials ({@code user:password@registry/image}), which must never become a value.
     */
    public static String withoutCredentials(String ref) {
        int at = ref.indexOf('@');
        int slash = ref.indexOf('/');
        return at >= 0 && slash > at ? ref.substring(at + 1) : ref;
    }

    /** Written, not templated, one word, of sane length. */
    public static boolean isImageReference(String ref) {
        if (ref.isEmpty() || ref.length() > MAX_IMAGE || ref.contains("{{") || ref.contains("${")) {
            return false;
        }
        return ref.chars().noneMatch(c -> c <= 0x20 || c == 0x7F);
    }
}
