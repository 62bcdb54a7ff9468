package org.sovaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.sovaudit.model.SourceFile;

class ParsersTest {

    static final String CISCO_IOS = """
            !
            ! Last configuration change at 10:12:01 UTC Mon Mar 18 2024 by netadmin
            !
            version 15.2
            service timestamps debug datetime msec
            service password-encryption
            !
            hostname BR-RTR-01
            !
            aaa new-model
            aaa authentication login default group tacacs+ local
            !
            ip name-server 8.8.8.8 1.1.1.1
            ip domain name corp.internal
            !
            interface GigabitEthernet0/0
             ip address 10.0.0.1 255.255.255.0
             no shutdown
            !
            logging host 10.20.1.15
            ntp server time.google.com
            snmp-server community S3cr3tRO RO
            tacacs-server host 10.20.2.20 key 7 0822455D0A16
            !
            line vty 0 4
             transport input ssh
            !
            end
            """;

    static final String H3C_COMWARE = """
            #
             version 7.1.064, Release 0821P11
            #
             sysname H3C-CORE
            #
             info-center loghost 10.20.1.15
            #
             ntp-service unicast-server 10.20.0.123
            #
            hwtacacs scheme ACS
             primary authentication 10.20.2.20
            #
            return
            """;

    static final String RANDOM_TEXT = """
            Meeting notes, 18 March
            - migrate the DNS servers before the end of the quarter
            - server room audit: return the spare switches to stock
            - undo the temporary firewall rule # ask the vendor
            Contact: ops@ministry.example
            """;

    @Test
    void standard_parserIdsAreUnique() {
        List<Parser> all = Parsers.standard().all();
        Set<String> ids = new HashSet<>();
        for (Parser parser : all) {
            assertTrue(ids.add(parser.id()), "duplicate parser id " + parser.id());
        }
        assertEquals(all.size(), ids.size());
        assertEquals("generic-text", all.get(all.size() - 1).id(), "the generic extractor is asked last");
    }

    @Test
    void registry_refusesDuplicateIds() {
        Parser resolv = new org.sovaudit.parse.host.ResolvConfParser();
        assertThrows(ParseException.class, () -> new Parsers(List.of(resolv, new org.sovaudit.parse.host.ResolvConfParser())));
    }

