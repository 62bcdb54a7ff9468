package org.sovaudit.parse.iac.terraform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.iac.CloudZones;
import org.sovaudit.parse.iac.Endpoints;
import org.sovaudit.parse.k8s.KubernetesYamlParser;

/**
 * What the literal attributes of {@code resource} and {@code data} blocks (and the blocks nested in
 * them) say about the ministry's dependencies, whatever the provider:
 * <ul>
 * <li>DNS servers handed to networks and hosts ({@code dns_nameservers}, {@code domain_name_servers},
 * {@code dns_servers}, {@code dns_list}, {@code primary_dns}, {@code secondary_dns} ...): each IP
 * address, also from a comma-separated string, as a DNS resolver; names such as
 * {@code AmazonProvidedDNS} are not addresses and are skipped;</li>
 * <li>NTP servers ({@code ntp_servers}, {@code ntp_server}): addresses and host names, as NTP sources;</li>
 * <li>the chart repository of a {@code helm_release} (or its chart, when that is a URL), as a package
 * mirror with the chart as context;</li>
 * <li>the {@code image} of a {@code container} or {@code init_container} block (Kubernetes, Cloud Run,
 * Azure container groups ...), as a container image;</li>
 * <li>the {@code storage_provisioner} of a {@code kubernetes_storage_class}, as a StorageClass
 * manifest's provisioner is read (a storage location, with the cloud it names);</li>
 * <li>the {@code url} of a {@code data "http"} block, which Terraform fetches at plan time, as an API
 * endpoint (the parser never fetches it; a loopback URL names no party and is skipped);</li>
 * <li>a literal {@code region} set on a resource itself (Huawei Cloud, Google, multi-region AWS) and
 * the {@code location} of an Azure, Google or Hetzner resource, the regions of literal zones
 * ({@code availability_zone}, {@code zone}, {@code zones}, Hetzner's {@code datacenter}, Oracle's {@code availability_domain}) by the clouds' one
 * zone rule, and the AWS region inside a literal ARN, as cloud regions with the provider the
 * resource type names ({@code azurerm_resource_group} is {@code azurerm}); Azure's display names
 * ({@code West Europe}) are written as its region ids ({@code westeurope});</li>
 * <li>the literal defaults of {@code variable} blocks and the values of a {@code .tfvars} file whose
 * names say what they are: regions ({@code region}, {@code *_region}, {@code region_name},
 * {@code location}, and any variable a provider block takes its region from, with that provider
 * as context, else none: the value names it), DNS and NTP servers as above,
 * zones ({@code availability_zone}, {@code *_zones}, {@code availability_zone_first} ...: the region of
 * each zone whose shape names one, {@link CloudZones#guess}), and endpoints ({@code endpoint},
 * {@code *_endpoint}, {@code *_url}) as API endpoints; whatever their names, the AWS regions inside
 * literal ARNs.</li>
 * </ul>
 * The resource type is the context, so a reviewer sees which resource holds the value.
 */
final class Resources {

