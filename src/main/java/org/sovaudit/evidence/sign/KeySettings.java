package org.sovaudit.evidence.sign;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the appliance's keys are made and unlocked (configuration node {@code keys}).
 *
 * @param algorithm     the algorithm of a newly created key ({@code keys.algorithm}); an existing key keeps its own
 * @param passphrase    where the passphrase that encrypts the private key comes from
 * @param applianceId   the appliance id a first key's certificate carries ({@code keys.appliance-id}), or
 *                      null to generate one; afterwards the id stored beside the keys is used
 * @param kdfIterations PBKDF2 iterations when a key is encrypted; existing files keep theirs
 */
public record KeySettings(KeyAlgorithm algorithm, PassphraseSource passphrase, String applianceId, int kdfIterations) {

    /** PBKDF2-HMAC-SHA256 iterations for a newly encrypted key (OWASP's 2023 figure). */
    public static final int DEFAULT_KDF_ITERATIONS = 600_000;
    /** The fewest iterations accepted when encrypting; reading accepts what the file says, up to {@link #MAX_KDF_ITERATIONS}. */
    public static final int MIN_KDF_ITERATIONS = 10_000;
    /** A key file asking for more iterations than this is refused rather than tried. */
    public static final int MAX_KDF_ITERATIONS = 10_000_000;

    static final Pattern APPLIANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,47}");

    public KeySettings {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(passphrase, "passphrase");
        if (applianceId != null && applianceId.isBlank()) {
            applianceId = null;
        }
        if (applianceId != null) {
            requireApplianceId(applianceId);
        }
        if (kdfIterations < MIN_KDF_ITERATIONS || kdfIterations > MAX_KDF_ITERATIONS) {
            throw new KeyException("PBKDF2 iterations must be within " + MIN_KDF_ITERATIONS + ".." + MAX_KDF_ITERATIONS
                    + ", was " + kdfIterations);
        }
    }

    /** ECDSA P-256, a generated appliance id, the default iterations. */
    public static KeySettings defaults(PassphraseSource passphrase) {
        return new KeySettings(KeyAlgorithm.ECDSA_P256, passphrase, null, DEFAULT_KDF_ITERATIONS);
    }

    public KeySettings withAlgorithm(KeyAlgorithm other) {
        return new KeySettings(other, passphrase, applianceId, kdfIterations);
    }

    public KeySettings withPassphrase(PassphraseSource other) {
        return new KeySettings(algorithm, other, applianceId, kdfIterations);
    }

    public KeySettings withKdfIterations(int iterations) {
        return new KeySettings(algorithm, passphrase, applianceId, iterations);
    }

    static String requireApplianceId(String id) {
        if (id == null || !APPLIANCE_ID.matcher(id).matches()) {
            throw new KeyException("an appliance id is 1 to 48 letters, digits, '.' or '-', starting with a letter or"
                    + " digit; was '" + (id == null ? "" : id.length() > 60 ? id.substring(0, 60) + "..." : id) + "'");
        }
        return id;
    }
}
