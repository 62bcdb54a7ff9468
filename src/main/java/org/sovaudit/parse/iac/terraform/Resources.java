package org.sovaudit.parse.iac.terraform;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
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
 * <li>the {@code url} of a {@code data "http"} block, which Terraform fetches at plan time, as an API
 * endpoint (the parser never fetches it).</li>
 * </ul>
 * The resource type is the context, so a reviewer sees which resource holds the value.
 */
final class Resources {

    private static final Set<String> DNS = Set.of("dns_nameservers", "domain_name_servers", "dns_servers", "dns_server",
            "dns_list", "primary_dns", "secondary_dns", "dns_resolvers", "nameservers", "dns_nameserver");
    private static final Set<String> NTP = Set.of("ntp_servers", "ntp_server");
    private static final Set<String> CONTAINER_BLOCKS = Set.of("container", "init_container", "containers");

    private Resources() {
    }

    /** Reports what every top-level resource and data block names. */
    static void report(List<HclLocator.Node> body, List<String> lines, ResultBuilder out) {
        for (HclLocator.Node block : body) {
            if (block.kind() != HclLocator.Kind.BLOCK || block.labels().isEmpty()) {
                continue;
            }
            String type = block.labels().get(0).toLowerCase(Locale.ROOT);
            if (block.name().equals("resource")) {
                walk(block, type, type, lines, out);
                if (type.equals("helm_release")) {
                    chartRepository(block, lines, out);
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

    private static void walk(HclLocator.Node block, String blockName, String context, List<String> lines, ResultBuilder out) {
        for (HclLocator.Node child : block.children()) {
            if (child.kind() == HclLocator.Kind.BLOCK) {
                walk(child, child.name(), context, lines, out);
                continue;
            }
            String name = child.name().toLowerCase(Locale.ROOT);
            if (DNS.contains(name)) {
                for (HclLocator.Node value : values(child)) {
                    for (String part : value.literal().split("[,\\s]+")) {
                        Values.host(part.strip()).filter(Values.Host::ip).ifPresent(ip ->
                                out.add(ip, Role.DNS_RESOLVER, value.line(), TextLines.line(lines, value.line()), context));
                    }
                }
            } else if (NTP.contains(name)) {
                for (HclLocator.Node value : values(child)) {
                    for (String part : value.literal().split("[,\\s]+")) {
                        Endpoints.addHost(out, part, Role.NTP_SOURCE, value.line(), TextLines.line(lines, value.line()), context);
                    }
                }
            } else if (name.equals("image") && CONTAINER_BLOCKS.contains(blockName) && child.literal() != null) {
                String ref = KubernetesYamlParser.withoutCredentials(child.literal().strip());
                if (!Endpoints.templated(ref) && KubernetesYamlParser.isImageReference(ref)) {
                    out.add(ObservationKind.CONTAINER_IMAGE, ref, Role.CONTAINER_IMAGE, child.line(),
                            TextLines.line(lines, child.line()), context);
                }
            }
        }
    }

    /** The literal of a string attribute, or the plain string elements of a list attribute. */
    private static List<HclLocator.Node> values(HclLocator.Node attribute) {
        if (attribute.literal() != null) {
            return List.of(attribute);
        }
        return attribute.children().stream().filter(c -> c.literal() != null).toList();
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
