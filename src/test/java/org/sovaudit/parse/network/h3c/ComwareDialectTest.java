package org.sovaudit.parse.network.h3c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;
import org.sovaudit.parse.network.Rows;

class ComwareDialectTest {

    private static ParseResult parse(String text) {
        return new H3cComwareParser().parse(TestFiles.file("s.cfg", text));
    }

    @Test
    void schemeServers_cloudConnection_andBannersWithSeparatorsInside() {
        List<String> rows = Rows.of(parse("""
                #
                 version 7.1.070, Release 6728P21
                #
                 sysname S1
                #
                 header motd %
                #  this banner holds separators
                return
                %
                #
                hwtacacs scheme ISE
                 primary authentication 10.20.2.20 vpn-instance MGMT
                 secondary accounting 10.20.2.21 49 key simple plain
                #
                radius scheme NAC
                 primary authentication 10.20.2.10 1812
                #
                 cloud-management server domain oasis.h3c.com
                #
                return
                """));
        assertEquals(List.of(
                "network-device product H3C Comware 7.1.070 2",
                "aaa-server ip-address 10.20.2.20 12 hwtacacs authentication",
                "aaa-server ip-address 10.20.2.21 13 hwtacacs accounting",
                "aaa-server ip-address 10.20.2.10 16 radius authentication",
                "device-management hostname oasis.h3c.com 18 cloud-management"), rows);
    }

    @Test
    void comwareWritesTheVpnInstanceBeforeTheAddress() {
        List<String> rows = Rows.of(parse("""
                #
                 version 7.1.070, Release 6728P21
                #
                 info-center loghost vpn-instance MGMT 10.20.1.15 port 514
                 ntp-service unicast-server 10.20.0.123 vpn-instance MGMT
                #
                return
                """));
        assertEquals(List.of("network-device product H3C Comware 7.1.070 2", "log-sink ip-address 10.20.1.15 4",
                "ntp-source ip-address 10.20.0.123 5 server"), rows);
    }
}
