package org.sovaudit.attribute;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.sovaudit.model.ObservationKind;

/**
 * How values name a host: host names, URLs, container image references, Terraform provider
 * addresses. Shared by the knowledge base, the fixed rules and the feature extractor, so that all
 * three read a value the same way. Pure string handling; nothing is resolved.
 */
final class Names {

    /** Longest host name DNS allows. */
    static final int MAX_HOST = 253;
    /** Values longer than this are not read as hosts at all. */
    static final int MAX_VALUE = 2048;
    /** The registry of container images that name none (Docker reference rules). */
    static final String DEFAULT_REGISTRY = "docker.io";

    private Names() {
    }

    /**
     * The host a value names, lower-cased, without trailing dot, port or brackets; null when the
     * kind names no host or the value holds none. IP literals come back as written (without port).
     */
    static String hostOf(ObservationKind kind, String value) {
        if (value == null || value.length() > MAX_VALUE) {
            return null;
        }
        return switch (kind) {
            case HOSTNAME -> host(value);
            case URL -> urlHost(value);
            case CONTAINER_IMAGE -> imageRegistry(value);
            default -> null;
        };
    }

    /**
     * An IP address as written in a configuration ({@code 8.8.8.8}, {@code 8.8.8.8:53},
     * {@code [2001:db8::1]:53}, {@code 10.0.0.0/8}) without port or brackets; a prefix is kept.
     */
    static String ipLiteral(String value) {
        String s = value.strip();
        if (s.length() > MAX_VALUE) {
            return null;
        }
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (IpAddresses.parse(address) != null) {
            return s;
        }
        String host = host(address);
        return host == null ? null : slash < 0 ? host : host + s.substring(slash);
    }

    /** A host name or {@code host:port} as written in a configuration. */
    static String host(String value) {
        String s = value.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close > 1 ? s.substring(1, close) : null;
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) {
            // host:port; a value with several colons is an IPv6 literal and stays whole
            s = s.substring(0, colon);
        }
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? null : s;
    }

    /** The host of a URL: after the scheme and user info, before port, path, query or fragment. */
    static String urlHost(String url) {
        String s = url.strip();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        } else if (s.startsWith("//")) {
            s = s.substring(2);
        }
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == '\\') {
                end = i;
                break;
            }
        }
        String authority = s.substring(0, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        return authority.isEmpty() ? null : host(authority);
    }

    /**
     * The registry host of a container image reference. Docker's rule: the first path component
     * names a registry only if it contains '.' or ':' or is {@code localhost}; otherwise the image
     * comes from docker.io. A digest ({@code @sha256:...}) and a scheme-like prefix are ignored.
     */
    static String imageRegistry(String image) {
        String s = image.strip().toLowerCase(Locale.ROOT);
        for (String prefix : List.of("docker://", "oci://", "https://", "http://")) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.indexOf('/');
        if (slash <= 0) {
            return s.isEmpty() ? null : DEFAULT_REGISTRY;
        }
        String first = s.substring(0, slash);
        if (first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")) {
            return host(first);
        }
        return DEFAULT_REGISTRY;
    }

    /**
     * A container image as {@code registry/repository} for matching its repository: lower-cased,
     * without scheme, tag or digest; an image naming no registry comes from docker.io, and a
     * one-component repository there is an official image under {@code library/}. Null when none.
     */
    static String imagePath(String image) {
        String s = image.strip().toLowerCase(Locale.ROOT);
        for (String prefix : List.of("docker://", "oci://", "https://", "http://")) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int lastSlash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > lastSlash) {
            s = s.substring(0, colon);
        }
        if (s.isEmpty() || s.endsWith("/")) {
            return null;
        }
        String registry = imageRegistry(image);
        if (registry == null) {
            return null;
        }
        int slash = s.indexOf('/');
        String first = slash < 0 ? "" : s.substring(0, slash);
        boolean named = slash > 0 && (first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost"));
        String repository = named ? s.substring(slash + 1) : s;
        if (repository.isEmpty()) {
            return null;
        }
        if (registry.equals(DEFAULT_REGISTRY) || registry.equals("registry-1.docker.io") || registry.equals("index.docker.io")) {
            return DEFAULT_REGISTRY + "/" + (repository.indexOf('/') < 0 ? "library/" + repository : repository);
        }
        return registry + "/" + repository;
    }

    /** Whether {@code host} is a syntactically valid DNS name (letters, digits, '-', '_'). */
    static boolean validHost(String host) {
        if (host == null || host.isEmpty() || host.length() > MAX_HOST) {
            return false;
        }
        int labelLength = 0;
        for (int i = 0; i <= host.length(); i++) {
            char c = i < host.length() ? host.charAt(i) : '.';
            if (c == '.') {
                if (labelLength == 0 || labelLength > 63) {
                    return false;
                }
                labelLength = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                labelLength++;
            } else {
                return false;
            }
        }
        return true;
    }

    /** The labels of a valid host, left to right. */
    static List<String> labels(String host) {
        return Arrays.asList(host.split("\\.", -1));
    }

    /**
     * A Terraform provider as the knowledge base keys it: {@code source:namespace/type} for a
     * source address (any registry host dropped), {@code name:local} for a local name (an alias
     * such as {@code aws.frankfurt} reduced to {@code aws}); null when blank.
     */
    static String providerKey(String value) {
        if (value == null || value.length() > 256) {
            return null;
        }
        String s = value.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        String[] parts = s.split("/", -1);
        if (parts.length == 3) {
            return "source:" + parts[1] + "/" + parts[2];
        }
        if (parts.length == 2) {
            return "source:" + parts[0] + "/" + parts[1];
        }
        if (parts.length > 3) {
            return null;
        }
        int dot = s.indexOf('.');
        return "name:" + (dot > 0 ? s.substring(0, dot) : s);
    }

    /** An autonomous system number from {@code AS4134}, {@code as4134} or {@code 4134}; -1 when none. */
    static long asn(String value) {
        if (value == null) {
            return -1;
        }
        String s = value.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("AS")) {
            s = s.substring(2);
        }
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long n = Long.parseLong(s);
        return n <= 0xFFFFFFFFL ? n : -1;
    }
}
