package org.sovaudit.parse.pki;

import java.util.List;
import java.util.Map;

/**
 * The canonical names of national-standard algorithms (Chinese SM, Russian GOST) by the object
 * identifiers certificates carry them under. Algorithms of international standards (RSA, ECDSA on
 * NIST curves, SHA-2) are not observations: they name nobody.
 */
final class CryptoNames {

    static final String SM2 = "SM2";
    static final String SM3 = "SM3";
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

    private CryptoNames() {
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
