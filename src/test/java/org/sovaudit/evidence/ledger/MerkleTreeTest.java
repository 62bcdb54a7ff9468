package org.sovaudit.evidence.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * RFC 9162 hashing and proofs, against the known answers certificate-transparency implementations
 * test with (the eight RFC 6962 test leaves, their roots, and the inclusion and consistency proofs
 * published with them), and against an independent recomputation: a bottom-up tree that promotes
 * a lone right node, which must give the same roots as the RFC's recursive definition.
 */
class MerkleTreeTest {

    static final HexFormat HEX = HexFormat.of();

    /** The RFC 6962 test leaves (entries, before leaf hashing). */
    static final List<byte[]> ENTRIES = List.of(hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"), hex("40414243"),
            hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));

    /** MTH of the first n entries, n = 0..8. */
    static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    record Inclusion(int index, int size, List<String> path) {
    }

    record Consistency(int first, int second, List<String> path) {
    }

    static final List<Inclusion> INCLUSION = List.of(
            new Inclusion(0, 1, List.of()),
            new Inclusion(0, 8, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Inclusion(5, 8, List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Inclusion(2, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new Inclusion(1, 5, List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    static final List<Consistency> CONSISTENCY = List.of(
            new Consistency(1, 1, List.of()),
            new Consistency(1, 8, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Consistency(6, 8, List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Consistency(2, 5, List.of("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new Consistency(2, 8, List.of("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")));

    static List<byte[]> leaves() {
        return ENTRIES.stream().map(MerkleTree::leafHash).toList();
    }

    @Test
    void root_rfc6962Leaves_matchesTheKnownRootOfEverySize() {
        List<byte[]> leaves = leaves();
        for (int n = 0; n <= 8; n++) {
            assertEquals(ROOTS.get(n), HEX.formatHex(MerkleTree.root(leaves, n)), "size " + n);
        }
    }

    @Test
    void inclusionProof_knownAnswers_areProducedAndVerify() {
        List<byte[]> leaves = leaves();
        for (Inclusion v : INCLUSION) {
            List<byte[]> proof = MerkleTree.inclusionProof(leaves, v.index(), v.size());
            assertEquals(v.path(), proof.stream().map(HEX::formatHex).toList(), v.toString());
            assertTrue(MerkleTree.verifyInclusion(leaves.get(v.index()), v.index(), v.size(), bytes(v.path()),
                    hex(ROOTS.get(v.size()))), v.toString());
        }
    }

    @Test
    void consistencyProof_knownAnswers_areProducedAndVerify() {
        List<byte[]> leaves = leaves();
        for (Consistency v : CONSISTENCY) {
            List<byte[]> proof = MerkleTree.consistencyProof(leaves, v.first(), v.second());
            assertEquals(v.path(), proof.stream().map(HEX::formatHex).toList(), v.toString());
            assertTrue(MerkleTree.verifyConsistency(v.first(), v.second(), hex(ROOTS.get(v.first())),
                    hex(ROOTS.get(v.second())), bytes(v.path())), v.toString());
        }
    }

    @Test
    void root_agreesWithAnIndependentBottomUpTree_andWithTheFrontier() {
        List<byte[]> leaves = pseudoLeaves(200);
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();
        assertArrayEquals(MerkleTree.root(leaves, 0), frontier.root());
        for (int n = 1; n <= leaves.size(); n++) {
            frontier.append(leaves.get(n - 1));
            byte[] independent = bottomUp(leaves.subList(0, n));
            assertArrayEquals(independent, MerkleTree.root(leaves, n), "size " + n);
            assertArrayEquals(independent, frontier.root(), "frontier at size " + n);
        }
    }

    @Test
    void inclusionProof_everyLeafOfEverySizeUpTo64_verifies_andAlteredProofsFail() {
        List<byte[]> leaves = pseudoLeaves(64);
        for (int n = 1; n <= 64; n++) {
            byte[] root = bottomUp(leaves.subList(0, n));
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = MerkleTree.inclusionProof(leaves, i, n);
                assertTrue(MerkleTree.verifyInclusion(leaves.get(i), i, n, proof, root), i + " of " + n);
                if (n > 1) {
                    assertFalse(MerkleTree.verifyInclusion(leaves.get((i + 1) % n), i, n, proof, root), "other leaf");
                    assertFalse(MerkleTree.verifyInclusion(leaves.get(i), i, n, flipped(proof, proof.size() - 1), root), "flipped");
                    assertFalse(MerkleTree.verifyInclusion(leaves.get(i), i, n, proof.subList(0, proof.size() - 1), root), "truncated");
                    assertFalse(MerkleTree.verifyInclusion(leaves.get(i), (i + 1) % n, n, proof, root), "other index");
                }
                List<byte[]> extended = new ArrayList<>(proof);
                extended.add(new byte[32]);
                assertFalse(MerkleTree.verifyInclusion(leaves.get(i), i, n, extended, root), "extended");
            }
        }
    }

    @Test
    void consistencyProof_everyPairUpTo64_verifies_andAlteredProofsFail() {
        List<byte[]> leaves = pseudoLeaves(64);
        List<byte[]> roots = new ArrayList<>();
        for (int n = 0; n <= 64; n++) {
            roots.add(bottomUp(leaves.subList(0, n)));
        }
        for (int second = 0; second <= 64; second++) {
            for (int first = 0; first <= second; first++) {
                List<byte[]> proof = MerkleTree.consistencyProof(leaves, first, second);
                assertTrue(MerkleTree.verifyConsistency(first, second, roots.get(first), roots.get(second), proof),
                        first + " -> " + second);
                if (first > 0 && first < second) {
                    assertFalse(MerkleTree.verifyConsistency(first, second, roots.get(first), roots.get(second),
                            flipped(proof, 0)), "flipped " + first + " -> " + second);
                    assertFalse(MerkleTree.verifyConsistency(first, second, roots.get(first), roots.get(second),
                            proof.subList(0, proof.size() - 1)), "truncated " + first + " -> " + second);
                    assertFalse(MerkleTree.verifyConsistency(first, second, roots.get(first - 1), roots.get(second), proof),
                            "another first root " + first + " -> " + second);
                    assertFalse(MerkleTree.verifyConsistency(first, second, roots.get(first), roots.get(second - 1), proof),
                            "another second root " + first + " -> " + second);
                }
            }
        }
    }

    @Test
    void verifyConsistency_edgeCases_areDecidedAsDocumented() {
        List<byte[]> leaves = leaves();
        byte[] r4 = MerkleTree.root(leaves, 4);
        byte[] r5 = MerkleTree.root(leaves, 5);
        byte[] empty = MerkleTree.root(leaves, 0);
        assertTrue(MerkleTree.verifyConsistency(4, 4, r4, r4, List.of()));
        assertFalse(MerkleTree.verifyConsistency(4, 4, r4, r5, List.of()));
        assertFalse(MerkleTree.verifyConsistency(4, 4, r4, r4, List.of(new byte[32])));
        assertTrue(MerkleTree.verifyConsistency(0, 5, empty, r5, List.of()));
        assertFalse(MerkleTree.verifyConsistency(0, 5, r4, r5, List.of()));
        assertFalse(MerkleTree.verifyConsistency(5, 4, r5, r4, List.of()));
        assertFalse(MerkleTree.verifyConsistency(4, 5, r4, r5, List.of()), "an empty proof between different sizes");
        assertFalse(MerkleTree.verifyConsistency(4, 5, new byte[31], r5, MerkleTree.consistencyProof(leaves, 4, 5)));
    }

    @Test
    void verifyInclusion_malformedInput_isFalseNotAnException() {
        List<byte[]> leaves = leaves();
        List<byte[]> proof = MerkleTree.inclusionProof(leaves, 5, 8);
        byte[] root = hex(ROOTS.get(8));
        assertFalse(MerkleTree.verifyInclusion(new byte[31], 5, 8, proof, root));
        assertFalse(MerkleTree.verifyInclusion(leaves.get(5), 8, 8, proof, root));
        assertFalse(MerkleTree.verifyInclusion(leaves.get(5), -1, 8, proof, root));
        assertFalse(MerkleTree.verifyInclusion(leaves.get(5), 5, 8, null, root));
        List<byte[]> shortHash = new ArrayList<>(proof);
        shortHash.set(0, new byte[31]);
        assertFalse(MerkleTree.verifyInclusion(leaves.get(5), 5, 8, shortHash, root));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.inclusionProof(leaves, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.consistencyProof(leaves, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.root(leaves, 9));
    }

    @Test
    void hashes_useTheRfcPrefixes() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha.digest(new byte[] {0x00, 0x42}), MerkleTree.leafHash(new byte[] {0x42}));
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        b[0] = 1;
        byte[] joined = new byte[65];
        joined[0] = 0x01;
        System.arraycopy(a, 0, joined, 1, 32);
        System.arraycopy(b, 0, joined, 33, 32);
        assertArrayEquals(sha.digest(joined), MerkleTree.nodeHash(a, b));
    }

    // ---------------------------------------------------------------- independent recomputation

    /**
     * The tree built level by level from the leaves: pairs hashed left to right, a lone last node
     * carried up unchanged. For RFC 6962/9162 trees this gives the same root as the recursive MTH,
     * by a different route.
     */
    static byte[] bottomUp(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return sha256(new byte[0]);
        }
        List<byte[]> level = new ArrayList<>(leaves);
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                if (i + 1 < level.size()) {
                    byte[] joined = new byte[65];
                    joined[0] = 0x01;
                    System.arraycopy(level.get(i), 0, joined, 1, 32);
                    System.arraycopy(level.get(i + 1), 0, joined, 33, 32);
                    next.add(sha256(joined));
                } else {
                    next.add(level.get(i));
                }
            }
            level = next;
        }
        return level.getFirst();
    }

    static List<byte[]> pseudoLeaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(("entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static List<byte[]> flipped(List<byte[]> proof, int which) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] h : proof) {
            out.add(h.clone());
        }
        out.get(which)[7] ^= 0x01;
        return out;
    }

    static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    static List<byte[]> bytes(List<String> hex) {
        return hex.stream().map(MerkleTreeTest::hex).toList();
    }
}
