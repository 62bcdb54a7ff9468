package org.sovaudit.evidence.sign;

/**
 * Where the passphrase that encrypts the appliance's private key comes from. See {@link Passphrases}
 * for the sources the appliance offers. The caller wipes the returned array after use.
 */
@FunctionalInterface
public interface PassphraseSource {

    /**
     * @param purpose  what the passphrase is for, shown in a prompt and in errors, e.g. "the new appliance key"
     * @param creating true when a new key is about to be encrypted with it (a prompt then asks twice)
     * @throws KeyException when no passphrase is available or it is unusable
     */
    char[] passphrase(String purpose, boolean creating);
}
