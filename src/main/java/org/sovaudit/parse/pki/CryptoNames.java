package org.sovaudit.parse.pki;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The canonical names of national-standard algorithms (Chinese SM, Russian GOST) by the object
 * identifiers certificates carry them under. Algorithms of international standards (RSA, ECDSA on
 * NIST curves, SHA-2) are not observations: they name nobody.
 */
public final class CryptoNames {

    static final String SM2 = "SM2";
    static final String SM3 = "SM3";
    static final String SM4 = "SM4";
    static final String GOST_28147 = "GOST 28147-89";
    static final String KUZNYECHIK = "Kuznyechik";
    static final String GOST_2012 = "GOST R 34.10-2012";
    static final String GOST_HASH_2012 = "GOST R 34.11-2012";
    static final String GOST_2001 = "GOST R 34.10-2001";
    static final String GOST_HASH_94 = "GOST R 34.11-94";

    /** Public-key algorithms and named curves. */
    private static final Map<String, List<String>> KEYS = Map.of(
            "1.2.156.10197.1.301", List.of(SM2),
            "1.2.643.7.1.1.1.1", List.of(GOST_2012),
            "1.2.643.7.1.1.1.2", List.of(GOST_2012),
            "1.2.643.2.2.19", List.of(GOST_2001),
            "1.2.643.2.2.20", List.of(GOST_2001));

    /** Signature algorithms: the signature scheme and its hash. */
    private static final Map<String, List<String>> SIGNATURES = Map.of(
            "1.2.156.10197.1.501", List.of(SM2, SM3),
            "1.2.643.7.1.1.3.2", List.of(GOST_2012, GOST_HASH_2012),
            "1.2.643.7.1.1.3.3", List.of(GOST_2012, GOST_HASH_2012),
            "1.2.643.2.2.3", List.of(GOST_2001, GOST_HASH_94),
            "1.2.643.2.2.4", List.of(GOST_2001, GOST_HASH_94));

    /** Names as inventories write them (CBOM component names, algorithm families), to their canonical name. */
    private static final List<Map.Entry<Pattern, String>> NAMES = List.of(
            Map.entry(Pattern.compile("(?:^|[^A-Z0-9])SM2(?:$|[^0-9])"), SM2),
            Map.entry(Pattern.compile("(?:^|[^A-Z0-9])SM3(?:$|[^0-9])"), SM3),
            Map.entry(Pattern.compile("(?:^|[^A-Z0-9])SM4(?:$|[^0-9])"), SM4),
            Map.entry(Pattern.compile("GOST\\s*R?\\s*34\\.?10[-_ ]?2012|GOST3410[-_]?2012"), GOST_2012),
            Map.entry(Pattern.compile("GOST\\s*R?\\s*34\\.?10[-_ ]?2001|GOST3410[-_]?2001"), GOST_2001),
            Map.entry(Pattern.compile("GOST\\s*R?\\s*34\\.?11[-_ ]?2012|GOST3411[-_]?2012|STREEBOG"), GOST_HASH_2012),
            Map.entry(Pattern.compile("GOST\\s*R?\\s*34\\.?11[-_ ]?94|GOST3411[-_]?94"), GOST_HASH_94),
            Map.entry(Pattern.compile("GOST\\s*28147|MAGMA"), GOST_28147),
            Map.entry(Pattern.compile("KUZN[YE]?[EC]?CHIK|GRASSHOPPER|GOST\\s*R?\\s*34\\.?12[-_ ]?2015"), KUZNYECHIK));

    private CryptoNames() {
    }

    /**
     * The national-standard algorithm a name or object identifier denotes ({@code SM4-GCM},
     * {@code GOST R 34.11-2012 (Streebog)}, {@code 1.2.156.10197.1.104.2}), canonical; empty when
     * it denotes an algorithm of an international standard or nothing known.
     */
    public static Optional<String> national(String nameOrOid) {
        if (nameOrOid == null || nameOrOid.isBlank() || nameOrOid.length() > 200) {
            return Optional.empty();
        }
        String v = nameOrOid.strip();
        if (v.matches("[0-9]+(?:\\.[0-9]+)+")) {
            return byOid(v);
        }
        String upper = v.toUpperCase(Locale.ROOT);
        for (Map.Entry<Pattern, String> e : NAMES) {
            if (e.getKey().matcher(upper).find()) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> byOid(String oid) {
        List<String> names = KEYS.containsKey(oid) ? KEYS.get(oid) : SIGNATURES.getOrDefault(oid, List.of());
        if (!names.isEmpty()) {
            return Optional.of(names.get(0));
        }
        if (oid.startsWith("1.2.156.10197.1.301")) {
            return Optional.of(SM2);
        }
        if (oid.equals("1.2.156.10197.1.401") || oid.startsWith("1.2.156.10197.1.401.")) {
            return Optional.of(SM3);
        }
        if (oid.equals("1.2.156.10197.1.104") || oid.startsWith("1.2.156.10197.1.104.")) {
            return Optional.of(SM4);
        }
        if (oid.startsWith("1.2.643.7.1.1.1.") || oid.startsWith("1.2.643.7.1.1.3.")) {
            return Optional.of(GOST_2012);
        }
        if (oid.startsWith("1.2.643.7.1.1.2.")) {
            return Optional.of(GOST_HASH_2012);
        }
        if (oid.equals("1.2.643.2.2.21") || oid.startsWith("1.2.643.7.1.1.5.1")) {
            return Optional.of(GOST_28147);
        }
        if (oid.startsWith("1.2.643.7.1.1.5.2")) {
            return Optional.of(KUZNYECHIK);
        }
        return Optional.empty();
    }

    /** The national-standard names of a key algorithm OID or curve OID; empty when none. */
    static List<String> key(String oid) {
        return KEYS.getOrDefault(oid, List.of());
    }

    /** The national-standard names of a signature algorithm OID; empty when none. */
    static List<String> signature(String oid) {
        return SIGNATURES.getOrDefault(oid, List.of());
    }
}
