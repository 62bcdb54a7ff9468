package org.sovaudit.attribute;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.sovaudit.model.ObservationKind;

/**
 * The one feature extractor, shared by the trainer and the runtime: turns a {@link Subject} into at
 * most {@link #MAX_FEATURES} distinct bucket indices in {@code [1, BUCKETS)}; index 0 is the padding
 * the model's embedding table keeps at zero.
 *
 * <p>Features, in priority order (later ones are dropped first when a value yields too many):
 * <ol>
 *   <li>{@code k:} the kind and {@code r:} the role (one-hot);</li>
 *   <li>{@code c:} the tokens of the context (the provider a region belongs to, an AI model's
 *       {@code model_type}, a BGP peer's remote AS);</li>
 *   <li>structure by kind: for a value naming a host, {@code tld:}, {@code d2:}, {@code d3:} its last
 *       one, two and three labels and {@code sl:hyphen} or {@code sl:plain} for whether its
 *       second-level label holds a '-' (an IP literal gives {@code ip:v4} or {@code ip:v6} instead); for a
 *       container image {@code io:} its repository's first component; for a package URL {@code pt:}
 *       its type, {@code pn:} its namespace, {@code pg:} the first two dot-separated parts of the
 *       namespace (a Maven groupId such as {@code com.aliyun}) and {@code pf:} the first word of its
 *       name; for a certificate issuer {@code dc:} its country, and its tokens are those of its
 *       organisation, common name and other values, without the attribute names;</li>
 *   <li>{@code t:} the tokens (runs of a-z 0-9), host labels right to left first, then the rest of
 *       the value; a token that is all digits becomes {@code t:#n} with n its length;</li>
 *   <li>{@code g:} character 3-, 4- and 5-grams of each token with {@code <} and {@code >} marking
 *       its ends, in token order (not for all-digit tokens).</li>
 * </ol>
 * The value is lower-cased ({@link Locale#ROOT}) and cut to {@link #MAX_VALUE_CHARS} characters.
 *
 * <p>Hashing: 64-bit FNV-1a over the feature name's UTF-8 bytes, implemented here so that the
 * buckets never depend on a JDK's or platform's hash function; bucket = 1 + (hash mod (BUCKETS - 1)).
 * {@link Extractor} computes the same hashes without building the names (the runtime's path);
 * {@link #names} builds them (for inspection and tests). Any change to what this class produces
 * must bump {@link #VERSION}: a model records the version it was trained with, and
 * {@link OnnxAttributor} refuses a model whose version differs.
 */
public final class Features {

    /** Bumped whenever the features of any subject change. */
    public static final String VERSION = "fv2";
    /** Rows of the model's embedding table; bucket 0 is padding. */
    public static final int BUCKETS = 1 << 16;
    /** Most features one subject yields; the model's input width. */
    public static final int MAX_FEATURES = 64;

    static final int MAX_VALUE_CHARS = 256;
    static final int MAX_TOKENS = 24;
    static final int MAX_TOKEN_CHARS = 32;
    static final int MAX_CONTEXT_TOKENS = 4;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long H_TOKEN = prefixHash("t:");
    private static final long H_GRAM = prefixHash("g:");
    private static final long H_CONTEXT = prefixHash("c:");
    private static final long H_TLD = prefixHash("tld:");
    private static final long H_D2 = prefixHash("d2:");
    private static final long H_D3 = prefixHash("d3:");
    private static final long H_SL_HYPHEN = prefixHash("sl:hyphen");
    private static final long H_SL_PLAIN = prefixHash("sl:plain");
    private static final long H_IP4 = prefixHash("ip:v4");
    private static final long H_IP6 = prefixHash("ip:v6");
    private static final String[] KIND_NAMES = new String[ObservationKind.values().length];
    private static final long[] KIND_HASHES = new long[ObservationKind.values().length];
    private static final String[] ROLE_NAMES = new String[org.sovaudit.model.Role.values().length];
    private static final long[] ROLE_HASHES = new long[org.sovaudit.model.Role.values().length];

