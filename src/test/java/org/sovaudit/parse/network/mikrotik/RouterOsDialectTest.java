package org.sovaudit.parse.network.mikrotik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;
import org.sovaudit.parse.network.Rows;

class RouterOsDialectTest {

    private static ParseResult parse(String text) {
        return new MikrotikRouterOsParser().parse(TestFiles.file("r.rsc", text));
    }

    @Test
    void exportAndTerseExport_nameTheSameParties() {
        ParseResult export = parse("""
                # 2024-03-18 09:12:44 by RouterOS 7.14.2
                /ip dns
                set servers=8.8.8.8,1.1.1.1
                /ip route
                add gateway=196.201.214.1
                /radius
                add address=10.20.2.10 service=login
                /system ntp client servers
                add address=time.cloudflare.com
                /routing bgp connection
                add as=65014 remote.address=196.201.214.1 remote.as=33771
                """);
        ParseResult terse = parse("""
                # 2024-03-18 09:12:44 by RouterOS 7.14.2
                /ip dns set servers=8.8.8.8,1.1.1.1
                /ip route add gateway=196.201.214.1
                /radius add address=10.20.2.10 service=login
                /system ntp client servers add address=time.cloudflare.com
                /routing bgp connection add as=65014 remote.address=196.201.214.1 remote.as=33771
                """);
        assertEquals(Rows.withoutLines(export), Rows.withoutLines(terse));
        assertEquals(8, terse.observations().size(), Rows.of(terse).toString());
    }

    @Test
    void snmpCommunityName_neverReachesEvidence_inEitherForm() {
        ParseResult export = parse("""
                # by RouterOS 7.14.2
                /snmp community
                set [ find default=yes ] addresses=10.20.1.0/24 name=ministryRO
                """);
        Observation o = export.observations().stream().filter(x -> x.value().equals("10.20.1.0/24")).findFirst().orElseThrow();
        assertFalse(o.where().snippet().contains("ministryRO"), o.where().snippet());
        assertTrue(o.where().snippet().contains("name=****"), o.where().snippet());
    }

    @Test
    void disabledItems_keepTheirValuesWithRoleUnknown() {
        List<String> rows = Rows.of(parse("""
                # by RouterOS 7.14.2
                /ip route
                add disabled=yes gateway=10.99.0.1
                add dst-address=10.0.0.0/8 gateway=10.20.0.1
                """));
        assertEquals(List.of("network-device product MikroTik RouterOS 7.14.2 1", "unknown ip-address 10.99.0.1 3"), rows);
    }

    @Test
    void managementRules_onlyInputAcceptsForManagementPorts() {
        List<String> rows = Rows.of(parse("""
                # by RouterOS 7.14.2
                /ip firewall address-list
                add address=10.20.1.0/24 list=NOC
                add address=192.168.0.0/16 list=LAN
                /ip firewall filter
                add action=accept chain=input dst-port=8291 protocol=tcp src-address-list=NOC
                add action=accept chain=input dst-port=53 protocol=udp src-address-list=LAN
                add action=accept chain=forward dst-port=22 protocol=tcp src-address=172.16.0.0/12
                """));
        assertEquals(List.of("network-device product MikroTik RouterOS 7.14.2 1",
                "management-access cidr 10.20.1.0/24 3 firewall input acl NOC"), rows);
    }
}
