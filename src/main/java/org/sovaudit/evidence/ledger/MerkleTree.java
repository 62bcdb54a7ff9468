package org.sovaudit.evidence.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hashing of RFC 9162 (Certificate Transparency version 2.0), section 2.1, with
 * SHA-256: the tree hash of a list of entries, inclusion and consistency proofs, and their
 * verification. Pure functions over leaf hashes; nothing here reads a database or a clock.
 *
 * <ul>
 *   <li>leaf hash: {@code SHA-256(0x00 || entry)}</li>
 *   <li>node hash: {@code SHA-256(0x01 || left || right)}</li>
 *   <li>MTH of zero entries: {@code SHA-256()}; of one: its leaf hash; of n &gt; 1: the node hash of
 *       the MTH of the first k entries and the MTH of the rest, k the largest power of two below n.</li>
 * </ul>
 *
 * Proof generation follows the RFC's PATH and PROOF/SUBPROOF definitions (2.1.3.1, 2.1.4.1);
 * verification follows its algorithms step by step (2.1.3.2, 2.1.4.2). Every hash is 32 bytes.
 */
public final class MerkleTree {

    public static final int HASH_BYTES = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleTree() {
    }

    /** {@code SHA-256(0x00 || entry)}. */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha = sha256();
        sha.update(LEAF_PREFIX);
        sha.update(entry);
        return sha.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        requireHash(left, "left");
        requireHash(right, "right");
        MessageDigest sha = sha256();
        sha.update(NODE_PREFIX);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The tree hash of the first {@code size} leaves: MTH(D[0:size]). */
    public static byte[] root(List<byte[]> leafHashes, long size) {
        requireSize(leafHashes, size);
        if (size == 0) {
            return sha256().digest();
        }
        return mth(leafHashes, 0, (int) size);
    }