    static {
        for (ObservationKind k : ObservationKind.values()) {
            KIND_NAMES[k.ordinal()] = "k:" + k.id();
            KIND_HASHES[k.ordinal()] = fnv1a64(KIND_NAMES[k.ordinal()]);
        }
        for (org.sovaudit.model.Role r : org.sovaudit.model.Role.values()) {
            ROLE_NAMES[r.ordinal()] = "r:" + r.id();
            ROLE_HASHES[r.ordinal()] = fnv1a64(ROLE_NAMES[r.ordinal()]);
        }
    }
    /** The parts of an issuer name that carry its words, most telling first; the country has its own feature. */
    private static final List<String> ISSUER_TYPES = List.of("O", "CN", "OU", "L", "ST", "DC");

    private Features() {
    }

    /** The distinct bucket indices of a subject, ascending; never empty, never more than {@link #MAX_FEATURES}. */
    public static int[] indices(Subject subject) {
        Extractor e = new Extractor();
        int[] out = new int[MAX_FEATURES];
        int n = e.extract(subject, out);
        return Arrays.copyOf(out, n);
    }

    /** The feature names of a subject in priority order, before hashing and de-duplication. */
    public static List<String> names(Subject subject) {
        NameSink sink = new NameSink();
        walk(subject, sink, new Tokens());
        return sink.names;
    }

    /** The bucket of one feature name: 1 + FNV-1a-64(UTF-8 bytes) mod (BUCKETS - 1). */
    public static int bucket(String feature) {
        return bucketOf(fnv1a64(feature));
    }

    /** 64-bit FNV-1a of the UTF-8 bytes of {@code s}. */
    public static long fnv1a64(String s) {
        return continueHash(FNV_OFFSET, s);
    }

    private static int bucketOf(long hash) {
        return 1 + (int) Long.remainderUnsigned(hash, BUCKETS - 1);
    }

    private static long prefixHash(String prefix) {
        return continueHash(FNV_OFFSET, prefix);
    }

    private static long continueHash(long hash, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // rare: hash the rest through its UTF-8 bytes
                for (byte b : s.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    hash ^= b & 0xFF;
                    hash *= FNV_PRIME;
                }
                return hash;
            }
            hash ^= c;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /**
     * Extracts indices without building feature names; reuses its buffers, so one instance serves
     * one thread at a time. The runtime keeps one per worker.
     */
    public static final class Extractor {
        private final HashSink sink = new HashSink();
        private final Tokens tokens = new Tokens();

        /**
         * Writes the subject's distinct bucket indices, ascending, into {@code out} (length at least
         * {@link #MAX_FEATURES}); returns how many.
         */
        public int extract(Subject subject, int[] out) {
            sink.reset(out);
            walk(subject, sink, tokens);
            Arrays.sort(out, 0, sink.count);
            return sink.count;
        }
    }

    /** Receives features in priority order; returns false when it wants no more. */
    private interface Sink {
        boolean whole(String name);

        /** A feature whose hash is already known (constants, n-grams); {@code name} only for listing. */
        boolean known(long hash, String name);

        /** The feature {@code prefix + chars[from, to)}; {@code prefixHash} is FNV-1a of the prefix. */
        boolean part(String prefix, long prefixHash, char[] chars, int from, int to);

        /** The feature {@code prefix + text[from, to)} of an ASCII text. */
        boolean part(String prefix, long prefixHash, String text, int from, int to);

        /** The n-gram {@code g:} + chars[from, to) whose hash is already known. */
        boolean gram(long hash, char[] chars, int from, int to);
    }

    private static final class NameSink implements Sink {
        final List<String> names = new ArrayList<>();

        @Override
        public boolean whole(String name) {
            names.add(name);
            return true;
        }

        @Override
        public boolean known(long hash, String name) {
            names.add(name);
            return true;
        }

        @Override
        public boolean part(String prefix, long prefixHash, char[] chars, int from, int to) {
            names.add(prefix + new String(chars, from, to - from));
            return true;
        }

