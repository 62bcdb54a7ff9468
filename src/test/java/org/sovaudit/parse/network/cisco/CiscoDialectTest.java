package org.sovaudit.parse.network.cisco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;
import org.sovaudit.parse.network.Rows;

class CiscoDialectTest {

    private static ParseResult ios(String text) {
        return new CiscoIosParser().parse(TestFiles.file("r.cfg", text));
    }

    @Test
    void showVersionLines_winOverTheVersionCommand() {
        assertEquals(List.of("network-device product Cisco IOS XE 17.09.04a 1", "network-device product Cisco C9300-48P 3"),
                Rows.of(ios("""
                        ! Cisco IOS XE Software, Version 17.09.04a
                        ! Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc5)
                        ! cisco C9300-48P (X86) processor (revision V02) with 1339957K/6147K bytes of memory.
                        version 17.9
                        hostname R1
                        """)));
        assertEquals(List.of("network-device product Cisco IOS 15.2(7)E9 1"), Rows.of(ios("""
                ! Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E9, RELEASE SOFTWARE (fc2)
                version 15.2
                hostname R1
                """)));
        assertEquals(List.of("network-device product Cisco IOS XE 17.6 1"), Rows.of(ios("version 17.6\nhostname R1\n")));
    }

    @Test
    void aclSources_onlyWhereTheAclGuardsManagement() {
        List<String> rows = Rows.of(ios("""
                hostname R1
                access-list 10 permit 10.20.1.0 0.0.0.255
                access-list 20 permit 172.16.0.0 0.15.255.255
                access-list 110 permit tcp host 10.20.5.17 any eq 22
                ip access-list standard WEB
                 10 permit 10.20.2.0 0.0.0.255
                ip http access-class ipv4 WEB
                line vty 0 4
                 access-class 10 in
                 access-class 110 in
                """));
        assertEquals(List.of("management-access cidr 10.20.1.0/24 2 vty acl 10", "management-access ip-address 10.20.5.17 4 vty acl 110",
                "management-access cidr 10.20.2.0/24 6 http acl WEB"), rows);
    }

    @Test
    void cryptoMapPeers_areKept_routeMapSetsAreNot() {
        List<String> rows = Rows.of(ios("""
                hostname R1
                crypto map VPN 10 ipsec-isakmp
                 set peer 41.204.161.18
                route-map RM permit 10
                 set ip next-hop 10.0.0.1
                """));
        assertEquals(List.of("unknown ip-address 41.204.161.18 3"), rows);
    }

    @Test
    void nxosTemplatesAndNeighbourBlocks_giveEachNeighbourItsAs() {
        ParseResult result = new CiscoNxosParser().parse(TestFiles.file("n.cfg", """
                version 9.3(10) Bios:version 05.47
                feature bgp
                router bgp 65100
                  template peer LEAVES
                    remote-as 65101
                  neighbor 10.255.1.1
                    inherit peer LEAVES
                  neighbor 10.255.1.9
                    remote-as 4134
                """));
        List<String> rows = Rows.of(result);
        assertTrue(rows.contains("bgp-peer ip-address 10.255.1.1 6 remote-as=AS65101"), rows.toString());
        assertTrue(rows.contains("bgp-peer asn AS4134 9 neighbor=10.255.1.9"), rows.toString());
    }
}
