package org.sovaudit.parse.network.h3c;

import java.util.Set;

import org.sovaudit.model.Role;
import org.sovaudit.parse.network.DeviceConfigParser;
import org.sovaudit.parse.network.DeviceFamily;
import org.sovaudit.parse.network.DeviceReader;

/**
 * H3C Comware configurations ({@code display current-configuration}) and {@code display version}
 * output, recognised by content whatever the file is called. Comware looks like Huawei VRP; it is
 * told apart by its version header ({@code version 7.1.070, Release 6728P21}), {@code hwtacacs
 * scheme} / {@code radius scheme}, {@code $c$}/{@code $h$} ciphers, H3C interface names and the
 * other markers listed in {@link org.sovaudit.parse.network.DeviceDetection}; a file with none of
 * them is read as VRP, the more generic dialect. Reads DNS servers and domain, NTP servers, syslog
 * hosts, HWTACACS and RADIUS scheme servers, SNMP targets, NetStream, sFlow and telemetry
 * collectors, BGP peers, default-route next hops, management ACL sources, the H3C cloud
 * connection, DHCP pool DNS servers, and the device's own software and model.
 */
public final class H3cComwareParser extends DeviceConfigParser {

    public H3cComwareParser() {
        super(DeviceFamily.COMWARE);
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "H3C Comware device configuration and display version: control-plane servers, collectors, BGP peers, "
                + "default gateways, management ACLs, cloud management, model and software";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK, Role.AAA_SERVER, Role.SNMP_MANAGER,
                Role.FLOW_COLLECTOR, Role.BGP_PEER, Role.UPSTREAM_GATEWAY, Role.MANAGEMENT_ACCESS,
                Role.DEVICE_MANAGEMENT, Role.NETWORK_DEVICE, Role.UNKNOWN);
    }

    @Override
    protected void read(String text, DeviceReader reader) {
        ComwareDialect.read(text, reader);
    }
}
