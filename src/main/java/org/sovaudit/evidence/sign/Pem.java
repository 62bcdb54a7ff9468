package org.sovaudit.evidence.sign;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes PEM the same way on every platform: 64-character lines, '\n' line ends, a final '\n'. */
final class Pem {

    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {
    }

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + new String(ENCODER.encode(der), StandardCharsets.US_ASCII) + "\n"
                + "-----END " + type + "-----\n";
    }
}
