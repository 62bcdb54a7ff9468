package org.sovaudit.parse.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.Parsers;
import org.sovaudit.parse.TestFiles;

/**
 * Every network dialect recognises its own files and refuses every other dialect's: each fixture
 * is accepted by exactly one parser of the registry, the one named by its directory, and close
 * look-alikes (IOS, NX-OS and EOS; VRP and Comware; Junos and VyOS) fall where the markers say.
 */
class DeviceDetectionTest {

    private static final List<String> NETWORK_IDS = List.of(
            "huawei-vrp", "h3c-comware", "zte-zxros", "cisco-ios", "cisco-nxos", "juniper-junos", "mikrotik-routeros",
            "arista-eos");

    @Test
    void everyNetworkFixture_isAcceptedByItsParserAlone() {
        int checked = 0;
        for (TestFiles.FixtureCase fixture : TestFiles.fixtureCases()) {
            if (!NETWORK_IDS.contains(fixture.parserId())) {
                continue;
            }
            SourceFile input = fixture.input();
            List<String> accepting = new ArrayList<>();
            for (Parser parser : Parsers.standard().all()) {
                // the generic extractor accepts any text as a last resort; every specific parser but one must refuse
                if (parser.accepts(input) && !parser.id().equals("generic-text")) {
                    accepting.add(parser.id());
                }
            }
            assertEquals(List.of(fixture.parserId()), accepting, fixture.toString());
            checked++;
        }
        assertTrue(checked >= 3 * NETWORK_IDS.size(), "only " + checked + " network fixtures");
    }

