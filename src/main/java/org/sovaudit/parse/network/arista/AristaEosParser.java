package org.sovaudit.parse.network.arista;

import java.util.Set;

import org.sovaudit.model.Role;
import org.sovaudit.parse.network.DeviceConfigParser;
import org.sovaudit.parse.network.DeviceFamily;
import org.sovaudit.parse.network.DeviceReader;

/**
 * Arista EOS configurations ({@code show running-config}, also with {@code show version} before
 * it), recognised by content whatever the file is called: the {@code ! device:} header,
 * {@code daemon TerminAttr}, {@code management api}, {@code interface Management1},
 * {@code secret sha512} and the other markers in {@link org.sovaudit.parse.network.DeviceDetection}
 * tell it from Cisco IOS, which it closely resembles; a file with none of them is read by the more
 * generic Cisco IOS parser. Reads DNS servers and domain, NTP servers, syslog hosts, TACACS+ and
 * RADIUS servers, SNMP targets, sFlow and IPFIX collectors, BGP neighbours, default-route next
 * hops, the sources of ACLs on SSH, the eAPI and the control plane, CloudVision and CVX servers,
 * and the switch's own model and software.
 */
public final class AristaEosParser extends DeviceConfigParser {

    public AristaEosParser() {
        super(DeviceFamily.EOS);
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "Arista EOS device configuration: control-plane servers, collectors, BGP neighbours, default gateways, "
                + "management ACLs, CloudVision, model and software";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK, Role.AAA_SERVER, Role.SNMP_MANAGER,
                Role.FLOW_COLLECTOR, Role.BGP_PEER, Role.UPSTREAM_GATEWAY, Role.MANAGEMENT_ACCESS,
                Role.DEVICE_MANAGEMENT, Role.NETWORK_DEVICE, Role.UNKNOWN);
    }

    @Override
    protected void read(String text, DeviceReader reader) {
        EosDialect.read(text, reader);
    }
}
