package org.sovaudit.parse.network.arista;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;
import org.sovaudit.parse.network.Rows;

class EosDialectTest {

    private static ParseResult parse(String text) {
        return new AristaEosParser().parse(TestFiles.file("a.cfg", text));
    }

    @Test
    void cloudVisionAsAService_andOnPremises_areBothDeviceManagement() {
        List<String> rows = Rows.of(parse("""
                ! device: a (DCS-7050SX3-48YC12, EOS-4.31.2F)
                daemon TerminAttr
                   exec /usr/bin/TerminAttr -cvaddr=apiserver.cv.arista.io:443 -cvvrf=MGMT
                   no shutdown
                daemon TerminAttr-onprem
                   exec /usr/bin/TerminAttr --cvaddr=10.20.1.50:9910,10.20.1.51:9910
                end
                """));
        assertEquals(List.of(
                "network-device product Arista EOS 4.31.2F 1",
                "network-device product Arista DCS-7050SX3-48YC12 1",
                "device-management hostname apiserver.cv.arista.io 3 cloudvision",
                "device-management ip-address 10.20.1.50 6 cloudvision",
                "device-management ip-address 10.20.1.51 6 cloudvision"), rows);
    }

    @Test
    void missingEnd_isATruncationOnlyInAShowRunningConfigExport() {
        assertEquals(1, parse("! Command: show running-config\n! device: a (DCS-7050SX3, EOS-4.31.2F)\nhostname a\n").errors().size());
        assertEquals(0, parse("hostname a\ndaemon TerminAttr\n   exec /usr/bin/TerminAttr -cvaddr=10.0.0.1:9910\n").errors().size());
    }
}
