package org.sovaudit.parse.network.huawei;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;
import org.sovaudit.parse.network.DeviceDetection;
import org.sovaudit.parse.network.DeviceFamily;

class VrpDialectTest {

    private static Optional<DeviceFamily> family(String text) {
        return DeviceDetection.judge("x.cfg", text).family();
    }

    @Test
    void detection_needsSeveralMarkers() {
        assertEquals(Optional.of(DeviceFamily.VRP), family("#\nsysname A\n#\nundo info-center enable\n#\nreturn\n"));
        assertEquals(Optional.empty(), family("sysname A\n"), "one marker is not enough");
        assertEquals(Optional.empty(), family("#\n#\n#\n"), "separators alone are not enough");
    }

    @Test
    void detection_acceptsDisplayVersionOutput() {
        assertEquals(Optional.of(DeviceFamily.VRP),
                family("Huawei Versatile Routing Platform Software\nVRP (R) software, Version 5.170 (S5720 V200R019C10SPC500)\n"));
    }

    @Test
    void detection_refusesLookAlikes() {
        assertEquals(Optional.of(DeviceFamily.COMWARE),
                family("#\n version 7.1.064, Release 0821P11\n#\n sysname H3C\n#\nundo x\nreturn\n"), "H3C Comware");
        assertEquals(Optional.of(DeviceFamily.IOS), family("!\nhostname R1\n!\nntp server 1.1.1.1\n!\nend\n"), "Cisco IOS");
    }

    @Test
    void displayVersionWithoutUptimeLine_reportsTheFamily() {
        ParseResult result = parse("show/version.txt", """
                Huawei Versatile Routing Platform Software
                VRP (R) software, Version 5.170 (S5720 V200R019C10SPC500)
                Copyright (C) 2000-2020 HUAWEI TECH Co., Ltd.
                """);
        assertEquals(List.of("Huawei VRP V200R019C10SPC500", "Huawei S5720"), values(result));
        assertEquals(List.of(2, 2), result.observations().stream().map(o -> o.where().line()).toList());
    }

    @Test
    void arRouterUptimeLine_givesTheModel() {
        ParseResult result = parse("show/ar.txt", """
                VRP (R) software, Version 5.160 (AR2200 V200R009C00SPC500)
                Huawei AR2220E Router uptime is 0 week, 3 days, 2 hours, 1 minute
                """);
        assertEquals(List.of("Huawei VRP V200R009C00SPC500", "Huawei AR2220E"), values(result));
    }

    @Test
    void sysnameAndInterfaceDescriptions_areNotProducts() {
        ParseResult result = parse("c.cfg", """
                #
                sysname HUAWEI-NE40E-CORE
                #
                interface GigabitEthernet0/0/1
                 description HUAWEI CE6881 uptime is irrelevant here
                #
                return
                """);
        assertEquals(List.of(), values(result));
    }

    @Test
    void keywordsInValuePositions_areNotHosts() {
        ParseResult result = parse("c.cfg", """
                #
                sysname R1
                #
                info-center loghost source LoopBack0
                dns server source-ip 10.0.0.1
                ntp-service unicast-server source-interface LoopBack0
                hwtacacs-server source-ip 10.0.0.1
                snmp-agent target-host trap-paramsname nms v2c securityname x
                #
                return
                """);
        assertEquals(List.of(), values(result));
        assertEquals(List.of(), result.errors());
    }

    @Test
    void bgpPeers_takeTheirAsFromTheGroup_andInternalPeersNameNoAs() {
        ParseResult result = parse("c.cfg", """
                #
                sysname PE1
                #
                bgp 37100
                 group TRANSIT external
                 peer TRANSIT as-number 33771
                 peer 196.201.214.1 group TRANSIT
                 peer 10.255.0.2 as-number 37100
                 #
                 ipv4-family vpn-instance CUST
                  peer 41.89.10.1 as-number 36914
                #
                return
                """);
        assertEquals(List.of(
                "bgp-peer asn AS33771 6 neighbor=196.201.214.1",
                "bgp-peer ip-address 196.201.214.1 7 remote-as=AS33771",
                "bgp-peer ip-address 10.255.0.2 8 remote-as=AS37100",
                "bgp-peer ip-address 41.89.10.1 11 remote-as=AS36914",
                "bgp-peer asn AS36914 11 neighbor=41.89.10.1"), rows(result));
    }

