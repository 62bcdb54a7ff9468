package org.sovaudit.evidence.ledger;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.model.Digests;

/**
 * Proof that {@code leaf} is leaf {@code leaf.index()} of the ledger tree of {@code treeSize}
 * leaves: the RFC 9162 inclusion path, sibling hashes from the leaf upwards, each 64 lower-case hex
 * digits. Verified against a tree head of the same size by {@link #verify}.
 *
 * <p>JSON form ({@code inclusion-proof.json}), canonical:
 * {@code {"format":"sovaudit-inclusion-proof/1","leaf":{…},"leafHash":"…","leafIndex":4,"path":["…",…],"treeSize":5}};
 * {@code leafHash} repeats the leaf's hash for readers, and must equal it.
 */
public record InclusionProof(LedgerLeaf leaf, long treeSize, List<String> path) {

    public static final String FORMAT = "sovaudit-inclusion-proof/1";
    /** A path longer than this cannot belong to a tree of at most 2^63 leaves. */
    static final int MAX_PATH = 64;
    static final int MAX_JSON_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = Set.of("format", "leaf", "leafHash", "leafIndex", "path", "treeSize");

    public InclusionProof {
        if (leaf == null) {
            throw new LedgerException("an inclusion proof needs its leaf");
        }
        if (treeSize <= leaf.index()) {
            throw new LedgerException("leaf " + leaf.index() + " cannot be in a tree of size " + treeSize);
        }
        path = List.copyOf(path);
        if (path.size() > MAX_PATH) {
            throw new LedgerException("an inclusion path of " + path.size() + " hashes is longer than any can be");
        }
        for (String h : path) {
            if (!Digests.isSha256Hex(h)) {
                throw new LedgerException("an inclusion path hash must be 64 lower-case hex digits");
            }
        }
    }

    static InclusionProof of(LedgerLeaf leaf, long treeSize, List<byte[]> path) {
        return new InclusionProof(leaf, treeSize, path.stream().map(Digests::hex).toList());
    }

    /** RFC 9162 section 2.1.3.2 against {@code rootHash} (64 hex digits). */
    public boolean verify(String rootHash) {
        if (!Digests.isSha256Hex(rootHash)) {
            return false;
        }
        return MerkleTree.verifyInclusion(leaf.leafHash(), leaf.index(), treeSize, bytes(path),
                HexFormat.of().parseHex(rootHash));
    }

    public byte[] toJson() {
        Map<String, Object> m = new TreeMap<>();
        m.put("format", FORMAT);
        m.put("leaf", leaf.toMap());
        m.put("leafHash", leaf.leafHashHex());
        m.put("leafIndex", leaf.index());
        m.put("path", path);
        m.put("treeSize", treeSize);
        return StrictJson.write(m);
    }

    /** @throws LedgerException naming what is wrong */
    public static InclusionProof fromJson(byte[] json) {
        JsonNode node;
        try {
            node = StrictJson.readStrict(json, MAX_JSON_BYTES);
            StrictJson.requireExactKeys(node, FIELDS, "inclusion proof");
        } catch (EvidenceException e) {
            throw new LedgerException("invalid inclusion proof: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(node.get("format").asText())) {
            throw new LedgerException("invalid inclusion proof: format is " + node.get("format") + ", expected \"" + FORMAT + "\"");
        }
        long index = wholeNumber(node, "leafIndex");
        long size = wholeNumber(node, "treeSize");
        LedgerLeaf leaf = LedgerLeaf.fromNode(node.get("leaf"), index);
        if (!node.get("leafHash").isTextual() || !leaf.leafHashHex().equals(node.get("leafHash").textValue())) {
            throw new LedgerException("invalid inclusion proof: leafHash is " + node.get("leafHash")
                    + ", but the leaf hashes to " + leaf.leafHashHex());
        }
        return new InclusionProof(leaf, size, hashes(node.get("path"), "inclusion proof"));
    }

    static long wholeNumber(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new LedgerException(field + " must be a whole number, was " + value);
        }
        return value.longValue();
    }

    static List<String> hashes(JsonNode list, String what) {
        if (list == null || !list.isArray() || list.size() > MAX_PATH) {
            throw new LedgerException("invalid " + what + ": path must be a list of at most " + MAX_PATH + " hashes");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode h : list) {
            if (!h.isTextual() || !Digests.isSha256Hex(h.textValue())) {
                throw new LedgerException("invalid " + what + ": every path hash is 64 lower-case hex digits");
            }
            out.add(h.textValue());
        }
        return out;
    }

    static List<byte[]> bytes(List<String> hex) {
        return hex.stream().map(h -> HexFormat.of().parseHex(h)).toList();
    }
}
