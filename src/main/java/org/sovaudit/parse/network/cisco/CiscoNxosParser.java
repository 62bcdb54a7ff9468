package org.sovaudit.parse.network.cisco;

import java.util.Set;

import org.sovaudit.model.Role;
import org.sovaudit.parse.network.DeviceConfigParser;
import org.sovaudit.parse.network.DeviceFamily;
import org.sovaudit.parse.network.DeviceReader;

/**
 * Cisco NX-OS configurations ({@code show running-config} of Nexus switches), recognised by content
 * whatever the file is called: {@code version 9.3(10)} with parentheses, {@code feature} lines,
 * {@code vrf context}, {@code use-vrf}, {@code interface mgmt0}, the {@code !Command:} and
 * {@code !Time:} headers and the other markers in {@link org.sovaudit.parse.network.DeviceDetection}
 * tell it from IOS; a file with none of them is read by the more generic Cisco IOS parser. Reads
 * DNS servers and domain, NTP servers, syslog servers, TACACS+ and RADIUS servers, SNMP targets,
 * NetFlow, sFlow and telemetry collectors, BGP neighbours, default-route next hops (also inside
 * {@code vrf context}), the sources of ACLs on VTY and mgmt0, Call Home destinations, and the
 * switch's own model and software.
 */
public final class CiscoNxosParser extends DeviceConfigParser {

    public CiscoNxosParser() {
        super(DeviceFamily.NXOS);
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "Cisco NX-OS device configuration: control-plane servers, collectors, BGP neighbours, default gateways, "
                + "management ACLs, Call Home, model and software";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK, Role.AAA_SERVER, Role.SNMP_MANAGER,
                Role.FLOW_COLLECTOR, Role.BGP_PEER, Role.UPSTREAM_GATEWAY, Role.MANAGEMENT_ACCESS,
                Role.DEVICE_MANAGEMENT, Role.NETWORK_DEVICE, Role.UNKNOWN);
    }

    @Override
    protected void read(String text, DeviceReader reader) {
        CiscoDialect.read(text, reader, CiscoDialect.Flavor.NXOS);
    }
}
