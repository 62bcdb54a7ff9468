package org.sovaudit.attribute;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.sovaudit.model.ObservationKind;

/**
 * The one feature extractor, shared by the trainer and the runtime: turns a {@link Subject} into at
 * most {@link #MAX_FEATURES} distinct bucket indices in {@code [1, BUCKETS)}; index 0 is the padding
 * the model's weight table keeps at zero.
 *
 * <p>Features, in priority order (later ones are dropped first when a value yields too many):
 * <ol>
 *   <li>{@code k:} the kind and {@code r:} the role (one-hot);</li>
 *   <li>{@code c:} the tokens of the context (the provider a region belongs to);</li>
 *   <li>for a value naming a host: {@code tld:}, {@code d2:}, {@code d3:} its last one, two and three
 *       labels; for an IP address {@code ip:} its family and {@code v4a:}/{@code v4b:} its first one
 *       and two octets;</li>
 *   <li>{@code t:} the tokens (runs of a-z 0-9), host labels right to left first, then the rest of
 *       the value; a token that is all digits becomes {@code t:#n} with n its length;</li>
 *   <li>{@code g:} character 3-, 4- and 5-grams of each token with {@code <} and {@code >} marking
 *       its ends, in token order.</li>
 * </ol>
 * The value is lower-cased ({@link Locale#ROOT}) and cut to {@link #MAX_VALUE_CHARS} characters.
 *
 * <p>Hashing: 64-bit FNV-1a over the feature name's UTF-8 bytes, implemented here so that the
 * buckets never depend on a JDK's or platform's hash function; bucket = 1 + (hash mod (BUCKETS - 1)).
 * Any change to what this class produces must bump {@link #VERSION}: a model records the version it
 * was trained with, and {@link OnnxAttributor} refuses a model whose version differs.
 */
public final class Features {

    /** Bumped whenever the features of any subject change. */
    public static final String VERSION = "fv1";
    /** Rows of the model's weight table; bucket 0 is padding. */
    public static final int BUCKETS = 1 << 15;
    /** Most features one subject yields; the model's input width. */
    public static final int MAX_FEATURES = 128;

    static final int MAX_VALUE_CHARS = 256;
    static final int MAX_TOKENS = 24;
    static final int MAX_TOKEN_CHARS = 32;
    static final int MAX_CONTEXT_TOKENS = 4;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Features() {
    }

    /** The distinct bucket indices of a subject, ascending; never empty, never more than {@link #MAX_FEATURES}. */
    public static int[] indices(Subject subject) {
        Set<Integer> seen = new LinkedHashSet<>();
        for (String name : names(subject)) {
            seen.add(bucket(name));
            if (seen.size() == MAX_FEATURES) {
                break;
            }
        }
        int[] out = new int[seen.size()];
        int i = 0;
        for (int index : seen) {
            out[i++] = index;
        }
        Arrays.sort(out);
        return out;
    }

    /** The feature names of a subject in priority order, before hashing (for inspection and tests). */
    public static List<String> names(Subject subject) {
        String value = subject.value().strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_VALUE_CHARS) {
            value = value.substring(0, MAX_VALUE_CHARS);
        }
        List<String> out = new ArrayList<>();
        out.add("k:" + subject.kind().id());
        out.add("r:" + subject.role().id());
        List<String> context = tokens(subject.context().toLowerCase(Locale.ROOT), MAX_CONTEXT_TOKENS);
        for (String token : context) {
            out.add("c:" + token);
        }

        List<String> tokens = new ArrayList<>();
        String host = hostPart(subject.kind(), value);
        String rest = value;
        if (host != null) {
            byte[] ip = IpAddresses.parse(host);
            if (ip != null) {
                out.add("ip:" + (ip.length == 4 ? "v4" : "v6"));
                if (ip.length == 4) {
                    out.add("v4a:" + (ip[0] & 0xFF));
                    out.add("v4b:" + (ip[0] & 0xFF) + "." + (ip[1] & 0xFF));
                }
                rest = "";
            } else {
                List<String> labels = Names.labels(host);
                int n = labels.size();
                out.add("tld:" + labels.get(n - 1));
                if (n >= 2) {
                    out.add("d2:" + labels.get(n - 2) + "." + labels.get(n - 1));
                }
                if (n >= 3) {
                    out.add("d3:" + labels.get(n - 3) + "." + labels.get(n - 2) + "." + labels.get(n - 1));
                }
                for (int i = n - 1; i >= 0; i--) {
                    tokens.addAll(tokens(labels.get(i), MAX_TOKENS));
                }
                int at = value.indexOf(host);
                rest = at < 0 ? value : value.substring(0, at) + " " + value.substring(at + host.length());
                if (subject.kind() == ObservationKind.URL) {
                    int scheme = rest.indexOf("://");
                    rest = scheme >= 0 ? rest.substring(scheme + 3) : rest;
                }
            }
        }
        tokens.addAll(tokens(rest, MAX_TOKENS));
        if (tokens.size() > MAX_TOKENS) {
            tokens = tokens.subList(0, MAX_TOKENS);
        }
        for (String token : tokens) {
            out.add("t:" + (allDigits(token) ? "#" + token.length() : token));
        }
        for (String token : tokens) {
            if (allDigits(token)) {
                continue;
            }
            String marked = "<" + token + ">";
            for (int n = 3; n <= 5; n++) {
                for (int i = 0; i + n <= marked.length(); i++) {
                    out.add("g:" + marked.substring(i, i + n));
                }
            }
        }
        return out;
    }

    /** The bucket of one feature name: 1 + FNV-1a-64(UTF-8 bytes) mod (BUCKETS - 1). */
    public static int bucket(String feature) {
        return 1 + (int) Long.remainderUnsigned(fnv1a64(feature), BUCKETS - 1);
    }

    /** 64-bit FNV-1a of the UTF-8 bytes of {@code s}. */
    public static long fnv1a64(String s) {
        long hash = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** The host part of a value, when its kind names one and it is a plausible host or IP. */
    private static String hostPart(ObservationKind kind, String value) {
        String host = switch (kind) {
            case IP_ADDRESS -> Names.ipLiteral(value);
            case CIDR -> Names.ipLiteral(value.indexOf('/') < 0 ? value : value.substring(0, value.indexOf('/')));
            default -> Names.hostOf(kind, value);
        };
        if (host == null) {
            return null;
        }
        if (IpAddresses.parse(host) != null) {
            return host;
        }
        return Names.validHost(host) ? host : null;
    }

    /** Runs of a-z and 0-9, each cut to {@link #MAX_TOKEN_CHARS}, at most {@code max} of them. */
    static List<String> tokens(String text, int max) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length() && out.size() < max; i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(text.substring(start, Math.min(i, start + MAX_TOKEN_CHARS)));
                start = -1;
            }
        }
        return out;
    }

    private static boolean allDigits(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
