package org.sovaudit.evidence.ledger;

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
 * Proof that the ledger tree of {@code firstSize} leaves is a prefix of the tree of
 * {@code secondSize} leaves: the RFC 9162 consistency path, each hash 64 lower-case hex digits.
 * Whoever holds tree heads of both sizes checks with {@link #verify} that no leaf before
 * {@code firstSize} was changed, removed or reordered in between.
 *
 * <p>JSON form ({@code consistency-proof.json}; {@code sovaudit ledger consistency}), canonical:
 * {@code {"firstSize":3,"format":"sovaudit-consistency-proof/1","path":["…",…],"secondSize":5}}.
 * A proof from size 0, or between equal sizes, has an empty path.
 */
public record ConsistencyProof(long firstSize, long secondSize, List<String> path) {

    public static final String FORMAT = "sovaudit-consistency-proof/1";
    static final int MAX_JSON_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = Set.of("firstSize", "format", "path", "secondSize");

    public ConsistencyProof {
        if (firstSize < 0 || secondSize < firstSize) {
            throw new LedgerException("a consistency proof needs 0 <= firstSize <= secondSize, was " + firstSize
                    + " and " + secondSize);
        }
        path = List.copyOf(path);
        if (path.size() > InclusionProof.MAX_PATH) {
            throw new LedgerException("a consistency path of " + path.size() + " hashes is longer than any can be");
        }
        for (String h : path) {
            if (!Digests.isSha256Hex(h)) {
                throw new LedgerException("a consistency path hash must be 64 lower-case hex digits");
            }
        }
    }

    static ConsistencyProof of(long firstSize, long secondSize, List<byte[]> path) {
        return new ConsistencyProof(firstSize, secondSize, path.stream().map(Digests::hex).toList());
    }

    /** RFC 9162 section 2.1.4.2 (with the documented edge cases of {@link MerkleTree#verifyConsistency}). */
    public boolean verify(String firstRoot, String secondRoot) {
        if (!Digests.isSha256Hex(firstRoot) || !Digests.isSha256Hex(secondRoot)) {
            return false;
        }
        return MerkleTree.verifyConsistency(firstSize, secondSize, HexFormat.of().parseHex(firstRoot),
                HexFormat.of().parseHex(secondRoot), InclusionProof.bytes(path));
    }

    public byte[] toJson() {
        Map<String, Object> m = new TreeMap<>();
        m.put("firstSize", firstSize);
        m.put("format", FORMAT);
        m.put("path", path);
        m.put("secondSize", secondSize);
        return StrictJson.write(m);
    }

    /** @throws LedgerException naming what is wrong */
    public static ConsistencyProof fromJson(byte[] json) {
        JsonNode node;
        try {
            node = StrictJson.readStrict(json, MAX_JSON_BYTES);
            StrictJson.requireExactKeys(node, FIELDS, "consistency proof");
        } catch (EvidenceException e) {
            throw new LedgerException("invalid consistency proof: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(node.get("format").asText())) {
            throw new LedgerException("invalid consistency proof: format is " + node.get("format") + ", expected \"" + FORMAT + "\"");
        }
        return new ConsistencyProof(InclusionProof.wholeNumber(node, "firstSize"),
                InclusionProof.wholeNumber(node, "secondSize"), InclusionProof.hashes(node.get("path"), "consistency proof"));
    }
}
