package org.sovaudit.evidence.sign;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.model.Digests;

/**
 * The appliance's key rotations up to one key, oldest first: each new key's certificate with the
 * old key's signed endorsement of it ({@link KeyRotation}). A bundle carries it as
 * {@code key-history.json}, so that a reviewer who trusts an earlier appliance certificate can
 * follow the endorsements to the key that signed the bundle, and can check tree heads signed by
 * earlier keys.
 *
 * <p>Canonical JSON: {@code {"format":"sovaudit-key-history/1","rotations":[{"newCertificate":"<PEM>",
 * "signature":"<base64 DER CMS>","statement":"<base64 of the statement's JSON>"},…]}}; an appliance
 * that never rotated has an empty list.
 */
public final class KeyHistory {

    public static final String FORMAT = "sovaudit-key-history/1";
    /** More rotations than this are refused; an appliance rotates yearly at most. */
    public static final int MAX_ROTATIONS = 256;
    private static final Set<String> KEYS = Set.of("format", "rotations");
    private static final Set<String> ROTATION_KEYS = Set.of("newCertificate", "signature", "statement");

    /** One rotation: the statement's bytes, the old key's CMS signature over them, and the new key's certificate. */
    public record Endorsement(byte[] statement, byte[] signature, X509Certificate newCertificate) {
        public Endorsement {
            statement = statement.clone();
            signature = signature.clone();
        }

        public KeyRotation rotation() {
            return KeyRotation.fromJson(statement);
        }
    }

    /**
     * The outcome of {@link #verify}: whether every endorsement verifies and they link up to the
     * signer, and the certificates met on the way by key id (to check tree heads signed by earlier keys).
     */
    public record Verification(boolean valid, String detail, Map<String, X509Certificate> certificates,
                               List<String> keyIds) {
    }

    private KeyHistory() {
    }

