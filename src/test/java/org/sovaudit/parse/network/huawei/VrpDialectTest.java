package org.sovaudit.parse.network.huawei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;

class VrpDialectTest {

    @Test
    void looksLikeVrp_needsSeveralMarkers() {
        assertTrue(VrpDialect.looksLikeVrp("#\nsysname A\n#\nundo info-center enable\n#\nreturn\n"));
        assertFalse(VrpDialect.looksLikeVrp("sysname A\n"), "one marker is not enough");
        assertFalse(VrpDialect.looksLikeVrp("#\n#\n#\n"), "separators alone are not enough");
    }

    @Test
    void looksLikeVrp_acceptsDisplayVersionOutput() {
        assertTrue(VrpDialect.looksLikeVrp("Huawei Versatile Routing Platform Software\nVRP (R) software, Version 5.170 (S5720 V200R019C10SPC500)\n"));
    }

    @Test
    void looksLikeVrp_refusesLookAlikes() {
        assertFalse(VrpDialect.looksLikeVrp("#\n version 7.1.064, Release 0821P11\n#\n sysname H3C\n#\nundo x\nreturn\n"), "H3C Comware");
        assertFalse(VrpDialect.looksLikeVrp("!\nhostname R1\n!\nntp server 1.1.1.1\n!\nend\n"), "Cisco IOS");
        assertFalse(VrpDialect.looksLikeVrp("sysname A\nundo x\ninfo-center enable\n!\n!\n!\n"), "bang separators");
    }

    @Test
    void displayVersionWithoutUptimeLine_reportsTheFamily() {
        ParseResult result = new HuaweiVrpParser().parse(TestFiles.file("show/version.txt", """
                Huawei Versatile Routing Platform Software
                VRP (R) software, Version 5.170 (S5720 V200R019C10SPC500)
                Copyright (C) 2000-2020 HUAWEI TECH Co., Ltd.
                """));
        assertEquals(List.of("Huawei VRP V200R019C10SPC500", "Huawei S5720"), values(result));
        assertEquals(List.of(2, 2), result.observations().stream().map(o -> o.where().line()).toList());
    }

    @Test
    void arRouterUptimeLine_givesTheModel() {
        ParseResult result = new HuaweiVrpParser().parse(TestFiles.file("show/ar.txt", """
                VRP (R) software, Version 5.160 (AR2200 V200R009C00SPC500)
                Huawei AR2220E Router uptime is 0 week, 3 days, 2 hours, 1 minute
                """));
        assertEquals(List.of("Huawei VRP V200R009C00SPC500", "Huawei AR2220E"), values(result));
    }

    @Test
    void sysnameAndInterfaceDescriptions_areNotProducts() {
        ParseResult result = new HuaweiVrpParser().parse(TestFiles.file("c.cfg", """
                #
                sysname HUAWEI-NE40E-CORE
                #
                interface GigabitEthernet0/0/1
                 description HUAWEI CE6881 uptime is irrelevant here
                #
                return
                """));
        assertEquals(List.of(), values(result));
    }

    @Test
    void keywordsInValuePositions_areNotHosts() {
        ParseResult result = new HuaweiVrpParser().parse(TestFiles.file("c.cfg", """
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
                """));
        assertEquals(List.of(), values(result));
        assertEquals(List.of(), result.errors());
    }

    private static List<String> values(ParseResult result) {
        return result.observations().stream().map(Observation::value).toList();
    }
}