    @Test
    void standard_everyParserDescribesItself() {
        for (Parser parser : Parsers.standard().all()) {
            assertTrue(parser.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), parser.id());
            assertFalse(parser.version().isBlank(), parser.id());
            assertFalse(parser.description().isBlank(), parser.id());
            assertFalse(parser.roles().isEmpty(), parser.id());
        }
    }

    @Test
    void standard_listIsImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> Parsers.standard().all().clear());
    }

    @Test
    void vrpConfigNamedBackupTxt_isReadAsVrp() {
        String vrp = """
                #
                sysname SW1
                #
                info-center loghost 10.1.1.1
                #
                aaa
                 local-user admin privilege level 15
                #
                return
                """;
        assertEquals(Optional.of("huawei-vrp"), chosen("backup.txt", vrp));
        assertEquals(Optional.of("huawei-vrp"), chosen("home/ops/backup.txt", vrp));
    }

    @Test
    void ciscoConfig_isReadAsCiscoIos_notVrp() {
        assertEquals(Optional.of("cisco-ios"), chosen("BR-RTR-01.cfg", CISCO_IOS));
        assertEquals(Optional.of("cisco-ios"), chosen("backup.txt", CISCO_IOS));
    }

    @Test
    void h3cComwareConfig_isReadAsComware_notVrp() {
        assertEquals(Optional.of("h3c-comware"), chosen("h3c-core.cfg", H3C_COMWARE));
    }

    @Test
    void randomText_isReadByNone() {
        assertEquals(Optional.empty(), chosen("notes.txt", RANDOM_TEXT));
        assertEquals(Optional.empty(), chosen("README.md", "# sovaudit\n\nA tool.\n"));
        assertEquals(Optional.empty(), chosen("data.bin", new String(new char[]{0, 1, 2, 3, 0xFF})));
        assertEquals(Optional.empty(), chosen("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            etc/resolv.conf                                 | nameserver 10.0.0.1                         | resolv-conf
            run/systemd/resolve/stub-resolv.conf            | nameserver 127.0.0.53                       | resolv-conf
            etc/resolv.conf                                 | ''                                          | resolv-conf
            etc/chrony/chrony.conf                          | pool 2.pool.ntp.org                         | ntp-conf
            etc/chrony/conf.d/corp.conf                     | server ntp.corp.internal                    | ntp-conf
            etc/ntp.conf                                    | server 10.0.0.1                             | ntp-conf
            etc/chrony/sources.d/corp.sources               | server ntp.corp.internal iburst             | ntp-conf
            etc/apt/sources.list.d/ubuntu.sources           | Types: deb                                  | apt-sources
            etc/apt/sources.list                            | deb http://deb.debian.org/debian bookworm main | apt-sources
            etc/apt/sources.list.d/docker.list              | ''                                          | apt-sources
            infra/main.tf                                   | provider "aws" {}                           | terraform
            stack/main.tofu                                 | ''                                          | terraform
            deploy/app.yaml                                 | apiVersion: v1\\nkind: Pod                   | kubernetes-yaml
            etc/chrony/sources.d/odd.sources                | Types: deb\\nURIs: http://deb.debian.org/debian | apt-sources
            """)
    void forFile_choosesBySpecificNameOrContent(String path, String content, String expected) {
        assertEquals(Optional.of(expected), chosen(path, content.replace("\\n", "\n")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            charts/portal/Chart.yaml      | apiVersion: v2\\nname: portal\\nversion: 1.0.0
            notes/compose.txt             | services:\\n  web:\\n    image: nginx
            etc/apt/sources.list.d/x.sources | just some text
            notes/terraform.txt           | provider "aws" { region = "eu-west-1" }
            """)
    void forFile_refusesLookAlikes(String path, String content) {
        assertEquals(Optional.empty(), chosen(path, content.replace("\\n", "\n")));
    }

    @Test
    void lookAlikeHoldingAUrl_isLeftToTheGenericExtractor() {
        assertEquals(Optional.of("generic-text"), chosen("etc/sources.list.save", "deb http://deb.debian.org/debian bookworm main"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            etc/hosts                                       | 127.0.0.1 localhost\\n8.8.8.8 dns.google     | etc-hosts
            etc/yum.repos.d/epel.repo                       | [epel]                                       | yum-repos
            etc/apk/repositories                            | https://dl-cdn.alpinelinux.org/alpine/v3.19/main | apk-repositories
            etc/systemd/resolved.conf                       | [Resolve]\\nDNS=1.1.1.1                      | systemd-conf
            etc/systemd/timesyncd.conf.d/ntp.conf           | [Time]\\nNTP=time.google.com                 | systemd-conf
            etc/rsyslog.d/50-default.conf                   | *.* @@10.0.0.1                               | rsyslog-conf
            etc/custom/forward.conf                         | auth,authpriv.* @@10.0.0.1:514               | rsyslog-conf
            etc/syslog-ng/syslog-ng.conf                    | @version: 3.38                               | syslog-ng-conf
            etc/docker/daemon.json                          | {"dns": ["8.8.8.8"]}                         | docker-daemon
            etc/containerd/config.toml                      | version = 2                                  | container-registries
            etc/containerd/certs.d/docker.io/hosts.toml     | server = "https://docker.io"                 | container-registries
            etc/containers/registries.conf                  | unqualified-search-registries = []           | container-registries
            etc/pip.conf                                    | [global]                                     | pip-conf
            home/a/.npmrc                                   | registry=https://registry.npmjs.org/         | npmrc
            home/a/.m2/settings.xml                         | <settings></settings>                        | maven-settings
            usr/local/go/go.env                             | GOPROXY=https://proxy.golang.org,direct      | package-env
            etc/profile.d/proxy.sh                          | export http_proxy=http://proxy:3128          | package-env
            etc/os-release                                  | NAME=Ubuntu                                  | os-release
            proc/net/route                                  | Iface\\tDestination\\tGateway \\tFlags       | proc-net-route
            proc/net/tcp                                    |   sl  local_address rem_address   st tx_queue | proc-net-tcp
            var/lib/dpkg/status                             | Package: bash\\nStatus: install ok installed | dpkg-status
            var/lib/rpm/rpmdb.sqlite                        | ''                                           | rpmdb
            var/lib/dhcp/dhcpd.leases                       | lease 10.0.0.5 {                             | dhcp-leases
            scans/dmz.xml                                   | <?xml version="1.0"?><nmaprun>               | nmap-xml
            out/show-cdp.txt                                | Device ID: SW1\\nPlatform: cisco\\nEntry address(es): | lldp-neighbors
            out/arp.txt                                     | ? (10.0.0.1) at 00:11:22:33:44:55 [ether] on eth0 | arp-table
            notes/servers.txt                               | db01 lives at db01.mldr.go.ke                | generic-text
            inventory/hosts                                 | [webservers]\\nweb1.example.com ansible_host=10.0.0.5 | generic-text
            """)
    void forFile_choosesTheHostAndInventoryParsers(String path, String content, String expected) {
        assertEquals(Optional.of(expected), chosen(path, content.replace("\\n", "\n").replace("\\t", "\t")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            src/Main.java                 | String url = "https://api.example.com/";
            docs/README.md                | See https://docs.docker.com/ for details.
            package-lock.json             | {"resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz"}
            notes.txt                     | build 1.2.3.4 of config.yaml, see setup.py
            """)
    void forFile_leavesOthersAlone(String path, String content) {
        Optional<String> chosen = chosen(path, content.replace("\\n", "\n"));
        assertTrue(chosen.isEmpty(), path + " was read by " + chosen);
    }

    @Test
    void resolvConfLikeContent_isAcceptedWhateverTheName() {
        assertEquals(Optional.of("resolv-conf"), chosen("backup/dns.txt", "# dns\nnameserver 10.0.0.1\nsearch corp.internal\n"));
        assertNotEquals(Optional.of("resolv-conf"), chosen("backup/dns.txt", "nameserver 10.0.0.1\nthis is prose\n"));
    }

    private static Optional<String> chosen(String path, String content) {
        SourceFile file = TestFiles.file(path, content);
        return Parsers.standard().forFile(file).map(Parser::id);
    }
}
