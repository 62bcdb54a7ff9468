package org.sovaudit.evidence.sign;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance this package uses. It is passed to each call explicitly
 * and never registered with {@link java.security.Security}, so nothing else in the process changes.
 */
final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {
    }
}
