package org.sovaudit.evidence.ledger;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.evidence.sign.Certificates;
import org.sovaudit.evidence.sign.KeyAlgorithm;
import org.sovaudit.evidence.sign.SignatureCheck;
import org.sovaudit.model.Digests;

/**
 * A signed tree head: the ledger held {@code treeSize} leaves whose Merkle tree hash is
 * {@code rootHash} at {@code timestamp}, signed by key {@code keyId}. The appliance signs one after
 * every append, in the same transaction.
 *
 * <h2>The signed bytes</h2>
 * The signature covers the UTF-8 bytes of these five lines, each ended by one line feed, nothing else:
 * <pre>
 * sovaudit-tree-head/1
 * &lt;treeSize in decimal&gt;
 * &lt;rootHash, 64 lower-case hex digits&gt;
 * &lt;timestamp, ISO-8601 UTC as Instant.toString writes it&gt;
 * &lt;keyId&gt;
 * </pre>
 * The signature is the key's plain signature over them: DER ECDSA with SHA-256, RSA PKCS#1 v1.5 with
 * SHA-256, or Ed25519. With OpenSSL: {@code printf 'sovaudit-tree-head/1\n%s\n%s\n%s\n%s\n' "$treeSize"
 * "$rootHash" "$timestamp" "$keyId" > signed.txt}, the base64-decoded signature in sig.bin, then
 * {@code openssl dgst -sha256 -verify pub.pem -signature sig.bin signed.txt} (ECDSA, RSA) or
 * {@code openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in signed.txt -sigfile sig.bin} (Ed25519).
 *
 * <p>JSON form ({@code tree-head.json}; {@code sovaudit ledger head}): canonical, keys sorted,
 * {@code {"format":"sovaudit-tree-head/1","keyId":"…","rootHash":"…","signature":"<base64>","timestamp":"…","treeSize":5}}.
 */
public record TreeHead(long treeSize, String rootHash, Instant timestamp, String keyId, byte[] signature) {

    public static final String FORMAT = "sovaudit-tree-head/1";
    /** Tree head JSON larger than this is refused unparsed; a real one is under 1 KiB. */
    public static final int MAX_JSON_BYTES = 8192;
    private static final Set<String> FIELDS = Set.of("format", "keyId", "rootHash", "signature", "timestamp", "treeSize");

    public TreeHead {
        if (treeSize < 1) {
            throw new LedgerException("a tree head covers 1 leaf or more, was " + treeSize);
        }
        if (!Digests.isSha256Hex(rootHash)) {
            throw new LedgerException("rootHash must be 64 lower-case hex digits");
        }
        Objects.requireNonNull(timestamp, "timestamp");
        if (!Digests.isSha256Hex(keyId)) {
            throw new LedgerException("keyId must be 64 lower-case hex digits");
        }
        Objects.requireNonNull(signature, "signature");
        if (signature.length == 0 || signature.length > 1024) {
            throw new LedgerException("a tree head signature is 1 to 1024 bytes, was " + signature.length);
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The bytes a tree head's signature covers; see the class documentation. */
    public static byte[] signedText(long treeSize, String rootHash, Instant timestamp, String keyId) {
        return ("sovaudit-tree-head/1\n" + treeSize + "\n" + rootHash + "\n" + timestamp + "\n" + keyId + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] signedText() {
        return signedText(treeSize, rootHash, timestamp, keyId);
    }

    /**
     * Whether the signature verifies with {@code certificate}, whose key must be {@code keyId}.
     * Never throws.
     */
    public SignatureCheck verify(X509Certificate certificate) {
        if (certificate == null) {
            return SignatureCheck.failed("no certificate for key " + keyId);
        }
        try {
            String certificateKeyId = Certificates.keyId(certificate);
            if (!certificateKeyId.equals(keyId)) {
                return SignatureCheck.failed("the tree head names key " + keyId + ", the certificate holds key " + certificateKeyId);
            }
            KeyAlgorithm algorithm = KeyAlgorithm.of(certificate.getPublicKey());
            return algorithm.verifyRaw(certificate.getPublicKey(), signedText(), signature)
                    ? SignatureCheck.ok("tree head of size " + treeSize + " signed by key " + keyId.substring(0, 16)
                            + " (" + algorithm.id() + ") at " + timestamp)
                    : SignatureCheck.failed("the tree head signature does not verify with key " + keyId);
        } catch (RuntimeException e) {
            return SignatureCheck.failed("the tree head signature cannot be checked: " + e.getMessage());
        }
    }

    public byte[] toJson() {
        Map<String, Object> m = new TreeMap<>();
        m.put("format", FORMAT);
        m.put("keyId", keyId);
        m.put("rootHash", rootHash);
        m.put("signature", Base64.getEncoder().encodeToString(signature));
        m.put("timestamp", timestamp.toString());
        m.put("treeSize", treeSize);
        return StrictJson.write(m);
    }

    /**
     * Reads a tree head written by {@link #toJson()}; key order and whitespace may differ, the keys,
     * their types and the values' forms may not.
     *
     * @throws LedgerException naming what is wrong
     */
    public static TreeHead fromJson(byte[] json) {
        JsonNode node;
        try {
            node = StrictJson.readStrict(json, MAX_JSON_BYTES);
            StrictJson.requireExactKeys(node, FIELDS, "tree head");
        } catch (EvidenceException e) {
            throw new LedgerException("invalid tree head: " + e.getMessage(), e);
        }
        if (!node.get("format").isTextual() || !FORMAT.equals(node.get("format").textValue())) {
            throw new LedgerException("invalid tree head: format is " + node.get("format") + ", expected \"" + FORMAT + "\"");
        }
        JsonNode size = node.get("treeSize");
        if (!size.isIntegralNumber() || !size.canConvertToLong()) {
            throw new LedgerException("invalid tree head: treeSize must be a whole number");
        }
        for (String f : new String[] {"keyId", "rootHash", "signature", "timestamp"}) {
            if (!node.get(f).isTextual()) {
                throw new LedgerException("invalid tree head: " + f + " must be a string");
            }
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(node.get("signature").textValue());
        } catch (IllegalArgumentException e) {
            throw new LedgerException("invalid tree head: the signature is not base64", e);
        }
        return new TreeHead(size.longValue(), node.get("rootHash").textValue(),
                LedgerEntry.parseRecordedAt(node.get("timestamp").textValue()), node.get("keyId").textValue(), signature);
    }

    /** Whether {@code json} is exactly the canonical form of this head. */
    public boolean canonical(byte[] json) {
        return Arrays.equals(toJson(), json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeHead h && treeSize == h.treeSize && rootHash.equals(h.rootHash)
                && timestamp.equals(h.timestamp) && keyId.equals(h.keyId) && Arrays.equals(signature, h.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(treeSize, rootHash, timestamp, keyId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "TreeHead[size=" + treeSize + ", root=" + rootHash + ", key=" + keyId.substring(0, 16) + ", at=" + timestamp + "]";
    }
}
