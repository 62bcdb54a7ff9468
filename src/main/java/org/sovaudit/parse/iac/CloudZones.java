package org.sovaudit.parse.iac;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule, per cloud, that names the region an availability zone belongs to, and the region
 * inside an AWS ARN. Clouds are named by their Terraform provider local names ({@code aws},
 * {@code google}, {@code alicloud}, {@code huaweicloud}, {@code tencentcloud}, {@code yandex}, {@code hcloud}, {@code oci}).
 * Azure's zones as Terraform writes them ({@code 1}, {@code 2}, {@code 3}) name no region; as AKS labels
 * its nodes ({@code westeurope-1}) they do.
 */
public final class CloudZones {

    /** Where a zone's cloud is known by its shape alone, the cloud; see {@link #guess}. */
    public record Zone(String provider, String region) {
    }

    private static final int MAX_LENGTH = 64;
    /** {@code us-west4-b} in {@code us-west4}; {@code europe-west1-c} in {@code europe-west1}. */
    private static final Pattern GOOGLE = Pattern.compile("([a-z]+-[a-z]+[0-9]+)-[a-z]");
    /** {@code eu-west-1a} in {@code eu-west-1}; {@code us-gov-west-1b}; local zones {@code us-east-1-bos-1a}. */
    private static final Pattern AWS = Pattern.compile("([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9])(?:[a-z]|-[a-z]{3}-[0-9][a-z])");
    /** {@code cn-hangzhou-h} and {@code ap-southeast-1a} in {@code cn-hangzhou} and {@code ap-southeast-1}. */
    private static final Pattern ALIBABA = Pattern.compile("([a-z]{2}-[a-z]+(?:-[0-9])?)(?:-[a-z]|[a-z])");
    /** {@code cn-north-4a} in {@code cn-north-4}; {@code ap-southeast-1b}. */
    private static final Pattern HUAWEI = Pattern.compile("([a-z]{2}-[a-z]+-[0-9]{1,2})[a-z]");
    /** {@code ap-guangzhou-3} in {@code ap-guangzhou}; {@code na-siliconvalley-1}. */
    private static final Pattern TENCENT = Pattern.compile("([a-z]{2}-[a-z]+)-[0-9]{1,2}");
    /** AKS node labels: {@code westeurope-1} in {@code westeurope}. */
    private static final Pattern AZURE_LABEL = Pattern.compile("([a-z]+[0-9]?)-[1-9]");
    /** An Azure region id names a compass point or "central" ({@code uksouth}, {@code germanywestcentral}). */
    private static final Pattern AZURE_REGION = Pattern.compile("[a-z]*(?:east|west|north|south|central)[a-z]*[0-9]?");
    /** Hetzner data centres: {@code hel1-dc2} in location {@code hel1}. */
    private static final Pattern HETZNER = Pattern.compile("([a-z]{3}[0-9]?)-dc[0-9]{1,2}");
    /** Oracle availability domains: {@code Uocm:PHX-AD-1} names no region id, {@code eaWm:AP-SYDNEY-1-AD-1} names {@code ap-sydney-1}. */
    private static final Pattern ORACLE = Pattern.compile("(?:[a-z0-9]{4}:)?([a-z]{2}-[a-z]+-[0-9])-ad-[0-9]");
    /** {@code ru-central1-a} in {@code ru-central1}. */
    private static final Pattern YANDEX = Pattern.compile("(ru-central[0-9])-[a-z]");
    /** Region ids outside China that Alibaba Cloud or Huawei Cloud also use, in AWS's spelling. */
    private static final Pattern SHARED_IDS = Pattern.compile(
            "us-east-1|us-west-1|eu-central-1|eu-west-1|ap-northeast-[12]|ap-south-1|ap-southeast-[0-9]|me-[a-z]+-1|af-south-1"
                    + "|(?:la|sa|na|tr|ru)-[a-z]+-[0-9]");
    /** {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}. */
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws(?:-cn|-us-gov|-iso|-iso-b)?):[a-z0-9-]{1,40}:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]):[0-9]{0,12}:");

    private CloudZones() {
    }

    /** The region of a zone of a known cloud, when that cloud's zone names contain the region's name. */
    public static Optional<String> region(String provider, String zone) {
        String z = zone.strip().toLowerCase(Locale.ROOT);
        if (z.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Pattern p = switch (provider) {
            case "aws" -> AWS;
            case "google" -> GOOGLE;
            case "alicloud" -> ALIBABA;
            case "huaweicloud" -> HUAWEI;
            case "tencentcloud" -> TENCENT;
            case "yandex" -> YANDEX;
            case "azurerm" -> AZURE_LABEL;
            case "hcloud" -> HETZNER;
            case "oci" -> ORACLE;
            default -> null;
        };
        if (p == null) {
            return Optional.empty();
        }
        Matcher m = p.matcher(z);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The region of a zone whose cloud is unknown (a Kubernetes node label), when the shape names one
     * cloud only: Google's {@code -a} after a digit, Yandex's {@code ru-central1-a}, Tencent's
     * {@code ap-guangzhou-3}, Alibaba's {@code cn-hangzhou-h}, Azure's {@code westeurope-2}, AWS's {@code us-east-2a}. Alibaba Cloud and
     * Huawei Cloud also write zones as AWS does ({@code cn-north-4a}, {@code us-east-1a},
     * {@code ap-southeast-1a}); a region id more than one of them uses keeps its region with no cloud.
     */
    public static Optional<Zone> guess(String zone) {
        String z = zone.strip().toLowerCase(Locale.ROOT);
        if (z.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m;
        if ((m = YANDEX.matcher(z)).matches()) {
            return Optional.of(new Zone("yandex", m.group(1)));
        }
        if ((m = GOOGLE.matcher(z)).matches()) {
            return Optional.of(new Zone("google", m.group(1)));
        }
        if ((m = TENCENT.matcher(z)).matches()) {
            return Optional.of(new Zone("tencentcloud", m.group(1)));
        }
        if ((m = AZURE_LABEL.matcher(z)).matches() && AZURE_REGION.matcher(m.group(1)).matches()) {
            return Optional.of(new Zone("azurerm", m.group(1)));
        }
        if ((m = AWS.matcher(z)).matches()) {
            String region = m.group(1);
            boolean shared = region.startsWith("cn-") || SHARED_IDS.matcher(region).matches();
            return Optional.of(new Zone(shared ? "" : "aws", region));
        }
        if ((m = ALIBABA.matcher(z)).matches() && z.startsWith("cn-")) {
            return Optional.of(new Zone("alicloud", m.group(1)));
        }
        return Optional.empty();
    }

    /**
     * The region named inside an AWS ARN anywhere in {@code text} ({@code arn:aws:acm:eu-west-1:...},
     * {@code arn:aws-cn:...} for China, {@code arn:aws-us-gov:...} for GovCloud); global services
     * (an empty region field) name none.
     */
    public static Optional<String> arnRegion(String text) {
        if (text.length() > 4096 || !text.contains("arn:aws")) {
            return Optional.empty();
        }
        Matcher m = ARN.matcher(text);
        return m.find() ? Optional.of(m.group(2)) : Optional.empty();
    }
}
