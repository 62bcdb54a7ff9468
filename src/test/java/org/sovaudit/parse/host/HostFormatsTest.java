package org.sovaudit.parse.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TestFiles;

/** The small readers the host parsers share: kernel hex, shell assignments, INI, TOML, purls, address ranges. */
class HostFormatsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0100007F, 127.0.0.1",
            "0100A8C0, 192.168.0.1",
            "0A01140A, 10.20.1.10",
            "00000000000000000000000001000000, ::1",
            "B80D0120000000000000000001000000, 2001:db8::1",
            "0000000000000000FFFF00001501140A, ::ffff:10.20.1.21"})
    void kernelWords_areLittleEndian(String hex, String expected) {
        assertEquals(expected, ProcNetHex.format(ProcNetHex.wordsAddress(hex)));
    }

    @Test
    void ipv6Route_isNetworkOrder_andPortsBigEndian() {
        assertEquals("2001:db8::1", ProcNetHex.format(ProcNetHex.networkOrderAddress("20010db8000000000000000000000001")));
        assertEquals(443, ProcNetHex.port("01BB"));
        assertNull(ProcNetHex.wordsAddress("0100007"));
        assertNull(ProcNetHex.wordsAddress("0100ZZ7F"));
        assertEquals(-1, ProcNetHex.port("1BB"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GOPROXY=https://goproxy.cn,direct                      | GOPROXY | https://goproxy.cn,direct
            export HTTPS_PROXY="http://proxy:3128" # corporate     | HTTPS_PROXY | http://proxy:3128
            GOFLAGS='-mod=vendor -trimpath'                        | GOFLAGS | -mod=vendor -trimpath
            set GOSUMDB=sum.golang.org                             | GOSUMDB | sum.golang.org
            NAME="Debian \\"GNU\\"/Linux"                          | NAME    | Debian "GNU"/Linux
            PATH=$HOME/bin:$PATH                                   | PATH    | $HOME/bin:$PATH
            """)
    void shellAssignments_unquoteWithoutExpanding(String line, String name, String value) throws Exception {
        ShellAssignment a = ShellAssignment.parse(line);
        assertEquals(name, a.name());
        assertEquals(value, a.value());
    }

    @Test
    void shellAssignment_unclosedQuote_isAnError_andOtherLinesAreNone() throws Exception {
        assertThrows(ShellAssignment.UnclosedQuote.class, () -> ShellAssignment.parse("A=\"open"));
        assertNull(ShellAssignment.parse("if [ -n \"$X\" ]; then"));
    }

    @Test
    void ini_continuationsSectionsAndErrors_carryTheirLines() {
        ResultBuilder out = new ResultBuilder("pip.conf");
        IniFile ini = IniFile.read("[global]\nextra-index-url =\n  https://a.example.org/simple\n\n  https://b.example.org/simple\nkey: v\nbroken\n",
                true, true, out);
        IniFile.Entry extra = ini.entries().get(0);
        assertEquals("global", extra.section());
        assertEquals(List.of(2, 3, 5), extra.lines().stream().map(IniFile.ValueLine::number).toList());
        assertEquals("v", ini.entries().get(1).value());
        assertEquals(7, out.build().errors().get(0).line());
    }

    @Test
    void toml_readsTablesDottedKeysArraysAndInlineTablesWithLines() {
        ResultBuilder out = new ResultBuilder("config.toml");
        List<TomlLite.Leaf> leaves = TomlLite.read("""
                top = "a" # comment
                [plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
                  endpoint = [
                    "https://m1.example.org",  # first
                    'https://m2.example.org',
                  ]
                [[registry]]
                mirror = { location = "x.example.org", insecure = true }
                text = \"\"\"
                two
                lines\"\"\"
                after = 1
                """, out);
        String rendered = leaves.stream().filter(l -> !l.header())
                .map(l -> String.join(".", l.table()) + "|" + String.join(".", l.key()) + "=" + l.value() + "@" + l.line())
                .collect(Collectors.joining("\n"));
        assertEquals("""
                |top=a@1
                plugins.io.containerd.grpc.v1.cri.registry.mirrors.docker.io|endpoint=https://m1.example.org@4
                plugins.io.containerd.grpc.v1.cri.registry.mirrors.docker.io|endpoint=https://m2.example.org@5
                registry|mirror.location=x.example.org@8
                registry|mirror.insecure=true@8
                registry|text=two
                lines@9
                registry|after=1@12""", rendered);
        assertTrue(out.build().errors().isEmpty(), out.build().errors().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a = "unterminated                  | 1 | string is not closed
            [table                             | 1 | table header is not closed
            x = [1, 2                          | 1 | array is not closed
            ok = 1\\nnot a key value           | 2 | expected '='
            """)
    void toml_syntaxErrors_nameTheLine(String text, int line, String reason) {
        ResultBuilder out = new ResultBuilder("config.toml");
        TomlLite.read(text.replace("\\n", "\n"), out);
        ParseResult r = out.build();
        assertEquals(line, r.errors().get(0).line(), r.errors().toString());
        assertTrue(r.errors().get(0).reason().contains(reason), r.errors().toString());
    }

    @Test
    void purls_encodeEpochsAndPlusSigns() {
        assertEquals("pkg:deb/ubuntu/docker-ce@5%3A26.1.4-1~ubuntu.22.04~jammy",
                Purls.of("deb", "ubuntu", "docker-ce", "5:26.1.4-1~ubuntu.22.04~jammy"));
        assertEquals("pkg:deb/debian/libc6@2.36-9%2Bdeb12u7", Purls.of("deb", "Debian", "libc6", "2.36-9+deb12u7"));
        assertEquals("pkg:rpm/kernel", Purls.of("rpm", "", "kernel", ""));
        assertTrue(Purls.aiFramework("Ascend-cann-toolkit"));
        assertTrue(Purls.aiFramework("libcudnn8"));
        assertFalse(Purls.aiFramework("cannadic"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "8.8.8.8, true", "10.1.2.3, false", "172.16.0.1, false", "172.32.0.1, true", "192.168.1.1, false",
            "100.64.0.1, false", "169.254.1.1, false", "127.0.0.1, false", "224.0.0.251, false", "0.0.0.0, false",
            "2606:4700:4700::1111, true", "fd00::1, false", "fe80::1, false", "fe00::, false", "ff02::1, false",
            "::1, false", "::ffff:10.0.0.1, false", "::ffff:8.8.8.8, true", "not-an-ip, false"})
    void outsideAddresses_areTheOnesThatCanNameAParty(String ip, boolean outside) {
        assertEquals(outside, Addresses.outside(ip));
    }

    @Test
    void dpkgMaintainer_dropsTheEmail() {
        assertEquals("Ubuntu Developers", DpkgStatusParser.withoutEmail("Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>"));
        assertEquals("Docker", DpkgStatusParser.withoutEmail("Docker"));
    }

    @Test
    void rpmVendors_mapToDistributionNamespaces() {
        assertEquals("redhat", RpmDbParser.namespace("Red Hat, Inc."));
        assertEquals("opensuse", RpmDbParser.namespace("openSUSE"));
        assertEquals("suse", RpmDbParser.namespace("SUSE LLC <https://www.suse.com/>"));
        assertEquals("crowdstrike", RpmDbParser.namespace("CrowdStrike, Inc."));
        assertEquals("", RpmDbParser.namespace(" "));
    }

    @Test
    void rsyslogCredentialParameters_areMaskedInEvidence() {
        String line = "action(type=\"omhttp\" server=\"hec.example.com\" httpheadervalue=\"Splunk abc-123\" pwd='x y')";
        String masked = RsyslogConfParser.masked(line);
        assertFalse(masked.contains("abc-123"), masked);
        assertFalse(masked.contains("x y"), masked);
        assertTrue(masked.contains("server=\"hec.example.com\""), masked);
        var result = new RsyslogConfParser().parse(TestFiles.file("etc/rsyslog.d/x.conf", line + "\n"));
        assertEquals(1, result.observations().size());
        assertFalse(result.observations().get(0).where().snippet().contains("abc-123"));
    }

    @Test
    void npmCredentialLines_showOnlyTheKey() {
        var result = new NpmrcParser().parse(TestFiles.file(".npmrc",
                "//npm.pkg.github.com/:_authToken=ghp_tokenvalue123\n_auth=dXNlcjpwYXNz\n"));
        assertEquals(1, result.observations().size());
        assertEquals("//npm.pkg.github.com/:_authToken=****", result.observations().get(0).where().snippet());
        assertEquals("https://npm.pkg.github.com/", result.observations().get(0).value());
    }

    @Test
    void mavenPasswords_neverBecomeEvidence() {
        var result = new MavenSettingsParser().parse(TestFiles.file("settings.xml", """
                <settings><servers><server><id>x</id><username>u</username>
                <password>hunter2.example.com</password></server></servers></settings>
                """));
        assertTrue(result.observations().isEmpty(), result.observations().toString());
    }
}
