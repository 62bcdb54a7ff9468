package org.sovaudit.attribute;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A package URL (https://github.com/package-url/purl-spec) read for matching: its type and its path
 * (namespace and name joined by '/', percent-decoded, lower-cased), without version, qualifiers or
 * subpath. PyPI names are normalised as PEP 503 says (runs of '-', '_' and '.' become '-'), so
 * {@code pkg:pypi/Torch_NPU} and {@code pkg:pypi/torch-npu} are one package. Pure string handling.
 *
 * @param type the package type, e.g. {@code pypi}, {@code npm}, {@code maven}, {@code deb}
 * @param path namespace and name, e.g. {@code com.aliyun/aliyun-java-sdk-core}, {@code @alicloud/pop-core},
 *             {@code ubuntu/openssl}, {@code boto3}
 * @param name the last path segment (the package name)
 */
record Purl(String type, String path, String name) {

    /** Longest package URL read; anything longer is no package URL for matching. */
    static final int MAX_LENGTH = 1024;

    /** Types whose namespace names a distribution rather than a publisher. */
    static boolean distributionType(String type) {
        return type.equals("deb") || type.equals("rpm") || type.equals("apk") || type.equals("alpm");
    }

    /** The path with its namespace dropped: the name alone. */
    String namespace() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Reads {@code pkg:type/namespace/name@version?qualifiers#subpath}; null when it is not one. */
    static Purl parse(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        if (s.length() > MAX_LENGTH || s.length() < 6 || !s.regionMatches(true, 0, "pkg:", 0, 4)) {
            return null;
        }
        s = s.substring(4);
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        int query = s.indexOf('?');
        if (query >= 0) {
            s = s.substring(0, query);
        }
        int slash = s.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String type = s.substring(0, slash).toLowerCase(Locale.ROOT);
        if (!validType(type)) {
            return null;
        }
        String rest = s.substring(slash + 1);
        int at = versionSeparator(rest);
        if (at >= 0) {
            rest = rest.substring(0, at);
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty()) {
            return null;
        }
        String[] segments = rest.split("/", -1);
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            String decoded = decode(segment);
            if (decoded == null) {
                return null;
            }
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(decoded.toLowerCase(Locale.ROOT));
        }
        if (path.isEmpty()) {
            return null;
        }
        String p = path.toString();
        int last = p.lastIndexOf('/');
        String name = p.substring(last + 1);
        if (type.equals("pypi")) {
            name = pep503(name);
            p = last < 0 ? name : p.substring(0, last + 1) + name;
        }
        return new Purl(type, p, name);
    }

    /** A package type: a lower-case letter, then up to 31 of a-z 0-9 . + - (checked by hand: this runs per observation). */
    static boolean validType(String type) {
        if (type.isEmpty() || type.length() > 32 || type.charAt(0) < 'a' || type.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < type.length(); i++) {
            char c = type.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** PEP 503: lower case, each run of '-', '_', '.' becomes one '-'. */
    static String pep503(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean run = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '_' || c == '.') {
                if (!run) {
                    sb.append('-');
                }
                run = true;
            } else {
                sb.append(Character.toLowerCase(c));
                run = false;
            }
        }
        return sb.toString();
    }

    /** The '@' that starts the version: the last one not opening a path segment (an npm scope). */
    private static int versionSeparator(String rest) {
        for (int i = rest.length() - 1; i > 0; i--) {
            if (rest.charAt(i) == '@' && rest.charAt(i - 1) != '/') {
                return i;
            }
        }
        return -1;
    }

    /** Percent-decoding as UTF-8; null when malformed. */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