    public static byte[] toJson(List<Endorsement> history) {
        List<Map<String, Object>> rotations = new ArrayList<>();
        for (Endorsement e : history) {
            Map<String, Object> r = new TreeMap<>();
            r.put("newCertificate", Certificates.toPem(e.newCertificate()));
            r.put("signature", Base64.getEncoder().encodeToString(e.signature()));
            r.put("statement", Base64.getEncoder().encodeToString(e.statement()));
            rotations.add(r);
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("format", FORMAT);
        m.put("rotations", rotations);
        return StrictJson.write(m);
    }

    /**
     * @throws KeyException when the JSON is not a key history in canonical form
     */
    public static List<Endorsement> fromJson(byte[] json, int maxBytes) {
        JsonNode node;
        try {
            node = StrictJson.readStrict(json, maxBytes);
            StrictJson.requireExactKeys(node, KEYS, "key history");
        } catch (EvidenceException e) {
            throw new KeyException("invalid key history: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(node.get("format").asText())) {
            throw new KeyException("key history format is " + node.get("format") + ", expected " + FORMAT);
        }
        JsonNode list = node.get("rotations");
        if (!list.isArray() || list.size() > MAX_ROTATIONS) {
            throw new KeyException("key history: rotations must be a list of at most " + MAX_ROTATIONS);
        }
        List<Endorsement> history = new ArrayList<>();
        Base64.Decoder base64 = Base64.getDecoder();
        for (JsonNode r : list) {
            try {
                StrictJson.requireExactKeys(r, ROTATION_KEYS, "key history rotation");
                for (String k : ROTATION_KEYS) {
                    if (!r.get(k).isTextual()) {
                        throw new KeyException("key history: " + k + " must be a string");
                    }
                }
                history.add(new Endorsement(base64.decode(r.get("statement").textValue()),
                        base64.decode(r.get("signature").textValue()),
                        Certificates.fromPem(r.get("newCertificate").textValue())));
            } catch (EvidenceException | IllegalArgumentException e) {
                throw new KeyException("invalid key history rotation " + (history.size() + 1) + ": " + e.getMessage(), e);
            }
        }
        if (!java.util.Arrays.equals(toJson(history), json)) {
            throw new KeyException("the key history is not in canonical form");
        }
        return history;
    }

    /**
     * Checks that each endorsement's signature verifies (with the certificate it includes), that
     * its statement names the key that signed it as the old key and its certificate as the new one,
     * that each rotation starts from the key the previous one introduced, and that the last one
     * introduces {@code signer}'s key (an empty history: the signer's key was the first).
     */
    public static Verification verify(List<Endorsement> history, X509Certificate signer) {
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        List<String> keyIds = new ArrayList<>();
        String signerKeyId = Certificates.keyId(signer);
        String previousNewKeyId = null;
        int n = 0;
        for (Endorsement e : history) {
            n++;
            KeyRotation rotation;
            try {
                rotation = e.rotation();
            } catch (KeyException ex) {
                return failed("rotation " + n + ": " + ex.getMessage(), certificates, keyIds);
            }
            CmsVerifier.Included included = CmsVerifier.verifyWithIncluded(e.statement(), e.signature());
            if (!included.check().valid()) {
                return failed("rotation " + n + ": the endorsement signature is invalid: " + included.check().detail(),
                        certificates, keyIds);
            }
            String endorserKeyId = Certificates.keyId(included.signer());
            if (!endorserKeyId.equals(rotation.oldKeyId())) {
                return failed("rotation " + n + ": signed by key " + endorserKeyId + ", but the statement names old key "
                        + rotation.oldKeyId(), certificates, keyIds);
            }
            if (previousNewKeyId != null && !previousNewKeyId.equals(rotation.oldKeyId())) {
                return failed("rotation " + n + " starts from key " + rotation.oldKeyId() + ", but rotation " + (n - 1)
                        + " introduced key " + previousNewKeyId, certificates, keyIds);
            }
            String newKeyId = Certificates.keyId(e.newCertificate());
            String newSha;
            try {
                newSha = Digests.sha256Hex(e.newCertificate().getEncoded());
            } catch (CertificateEncodingException ex) {
                return failed("rotation " + n + ": the new certificate cannot be encoded", certificates, keyIds);
            }
            if (!newKeyId.equals(rotation.newKeyId()) || !newSha.equals(rotation.newCertificateSha256())) {
                return failed("rotation " + n + ": the statement endorses key " + rotation.newKeyId() + " (certificate "
                        + rotation.newCertificateSha256() + "), but the certificate given is key " + newKeyId
                        + " (certificate " + newSha + ")", certificates, keyIds);
            }
            if (keyIds.isEmpty()) {
                keyIds.add(endorserKeyId);
            }
            certificates.putIfAbsent(endorserKeyId, included.signer());
            certificates.putIfAbsent(newKeyId, e.newCertificate());
            keyIds.add(newKeyId);
            previousNewKeyId = newKeyId;
        }
        if (previousNewKeyId != null && !previousNewKeyId.equals(signerKeyId)) {
            return failed("the last rotation introduced key " + previousNewKeyId + ", but the signer is key " + signerKeyId,
                    certificates, keyIds);
        }
        certificates.putIfAbsent(signerKeyId, signer);
        if (keyIds.isEmpty()) {
            keyIds.add(signerKeyId);
        }
        return new Verification(true, history.isEmpty()
                ? "no rotations: the signer's key is the appliance's first"
                : history.size() + " rotation(s), each endorsed by the key before it, ending at the signer's key",
                certificates, keyIds);
    }

    /**
     * Whether a reviewer who trusts {@code trusted} may trust the signer through the endorsements:
     * the trusted certificate's key is one of the keys the verified history passes through.
     */
    public static SignatureCheck trust(Verification verified, X509Certificate trusted) {
        if (!verified.valid()) {
            return SignatureCheck.failed("the key history is invalid: " + verified.detail());
        }
        String trustedKeyId = Certificates.keyId(trusted);
        int at = verified.keyIds().indexOf(trustedKeyId);
        if (at < 0) {
            return SignatureCheck.failed("the trusted key " + trustedKeyId + " is not among this appliance's keys "
                    + verified.keyIds());
        }
        int hops = verified.keyIds().size() - 1 - at;
        return SignatureCheck.ok("the trusted key " + trustedKeyId.substring(0, 16) + " endorsed the signer's key through "
                + hops + " rotation(s)");
    }

    private static Verification failed(String detail, Map<String, X509Certificate> certificates, List<String> keyIds) {
        return new Verification(false, detail, certificates, keyIds);
    }
}
