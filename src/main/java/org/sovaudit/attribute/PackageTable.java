package org.sovaudit.attribute;

import java.util.HashMap;
import java.util.Map;

/**
 * Package coordinates and prefixes per package type. A pattern is a package URL without version,
 * optionally ending in {@code *} (a prefix of namespace/name): {@code pkg:pypi/boto3},
 * {@code pkg:pypi/aliyun-python-sdk-*}, {@code pkg:npm/@alicloud/*}, {@code pkg:maven/com.aliyun/*},
 * {@code pkg:maven/com.aliyun.*}, {@code pkg:golang/github.com/aliyun/*}, {@code pkg:deb/ubuntu/*}.
 * For distribution types (deb, rpm, apk, alpm) a pattern {@code pkg:deb/* /cuda-*} (no space) names
 * a package in any distribution, and a hit on the package name wins over a hit on the distribution
 * alone: {@code pkg:deb/ubuntu/cuda-toolkit-12-4} is NVIDIA's, {@code pkg:deb/ubuntu/openssl} is
 * Canonical's build.
 *
 * @param <T> what a pattern maps to
 */
final class PackageTable<T> {

    /** A pattern read: type, the key it is stored under, whether it is a prefix, whether any-namespace. */
    record Pattern(String type, String key, boolean prefix, boolean anyNamespace) {

        /** Reads {@code pkg:type/path[*]}; null when malformed. */
        static Pattern parse(String text) {
            String s = text.strip();
            boolean prefix = s.endsWith("*");
            String body = prefix ? s.substring(0, s.length() - 1) : s;
            boolean any = false;
            int slash = body.indexOf('/');
            if (!body.startsWith("pkg:") || slash < 0) {
                return null;
            }
            String type = body.substring(4, slash);
            String path = body.substring(slash + 1);
            if (path.startsWith("*/")) {
                if (!Purl.distributionType(type)) {
                    return null;
                }
                any = true;
                path = path.substring(2);
            }
            if (path.isEmpty() || path.contains("*") || path.contains("@") && !path.startsWith("@")
                    || path.indexOf('@', 1) >= 0 || !type.matches("[a-z][a-z0-9.+-]{0,31}")) {
                return null;
            }
            // the path is read as a package URL would be, so pattern and value share one spelling
            Purl purl = prefix ? null : Purl.parse("pkg:" + type + "/" + path);
            String key = prefix ? path.toLowerCase(java.util.Locale.ROOT)
                    : purl == null ? null : any ? purl.name() : purl.path();
            if (key == null) {
                return null;
            }
            if (prefix && type.equals("pypi")) {
                key = Purl.pep503(key);
            }
            return new Pattern(type, key, prefix, any);
        }
    }

    private final Map<String, PrefixTrie<T>> paths = new HashMap<>();
    private final Map<String, PrefixTrie<T>> names = new HashMap<>();
    private int size;

    /** Adds a pattern; returns the value it replaced, or null. */
    T put(Pattern pattern, T value) {
        Map<String, PrefixTrie<T>> tables = pattern.anyNamespace() ? names : paths;
        T previous = tables.computeIfAbsent(pattern.type(), k -> new PrefixTrie<>()).put(pattern.key(), pattern.prefix(), value);
        if (previous == null) {
            size++;
        }
        return previous;
    }

    /** The entry for a package, or null. */
    T find(Purl purl) {
        if (purl == null) {
            return null;
        }
        if (Purl.distributionType(purl.type())) {
            PrefixTrie<T> byName = names.get(purl.type());
            T hit = byName == null ? null : byName.find(purl.name());
            if (hit != null) {
                return hit;
            }
        }
        PrefixTrie<T> byPath = paths.get(purl.type());
        return byPath == null ? null : byPath.find(purl.path());
    }

    int size() {
        return size;
    }
}