    @Test
    void vtyAcl_sourcesBecomeManagementAccess_unappliedAclsDoNot() {
        ParseResult result = parse("c.cfg", """
                #
                sysname SW1
                #
                acl number 2000
                 rule 5 permit source 10.20.0.0 0.0.255.255
                 rule 10 permit source 196.201.214.9 0
                 rule 15 deny
                #
                acl number 2001
                 rule 5 permit source 172.16.0.0 0.0.255.255
                #
                user-interface vty 0 4
                 acl 2000 inbound
                 authentication-mode aaa
                #
                return
                """);
        assertEquals(List.of(
                "management-access cidr 10.20.0.0/16 5 vty acl 2000",
                "management-access ip-address 196.201.214.9 6 vty acl 2000"), rows(result));
    }

    @Test
    void collectorsAndDefaultRoutesAndCloudManagement_areRead() {
        ParseResult result = parse("c.cfg", """
                #
                sysname AR1
                #
                ip netstream export host 10.30.1.40 9995 vpn-instance mgmt
                sflow collector 1 ip 10.30.1.41 vpn-instance mgmt description NMS
                #
                telemetry
                 #
                 destination-group DG1
                  ipv4-address 10.30.1.42 port 10001 protocol grpc no-tls
                #
                ip route-static 0.0.0.0 0.0.0.0 GigabitEthernet0/0/1 196.201.214.1
                ip route-static vpn-instance mgmt 0.0.0.0 0 10.30.0.1
                ip route-static 10.0.0.0 255.0.0.0 10.30.0.2
                #
                cloud-mng controller url dev-br.naas.huaweicloud.com port 10020
                #
                return
                """);
        assertEquals(List.of(
                "flow-collector ip-address 10.30.1.40 4 netstream",
                "flow-collector ip-address 10.30.1.41 5 sflow",
                "flow-collector ip-address 10.30.1.42 10 telemetry",
                "upstream-gateway ip-address 196.201.214.1 12 ",
                "upstream-gateway ip-address 10.30.0.1 13 vrf=mgmt",
                "device-management hostname dev-br.naas.huaweicloud.com 16 cloud-mng"), rows(result));
    }

    @Test
    void unknownCommands_keepTheirReferences_ownAddressesAndMasksAreSkipped() {
        ParseResult result = parse("c.cfg", """
                #
                sysname AR1
                #
                ip address 10.0.0.1 255.255.255.0
                ospf 1 router-id 10.255.0.1
                nqa test-instance admin probe-dns
                 destination-address ipv4 8.8.4.4
                ipsec proposal P1
                ike peer HQ
                 remote-address 196.201.214.77
                 remote-name vpn.partner-agency.org
                #
                return
                """);
        assertEquals(List.of(
                "unknown ip-address 8.8.4.4 7 ",
                "unknown ip-address 196.201.214.77 10 ",
                "unknown hostname vpn.partner-agency.org 11 "), rows(result));
    }

    private static ParseResult parse(String path, String text) {
        return new HuaweiVrpParser().parse(TestFiles.file(path, text));
    }

    private static List<String> values(ParseResult result) {
        return result.observations().stream().map(Observation::value).toList();
    }

    static List<String> rows(ParseResult result) {
        return result.observations().stream()
                .map(o -> o.role().id() + " " + o.kind().id() + " " + o.value() + " " + o.where().line() + " " + o.context())
                .toList();
    }
}
