package org.sovaudit.evidence.sign;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.model.Digests;

/**
 * The statement by which an appliance's old key endorses its new key: "appliance {@code applianceId}
 * replaced key {@code oldKeyId} by key {@code newKeyId}, whose certificate has SHA-256
 * {@code newCertificateSha256}, at {@code rotatedAt}". Its canonical JSON is signed by the old key
 * (detached CMS) and recorded in the ledger as a {@code key-rotation} leaf, so that whoever trusts
 * the old key can extend that trust to the new one, and a silent key swap is visible in the ledger.
 *
 * <p>Canonical JSON, keys sorted, no whitespace:
 * {@code {"applianceId":"…","format":"sovaudit-key-rotation/1","newCertificateSha256":"…","newKeyId":"…","oldKeyId":"…","rotatedAt":"2026-03-01T10:15:30Z"}}
 */
public record KeyRotation(String applianceId, String oldKeyId, String newKeyId, String newCertificateSha256,
                          Instant rotatedAt) {

    public static final String FORMAT = "sovaudit-key-rotation/1";
    static final int MAX_JSON_BYTES = 4096;
    private static final Set<String> KEYS =
            Set.of("applianceId", "format", "newCertificateSha256", "newKeyId", "oldKeyId", "rotatedAt");

    public KeyRotation {
        KeySettings.requireApplianceId(applianceId);
        requireHex("oldKeyId", oldKeyId);
        requireHex("newKeyId", newKeyId);
        requireHex("newCertificateSha256", newCertificateSha256);
        if (rotatedAt == null) {
            throw new KeyException("rotatedAt is missing");
        }
        if (oldKeyId.equals(newKeyId)) {
            throw new KeyException("a rotation needs a new key; both key ids are " + oldKeyId);
        }
    }

    /** The statement for replacing {@code old} by the key of {@code newCertificate}. */
    static KeyRotation of(ApplianceKeys old, X509Certificate newCertificate, String applianceId, Instant at) {
        try {
            return new KeyRotation(applianceId, old.keyId(), Certificates.keyId(newCertificate),
                    Digests.sha256Hex(newCertificate.getEncoded()), at);
        } catch (CertificateEncodingException e) {
            throw new KeyException("cannot encode the new certificate: " + e.getMessage(), e);
        }
    }

    public byte[] toJson() {
        Map<String, Object> m = new TreeMap<>();
        m.put("applianceId", applianceId);
        m.put("format", FORMAT);
        m.put("newCertificateSha256", newCertificateSha256);
        m.put("newKeyId", newKeyId);
        m.put("oldKeyId", oldKeyId);
        m.put("rotatedAt", rotatedAt.toString());
        return StrictJson.write(m);
    }

    /**
     * Reads a statement written by {@link #toJson()}; only that exact spelling is accepted, because
     * the signature covers the bytes.
     *
     * @throws KeyException naming what is wrong
     */
    public static KeyRotation fromJson(byte[] json) {
        JsonNode node;
        try {
            node = StrictJson.readStrict(json, MAX_JSON_BYTES);
            StrictJson.requireExactKeys(node, KEYS, "key rotation statement");
        } catch (EvidenceException e) {
            throw new KeyException("invalid key rotation statement: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(node.get("format").asText())) {
            throw new KeyException("key rotation statement format is " + node.get("format") + ", expected " + FORMAT);
        }
        for (String key : KEYS) {
            if (!node.get(key).isTextual()) {
                throw new KeyException("key rotation statement: " + key + " must be a string");
            }
        }
        Instant at;
        try {
            at = Instant.parse(node.get("rotatedAt").textValue());
        } catch (DateTimeParseException e) {
            throw new KeyException("key rotation statement: rotatedAt is not an ISO-8601 instant", e);
        }
        KeyRotation rotation = new KeyRotation(node.get("applianceId").textValue(), node.get("oldKeyId").textValue(),
                node.get("newKeyId").textValue(), node.get("newCertificateSha256").textValue(), at);
        if (!Arrays.equals(rotation.toJson(), json)) {
            throw new KeyException("the key rotation statement is not in canonical form");
        }
        return rotation;
    }

    private static void requireHex(String field, String value) {
        if (!Digests.isSha256Hex(value)) {
            throw new KeyException("key rotation: " + field + " must be 64 lower-case hex digits");
        }
    }
}
