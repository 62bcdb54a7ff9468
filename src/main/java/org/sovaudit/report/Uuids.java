package org.sovaudit.report;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (RFC 9562 version 5), so that formats that want UUIDs (OSCAL, CycloneDX) get
 * the same ones for the same report: no randomness in a report.
 */
final class Uuids {
    /** The namespace of every UUID the appliance derives. */
    private static final UUID NAMESPACE = UUID.fromString("6f0a3c1e-5b2d-5e8f-9a47-0c3d2b1e4f5a");

    private Uuids() {
    }

    static String of(String... parts) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            sha1.update(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
            byte[] h = sha1.digest();
            h[6] = (byte) ((h[6] & 0x0F) | 0x50);
            h[8] = (byte) ((h[8] & 0x3F) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-1", e);
        }
    }
}
