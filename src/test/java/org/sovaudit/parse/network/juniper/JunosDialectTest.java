package org.sovaudit.parse.network.juniper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;
import org.sovaudit.parse.network.Rows;

class JunosDialectTest {

    private static final String CURLY = """
            version 22.4R3.25;
            system {
                name-server {
                    10.20.0.53;
                }
                ntp {
                    server time.google.com prefer;
                }
                syslog {
                    host 10.20.1.15 {
                        any notice;
                    }
                }
                tacplus-server {
                    10.20.2.20 {
                        secret "$9$abc"; ## SECRET-DATA
                        source-address 10.255.0.5;
                    }
                }
                services {
                    outbound-ssh {
                        client mist {
                            device-id 00000000;
                            oc-term.mistsys.net {
                                port 2200;
                            }
                        }
                    }
                }
            }
            snmp {
                trap-group NMS {
                    targets {
                        10.20.1.30;
                    }
                }
            }
            routing-options {
                autonomous-system 37100;
                static {
                    route 0.0.0.0/0 next-hop 196.201.214.1;
                }
            }
            protocols {
                bgp {
                    group TRANSIT {
                        peer-as 33771;
                        neighbor 196.201.214.1;
                    }
                }
            }
            """;

    private static final String SET = """
            set version 22.4R3.25
            set system name-server 10.20.0.53
            set system ntp server time.google.com prefer
            set system syslog host 10.20.1.15 any notice
            set system tacplus-server 10.20.2.20 secret "$9$abc"
            set system tacplus-server 10.20.2.20 source-address 10.255.0.5
            set system services outbound-ssh client mist device-id 00000000
            set system services outbound-ssh client mist oc-term.mistsys.net port 2200
            set snmp trap-group NMS targets 10.20.1.30
            set routing-options autonomous-system 37100
            set routing-options static route 0.0.0.0/0 next-hop 196.201.214.1
            set protocols bgp group TRANSIT peer-as 33771
            set protocols bgp group TRANSIT neighbor 196.201.214.1
            """;

    private static ParseResult parse(String path, String text) {
        return new JuniperJunosParser().parse(TestFiles.file(path, text));
    }

    @Test
    void curlyAndSetForms_nameTheSameParties() {
        ParseResult curly = parse("r.conf", CURLY);
        ParseResult set = parse("r.set", SET);
        assertEquals(Rows.withoutLines(curly), Rows.withoutLines(set));
        assertEquals(10, curly.observations().size(), Rows.of(curly).toString());
        assertEquals(List.of(), curly.errors());
        assertEquals(List.of(), set.errors());
    }

    @Test
    void aReferenceOnSeveralSetLines_isRecordedOnceAtItsFirstLine() {
        List<String> rows = Rows.of(parse("r.set", SET));
        assertTrue(rows.contains("aaa-server ip-address 10.20.2.20 5 tacacs+"), rows.toString());
        assertFalse(rows.stream().anyMatch(r -> r.startsWith("aaa-server ip-address 10.20.2.20 6")), rows.toString());
    }

    @Test
    void deactivatedStatements_keepTheirValuesWithRoleUnknown() {
        List<String> set = Rows.of(parse("r.set", """
                set version 22.4R3.25
                set system ntp server 10.20.0.123
                set system ntp server 10.20.0.124
                deactivate system ntp server 10.20.0.124
                """));
        assertEquals(List.of("network-device product Juniper Junos 22.4R3.25 1", "ntp-source ip-address 10.20.0.123 2 server",
                "unknown ip-address 10.20.0.124 3"), set);
        List<String> curly = Rows.of(parse("r.conf", """
                version 22.4R3.25;
                system {
                    ntp {
                        inactive: server 10.20.0.124;
                    }
                    inactive: syslog {
                        host 10.20.1.15;
                    }
                }
                """));
        assertEquals(List.of("network-device product Juniper Junos 22.4R3.25 1", "unknown ip-address 10.20.0.124 4",
                "unknown ip-address 10.20.1.15 7"), curly);
    }

    @Test
    void groups_areReadLikeTheConfigurationTheyApplyTo() {
        List<String> rows = Rows.of(parse("r.conf", """
                version 22.4R3.25;
                groups {
                    GLOBAL {
                        system {
                            name-server {
                                8.8.8.8;
                            }
                        }
                    }
                }
                apply-groups GLOBAL;
                """));
        assertTrue(rows.contains("dns-resolver ip-address 8.8.8.8 6"), rows.toString());
    }

    @Test
    void loFilterSources_needAnAcceptingTerm() {
        List<String> rows = Rows.of(parse("r.set", """
                set version 22.4R3.25
                set interfaces lo0 unit 0 family inet filter input RE
                set firewall family inet filter RE term NOC from source-address 10.20.1.0/24
                set firewall family inet filter RE term NOC then accept
                set firewall family inet filter RE term BAD from source-address 203.0.113.0/24
                set firewall family inet filter RE term BAD then discard
                set firewall family inet filter OTHER term X from source-address 192.0.2.0/24
                set firewall family inet filter OTHER term X then accept
                """));
        assertEquals(List.of("network-device product Juniper Junos 22.4R3.25 1", "management-access cidr 10.20.1.0/24 3 lo0 acl RE"), rows);
    }

    @Test
    void setFormDetection_looksAtTheFirstCommand() {
        assertTrue(JunosDialect.setForm("# comment\n\nset system host-name R1\n"));
        assertFalse(JunosDialect.setForm("## Last commit\nsystem {\n"));
        assertFalse(JunosDialect.setForm("version 22.4R3;\nset-like {\n"));
    }
}
