package org.sovaudit.parse.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.sovaudit.model.FileError;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.Parsers;
import org.sovaudit.parse.TestFiles;

/**
 * Malformed input of every network dialect yields a file error that names the file and the line,
 * never an exception.
 */
class NetworkMalformedInputTest {

    static List<Arguments> cases() {
        return List.of(
                Arguments.of("huawei-vrp", "r.cfg", "#\nsysname R1\n#\nundo info-center enable\nntp-service unicast-server 10.0.0.256\n#\nreturn\n",
                        5, "not a valid IPv4"),
                Arguments.of("h3c-comware", "s.cfg", "#\n version 7.1.070, Release 6728P21\n#\n sysname S1\n#\nhwtacacs scheme T\n primary authentication 10.0.0.300\n#\nreturn\n",
                        7, "not a valid IPv4"),
                Arguments.of("zte-zxros", "z.cfg", "!<system-config>\nhostname Z1\n!</system-config>\n!<syslog>\nsyslog-server host 10.0.0.999\n!</syslog>\n",
                        5, "not a valid IPv4"),
                Arguments.of("cisco-ios", "c.cfg", "!\nversion 15.2\nservice timestamps log datetime msec\nhostname R1\n!\nlogging host 10.0.0.1.5\n!\nend\n",
                        6, "not a valid IPv4"),
                Arguments.of("cisco-nxos", "n.cfg", "version 9.3(10) Bios:version 05.47\nfeature bgp\nswitchname N1\nrouter bgp 65001\n  neighbor 10.0.0.1\n    remote-as 70000000000\n",
                        6, "not a valid AS number"),
                Arguments.of("arista-eos", "a.cfg", "! device: a (DCS-7050SX3-48YC12, EOS-4.31.2F)\nhostname a\nbanner motd\nno closing line here\n",
                        3, "no closing 'EOF'"),
                Arguments.of("juniper-junos", "j.conf", "version 22.4R3.25;\nsystem {\n    host-name J1;\n    ntp {\n        server 10.0.0.1;\n",
                        2, "not closed"),
                Arguments.of("juniper-junos", "j.set", "set version 22.4R3.25\nset system host-name J1\nset system name-server 10.0.0.300\n",
                        3, "not a valid IPv4"),
                Arguments.of("mikrotik-routeros", "m.rsc", "# 2024-03-18 09:12:44 by RouterOS 7.14.2\n/ip dns\nset servers=10.0.0.1 \\\n",
                        3, "continues past the end"));
    }

    @ParameterizedTest(name = "{0} {1} line {3}")
    @MethodSource("cases")
    void malformedInput_isReportedWithFileAndLine(String parserId, String path, String content, int line, String reasonPart) {
        SourceFile file = TestFiles.file("configs/" + path, content);
        Parser parser = Parsers.standard().forFile(file).orElseThrow();
        assertEquals(parserId, parser.id());
        ParseResult result = parser.parse(file);
        assertFalse(result.errors().isEmpty(), "no error for " + path);
        FileError first = result.errors().stream().filter(e -> e.line() > 0).findFirst().orElseThrow();
        assertEquals("configs/" + path, first.path());
        assertEquals(line, first.line(), first.toString());
        assertTrue(first.reason().contains(reasonPart), first.toString());
    }
}
