package org.sovaudit.parse.iac.terraform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.iac.Endpoints;

/**
 * Where Terraform keeps its state: the {@code backend} block of a {@code terraform} block, or its
 * {@code cloud} block. Everything is reported with the role storage-location:
 * <ul>
 * <li>the cloud the backend type implies ({@code s3}: aws, {@code oss}: alicloud, {@code gcs}: google,
 * {@code azurerm}: azurerm, {@code cos}: tencentcloud), unless an S3 backend has an endpoint of its own
 * (an S3-compatible store of another cloud), as a cloud-provider value with context {@code backend <type>};</li>
 * <li>the bucket as a URL ({@code s3://bucket}, {@code oss://}, {@code gs://}, {@code cos://}), and for
 * azurerm the blob container URL {@code https://<account>.blob.core.windows.net/<container>};</li>
 * <li>the literal {@code region}, with the implied cloud as context;</li>
 * <li>literal endpoints ({@code endpoint}, {@code *_endpoint}, the items of {@code endpoints}),
 * {@code address} (http, consul), {@code conn_str} (pg, credentials dropped) and the host of a remote
 * or cloud block ({@code app.terraform.io} when none is written).</li>
 * </ul>
 */
final class Backends {

    private static final Map<String, String> PROVIDER = Map.of(
            "s3", "aws", "oss", "alicloud", "gcs", "google", "azurerm", "azurerm", "cos", "tencentcloud");
    private static final Map<String, String> BUCKET_SCHEME = Map.of(
            "s3", "s3", "oss", "oss", "gcs", "gs", "cos", "cos");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,63})");
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]");
    private static final String TERRAFORM_CLOUD = "app.terraform.io";

    private Backends() {
    }

    static void report(HclLocator.Node terraform, List<String> lines, ResultBuilder out) {
        for (HclLocator.Node backend : terraform.blocks("backend")) {
            if (backend.labels().size() == 1) {
                backend(backend.labels().get(0).toLowerCase(Locale.ROOT), backend, lines, out);
            }
        }
        for (HclLocator.Node cloud : terraform.blocks("cloud")) {
            hostOf(cloud, "terraform cloud", lines, out);
        }
    }

    private static void backend(String type, HclLocator.Node block, List<String> lines, ResultBuilder out) {
        String context = "backend " + type;
        boolean ownEndpoint = false;
        for (HclLocator.Node child : block.children()) {
            if (child.kind() != HclLocator.Kind.ATTRIBUTE) {
                continue;
            }
            if (child.name().equals("endpoints")) {
                for (HclLocator.Node item : child.children()) {
                    ownEndpoint |= item.literal() != null
                            && Endpoints.add(out, item.literal(), Role.STORAGE_LOCATION, item.line(), TextLines.line(lines, item.line()), context);
                }
            } else if (child.literal() != null && (child.name().equals("endpoint") || child.name().endsWith("_endpoint"))) {
                ownEndpoint |= Endpoints.add(out, child.literal(), Role.STORAGE_LOCATION, child.line(),
                        TextLines.line(lines, child.line()), context);
            }
        }
        for (HclLocator.Node child : block.blocks("endpoints")) {
            for (HclLocator.Node item : child.children()) {
                ownEndpoint |= item.literal() != null
                        && Endpoints.add(out, item.literal(), Role.STORAGE_LOCATION, item.line(), TextLines.line(lines, item.line()), context);
            }
        }
        // an S3 backend with an endpoint of its own is another cloud's S3-compatible store
        String provider = ownEndpoint && type.equals("s3") ? "" : PROVIDER.getOrDefault(type, "");
        if (!provider.isEmpty()) {
            out.add(ObservationKind.CLOUD_PROVIDER, provider, Role.STORAGE_LOCATION, block.line(),
                    TextLines.line(lines, block.line()), context);
        }
        literal(block, "bucket").ifPresent(bucket -> {
            String scheme = BUCKET_SCHEME.get(type);
            if (scheme != null) {
                Values.url(scheme + "://" + bucket.literal().strip()).ifPresent(u -> out.add(ObservationKind.URL, u.value(),
                        Role.STORAGE_LOCATION, bucket.line(), TextLines.line(lines, bucket.line()), context));
            }
        });
        literal(block, "region").ifPresent(region -> {
            String r = region.literal().strip();
            if (REGION.matcher(r).matches()) {
                out.add(ObservationKind.CLOUD_REGION, r, Role.STORAGE_LOCATION, region.line(),
                        TextLines.line(lines, region.line()), provider);
            }
        });
        switch (type) {
            case "azurerm" -> azureContainer(block, lines, out, context);
            case "remote" -> hostOf(block, context, lines, out);
            case "http", "consul" -> literal(block, "address").ifPresent(a -> Endpoints.add(out, a.literal(),
                    Role.STORAGE_LOCATION, a.line(), TextLines.line(lines, a.line()), context));
            case "pg" -> literal(block, "conn_str").ifPresent(a -> Endpoints.add(out, a.literal(),
                    Role.STORAGE_LOCATION, a.line(), TextLines.line(lines, a.line()), context));
            default -> {
                // the bucket, region and endpoints above are all the other backends name
            }
        }
    }

    private static void azureContainer(HclLocator.Node block, List<String> lines, ResultBuilder out, String context) {
        Optional<HclLocator.Node> account = literal(block, "storage_account_name");
        Optional<HclLocator.Node> container = literal(block, "container_name");
        if (account.isEmpty()) {
            return;
        }
        String a = account.get().literal().strip().toLowerCase(Locale.ROOT);
        if (!ACCOUNT.matcher(a).matches()) {
            return;
        }
        String c = container.map(n -> n.literal().strip().toLowerCase(Locale.ROOT)).filter(n -> CONTAINER.matcher(n).matches()).orElse("");
        int line = account.get().line();
        out.add(ObservationKind.URL, "https://" + a + ".blob.core.windows.net/" + c, Role.STORAGE_LOCATION, line,
                TextLines.line(lines, line), context);
    }

    private static void hostOf(HclLocator.Node block, String context, List<String> lines, ResultBuilder out) {
        Optional<HclLocator.Node> hostname = literal(block, "hostname");
        if (hostname.isPresent()) {
            Endpoints.addHost(out, hostname.get().literal(), Role.STORAGE_LOCATION, hostname.get().line(),
                    TextLines.line(lines, hostname.get().line()), context);
        } else {
            out.add(ObservationKind.HOSTNAME, TERRAFORM_CLOUD, Role.STORAGE_LOCATION, block.line(),
                    TextLines.line(lines, block.line()), context);
        }
    }

    private static Optional<HclLocator.Node> literal(HclLocator.Node block, String name) {
        HclLocator.Node n = block.attribute(name);
        return n == null || n.literal() == null || n.literal().isBlank() ? Optional.empty() : Optional.of(n);
    }
}