        @Override
        public boolean part(String prefix, long prefixHash, String text, int from, int to) {
            names.add(prefix + text.substring(from, to));
            return true;
        }

        @Override
        public boolean gram(long hash, char[] chars, int from, int to) {
            names.add("g:" + new String(chars, from, to - from));
            return true;
        }
    }

    /** Hashes each feature into an open-addressing set of buckets; stops at {@link #MAX_FEATURES}. */
    private static final class HashSink implements Sink {
        private static final int SLOTS = 256;
        private final int[] slots = new int[SLOTS];
        private final int[] stamps = new int[SLOTS];
        private int stamp;
        private int[] out;
        int count;

        void reset(int[] out) {
            this.out = out;
            count = 0;
            if (++stamp == 0) {
                java.util.Arrays.fill(stamps, 0);
                stamp = 1;
            }
        }

        @Override
        public boolean whole(String name) {
            return add(bucketOf(fnv1a64(name)));
        }

        @Override
        public boolean known(long hash, String name) {
            return add(bucketOf(hash));
        }

        @Override
        public boolean part(String prefix, long prefixHash, char[] chars, int from, int to) {
            long hash = prefixHash;
            for (int i = from; i < to; i++) {
                hash ^= chars[i];
                hash *= FNV_PRIME;
            }
            return add(bucketOf(hash));
        }

        @Override
        public boolean part(String prefix, long prefixHash, String text, int from, int to) {
            long hash = prefixHash;
            for (int i = from; i < to; i++) {
                hash ^= text.charAt(i);
                hash *= FNV_PRIME;
            }
            return add(bucketOf(hash));
        }

        @Override
        public boolean gram(long hash, char[] chars, int from, int to) {
            return add(bucketOf(hash));
        }

        private boolean add(int bucket) {
            int slot = (bucket * 0x9E3779B9) >>> 24;
            while (true) {
                if (stamps[slot] != stamp) {
                    stamps[slot] = stamp;
                    slots[slot] = bucket;
                    out[count++] = bucket;
                    return count < MAX_FEATURES;
                }
                if (slots[slot] == bucket) {
                    return true;
                }
                slot = (slot + 1) & (SLOTS - 1);
            }
        }
    }

    /** Tokens copied out of the value: runs of a-z 0-9 (ASCII only, by construction). */
    private static final class Tokens {
        final char[] chars = new char[MAX_TOKENS * MAX_TOKEN_CHARS];
        final int[] start = new int[MAX_TOKENS];
        final boolean[] digits = new boolean[MAX_TOKENS];
        final int[] end = new int[MAX_TOKENS];
        final char[] marked = new char[MAX_TOKEN_CHARS + 2];
        final long[] h3 = new long[MAX_TOKEN_CHARS + 2];
        final long[] h4 = new long[MAX_TOKEN_CHARS + 2];
        final long[] h5 = new long[MAX_TOKEN_CHARS + 2];
        int count;
        int used;

        void clear() {
            count = 0;
            used = 0;
        }

        boolean full() {
            return count == MAX_TOKENS;
        }

        /** Adds the tokens of {@code text[from, to)}, at most {@code max} in all counting those present. */
        void add(String text, int from, int to, int max) {
            int s = -1;
            for (int i = from; i <= to && count < max; i++) {
                char c = i < to ? text.charAt(i) : ' ';
                boolean word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                if (word && s < 0) {
                    s = i;
                } else if (!word && s >= 0) {
                    int n = Math.min(i - s, MAX_TOKEN_CHARS);
                    text.getChars(s, s + n, chars, used);
                    start[count] = used;
                    end[count] = used + n;
                    boolean allDigits = true;
                    for (int j = used; j < used + n && allDigits; j++) {
                        allDigits = chars[j] >= '0' && chars[j] <= '9';
                    }
                    digits[count] = allDigits;
                    used += n;
                    count++;
                    s = -1;
                }
            }
        }

        boolean allDigits(int t) {
            return digits[t];
        }
    }

