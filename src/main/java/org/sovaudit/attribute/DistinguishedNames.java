package org.sovaudit.attribute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Certificate subject and issuer names read for matching. A name is split into its attribute
 * assertions ({@code C=CN}, {@code O=China Financial Certification Authority}, ...) on ',' and '+'
 * not escaped by '\', each trimmed, its type upper-cased and its value lower-cased with runs of
 * spaces made one; the key is the sorted assertions joined by ','. So Bouncy Castle's order
 * ({@code C=..,O=..,CN=..}), RFC 4514's reversed order and spacing after commas give one key.
 */
final class DistinguishedNames {

    static final int MAX_LENGTH = 2048;
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private DistinguishedNames() {
    }

    /** The matching key of a distinguished name; null when the text holds no {@code type=value}. */
    static String key(String dn) {
        List<String> parts = assertions(dn);
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        Collections.sort(parts);
        return String.join(",", parts);
    }

    /** The value of the first assertion of {@code type} (e.g. {@code C}), as written; null when none. */
    static String value(String dn, String type) {
        List<String> parts = raw(dn);
        if (parts == null) {
            return null;
        }
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(type)) {
                return unescape(part.substring(eq + 1).strip());
            }
        }
        return null;
    }

    /**
     * The values of the name's attribute assertions in the order given by {@code types} (upper
     * case, e.g. {@code O}, {@code CN}), each type's values in the order written; empty when the text
     * holds no {@code type=value}.
     */
    static List<String> values(String dn, List<String> types) {
        List<String> parts = raw(dn);
        List<String> out = new ArrayList<>();
        if (parts == null) {
            return out;
        }
        for (String type : types) {
            for (String part : parts) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(type)) {
                    out.add(unescape(part.substring(eq + 1).strip()));
                }
            }
        }
        return out;
    }

    private static List<String> assertions(String dn) {
        List<String> raw = raw(dn);
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>(raw.size());
        for (String part : raw) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String type = part.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            String value = SPACES.matcher(unescape(part.substring(eq + 1).strip()).toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
            out.add(type + "=" + value);
        }
        return out;
    }

    private static List<String> raw(String dn) {
        if (dn == null || dn.length() > MAX_LENGTH || dn.indexOf('=') < 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\' && i + 1 < dn.length()) {
                current.append(c).append(dn.charAt(++i));
            } else if (c == ',' || c == '+' || c == ';') {
                if (!current.toString().isBlank()) {
                    out.add(current.toString());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString());
        }
        return out;
    }

    private static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                sb.append(value.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
