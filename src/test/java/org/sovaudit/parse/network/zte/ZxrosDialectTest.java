package org.sovaudit.parse.network.zte;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;
import org.sovaudit.parse.network.Rows;

class ZxrosDialectTest {

    private static ParseResult parse(String text) {
        return new ZteZxrosParser().parse(TestFiles.file("z.cfg", text));
    }

    @Test
    void flatScriptAndIndentedExport_nameTheSameParties() {
        ParseResult indented = parse("""
                !<system-config>
                hostname Z1
                !</system-config>
                !<acl>
                ipv4-access-list MGMT
                  rule 5 permit 10.20.1.0 0.0.0.255
                $
                !</acl>
                ssh server access-class ipv4 MGMT
                !<bgp>
                router bgp 65041
                  neighbor 196.201.214.1 remote-as 33771
                  address-family ipv4 vrf MGMT
                    neighbor 10.20.98.1 remote-as 65099
                  $
                $
                !</bgp>
                """);
        ParseResult flat = parse("""
                !<system-config>
                hostname Z1
                !</system-config>
                ipv4-access-list MGMT
                rule 5 permit 10.20.1.0 0.0.0.255
                $
                ssh server access-class ipv4 MGMT
                router bgp 65041
                neighbor 196.201.214.1 remote-as 33771
                address-family ipv4 vrf MGMT
                neighbor 10.20.98.1 remote-as 65099
                $
                $
                """);
        assertEquals(Rows.withoutLines(indented), Rows.withoutLines(flat));
        assertEquals(List.of("bgp-peer asn AS33771 neighbor=196.201.214.1", "bgp-peer ip-address 10.20.98.1 remote-as=AS65099",
                "bgp-peer ip-address 196.201.214.1 remote-as=AS33771", "management-access cidr 10.20.1.0/24 ssh acl MGMT"),
                Rows.withoutLines(flat));
    }

    @Test
    void showVersionLines_giveModelAndSoftware() {
        assertEquals(List.of("network-device product ZTE ZXR10 M6000-8S PLUS 1", "network-device product ZTE ZXR10 V5.00.10.21 1"),
                Rows.of(parse("System: ZXR10 M6000-8S PLUS, ZXROS Version V5.00.10.21(5.60.10)\n!<ntp>\nntp enable\n!</ntp>\n")));
    }
}
