package org.sovaudit.parse.k8s;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which cloud a Kubernetes resource binds to, read from the names clouds give their storage
 * provisioners, load-balancer annotations and ingress controllers. Answers a provider local name
 * as Terraform spells it ({@code alicloud}, {@code huaweicloud}, {@code aws}, {@code azurerm},
 * {@code google}, {@code tencentcloud}), or "" when the name is not a cloud's.
 */
final class CloudHints {

    private record Hint(String prefix, String provider) {
    }

    /**
     * The AWS Load Balancer Controller's annotation prefix, which Alibaba Cloud's ALB Ingress
     * controller took over for its own annotations: see {@link #annotations}.
     */
    private static final String ALB_PREFIX = "alb.ingress.kubernetes.io/";

    /**
     * Annotations (after {@link #ALB_PREFIX}) that only Alibaba Cloud's ALB Ingress controller reads;
     * the AWS controller has none of them (its health checks, for one, have no enable switch or method).
     */
    private static final java.util.Set<String> ALIBABA_ALB_KEYS = java.util.Set.of("healthcheck-enabled", "healthcheck-method",
            "healthcheck-httpcode", "healthcheck-code", "healthcheck-httpversion", "healthcheck-connect-port", "rewrite-target",
            "order", "canary", "canary-by-header", "canary-by-header-value", "canary-by-cookie", "canary-weight", "sticky-session",
            "sticky-session-type", "cookie-timeout", "backend-scheduler", "traffic-limit-qps", "use-regex", "address-type",
            "vswitch-ids", "enable-cors", "cross-domain");

    /** Annotation key prefixes of cloud controller managers and load-balancer controllers. */
    private static final List<Hint> ANNOTATIONS = List.of(
            new Hint("service.beta.kubernetes.io/alibaba-cloud-", "alicloud"),
            new Hint("service.beta.kubernetes.io/alicloud-", "alicloud"),
            new Hint(ALB_PREFIX, "aws"),
            new Hint("kubernetes.io/elb.", "huaweicloud"),
            new Hint("service.beta.kubernetes.io/aws-load-balancer-", "aws"),
            new Hint("service.kubernetes.io/aws-load-balancer-", "aws"),
            new Hint("eks.amazonaws.com/", "aws"),
            new Hint("service.beta.kubernetes.io/azure-", "azurerm"),
            new Hint("appgw.ingress.kubernetes.io/", "azurerm"),
            new Hint("cloud.google.com/", "google"),
            new Hint("networking.gke.io/", "google"),
            new Hint("iam.gke.io/", "google"),
            new Hint("service.kubernetes.io/qcloud-", "tencentcloud"),
            new Hint("service.cloud.tencent.com/", "tencentcloud"));

    /** CSI drivers and in-tree provisioners, by exact name. */
    private static final Map<String, String> PROVISIONERS = Map.ofEntries(
            Map.entry("everest-csi-provisioner", "huaweicloud"),
            Map.entry("flexvolume-huawei.com/fuxidisk", "huaweicloud"),
            Map.entry("flexvolume-huawei.com/fuxinfs", "huaweicloud"),
            Map.entry("kubernetes.io/aws-ebs", "aws"),
            Map.entry("kubernetes.io/azure-disk", "azurerm"),
            Map.entry("kubernetes.io/azure-file", "azurerm"),
            Map.entry("kubernetes.io/gce-pd", "google"),
            Map.entry("alicloud/disk", "alicloud"),
            Map.entry("alicloud/nas", "alicloud"),
            Map.entry("kubernetes.io/cinder", "openstack"));

    /** Domain suffixes of CSI driver names. */
    private static final List<Hint> PROVISIONER_SUFFIXES = List.of(
            new Hint(".alibabacloud.com", "alicloud"),
            new Hint(".aliyun.com", "alicloud"),
            new Hint(".huaweicloud.com", "huaweicloud"),
            new Hint(".aws.com", "aws"),
            new Hint(".amazonaws.com", "aws"),
            new Hint(".azure.com", "azurerm"),
            new Hint(".gke.io", "google"),
            new Hint(".tencentcloud.com", "tencentcloud"),
            new Hint(".openstack.org", "openstack"));

    /** Ingress controllers ({@code IngressClass.spec.controller}) and well-known ingress class names. */
    private static final Map<String, String> INGRESS = Map.ofEntries(
            Map.entry("ingress.k8s.aws/alb", "aws"),
            Map.entry("alb-ingress-controller", "alicloud"),
            Map.entry("ingress.alibabacloud.com/alb", "alicloud"),
            Map.entry("ingress.k8s.alibabacloud.com/alb", "alicloud"),
            Map.entry("mse-ingress.alibabacloud.com", "alicloud"),
            Map.entry("cce", "huaweicloud"),
            Map.entry("huaweicloud.com/elb", "huaweicloud"),
            Map.entry("gce", "google"),
            Map.entry("gce-internal", "google"),
            Map.entry("azure/application-gateway", "azurerm"),
            Map.entry("azure-application-gateway", "azurerm"),
            Map.entry("qcloud", "tencentcloud"));

    private CloudHints() {
    }

    static String annotation(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (Hint h : ANNOTATIONS) {
            if (k.startsWith(h.prefix())) {
                return h.provider();
            }
        }
        return "";
    }

    /**
     * The cloud each annotation key of one resource names, in key order ("" for none): as
     * {@link #annotation}, except that the ALB prefix shared by AWS and Alibaba Cloud names Alibaba
     * Cloud when any of the resource's ALB annotations is one only Alibaba Cloud's controller reads.
     */
    static List<String> annotations(java.util.Collection<String> keys) {
        boolean alibaba = keys.stream().map(k -> k.toLowerCase(Locale.ROOT))
                .anyMatch(k -> k.startsWith(ALB_PREFIX) && ALIBABA_ALB_KEYS.contains(k.substring(ALB_PREFIX.length())));
        return keys.stream().map(k -> alibaba && k.toLowerCase(Locale.ROOT).startsWith(ALB_PREFIX) ? "alicloud" : annotation(k)).toList();
    }

    static String provisioner(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String exact = PROVISIONERS.get(n);
        if (exact != null) {
            return exact;
        }
        for (Hint h : PROVISIONER_SUFFIXES) {
            if (n.endsWith(h.prefix())) {
                return h.provider();
            }
        }
        return "";
    }

    static String ingress(String controllerOrClass) {
        return INGRESS.getOrDefault(controllerOrClass.toLowerCase(Locale.ROOT), "");
    }
}
