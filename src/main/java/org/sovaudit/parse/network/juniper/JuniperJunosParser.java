package org.sovaudit.parse.network.juniper;

import java.util.Set;

import org.sovaudit.model.Role;
import org.sovaudit.parse.network.DeviceConfigParser;
import org.sovaudit.parse.network.DeviceFamily;
import org.sovaudit.parse.network.DeviceReader;

/**
 * Juniper Junos configurations in either form ({@code show configuration} and {@code show
 * configuration | display set}, with or without {@code show version} before them), recognised by
 * content whatever the file is called: the {@code version 22.4R3.25;} and {@code ## Last commit:}
 * headers, top-level {@code system {}, Junos interface names in {@code set} lines and the other
 * markers in {@link org.sovaudit.parse.network.DeviceDetection}. Reads DNS servers and domains, NTP
 * servers, syslog hosts, TACACS+ and RADIUS servers, SNMP trap targets and community clients,
 * J-Flow/IPFIX, sFlow and telemetry collectors, BGP neighbours, default-route next hops, the
 * sources of firewall filters applied to {@code lo0} and management interfaces, outbound SSH
 * clients (Juniper Mist), phone-home and licence servers, and the device's own software and model.
 */
public final class JuniperJunosParser extends DeviceConfigParser {

    public JuniperJunosParser() {
        super(DeviceFamily.JUNOS);
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "Juniper Junos configuration (curly and display set): control-plane servers, collectors, BGP neighbours, "
                + "default gateways, management filters, Mist and phone-home, model and software";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK, Role.AAA_SERVER, Role.SNMP_MANAGER,
                Role.FLOW_COLLECTOR, Role.BGP_PEER, Role.UPSTREAM_GATEWAY, Role.MANAGEMENT_ACCESS,
                Role.DEVICE_MANAGEMENT, Role.NETWORK_DEVICE, Role.UNKNOWN);
    }

    @Override
    protected void read(String text, DeviceReader reader) {
        JunosDialect.read(text, reader);
    }
}