    private static final Set<String> DNS = Set.of("dns_nameservers", "domain_name_servers", "dns_servers", "dns_server",
            "dns_list", "primary_dns", "secondary_dns", "dns_resolvers", "nameservers", "dns_nameserver");
    private static final Set<String> NTP = Set.of("ntp_servers", "ntp_server");
    /** Providers whose resources name their region {@code location} (Hetzner calls it a location: {@code fsn1}). */
    private static final Set<String> LOCATED = Set.of("azurerm", "google", "hcloud");
    private static final Set<String> ZONE_NAMES = Set.of("datacenter", "availability_domain", "availability_zone", "availability_zones", "zone", "zones", "zone_id",
            "node_locations", "master_zone_id", "slave_zone_id");
    private static final Pattern PROVISIONER = Pattern.compile("[a-z0-9](?:[a-z0-9._/-]{0,252})");
    private static final Set<String> CONTAINER_BLOCKS = Set.of("container", "init_container", "containers");
    /** Variable names that hold zones: {@code availability_zone}, {@code zones}, {@code availability_zone_first}, {@code az_list}. */
    private static final Pattern ZONE_VARIABLES = Pattern.compile(
            "(?:[a-z0-9_]*_)?(?:availability_zones?|zones?|azs?)(?:_[a-z0-9]+)?");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,63})");
    /** Variable names that hold a region: {@code region}, {@code *_region}, {@code region_name}, {@code *_region_name}, {@code location}. */
    private static final Pattern REGION_NAMES = Pattern.compile("(?:[a-z0-9_]*_)?region(?:_name|_id)?|location");

    private Resources() {
    }

    /**
     * Reports what every top-level resource, data and variable block names; {@code regionVariables}
     * maps a variable a provider block takes its region from to that provider's type.
     */
    static void report(List<HclLocator.Node> body, Map<String, String> regionVariables, List<String> lines, ResultBuilder out) {
        for (HclLocator.Node block : body) {
            if (block.kind() != HclLocator.Kind.BLOCK || block.labels().isEmpty()) {
                continue;
            }
            String type = block.labels().get(0).toLowerCase(Locale.ROOT);
            if (block.name().equals("variable")) {
                HclLocator.Node value = block.attribute("default");
                if (value != null) {
                    named(type, value, "variable " + type, regionVariables.getOrDefault(block.labels().get(0), ""), lines, out);
                    arnRegions(value, lines, out);
                }
                continue;
            }
            if (block.name().equals("resource") || block.name().equals("data")) {
                region(block, type, lines, out);
            }
            if (block.name().equals("resource")) {
                walk(block, type, type, lines, out);
                if (type.equals("helm_release")) {
                    chartRepository(block, lines, out);
                } else if (type.equals("kubernetes_storage_class") || type.equals("kubernetes_storage_class_v1")) {
                    storageProvisioner(block, lines, out);
                }
            } else if (block.name().equals("data")) {
                walk(block, type, "data " + type, lines, out);
                HclLocator.Node url = block.attribute("url");
                if (type.equals("http") && url != null && url.literal() != null) {
                    Endpoints.add(out, url.literal(), Role.API_ENDPOINT, url.line(), TextLines.line(lines, url.line()), "data http");
                }
            }
        }
    }

    /** The values of a {@code .tfvars} file: top-level attributes read by their names, as variable defaults are. */
    static void variableValues(List<HclLocator.Node> body, List<String> lines, ResultBuilder out) {
        for (HclLocator.Node attribute : body) {
            if (attribute.kind() == HclLocator.Kind.ATTRIBUTE) {
                String name = attribute.name().toLowerCase(Locale.ROOT);
                named(name, attribute, "tfvars " + name, "", lines, out);
                arnRegions(attribute, lines, out);
            }
        }
    }

    /** A value known by its variable's name: a region, DNS or NTP servers, an endpoint; anything else says nothing. */
    private static void named(String name, HclLocator.Node value, String context, String provider, List<String> lines,
                              ResultBuilder out) {
        if (REGION_NAMES.matcher(name).matches() || !provider.isEmpty()) {
            if (value.literal() != null) {
                regionValue(value, name.equals("location") ? "azurerm-or-google" : provider, provider, lines, out);
            }
        } else if (DNS.contains(name) || NTP.contains(name)) {
            servers(name, value, context, lines, out);
        } else if (ZONE_VARIABLES.matcher(name).matches()) {
            // a zone's cloud is known only by its shape here
            Set<String> seen = new java.util.HashSet<>();
            for (HclLocator.Node zone : values(value)) {
                CloudZones.guess(zone.literal()).filter(z -> seen.add(z.region())).ifPresent(z -> out.add(ObservationKind.CLOUD_REGION,
                        z.region(), Role.CLOUD_REGION, zone.line(), TextLines.line(lines, zone.line()), z.provider()));
            }
        } else if (TerraformParser.endpointName(name) && value.literal() != null) {
            Endpoints.add(out, value.literal(), Role.API_ENDPOINT, value.line(), TextLines.line(lines, value.line()), context);
        }
    }

    /**
     * A resource's own literal {@code region} (any provider), or the {@code location} of an Azure or
     * Google resource: the region where it lives, with the provider its type names.
     */
    private static void region(HclLocator.Node block, String type, List<String> lines, ResultBuilder out) {
        int underscore = type.indexOf('_');
        if (underscore <= 0) {
            return;
        }
        String provider = type.substring(0, underscore);
        HclLocator.Node region = block.attribute("region");
        if (region != null && region.literal() != null) {
            regionValue(region, provider, provider, lines, out);
        }
        HclLocator.Node location = block.attribute("location");
        boolean located = location != null && location.literal() != null && LOCATED.contains(provider);
        if (located) {
            regionValue(location, provider, provider, lines, out);
        }
        if ((region == null || region.literal() == null) && !located) {
            zones(block, provider, lines, out);
        }
    }

    /**
     * The regions of a resource's literal zones ({@code availability_zone}, {@code zone}, {@code zones},
     * {@code availability_zones}, also in nested blocks such as a node pool's), by the clouds' one
     * zone rule, once per region per resource.
     */
    private static void zones(HclLocator.Node block, String provider, List<String> lines, ResultBuilder out) {
        Set<String> seen = new java.util.HashSet<>();
        zones(block, provider, seen, 0, lines, out);
    }

    private static void zones(HclLocator.Node block, String provider, Set<String> seen, int depth, List<String> lines,
                              ResultBuilder out) {
        for (HclLocator.Node child : block.children()) {
            if (child.kind() == HclLocator.Kind.BLOCK) {
                if (depth < 4) {
                    zones(child, provider, seen, depth + 1, lines, out);
                }
                continue;
            }
            if (!ZONE_NAMES.contains(child.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (HclLocator.Node value : values(child)) {
                CloudZones.region(provider, value.literal()).filter(seen::add).ifPresent(r -> out.add(ObservationKind.CLOUD_REGION,
                        r, Role.CLOUD_REGION, value.line(), TextLines.line(lines, value.line()), provider));
            }
        }
    }

    /**
     * Records a region literal; Azure's and Google's are lower-cased and Azure's blanks dropped
     * ({@code West US 2} is {@code westus2}). {@code style} names whose spelling rules apply
     * ({@code azurerm-or-google} for a bare {@code location} variable).
     */
    private static void regionValue(HclLocator.Node value, String style, String context, List<String> lines, ResultBuilder out) {
        String r = value.literal().strip();
        if (style.equals("azurerm") || style.equals("google") || style.equals("azurerm-or-google")) {
            r = r.toLowerCase(Locale.ROOT).replace(" ", "");
        }
        if (REGION.matcher(r).matches()) {
            out.add(ObservationKind.CLOUD_REGION, r, Role.CLOUD_REGION, value.line(), TextLines.line(lines, value.line()), context);
        }
    }

    /** DNS or NTP servers named by an attribute ({@code name}), from a string or a list of strings. */
    private static void servers(String name, HclLocator.Node attribute, String context, List<String> lines, ResultBuilder out) {
        boolean dns = DNS.contains(name);
        for (HclLocator.Node value : values(attribute)) {
            for (String part : value.literal().split("[,\\s]+")) {
                if (dns) {
                    Values.host(part.strip()).filter(Values.Host::ip).filter(ip -> !Endpoints.local(ip)).ifPresent(ip ->
                            out.add(ip, Role.DNS_RESOLVER, value.line(), TextLines.line(lines, value.line()), context));
                } else {
                    Endpoints.addHost(out, part, Role.NTP_SOURCE, value.line(), TextLines.line(lines, value.line()), context);
                }
            }
        }
    }

    private static void walk(HclLocator.Node block, String blockName, String context, List<String> lines, ResultBuilder out) {
        for (HclLocator.Node child : block.children()) {
            if (child.kind() == HclLocator.Kind.BLOCK) {
                walk(child, child.name(), context, lines, out);
                continue;
            }
            String name = child.name().toLowerCase(Locale.ROOT);
            arnRegions(child, lines, out);
            if (DNS.contains(name) || NTP.contains(name)) {
                servers(name, child, context, lines, out);
            } else if (name.equals("image") && CONTAINER_BLOCKS.contains(blockName) && child.literal() != null) {
                String ref = KubernetesYamlParser.withoutCredentials(child.literal().strip());
                if (!Endpoints.templated(ref) && KubernetesYamlParser.isImageReference(ref)) {
                    out.add(ObservationKind.CONTAINER_IMAGE, ref, Role.CONTAINER_IMAGE, child.line(),
                            TextLines.line(lines, child.line()), context);
                }
            }
        }
    }

    /** The AWS region inside each literal ARN of an attribute ({@code arn:aws:sns:eu-west-1:...}). */
    static void arnRegions(HclLocator.Node attribute, List<String> lines, ResultBuilder out) {
        for (HclLocator.Node value : values(attribute)) {
            CloudZones.arnRegion(value.literal()).ifPresent(r -> out.add(ObservationKind.CLOUD_REGION, r, Role.CLOUD_REGION,
                    value.line(), TextLines.line(lines, value.line()), "aws arn"));
        }
    }

    /** The literal of a string attribute, or the plain string elements of a list attribute. */
    private static List<HclLocator.Node> values(HclLocator.Node attribute) {
        if (attribute.literal() != null) {
            return List.of(attribute);
        }
        return attribute.children().stream().filter(c -> c.literal() != null).toList();
    }

    /**
     * The provisioner of a storage class the Kubernetes provider creates, as a StorageClass manifest's
     * is read: the CSI driver or in-tree plugin, a storage location, with the cloud it names.
     */
    private static void storageProvisioner(HclLocator.Node storageClass, List<String> lines, ResultBuilder out) {
        HclLocator.Node provisioner = storageClass.attribute("storage_provisioner");
        if (provisioner == null || provisioner.literal() == null || Endpoints.templated(provisioner.literal())) {
            return;
        }
        String value = provisioner.literal().strip().toLowerCase(Locale.ROOT);
        if (PROVISIONER.matcher(value).matches()) {
            out.add(ObservationKind.CLOUD_PROVIDER, value, Role.STORAGE_LOCATION, provisioner.line(),
                    TextLines.line(lines, provisioner.line()), KubernetesYamlParser.provisionerCloud(value));
        }
    }

    private static void chartRepository(HclLocator.Node release, List<String> lines, ResultBuilder out) {
        HclLocator.Node repository = release.attribute("repository");
        HclLocator.Node chart = release.attribute("chart");
        if (repository == null && chart != null && chart.literal() != null && chart.literal().contains("://")) {
            // a chart given by its URL, without a repository
            Endpoints.add(out, chart.literal(), Role.PACKAGE_MIRROR, chart.line(), TextLines.line(lines, chart.line()), "helm chart");
            return;
        }
        if (repository == null || repository.literal() == null) {
            return;
        }
        String context = chart != null && chart.literal() != null ? "helm chart " + chart.literal().strip() : "helm chart";
        Endpoints.add(out, repository.literal(), Role.PACKAGE_MIRROR, repository.line(),
                TextLines.line(lines, repository.line()), context);
    }
}
