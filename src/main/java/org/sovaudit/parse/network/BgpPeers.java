package org.sovaudit.parse.network;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.ResultBuilder;

/**
 * BGP neighbours and their AS numbers, which configurations spread over several lines (a neighbour
 * in one line, its AS in another, or in its peer group's). At the end every neighbour becomes a
 * {@link Role#BGP_PEER} IP observation at the line that declares it, with context
 * {@code remote-as=AS<n>} when the AS is known, and the AS itself a {@link Role#BGP_PEER} ASN
 * observation at the line that states it, with context {@code neighbor=<address>}. Private,
 * documentation and reserved AS numbers name nobody, and the device's own AS (internal neighbours)
 * names no other party: neither is reported as an ASN observation.
 */
public final class BgpPeers {

    static final int MAX_PEERS = 20_000;

    private record Key(String scope, String name) {
    }

    private static final class Peer {
        final String address;
        final ConfigLine line;
        long asn;
        ConfigLine asnLine;
        String group;

        Peer(String address, ConfigLine line) {
            this.address = address;
            this.line = line;
        }
    }

    private record GroupAs(long asn, ConfigLine line) {
    }

    private final Map<Key, Peer> peers = new LinkedHashMap<>();
    private final Map<Key, GroupAs> groups = new LinkedHashMap<>();
    private long localAs;

    BgpPeers() {
    }

    /** The device's own AS ({@code router bgp N}): neighbours in it are internal and their AS names no other party. */
    public void localAs(long asn) {
        if (localAs == 0) {
            localAs = asn;
        }
    }

    /**
     * Declares neighbour {@code address} (normal form) in routing instance {@code scope} ("" for the
     * global table) at {@code line}; a second declaration keeps the first line.
     */
    public void peer(String scope, String address, ConfigLine line) {
        peerOf(scope, address, line);
    }

    /** Neighbour {@code address} has AS {@code asn}, stated at {@code line}. */
    public void peerAs(String scope, String address, long asn, ConfigLine line) {
        Peer p = peerOf(scope, address, line);
        if (p != null && p.asn == 0) {
            p.asn = asn;
            p.asnLine = line;
        }
    }

    /** Neighbour {@code address} belongs to peer group {@code group}. */
    public void peerGroup(String scope, String address, String group, ConfigLine line) {
        Peer p = peerOf(scope, address, line);
        if (p != null && p.group == null) {
            p.group = group;
        }
    }

    /** Peer group {@code group} has AS {@code asn}, stated at {@code line}. */
    public void groupAs(String scope, String group, long asn, ConfigLine line) {
        groups.putIfAbsent(new Key(scope, group), new GroupAs(asn, line));
    }

    private Peer peerOf(String scope, String address, ConfigLine line) {
        Key key = new Key(Objects.requireNonNull(scope, "scope"), address);
        Peer p = peers.get(key);
        if (p == null && peers.size() < MAX_PEERS) {
            p = new Peer(address, line);
            peers.put(key, p);
        }
        return p;
    }

    void emit(ResultBuilder out) {
        for (Map.Entry<Key, Peer> e : peers.entrySet()) {
            Peer p = e.getValue();
            long asn = p.asn;
            ConfigLine asnLine = p.asnLine;
            if (asn == 0 && p.group != null) {
                GroupAs g = groups.get(new Key(e.getKey().scope(), p.group));
                if (g == null) {
                    g = groups.get(new Key("", p.group));
                }
                if (g != null) {
                    asn = g.asn();
                    asnLine = g.line();
                }
            }
            String context = asn == 0 ? "" : "remote-as=AS" + asn;
            out.add(ObservationKind.IP_ADDRESS, p.address, Role.BGP_PEER, p.line.number(), p.line.raw(), context);
            if (asn != 0 && asn != localAs && Addresses.publicAsn(asn)) {
                out.add(ObservationKind.ASN, "AS" + asn, Role.BGP_PEER, asnLine.number(), asnLine.raw(), "neighbor=" + p.address);
            }
        }
    }
}
