package org.sovaudit.parse.network.zte;

import java.util.Set;

import org.sovaudit.model.Role;
import org.sovaudit.parse.network.DeviceConfigParser;
import org.sovaudit.parse.network.DeviceFamily;
import org.sovaudit.parse.network.DeviceReader;

/**
 * ZTE ZXROS/ZXR10 configurations ({@code show running-config}, with or without a {@code show
 * version} capture before it), recognised by content whatever the file is called: the
 * {@code !<section>} tags, {@code $} block ends, ZTE interface names ({@code gei-}, {@code xgei-},
 * {@code smartgroup}) and the other markers in {@link org.sovaudit.parse.network.DeviceDetection}
 * tell it from Cisco IOS, which it otherwise resembles. Reads DNS servers and domain, NTP servers,
 * syslog hosts, TACACS+ and RADIUS servers, SNMP targets, flow collectors, BGP peers, default-route
 * next hops, management ACL sources, and the device's own model and software.
 */
public final class ZteZxrosParser extends DeviceConfigParser {

    public ZteZxrosParser() {
        super(DeviceFamily.ZXROS);
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "ZTE ZXROS/ZXR10 device configuration: control-plane servers, collectors, BGP peers, default gateways, "
                + "management ACLs, model and software";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK, Role.AAA_SERVER, Role.SNMP_MANAGER,
                Role.FLOW_COLLECTOR, Role.BGP_PEER, Role.UPSTREAM_GATEWAY, Role.MANAGEMENT_ACCESS,
                Role.NETWORK_DEVICE, Role.UNKNOWN);
    }

    @Override
    protected void read(String text, DeviceReader reader) {
        ZxrosDialect.read(text, reader);
    }
}
