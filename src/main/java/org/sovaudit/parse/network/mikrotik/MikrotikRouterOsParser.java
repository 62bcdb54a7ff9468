package org.sovaudit.parse.network.mikrotik;

import java.util.Set;

import org.sovaudit.model.Role;
import org.sovaudit.parse.network.DeviceConfigParser;
import org.sovaudit.parse.network.DeviceFamily;
import org.sovaudit.parse.network.DeviceReader;

/**
 * MikroTik RouterOS exports ({@code /export}, {@code /export terse}, {@code .rsc} scripts),
 * recognised by content whatever the file is called: the {@code # ... by RouterOS 7.14.2} header,
 * {@code # software id}, {@code [ find default...} selectors and RouterOS menus ({@code /ip},
 * {@code /interface}, {@code /system}) as listed in
 * {@link org.sovaudit.parse.network.DeviceDetection}. Reads DNS servers (DNS over HTTPS included),
 * DHCP network DNS and NTP servers, NTP servers, remote syslog actions, RADIUS servers, SNMP trap
 * targets and community addresses, traffic-flow targets, BGP connections, default-route gateways,
 * addresses allowed to management services, users and input-chain management rules, the MikroTik
 * IP Cloud service, and the router's own model and software.
 */
public final class MikrotikRouterOsParser extends DeviceConfigParser {

    public MikrotikRouterOsParser() {
        super(DeviceFamily.ROUTEROS);
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "MikroTik RouterOS export (/export, terse, .rsc): control-plane servers, flow targets, BGP connections, "
                + "default gateways, management access, IP Cloud, model and software";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK, Role.AAA_SERVER, Role.SNMP_MANAGER,
                Role.FLOW_COLLECTOR, Role.BGP_PEER, Role.UPSTREAM_GATEWAY, Role.MANAGEMENT_ACCESS,
                Role.DEVICE_MANAGEMENT, Role.NETWORK_DEVICE, Role.UNKNOWN);
    }

    @Override
    protected void read(String text, DeviceReader reader) {
        RouterOsDialect.read(text, reader);
    }
}
