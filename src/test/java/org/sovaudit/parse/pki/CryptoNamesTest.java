package org.sovaudit.parse.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** National-standard algorithm names as inventories spell them, and their object identifiers. */
class CryptoNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SM2|SM2",
            "sm4-cbc|SM4",
            "SM4-GCM-128|SM4",
            "ECC-SM2-SM4-GCM-SM3|SM2",
            "GOST R 34.11-2012 (Streebog 256)|GOST R 34.11-2012",
            "GOST3410-2012-256|GOST R 34.10-2012",
            "Kuznyechik-CTR-ACPKM|Kuznyechik",
            "Magma|GOST 28147-89",
            "1.2.156.10197.1.104.2|SM4",
            "1.2.156.10197.1.401|SM3",
            "1.2.643.7.1.1.2.3|GOST R 34.11-2012",
            "1.2.643.2.2.21|GOST 28147-89"})
    void nationalNamesAndOids_haveTheirCanonicalName(String written, String canonical) {
        assertEquals(Optional.of(canonical), CryptoNames.national(written));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"AES-256-GCM", "ASM2000", "SHA-384", "2.16.840.1.101.3.4.1.46", "TLS_AES_128_GCM_SHA256", "ML-KEM-1024"})
    void internationalAlgorithms_nameNoNationalStandard(String written) {
        assertEquals(Optional.empty(), CryptoNames.national(written));
    }
}
