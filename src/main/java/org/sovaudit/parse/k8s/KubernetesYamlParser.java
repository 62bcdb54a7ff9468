package org.sovaudit.parse.k8s;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import org.sovaudit.parse.iac.Endpoints;
import org.sovaudit.parse.iac.ShellMirrors;
import org.sovaudit.parse.iac.tree.Tree;
import org.sovaudit.parse.iac.CloudZones;
import org.sovaudit.parse.iac.tree.TreeReader;

/**
 * Kubernetes manifests, also Helm-rendered multi-document streams ({@code helm template} output with
 * its {@code # Source:} comments). Reported are:
 * <ul>
 * <li>every {@code image} of {@code containers}, {@code initContainers} and {@code ephemeralContainers}
 * in a pod spec, wherever a workload keeps one (Pod: {@code spec}; Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, ReplicationController, Job and custom workloads with a pod template:
 * {@code spec.template.spec}; CronJob: {@code spec.jobTemplate.spec.template.spec}; PodTemplate:
 * {@code template.spec}; operators' jobs: any {@code template.spec} a few levels below the spec, as
 * Volcano's {@code tasks[]} and Kubeflow's {@code *ReplicaSpecs} keep them), also inside {@code List} items: the reference as written, trimmed;
 * templated references (<code>{{ .Values.image }}</code>) are skipped;</li>
 * <li>a StorageClass's {@code provisioner} (kind cloud-provider, role storage-location, context the
 * cloud it names when known), its {@code region}/{@code regionId} parameter and the storage
 * endpoints among its parameters ({@code url}, {@code server}, {@code endpoint}: storage locations);
 * a PersistentVolume's CSI {@code driver} and the same endpoints in its {@code volumeAttributes},
 * and its {@code nfs.server};</li>
 * <li>the {@code reference} of an image volume, as a container image;</li>
 * <li>the zones a pod's {@code nodeSelector} or node affinity, a Karpenter NodePool's or
 * Provisioner's {@code requirements}, or a StorageClass's {@code allowedTopologies} or
 * {@code zone}/{@code zones} parameters pin to ({@code topology.kubernetes.io/zone} and its beta and CSI
 * labels): each zone's region ({@link CloudZones}, by the StorageClass's cloud when known, else by
 * the zone's shape), and the AWS region inside any ARN an annotation holds;</li>
 * <li>cloud load-balancer annotations on any resource ({@code service.beta.kubernetes.io/alibaba-cloud-*},
 * {@code kubernetes.io/elb.*}, {@code service.beta.kubernetes.io/aws-load-balancer-*}, ...): the
 * cloud's provider name, once per resource, at the first such annotation; the
 * {@code alb.ingress.kubernetes.io/} prefix is the AWS Load Balancer Controller's unless an
 * annotation only Alibaba Cloud's ALB Ingress controller reads is present;</li>
 * <li>an Istio ServiceEntry's external hosts, addresses and endpoints (API endpoints); the Git, Helm
 * and OCI repositories of Argo CD Applications and Flux sources (package mirrors) and a Flux
 * Bucket's endpoint (storage location); the ACME server or Vault of a cert-manager Issuer or
 * ClusterIssuer (trust anchor);</li>
 * <li>ingress controllers: an IngressClass's {@code spec.controller} (a product the cluster runs,
 * plus the cloud when it is a cloud's controller), and an Ingress's {@code ingressClassName} or
 * {@code kubernetes.io/ingress.class} when it names a cloud's class;</li>
 * <li>settings in container {@code env} values and single-line ConfigMap {@code data}: inference
 * endpoints, API base URLs, data stores and AI models, classified by name as in {@code .env} files
 * ({@link AiSettingsParser#setting}); Secrets are never read;</li>
 * <li>a pod's {@code dnsConfig.nameservers} (DNS resolvers) and {@code hostAliases} (the pinned
 * addresses and names, API endpoints); the mirrors and URLs of container {@code command} and
 * {@code args} ({@link ShellMirrors}: mirror options and downloads as package mirrors, other URLs
 * unknown). Loopback URLs and unix sockets in settings and arguments name no party and are skipped.</li>
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
    /** How deep below a resource's spec a node selector term is looked for (a CronJob's is about 14 levels down). */
    private static final int MAX_ZONE_DEPTH = 24;
    /** How deep below a resource's spec an operator's pod template is looked for. */
    private static final int MAX_TEMPLATE_DEPTH = 6;
    /** Node labels that hold a zone (the current one and the deprecated beta label). */
    private static final List<String> ZONE_LABELS = List.of("topology.kubernetes.io/zone",
            "failure-domain.beta.kubernetes.io/zone", "topology.ebs.csi.aws.com/zone", "topology.diskplugin.csi.alibabacloud.com/zone", "topology.gke.io/zone");
    private static final List<String> STORAGE_ENDPOINT_KEYS = List.of("url", "server", "endpoint", "otsEndpoint");

    @Override
    public String id() {
        return "kubernetes-yaml";
    }

    @Override
    public String version() {
        return "5";
    }

    @Override
    public String description() {
        return "Kubernetes and Helm-rendered manifests (multi-document YAML): container images, storage provisioners, "
                + "cloud load-balancer annotations, ingress controllers, endpoints in env and ConfigMaps, pod DNS servers "
                + "and host aliases, CSI volume endpoints, mesh egress (Istio ServiceEntry), GitOps sources (Argo CD, Flux), "
                + "certificate issuers (cert-manager), regions of the zones pods and volumes are pinned to and of AWS ARNs";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.CONTAINER_IMAGE, Role.STORAGE_LOCATION, Role.CLOUD_PROVIDER, Role.CLOUD_REGION,
                Role.SOFTWARE_PACKAGE, Role.AI_ENDPOINT, Role.AI_MODEL, Role.API_ENDPOINT, Role.DNS_RESOLVER,
                Role.PACKAGE_MIRROR, Role.TRUST_ANCHOR, Role.UNKNOWN);
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
        List<Tree.MapNode> known = new java.util.ArrayList<>();
        known.add(resource.path("spec"));
        known.add(resource.path("spec", "template", "spec"));
        known.add(resource.path("spec", "jobTemplate", "spec", "template", "spec"));
        known.add(resource.path("template", "spec"));
        for (Tree.MapNode spec : known) {
            podSpec(spec, pods, lines, out);
        }
        if (resource.get("spec") instanceof Tree.MapNode spec) {
            // operators keep pod templates deeper: Volcano tasks[].template.spec, Kubeflow *ReplicaSpecs.*.template.spec
            nestedPodSpecs(spec, known, 0, pods, lines, out);
        }
        annotations(resource, lines, out);
        if (!kind.equals("StorageClass") && resource.get("spec") != null) {
            // node affinities of pod templates, Karpenter NodePool and Provisioner requirements
            zoneExpressions(resource.get("spec"), "", "node selector", new java.util.HashSet<>(), 0, lines, out);
        }
        switch (kind) {
            case "ConfigMap" -> configMap(resource, lines, out);
            case "StorageClass" -> storageClass(resource, lines, out);
            case "IngressClass" -> ingressClass(resource, lines, out);
            case "Ingress" -> ingress(resource, lines, out);
            case "PersistentVolume" -> persistentVolume(resource, lines, out);
            case "ServiceEntry" -> serviceEntry(resource, lines, out);
            case "Application", "ApplicationSet" -> argoSources(resource, lines, out);
            case "GitRepository", "HelmRepository", "OCIRepository", "Bucket" -> fluxSource(kind, resource, lines, out);
            case "Issuer", "ClusterIssuer" -> issuer(resource, lines, out);
            default -> {
                // other kinds carry nothing beyond pod specs and annotations
            }
        }
    }

    /**
     * Pod specs below a resource's spec that no well-known path reaches: any map holding a
     * {@code template.spec} with containers, at bounded depth; the well-known ones are not read twice.
     */
    private static void nestedPodSpecs(Tree.MapNode node, List<Tree.MapNode> known, int depth, int[] pods, List<String> lines,
                                       ResultBuilder out) {
        if (depth > MAX_TEMPLATE_DEPTH) {
            return;
        }
        Tree.MapNode template = node.path("template", "spec");
        if (template != null && template.get(CONTAINER_FIELDS.get(0)) instanceof Tree.ListNode
                && known.stream().noneMatch(k -> k == template)) {
            podSpec(template, pods, lines, out);
        }
        for (Tree.Node child : node.entries().values()) {
            if (child instanceof Tree.MapNode map && map != template) {
                nestedPodSpecs(map, known, depth + 1, pods, lines, out);
            } else if (child instanceof Tree.ListNode list) {
                for (Tree.Node item : list.items()) {
                    if (item instanceof Tree.MapNode map) {
                        nestedPodSpecs(map, known, depth + 1, pods, lines, out);
                    }
                }
            }
        }
    }

    private static void podSpec(Tree.MapNode spec, int[] pods, List<String> lines, ResultBuilder out) {
        if (spec == null || ++pods[0] > MAX_PODS_PER_DOCUMENT) {
            return;
        }
        Tree.MapNode selector = spec.map("nodeSelector");
        if (selector != null) {
            for (String key : ZONE_LABELS) {
                zone(selector.scalar(key), "", "nodeSelector " + key, new java.util.HashSet<>(), lines, out);
            }
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
        if (spec.get("volumes") instanceof Tree.ListNode volumes) {
            for (Tree.Node volume : volumes.items()) {
                // an image volume (Kubernetes 1.31+) mounts an OCI image's content: the image is pulled like a container's
                Tree.Scalar reference = volume instanceof Tree.MapNode v && v.get("image") instanceof Tree.MapNode image
                        ? image.scalar("reference") : null;
                if (reference != null) {
                    image(reference, "image volume", lines, out);
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
                    image(image, "", lines, out);
                }
                for (String argv : List.of("command", "args")) {
                    commandLine(Tree.scalars(c.get(argv)), lines, out);
                }
                if (c.get("env") instanceof Tree.ListNode env) {
                    for (Tree.Node item : env.items()) {
                        if (item instanceof Tree.MapNode variable && variable.scalar("value") != null
                                && !local(variable.scalar("value").text())) {
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
        List<String> keys = List.copyOf(annotations.entries().keySet());
        List<String> providers = CloudHints.annotations(keys);
        for (int i = 0; i < keys.size(); i++) {
            String provider = providers.get(i);
            if (!provider.isEmpty() && seen.add(provider)) {
                int line = annotations.entries().get(keys.get(i)).line();
                out.add(ObservationKind.CLOUD_PROVIDER, provider, Role.CLOUD_PROVIDER, line, TextLines.line(lines, line),
                        "annotation " + keys.get(i));
            }
            // an ARN (a certificate, a WAF ACL, an IAM role) says which AWS region holds what the resource uses
            if (annotations.get(keys.get(i)) instanceof Tree.Scalar value) {
                String key = keys.get(i);
                CloudZones.arnRegion(value.text()).filter(r -> seen.add("arn " + r)).ifPresent(r -> out.add(
                        ObservationKind.CLOUD_REGION, r, Role.CLOUD_REGION, value.line(), TextLines.line(lines, value.line()),
                        "aws annotation " + key));
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
            if (e.getValue() instanceof Tree.Scalar value && value.text().indexOf('\n') < 0 && !local(value.text())) {
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
        if (resource.get("allowedTopologies") != null) {
            zoneExpressions(resource.get("allowedTopologies"), provider, "allowedTopologies", new java.util.HashSet<>(), 0, lines, out);
        }
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
        // the in-tree provisioners' zone parameters: "zone: eu-west-1a", "zones: eu-west-1a, eu-west-1b"
        Set<String> seen = new java.util.HashSet<>();
        for (String key : List.of("zone", "zones")) {
            Tree.Scalar zones = parameters.scalar(key);
            if (zones != null && zones.text().length() <= 1024) {
                for (String z : zones.text().split(",")) {
                    zone(new Tree.Scalar(z, zones.line()), provider, "parameters " + key, seen, lines, out);
                }
            }
        }
        storageEndpoints(parameters, "parameters", lines, out);
    }

    /**
     * The zones a node selector term or topology names ({@code matchExpressions} or
     * {@code matchLabelExpressions} on a zone label, with their {@code values}), wherever they stand
     * under {@code node}: each zone's region, by the clouds' one zone rule ({@link CloudZones}).
     */
    private static void zoneExpressions(Tree.Node node, String provider, String context, Set<String> seen, int depth,
                                        List<String> lines, ResultBuilder out) {
        if (depth > MAX_ZONE_DEPTH) {
            return;
        }
        if (node instanceof Tree.ListNode list) {
            for (Tree.Node item : list.items()) {
                zoneExpressions(item, provider, context, seen, depth + 1, lines, out);
            }
        } else if (node instanceof Tree.MapNode map) {
            String key = map.text("key");
            if (ZONE_LABELS.contains(key)) {
                for (Tree.Scalar value : Tree.scalars(map.get("values"))) {
                    zone(value, provider, context + " " + key, seen, lines, out);
                }
                return;
            }
            for (Tree.Node child : map.entries().values()) {
                zoneExpressions(child, provider, context, seen, depth + 1, lines, out);
            }
        }
    }

    /**
     * The region of one zone label value: by the rule of {@code provider} when the resource names its
     * cloud, else by the zone's shape, with that cloud (or none, when the shape is shared) as context.
     */
    private static void zone(Tree.Scalar zone, String provider, String where, Set<String> seen, List<String> lines,
                             ResultBuilder out) {
        if (zone == null) {
            return;
        }
        Optional<CloudZones.Zone> found = provider.isEmpty() ? CloudZones.guess(zone.text())
                : CloudZones.region(provider, zone.text()).map(r -> new CloudZones.Zone(provider, r));
        found.filter(z -> seen.add(z.region())).ifPresent(z -> out.add(ObservationKind.CLOUD_REGION, z.region(), Role.CLOUD_REGION, zone.line(),
                TextLines.line(lines, zone.line()), z.provider().isEmpty() ? where : z.provider() + " " + where));
    }

    /**
     * The storage service endpoints a CSI driver is given ({@code url} of an object store such as
     * {@code oss-cn-hangzhou.aliyuncs.com}, {@code server} of a NAS, {@code endpoint}): each host, as a
     * storage location. An NFS-style {@code host:/export} names its host.
     */
    private static void storageEndpoints(Tree.MapNode attributes, String where, List<String> lines, ResultBuilder out) {
        for (String key : STORAGE_ENDPOINT_KEYS) {
            Tree.Scalar s = attributes.scalar(key);
            if (s != null) {
                String value = s.text().strip();
                int export = value.indexOf(":/");
                String host = export > 0 && !value.startsWith("http") && value.indexOf("://") < 0 ? value.substring(0, export) : value;
                Endpoints.addHost(out, host, Role.STORAGE_LOCATION, s.line(), TextLines.line(lines, s.line()), where + " " + key);
            }
        }
    }

    /**
     * A PersistentVolume bound by hand: its CSI {@code driver} (as a StorageClass provisioner is
     * reported) and the endpoints in its {@code volumeAttributes}, and the server of an {@code nfs} volume.
     */
    private static void persistentVolume(Tree.MapNode resource, List<String> lines, ResultBuilder out) {
        Tree.MapNode csi = resource.path("spec", "csi");
        Tree.Scalar driver = csi == null ? null : csi.scalar("driver");
        if (driver != null && NAME.matcher(driver.text().strip()).matches()) {
            String value = driver.text().strip().toLowerCase(Locale.ROOT);
            out.add(ObservationKind.CLOUD_PROVIDER, value, Role.STORAGE_LOCATION, driver.line(),
                    TextLines.line(lines, driver.line()), CloudHints.provisioner(value));
        }
        Tree.MapNode attributes = csi == null ? null : csi.map("volumeAttributes");
        if (attributes != null) {
            storageEndpoints(attributes, "volumeAttributes", lines, out);
        }
        Tree.MapNode nfs = resource.path("spec", "nfs");
        if (nfs != null) {
            storageEndpoints(nfs, "nfs", lines, out);
        }
    }

    /**
     * An Istio ServiceEntry outside the mesh (the default {@code location}): the external hosts,
     * addresses and endpoint addresses the mesh is allowed to call, as API endpoints ({@code *.} of a
     * wildcard host dropped).
     */
    private static void serviceEntry(Tree.MapNode resource, List<String> lines, ResultBuilder out) {
        if (!resource.text("apiVersion").startsWith("networking.istio.io/")) {
            return;
        }
        Tree.MapNode spec = resource.map("spec");
        if (spec == null || spec.text("location").equalsIgnoreCase("MESH_INTERNAL")) {
            return;
        }
        Tree.MapNode metadata = resource.map("metadata");
        String name = metadata == null ? "" : metadata.text("name");
        String context = name.isEmpty() || name.length() > MAX_NAME ? "ServiceEntry" : "ServiceEntry " + name;
        for (Tree.Scalar h : Tree.scalars(spec.get("hosts"))) {
            String host = h.text().strip();
            host = host.startsWith("*.") ? host.substring(2) : host;
            Values.hostname(host).filter(n -> n.indexOf('.') > 0).filter(n -> !Endpoints.local(new Values.Host(ObservationKind.HOSTNAME, n)))
                    .ifPresent(n -> out.add(ObservationKind.HOSTNAME, n, Role.API_ENDPOINT, h.line(), TextLines.line(lines, h.line()), context));
        }
        for (Tree.Scalar a : Tree.scalars(spec.get("addresses"))) {
            addressOrNetwork(a, Role.API_ENDPOINT, context, lines, out);
        }
        if (spec.get("endpoints") instanceof Tree.ListNode endpoints) {
            for (Tree.Node e : endpoints.items()) {
                if (e instanceof Tree.MapNode m && m.scalar("address") != null) {
                    Tree.Scalar a = m.scalar("address");
                    Endpoints.addHost(out, a.text(), Role.API_ENDPOINT, a.line(), TextLines.line(lines, a.line()), context);
                }
            }
        }
    }

    /** An address or a network ({@code 192.0.2.0/24}; a full-length prefix is the address). */
    private static void addressOrNetwork(Tree.Scalar s, Role role, String context, List<String> lines, ResultBuilder out) {
        String v = s.text().strip();
        int slash = v.indexOf('/');
        String raw = TextLines.line(lines, s.line());
        if (slash < 0) {
            Values.host(v).filter(Values.Host::ip).filter(h -> !Endpoints.local(h)).ifPresent(h -> out.add(h, role, s.line(), raw, context));
            return;
        }
        java.util.Optional<String> ip = Values.ip(v.substring(0, slash));
        String prefix = v.substring(slash + 1);
        if (ip.isEmpty() || !prefix.matches("[0-9]{1,3}")) {
            return;
        }
        int bits = Integer.parseInt(prefix);
        int max = ip.get().indexOf(':') >= 0 ? 128 : 32;
        if (bits > max) {
            return;
        }
        if (bits == max) {
            Values.host(ip.get()).filter(h -> !Endpoints.local(h)).ifPresent(h -> out.add(h, role, s.line(), raw, context));
        } else {
            out.add(ObservationKind.CIDR, ip.get() + "/" + bits, role, s.line(), raw, context);
        }
    }

    /**
     * An Argo CD Application's (or ApplicationSet template's) {@code source.repoURL} and each of its
     * {@code sources}, and the git generators' {@code repoURL}: the Git or Helm repositories the
     * cluster's workloads come from, as package mirrors (context the chart or path).
     */
    private static void argoSources(Tree.MapNode resource, List<String> lines, ResultBuilder out) {
        if (!resource.text("apiVersion").startsWith("argoproj.io/")) {
            return;
        }
        for (Tree.MapNode spec : java.util.Arrays.asList(resource.map("spec"), resource.path("spec", "template", "spec"))) {
            if (spec == null) {
                continue;
            }
            List<Tree.Node> sources = new java.util.ArrayList<>();
            sources.add(spec.get("source"));
            if (spec.get("sources") instanceof Tree.ListNode list) {
                sources.addAll(list.items());
            }
            for (Tree.Node source : sources) {
                if (source instanceof Tree.MapNode m && m.scalar("repoURL") != null) {
                    String what = !m.text("chart").isEmpty() ? "chart " + m.text("chart") : !m.text("path").isEmpty() ? "path " + m.text("path") : "";
                    repository(m.scalar("repoURL"), ("argocd " + what).strip(), lines, out);
                }
            }
        }
        if (resource.path("spec") != null && resource.path("spec").get("generators") instanceof Tree.ListNode generators) {
            for (Tree.Node g : generators.items()) {
                Tree.MapNode git = g instanceof Tree.MapNode m ? m.map("git") : null;
                if (git != null && git.scalar("repoURL") != null) {
                    repository(git.scalar("repoURL"), "argocd generator", lines, out);
                }
            }
        }
    }

    /** A Flux source: the Git, Helm or OCI repository it pulls ({@code spec.url}), or the bucket's endpoint. */
    private static void fluxSource(String kind, Tree.MapNode resource, List<String> lines, ResultBuilder out) {
        if (!resource.text("apiVersion").startsWith("source.toolkit.fluxcd.io/")) {
            return;
        }
        Tree.MapNode spec = resource.map("spec");
        if (spec == null) {
            return;
        }
        if (kind.equals("Bucket")) {
            Tree.Scalar endpoint = spec.scalar("endpoint");
            if (endpoint != null) {
                Endpoints.addHost(out, endpoint.text(), Role.STORAGE_LOCATION, endpoint.line(),
                        TextLines.line(lines, endpoint.line()), "flux Bucket");
            }
            return;
        }
        if (spec.scalar("url") != null) {
            repository(spec.scalar("url"), "flux " + kind, lines, out);
        }
    }

    /** A repository URL, also {@code git@host:org/repo} (read as SSH), as a package mirror. */
    private static void repository(Tree.Scalar url, String context, List<String> lines, ResultBuilder out) {
        String v = url.text().strip();
        if (v.startsWith("git@") && v.indexOf(':') > 4) {
            v = "ssh://" + v.substring(4).replaceFirst(":", "/");
        }
        Endpoints.add(out, v, Role.PACKAGE_MIRROR, url.line(), TextLines.line(lines, url.line()), context);
    }

    /**
     * A cert-manager Issuer or ClusterIssuer: the ACME server ({@code spec.acme.server}) or Vault
     * ({@code spec.vault.server}) that issues the cluster's certificates, as a trust anchor.
     */
    private static void issuer(Tree.MapNode resource, List<String> lines, ResultBuilder out) {
        if (!resource.text("apiVersion").startsWith("cert-manager.io/")) {
            return;
        }
        for (String issuer : List.of("acme", "vault")) {
            Tree.MapNode config = resource.path("spec", issuer);
            Tree.Scalar server = config == null ? null : config.scalar("server");
            if (server != null) {
                Endpoints.add(out, server.text(), Role.TRUST_ANCHOR, server.line(), TextLines.line(lines, server.line()),
                        "cert-manager " + issuer);
            }
        }
    }

    /** A container or volume image reference, credentials dropped, templated ones skipped. */
    private static void image(Tree.Scalar image, String context, List<String> lines, ResultBuilder out) {
        String ref = withoutCredentials(image.text().strip());
        if (isImageReference(ref)) {
            out.add(ObservationKind.CONTAINER_IMAGE, ref, Role.CONTAINER_IMAGE, image.line(), TextLines.line(lines, image.line()), context);
        }
    }

    /** A setting whose value is this very machine (a loopback URL, a unix socket) names no party. */
    private static boolean local(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.startsWith("unix:") || v.startsWith("npipe:") || Endpoints.localUrl(v);
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

    /**
     * The cloud a storage provisioner or CSI driver name belongs to, as a Terraform provider local
     * name ({@code kubernetes.io/azure-disk} is {@code azurerm}), or "" when it names no cloud.
     */
    public static String provisionerCloud(String provisioner) {
        return CloudHints.provisioner(provisioner);
    }

    /** Written, not templated, one word, of sane length. */
    public static boolean isImageReference(String ref) {
        if (ref.isEmpty() || ref.length() > MAX_IMAGE || ref.contains("{{") || ref.contains("${")) {
            return false;
        }
        return ref.chars().noneMatch(c -> c <= 0x20 || c == 0x7F);
    }
}
