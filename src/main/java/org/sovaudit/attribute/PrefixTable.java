package org.sovaudit.attribute;

/**
 * Longest-prefix match over IP networks: a binary trie per address family, one level per bit.
 * Lookups cost at most 32 or 128 steps whatever the number of networks.
 *
 * @param <T> what a network maps to
 */
final class PrefixTable<T> {

    private static final class Node<T> {
        Node<T> zero;
        Node<T> one;
        T value;
    }

    /** A hit: the value and the network it was stored under. */
    record Hit<T>(T value, IpAddresses.Network network) {
    }

    private final Node<T> v4 = new Node<>();
    private final Node<T> v6 = new Node<>();
    private int size;

    /** Stores {@code value} under {@code network}; returns the value it replaced, or null. */
    T put(IpAddresses.Network network, T value) {
        byte[] address = network.address();
        Node<T> node = address.length == 4 ? v4 : v6;
        for (int bit = 0; bit < network.prefix(); bit++) {
            if (bitAt(address, bit)) {
                if (node.one == null) {
                    node.one = new Node<>();
                }
                node = node.one;
            } else {
                if (node.zero == null) {
                    node.zero = new Node<>();
                }
                node = node.zero;
            }
        }
        T previous = node.value;
        node.value = value;
        if (previous == null) {
            size++;
        }
        return previous;
    }

    /**
     * The most specific stored network containing {@code address}/{@code maxPrefix}: only networks
     * whose prefix is at most {@code maxPrefix} count, so a /24 is found inside a stored /16 but a
     * stored /32 is not found for a /24.
     */
    Hit<T> longest(byte[] address, int maxPrefix) {
        Node<T> node = address.length == 4 ? v4 : v6;
        int limit = Math.min(maxPrefix, address.length * 8);
        T best = node.value;
        int bestPrefix = 0;
        for (int bit = 0; bit < limit && node != null; bit++) {
            node = bitAt(address, bit) ? node.one : node.zero;
            if (node != null && node.value != null) {
                best = node.value;
                bestPrefix = bit + 1;
            }
        }
        return best == null ? null : new Hit<>(best, new IpAddresses.Network(IpAddresses.mask(address, bestPrefix), bestPrefix));
    }

    Hit<T> longest(byte[] address) {
        return longest(address, address.length * 8);
    }

    int size() {
        return size;
    }

    private static boolean bitAt(byte[] address, int bit) {
        return ((address[bit >>> 3] >>> (7 - (bit & 7))) & 1) == 1;
    }
}
