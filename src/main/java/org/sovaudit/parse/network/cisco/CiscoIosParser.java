package org.sovaudit.parse.network.cisco;

import java.util.Set;

import org.sovaudit.model.Role;
import org.sovaudit.parse.network.DeviceConfigParser;
import org.sovaudit.parse.network.DeviceFamily;
import org.sovaudit.parse.network.DeviceReader;

/**
 * Cisco IOS and IOS-XE configurations ({@code show running-config}, startup configurations, RANCID
 * and Oxidized backups with their {@code show version} comments), recognised by content whatever
 * the file is called. IOS is the generic member of its family: NX-OS, Arista EOS and ZTE ZXROS
 * write much the same commands, and a file with none of their distinctive markers (listed in
 * {@link org.sovaudit.parse.network.DeviceDetection}) is read here. Reads DNS servers and domain,
 * NTP servers and peers, syslog hosts, TACACS+ and RADIUS servers, SNMP targets, NetFlow and
 * telemetry receivers, BGP neighbours, default-route next hops, the sources of ACLs on VTY lines,
 * HTTP and SNMP, Plug and Play, Call Home and Smart Licensing destinations, PKI enrolment URLs,
 * DHCP pool DNS servers, and the device's own model and software.
 */
public final class CiscoIosParser extends DeviceConfigParser {

    public CiscoIosParser() {
        super(DeviceFamily.IOS);
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "Cisco IOS and IOS-XE device configuration: control-plane servers, collectors, BGP neighbours, default "
                + "gateways, management ACLs, Cisco cloud services, model and software";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK, Role.AAA_SERVER, Role.SNMP_MANAGER,
                Role.FLOW_COLLECTOR, Role.BGP_PEER, Role.UPSTREAM_GATEWAY, Role.MANAGEMENT_ACCESS,
                Role.DEVICE_MANAGEMENT, Role.TRUST_ANCHOR, Role.NETWORK_DEVICE, Role.UNKNOWN);
    }

    @Override
    protected void read(String text, DeviceReader reader) {
        CiscoDialect.read(text, reader, CiscoDialect.Flavor.IOS);
    }
}
