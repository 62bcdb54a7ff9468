package org.sovaudit.attribute;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The fixed rules that say a value names no outside party: private, loopback, link-local,
 * unique-local, shared (CGNAT), multicast and documentation addresses; multicast and broadcast MAC
 * addresses; single-label hosts; the special-use and internal domains; and the policy's own
 * internal suffixes.
 */
final class InternalRules {

    /** Special-use networks (IANA special-purpose registries, RFCs named in each reason). */
    private static final PrefixTable<String> SPECIAL = new PrefixTable<>();

    static {
        special("0.0.0.0/8", "unspecified or this-network address (RFC 1122)");
        special("10.0.0.0/8", "private address (RFC 1918)");
        special("100.64.0.0/10", "shared address space, carrier-grade NAT (RFC 6598)");
        special("127.0.0.0/8", "loopback address");
        special("169.254.0.0/16", "link-local address (RFC 3927)");
        special("172.16.0.0/12", "private address (RFC 1918)");
        special("192.0.2.0/24", "documentation address (RFC 5737)");
        special("192.168.0.0/16", "private address (RFC 1918)");
        special("198.18.0.0/15", "benchmarking address (RFC 2544)");
        special("198.51.100.0/24", "documentation address (RFC 5737)");
        special("203.0.113.0/24", "documentation address (RFC 5737)");
        special("224.0.0.0/4", "multicast address");
        special("240.0.0.0/4", "reserved address (RFC 1112)");
        special("::/128", "unspecified address");
        special("::1/128", "loopback address");
        special("fc00::/7", "unique local address (RFC 4193)");
        special("fe80::/10", "link-local address");
        special("ff00::/8", "multicast address");
        special("2001:db8::/32", "documentation address (RFC 3849)");
    }

    /** Top-level names that are never delegated on the public Internet, and common internal ones. */
    private static final Set<String> INTERNAL_TLDS = Set.of(
            "local", "lan", "internal", "intranet", "corp", "home", "localhost", "localdomain",
            "test", "example", "invalid", "private");

    /** Special-use second-level names (RFC 2606, RFC 8375). */
    private static final Set<String> INTERNAL_DOMAINS = Set.of(
            "home.arpa", "example.com", "example.net", "example.org");

    private static void special(String cidr, String reason) {
        SPECIAL.put(IpAddresses.parseNetwork(cidr), reason);
    }

    private static final int MAX_POLICY_SUFFIXES = 10_000;

    private final HostTable<String> policySuffixes = new HostTable<>();
    private final PrefixTable<String> policyNetworks = new PrefixTable<>();

    /**
     * @param policySuffixes the policy's internal domains (e.g. {@code gov.example}); normalised to
     *                       lower case without leading or trailing dots
     */
    InternalRules(Set<String> policySuffixes) {
        this(policySuffixes, java.util.List.of());
    }

    /**
     * @param policySuffixes the policy's internal domains
     * @param policyNetworks the policy's internal networks ({@code address/prefix}): the ministry's own
     *                       public address space
     */
    InternalRules(Set<String> policySuffixes, java.util.List<String> policyNetworks) {
        if (policyNetworks.size() > MAX_POLICY_SUFFIXES) {
            throw new AttributionException("more than " + MAX_POLICY_SUFFIXES + " internal networks");
        }
        for (String n : policyNetworks) {
            IpAddresses.Network network = IpAddresses.parseNetwork(n);
            if (network == null) {
                throw new AttributionException("internal network '" + n + "' is not an address or network");
            }
            this.policyNetworks.put(network, "internal network (policy)");
        }
        if (policySuffixes.size() > MAX_POLICY_SUFFIXES) {
            throw new AttributionException("more than " + MAX_POLICY_SUFFIXES + " internal suffixes");
        }
        for (String s : policySuffixes) {
            String n = s.strip().toLowerCase(Locale.ROOT);
            while (n.startsWith(".")) {
                n = n.substring(1);
            }
            while (n.endsWith(".")) {
                n = n.substring(0, n.length() - 1);
            }
            if (!Names.validHost(n)) {
                throw new AttributionException("internal suffix '" + s + "' is not a valid domain name");
            }
            this.policySuffixes.put(Names.labels(n), false, n);
        }
    }

    /** Why the subject names nothing outside the ministry, or empty when it may. */
    Optional<String> reason(Subject subject) {
        String value = subject.value();
        return switch (subject.kind()) {
            case IP_ADDRESS -> address(IpAddresses.parseNetwork(Names.ipLiteral(value)));
            case CIDR -> {
                IpAddresses.Network network = IpAddresses.parseNetwork(value);
                if (network != null && network.prefix() == 0) {
                    yield Optional.of("any address (" + network + ")");
                }
                yield address(network);
            }
            case HOSTNAME, URL, CONTAINER_IMAGE -> host(Names.hostOf(subject.kind(), value));
            case MAC -> {
                long mac = Macs.parse(value);
                yield mac >= 0 && Macs.group(mac)
                        ? Optional.of(mac == 0xFFFFFFFFFFFFL ? "broadcast MAC address" : "multicast MAC address: names a group, not a device")
                        : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private Optional<String> address(IpAddresses.Network network) {
        if (network == null) {
            return Optional.empty();
        }
        PrefixTable.Hit<String> hit = SPECIAL.longest(network.address(), network.prefix());
        if (hit == null) {
            hit = policyNetworks.longest(network.address(), network.prefix());
        }
        return hit == null ? Optional.empty() : Optional.of(hit.value() + " " + hit.network());
    }

    private Optional<String> host(String host) {
        if (host == null) {
            return Optional.empty();
        }
        byte[] ip = IpAddresses.parse(host);
        if (ip != null) {
            return address(new IpAddresses.Network(ip, ip.length * 8));
        }
        if (host.indexOf('.') < 0) {
            return Optional.of(host.equals("localhost") ? "localhost" : "single-label host name");
        }
        String tld = host.substring(host.lastIndexOf('.') + 1);
        if (INTERNAL_TLDS.contains(tld)) {
            return Optional.of("internal domain ." + tld);
        }
        for (String domain : INTERNAL_DOMAINS) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return Optional.of("special-use domain " + domain);
            }
        }
        if (!Names.validHost(host)) {
            return Optional.empty();
        }
        String suffix = policySuffixes.find(Names.labels(host));
        return suffix == null ? Optional.empty() : Optional.of("internal suffix " + suffix + " (policy)");
    }
}
