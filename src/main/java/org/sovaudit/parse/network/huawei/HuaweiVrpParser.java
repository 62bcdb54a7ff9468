package org.sovaudit.parse.network.huawei;

import java.util.Set;

import org.sovaudit.model.Role;
import org.sovaudit.parse.network.DeviceConfigParser;
import org.sovaudit.parse.network.DeviceFamily;
import org.sovaudit.parse.network.DeviceReader;

/**
 * Huawei VRP configurations ({@code display current-configuration}, batch scripts, captured CLI
 * sessions) and {@code display version} output, recognised by content whatever the file is called
 * (markers in {@link org.sovaudit.parse.network.DeviceDetection}; a file with nothing distinctive
 * of H3C Comware is read as VRP): DNS servers and domain, NTP servers and peers, syslog hosts,
 * HWTACACS and RADIUS servers, SNMP trap and inform targets, NetStream, sFlow and telemetry
 * collectors, BGP peers, default-route next hops, the sources of ACLs applied to VTY, SSH, HTTP
 * and SNMP, the cloud-management controller ({@code cloud-mng}), DHCP pool DNS servers, and the
 * device's own model and software version.
 */
public final class HuaweiVrpParser extends DeviceConfigParser {

    public HuaweiVrpParser() {
        super(DeviceFamily.VRP);
    }

    @Override
    public String version() {
        return "4";
    }

    @Override
    public String description() {
        return "Huawei VRP device configuration and display version: control-plane servers, collectors, BGP peers, "
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
        VrpDialect.read(text, reader);
    }
}