    /** The one traversal: emits every feature of the subject in priority order until the sink is full. */
    private static void walk(Subject subject, Sink sink, Tokens tokens) {
        String value = subject.value().strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_VALUE_CHARS) {
            value = value.substring(0, MAX_VALUE_CHARS);
        }
        ObservationKind kind = subject.kind();
        int role = subject.role().ordinal();
        if (!sink.known(KIND_HASHES[kind.ordinal()], KIND_NAMES[kind.ordinal()]) || !sink.known(ROLE_HASHES[role], ROLE_NAMES[role])) {
            return;
        }
        String context = subject.context();
        if (!context.isEmpty()) {
            tokens.clear();
            String lowerContext = context.length() > MAX_VALUE_CHARS
                    ? context.substring(0, MAX_VALUE_CHARS).toLowerCase(Locale.ROOT) : context.toLowerCase(Locale.ROOT);
            tokens.add(lowerContext, 0, lowerContext.length(), MAX_CONTEXT_TOKENS);
            for (int t = 0; t < tokens.count; t++) {
                if (!sink.part("c:", H_CONTEXT, tokens.chars, tokens.start[t], tokens.end[t])) {
                    return;
                }
            }
        }
        tokens.clear();
        if (!structure(kind, value, sink, tokens)) {
            return;
        }
        for (int t = 0; t < tokens.count; t++) {
            boolean ok = tokens.allDigits(t)
                    ? sink.whole("t:#" + (tokens.end[t] - tokens.start[t]))
                    : sink.part("t:", H_TOKEN, tokens.chars, tokens.start[t], tokens.end[t]);
            if (!ok) {
                return;
            }
        }
        char[] marked = tokens.marked;
        long[] h3 = tokens.h3;
        long[] h4 = tokens.h4;
        long[] h5 = tokens.h5;
        for (int t = 0; t < tokens.count; t++) {
            if (tokens.allDigits(t)) {
                continue;
            }
            int length = tokens.end[t] - tokens.start[t];
            marked[0] = '<';
            System.arraycopy(tokens.chars, tokens.start[t], marked, 1, length);
            marked[length + 1] = '>';
            int m = length + 2;
            // FNV-1a runs left to right, so the 4- and 5-gram at a position continue its 3-gram
            for (int i = 0; i + 3 <= m; i++) {
                long h = H_GRAM;
                h = (h ^ marked[i]) * FNV_PRIME;
                h = (h ^ marked[i + 1]) * FNV_PRIME;
                h = (h ^ marked[i + 2]) * FNV_PRIME;
                h3[i] = h;
                if (i + 4 <= m) {
                    h = (h ^ marked[i + 3]) * FNV_PRIME;
                    h4[i] = h;
                    if (i + 5 <= m) {
                        h5[i] = (h ^ marked[i + 4]) * FNV_PRIME;
                    }
                }
            }
            // emitted in the order that decides which grams a long value keeps: all 3-grams, then 4-, then 5-grams
            for (int i = 0; i + 3 <= m; i++) {
                if (!sink.gram(h3[i], marked, i, i + 3)) {
                    return;
                }
            }
            for (int i = 0; i + 4 <= m; i++) {
                if (!sink.gram(h4[i], marked, i, i + 4)) {
                    return;
                }
            }
            for (int i = 0; i + 5 <= m; i++) {
                if (!sink.gram(h5[i], marked, i, i + 5)) {
                    return;
                }
            }
        }
    }

    /** Emits the kind's structural features and fills the tokens in their order; false when the sink is full. */
    private static boolean structure(ObservationKind kind, String value, Sink sink, Tokens tokens) {
        switch (kind) {
            case HOSTNAME, URL, CONTAINER_IMAGE, IP_ADDRESS, CIDR -> {
                String host = hostPart(kind, value);
                if (host == null) {
                    break;
                }
                if (IpAddresses.parse(host) != null) {
                    return host.indexOf(':') >= 0 ? sink.known(H_IP6, "ip:v6") : sink.known(H_IP4, "ip:v4");
                }
                // labels read from the right by index: tld, and the two- and three-label suffixes, are substrings of the host
                int dot1 = host.lastIndexOf('.');
                int dot2 = dot1 > 0 ? host.lastIndexOf('.', dot1 - 1) : -1;
                int dot3 = dot2 > 0 ? host.lastIndexOf('.', dot2 - 1) : -1;
                int n = host.length();
                if (!sink.part("tld:", H_TLD, host, dot1 + 1, n)
                        || dot1 >= 0 && !sink.part("d2:", H_D2, host, dot2 + 1, n)
                        || dot2 >= 0 && !sink.part("d3:", H_D3, host, dot3 + 1, n)
                        || dot1 >= 0 && !(host.lastIndexOf('-', dot1 - 1) > dot2
                                ? sink.known(H_SL_HYPHEN, "sl:hyphen") : sink.known(H_SL_PLAIN, "sl:plain"))) {
                    return false;
                }
                if (kind == ObservationKind.CONTAINER_IMAGE) {
                    String path = Names.imagePath(value);
                    int first = path == null ? -1 : path.indexOf('/');
                    int second = first < 0 ? -1 : path.indexOf('/', first + 1);
                    if (second > first + 1 && !sink.whole("io:" + path.substring(first + 1, second))) {
                        return false;
                    }
                }
                for (int end = n; end > 0 && !tokens.full(); ) {
                    int dot = host.lastIndexOf('.', end - 1);
                    tokens.add(host, dot + 1, end, MAX_TOKENS);
                    end = dot;
                }
                int at = value.indexOf(host);
                if (at < 0) {
                    tokens.add(value, 0, value.length(), MAX_TOKENS);
                } else {
                    int from = 0;
                    if (kind == ObservationKind.URL) {
                        int scheme = value.indexOf("://");
                        from = scheme >= 0 && scheme < at ? scheme + 3 : 0;
                    }
                    tokens.add(value, from, at, MAX_TOKENS);
                    tokens.add(value, at + host.length(), value.length(), MAX_TOKENS);
                }
                return true;
            }
            case PACKAGE -> {
                Purl purl = Purl.parse(value);
                if (purl == null) {
                    break;
                }
                String ns = purl.namespace();
                if (!sink.whole("pt:" + purl.type()) || !ns.isEmpty() && !sink.whole("pn:" + ns)) {
                    return false;
                }
                int dot = ns.indexOf('.');
                int dot2 = dot < 0 ? -1 : ns.indexOf('.', dot + 1);
                if (dot2 > 0 && ns.indexOf('/') < 0 && !sink.whole("pg:" + ns.substring(0, dot2))) {
                    return false;
                }
                String name = purl.name();
                int cut = 0;
                while (cut < name.length() && Character.isLetterOrDigit(name.charAt(cut))) {
                    cut++;
                }
                if (cut > 0 && !sink.whole("pf:" + name.substring(0, cut))) {
                    return false;
                }
                String path = purl.path();
                tokens.add(path, 0, path.length(), MAX_TOKENS);
                return true;
            }
            case CERT_ISSUER -> {
                String country = DistinguishedNames.value(value, "C");
                if (country != null && country.length() <= 3 && !sink.whole("dc:" + country)) {
                    return false;
                }
                List<String> parts = DistinguishedNames.values(value, ISSUER_TYPES);
                if (!parts.isEmpty()) {
                    for (String part : parts) {
                        tokens.add(part, 0, part.length(), MAX_TOKENS);
                    }
                    return true;
                }
            }
            default -> {
                // tokens only
            }
        }
        tokens.add(value, 0, value.length(), MAX_TOKENS);
        return true;
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
        Tokens t = new Tokens();
        t.add(text, 0, text.length(), Math.min(max, MAX_TOKENS));
        List<String> out = new ArrayList<>(t.count);
        for (int i = 0; i < t.count; i++) {
            out.add(new String(t.chars, t.start[i], t.end[i] - t.start[i]));
        }
        return out;
    }
}