    /**
     * The inclusion proof (audit path) of leaf {@code index} in the tree of the first {@code size}
     * leaves: PATH(index, D[0:size]), from the leaf's sibling up to the root's child.
     */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, long index, long size) {
        requireSize(leafHashes, size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is outside a tree of size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(leafHashes, (int) index, 0, (int) size, path);
        return path;
    }

    /**
     * The consistency proof between the tree of the first {@code first} leaves and the tree of the
     * first {@code second}: PROOF(first, D[0:second]). Empty when {@code first} is 0 or equals
     * {@code second}: there is nothing to prove.
     */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, long first, long second) {
        requireSize(leafHashes, second);
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("a consistency proof needs 0 <= first <= second, was " + first
                    + " and " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof((int) first, 0, (int) second, true, leafHashes, proof);
        }
        return proof;
    }

    /**
     * RFC 9162 section 2.1.3.2: whether {@code path} proves that the leaf with hash {@code leafHash}
     * is leaf {@code index} of the tree of {@code size} leaves whose root is {@code root}.
     * Returns false for any malformed input instead of throwing.
     */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> path, byte[] root) {
        if (!isHash(leafHash) || !isHash(root) || path == null || index < 0 || size < 1) {
            return false;
        }
        // 1. Compare leaf_index against tree_size; if leaf_index >= tree_size, fail.
        if (index >= size) {
            return false;
        }
        // 2. Set fn to leaf_index and sn to tree_size - 1.
        long fn = index;
        long sn = size - 1;
        // 3. Set r to hash.
        byte[] r = leafHash;
        // 4. For each value p in the inclusion_path array:
        for (byte[] p : path) {
            if (!isHash(p)) {
                return false;
            }
            // a. If sn is 0, stop the iteration and fail.
            if (sn == 0) {
                return false;
            }
            // b. If LSB(fn) is set, or if fn is equal to sn:
            if ((fn & 1) == 1 || fn == sn) {
                // i. Set r to HASH(0x01 || p || r).
                r = nodeHash(p, r);
                // ii. If LSB(fn) is not set, right-shift fn and sn equally until LSB(fn) is set or fn is 0.
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                // Otherwise set r to HASH(0x01 || r || p).
                r = nodeHash(r, p);
            }
            // c. Right-shift both fn and sn one time.
            fn >>= 1;
            sn >>= 1;
        }
        // 5. sn must be 0 and r must equal the root hash.
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * RFC 9162 section 2.1.4.2: whether {@code proof} proves that the tree of {@code first} leaves
     * with root {@code firstRoot} is a prefix of the tree of {@code second} leaves with root
     * {@code secondRoot}. The RFC's algorithm covers {@code 0 < first < second}; the two edge cases
     * are decided here as every log does: equal sizes are consistent when the roots are equal and
     * the proof is empty; the empty tree is a prefix of every tree, with an empty proof. Returns
     * false for any malformed input instead of throwing.
     */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        if (!isHash(firstRoot) || !isHash(secondRoot) || proof == null || first < 0 || second < first) {
            return false;
        }
        for (byte[] c : proof) {
            if (!isHash(c)) {
                return false;
            }
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (first == 0) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, sha256().digest());
        }
        // 1. If consistency_path is an empty array, stop and fail.
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        // 2. If first is an exact power of 2, prepend first_hash to the consistency_path array.
        if (Long.bitCount(first) == 1) {
            path.addFirst(firstRoot);
        }
        // 3. Set fn to first - 1 and sn to second - 1.
        long fn = first - 1;
        long sn = second - 1;
        // 4. If LSB(fn) is set, right-shift both fn and sn equally until LSB(fn) is not set.
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        // 5. Set both fr and sr to the first value in the consistency_path array.
        byte[] fr = path.getFirst();
        byte[] sr = path.getFirst();
        // 6. For each subsequent value c in the consistency_path array:
        for (byte[] c : path.subList(1, path.size())) {
            // a. If sn is 0, stop the iteration and fail.
            if (sn == 0) {
                return false;
            }
            // b. If LSB(fn) is set, or if fn is equal to sn:
            if ((fn & 1) == 1 || fn == sn) {
                // i. fr = HASH(0x01 || c || fr); ii. sr = HASH(0x01 || c || sr).
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                // iii. If LSB(fn) is not set, right-shift fn and sn equally until LSB(fn) is set or fn is 0.
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                // Otherwise sr = HASH(0x01 || sr || c).
                sr = nodeHash(sr, c);
            }
            // c. Right-shift both fn and sn one time.
            fn >>= 1;
            sn >>= 1;
        }
        // 7. fr must equal first_hash, sr must equal second_hash, and sn must be 0.
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    /**
     * The tree hashes of every prefix of a growing list of leaves, one leaf at a time, in O(log n)
     * per leaf: the roots of the perfect subtrees the leaves so far form (the tree's right edge),
     * folded from the right. Gives MTH(D[0:n]) for each n without recomputing the tree.
     */
    public static final class Frontier {
        private final List<byte[]> hashes = new ArrayList<>();
        private final List<Integer> heights = new ArrayList<>();
        private long size;

        public void append(byte[] leafHash) {
            byte[] hash = requireHash(leafHash, "leaf " + size);
            int height = 0;
            while (!heights.isEmpty() && heights.getLast() == height) {
                hash = nodeHash(hashes.removeLast(), hash);
                heights.removeLast();
                height++;
            }
            hashes.add(hash);
            heights.add(height);
            size++;
        }

        public long size() {
            return size;
        }

        /** MTH of the leaves appended so far. */
        public byte[] root() {
            if (hashes.isEmpty()) {
                return sha256().digest();
            }
            byte[] r = hashes.getLast();
            for (int i = hashes.size() - 2; i >= 0; i--) {
                r = nodeHash(hashes.get(i), r);
            }
            return r;
        }
    }

    // ---------------------------------------------------------------- RFC definitions

    /** MTH(D[from:to]) for a non-empty range. */
    private static byte[] mth(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return requireHash(leaves.get(from), "leaf " + from);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
    }

    /** PATH(m, D[from:to]), m relative to {@code from}, appended to {@code out} leaf side first. */
    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(leaves, m, from, from + k, out);
            out.add(mth(leaves, from + k, to));
        } else {
            path(leaves, m - k, from + k, to, out);
            out.add(mth(leaves, from, from + k));
        }
    }

    /** SUBPROOF(m, D[from:to], b), appended to {@code out}. */
    private static void subproof(int m, int from, int to, boolean whole, List<byte[]> leaves, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!whole) {
                out.add(mth(leaves, from, to));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, whole, leaves, out);
            out.add(mth(leaves, from + k, to));
        } else {
            subproof(m - k, from + k, to, false, leaves, out);
            out.add(mth(leaves, from, from + k));
        }
    }

    /** The largest power of two smaller than {@code n}, for n &gt; 1. */
    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static void requireSize(List<byte[]> leafHashes, long size) {
        if (leafHashes == null) {
            throw new IllegalArgumentException("no leaf hashes given");
        }
        if (size < 0 || size > leafHashes.size()) {
            throw new IllegalArgumentException("tree size " + size + " is outside 0.." + leafHashes.size());
        }
    }

    private static byte[] requireHash(byte[] hash, String what) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException(what + " is not a " + HASH_BYTES + "-byte hash");
        }
        return hash;
    }

    static boolean isHash(byte[] hash) {
        return hash != null && hash.length == HASH_BYTES;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new LedgerException("this Java runtime has no SHA-256", e);
        }
    }
}