    @Test
    void everyNetworkFixture_isStillRecognisedUnderAnotherName() {
        for (TestFiles.FixtureCase fixture : TestFiles.fixtureCases()) {
            if (!NETWORK_IDS.contains(fixture.parserId())) {
                continue;
            }
            SourceFile renamed = TestFiles.file("home/ops/backup.txt", fixture.input().bytes());
            assertEquals(Optional.of(fixture.parserId()), Parsers.standard().forFile(renamed).map(Parser::id), fixture.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain IOS snippet                 | !\\nhostname R1\\n!\\nip name-server 10.0.0.1\\nntp server 10.0.0.2\\n!\\nend\\n                                  | cisco-ios
            IOS with EOS-only command         | !\\nhostname R1\\n!\\nntp server 10.0.0.2\\n!\\nmanagement api http-commands\\n no shutdown\\n!\\ndaemon TerminAttr\\n!\\nend\\n | arista-eos
            IOS-looking with NX-OS features   | !\\nhostname N1\\nfeature bgp\\nfeature lldp\\nvrf context management\\n  ip route 0.0.0.0/0 10.0.0.1\\n | cisco-nxos
            EOS device header alone           | ! device: leaf1 (DCS-7050SX3-48YC12, EOS-4.31.2F)\\nhostname leaf1\\n                                                   | arista-eos
            NX-OS version line alone          | version 9.3(10) Bios:version 05.47\\nhostname n9k\\n                                                                 | cisco-nxos
            IOS version line                  | version 15.2\\nservice timestamps log datetime msec\\nhostname R1\\n                                                   | cisco-ios
            ZXROS section tags                | !<system-config>\\nhostname Z1\\n!</system-config>\\n!<ntp>\\nntp server 10.0.0.1\\n!</ntp>\\n                         | zte-zxros
            VRP without Comware markers       | #\\nsysname S1\\n#\\ninfo-center loghost 10.0.0.1\\n#\\nreturn\\n                                                      | huawei-vrp
            Comware version header            | #\\n version 7.1.070, Release 6728P21\\n#\\n sysname S1\\n#\\nreturn\\n                                                | h3c-comware
            VRP with hwtacacs template        | #\\nsysname S1\\n#\\nhwtacacs-server template T\\n hwtacacs-server authentication 10.0.0.1\\n#\\nreturn\\n                   | huawei-vrp
            Junos curly                       | system {\\n    host-name R1;\\n    name-server {\\n        10.0.0.1;\\n    }\\n}\\nrouting-options {\\n}\\n        | juniper-junos
            Junos set form                    | set version 22.4R3.25\\nset system host-name R1\\nset system name-server 10.0.0.1\\n                                | juniper-junos
            RouterOS terse export             | /ip dns set servers=10.0.0.1\\n/system identity set name=R1\\n/interface bridge add name=br\\n                        | mikrotik-routeros
            RouterOS header                   | # 2024-03-18 09:12:44 by RouterOS 7.14.2\\n/ip dns\\nset servers=10.0.0.1\\n                                             | mikrotik-routeros
            RANCID NX-OS snippet              | !RANCID-CONTENT-TYPE: cisco-nx\\n!\\nhostname n1\\n!\\ntacacs-server host 192.0.2.1\\n                           | cisco-nxos
            RANCID IOS snippet                | !RANCID-CONTENT-TYPE: cisco\\n!\\nhostname r1\\n                                                                | cisco-ios
            RANCID Junos snippet              | # RANCID-CONTENT-TYPE: juniper\\nsnmp {\\n    community x;\\n}\\n                                                  | juniper-junos
            IOS XR header                     | !! IOS XR Configuration 7.3.2\\n!\\nhostname xr1\\n                                                                | cisco-ios
            ASA header                        | : Saved\\n:\\nASA Version 9.8(4)\\n!\\nhostname fw1\\n                                                             | cisco-ios
            IOS XR ipsla without header       | !\\nhostname p1\\n!\\nipsla\\n operation 1\\n  type icmp echo\\n   destination address 192.0.2.1\\n!\\n        | cisco-ios
            Junos set form, Junos-only trees  | set system host-name bng1\\nset access radius-server 192.0.2.30 secret x\\n                                   | juniper-junos
            Junos set form, routing instance  | set system host-name pe1\\nset routing-instances CUST instance-type vrf\\n                                | juniper-junos
            """)
    void lookAlikes_goWhereTheirMarkersSay(String what, String content, String expected) {
        SourceFile file = TestFiles.file("configs/device.cfg", content.replace("\\n", "\n"));
        assertEquals(Optional.of(expected), Parsers.standard().forFile(file).map(Parser::id), what);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            VyOS set commands                 | set system host-name vyos\\nset system name-server 10.0.0.1\\nset service ssh port 22\\n
            shell script with paths           | #!/bin/sh\\n/usr/bin/logger start\\n/sbin/ip route add default via 10.0.0.1\\n/bin/echo done\\n
            prose with separators             | Notes\\n!\\nWe should end the contract.\\n!\\nhostname is not set\\n!\\n
            one VRP marker                    | sysname A\\n
            markdown                          | # Network notes\\n\\n- return the router\\n- undo the change\\n
            """)
    void nonDeviceText_isReadByNoNetworkParser(String what, String content) {
        SourceFile file = TestFiles.file("notes/text.txt", content.replace("\\n", "\n"));
        Optional<String> chosen = Parsers.standard().forFile(file).map(Parser::id);
        assertTrue(chosen.isEmpty() || !NETWORK_IDS.contains(chosen.get()), what + " read by " + chosen);
    }

    @Test
    void rscName_countsOnlyWithRouterOsMenus() {
        String menusOnly = "/ip dns set servers=10.0.0.1\n/system identity set name=R1\n";
        assertEquals(Optional.of(DeviceFamily.ROUTEROS), DeviceDetection.judge("backup.rsc", menusOnly).family());
        assertEquals(Optional.empty(), DeviceDetection.judge("backup.txt", menusOnly).family(), "two menus alone are not enough");
        assertEquals(Optional.empty(), DeviceDetection.judge("script.rsc", "hello\n").family());
    }

    @Test
    void verdict_reportsEveryScore() {
        DeviceDetection.Verdict v = DeviceDetection.judge("x", "!Software Version V800R021C10SPC600\n#\nsysname A\n#\nreturn\n");
        assertEquals(Optional.of(DeviceFamily.VRP), v.family());
        assertEquals(DeviceFamily.values().length, v.scores().size());
        assertTrue(v.scores().get(DeviceFamily.VRP) > v.scores().get(DeviceFamily.COMWARE));
    }
}
