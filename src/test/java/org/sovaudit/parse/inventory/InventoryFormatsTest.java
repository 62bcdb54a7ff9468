package org.sovaudit.parse.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.sovaudit.parse.TestFiles;

/** MAC spellings and what the inventory parsers take for their format. */
class InventoryFormatsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "A4:BE:2B:01:02:03, a4:be:2b:01:02:03",
            "a4-be-2b-01-02-03, a4:be:2b:01:02:03",
            "a4be.2b01.0203, a4:be:2b:01:02:03",
            "a4be-2b01-0203, a4:be:2b:01:02:03",
            "a4be2b010203, a4:be:2b:01:02:03",
            "0:1b:21:a:b:1, 00:1b:21:0a:0b:01"})
    void macSpellings_normaliseToColonLowerCase(String written, String expected) {
        assertEquals(Optional.of(expected), Macs.parse(written));
    }

    @Test
    void groupAndZeroAddresses_areNotDevices() {
        assertTrue(Macs.device("ff:ff:ff:ff:ff:ff").isEmpty());
        assertTrue(Macs.device("01:00:5e:00:00:fb").isEmpty());
        assertTrue(Macs.device("00:00:00:00:00:00").isEmpty());
        assertTrue(Macs.device("02:42:ac:11:00:02").isPresent(), "locally administered unicast is still a device");
        assertTrue(Macs.meant("00:11:22:33:44:zz"));
        assertFalse(Macs.meant("10:20:30"));
    }

    @Test
    void routerConfigWithAFewStaticArpEntries_isNotAnArpTable() {
        String config = """
                sysname R1
                ip route-static 0.0.0.0 0.0.0.0 10.0.0.1
                ntp-service unicast-server 10.0.0.123
                dns server 10.0.0.53
                snmp-agent target-host trap address udp-domain 10.0.0.9 params securityname x
                arp static 10.0.0.5 0011-2233-4455
                """;
        assertFalse(new ArpTableParser().accepts(TestFiles.file("configs/r1.cfg", config)));
        assertTrue(new ArpTableParser().accepts(TestFiles.file("x.txt", "10.0.0.5 dev eth0 lladdr 00:11:22:33:44:55 STALE\n")));
    }

    @Test
    void nmapExternalEntity_isRefusedAndNothingIsFetched() {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
                <nmaprun><host><status state="up"/><address addr="&xxe;" addrtype="ipv4"/></host></nmaprun>
                """;
        var result = new NmapXmlParser().parse(TestFiles.file("scan.xml", xml));
        assertTrue(result.observations().isEmpty());
        assertEquals(3, result.errors().get(0).line(), result.errors().toString());
        assertTrue(result.errors().get(0).reason().contains("xxe"), result.errors().toString());
    }

    @Test
    void nmapHostsThatAreDown_areSkipped() {
        String xml = """
                <nmaprun><host><status state="down"/><address addr="10.0.0.9" addrtype="ipv4"/></host>
                <host><status state="up"/><address addr="10.0.0.8" addrtype="ipv4"/></host></nmaprun>
                """;
        var result = new NmapXmlParser().parse(TestFiles.file("scan.xml", xml));
        assertEquals(1, result.observations().size());
        assertEquals("10.0.0.8", result.observations().get(0).value());
    }
}
