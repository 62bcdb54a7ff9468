package org.sovaudit.parse;

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

/** Malformed input yields a file error that names the file and the line, and never an exception. */
class MalformedInputTest {

    static List<Arguments> cases() {
        return List.of(
                Arguments.of("etc/resolv.conf", "nameserver 10.0.0.1\nnameserver 10.0.0.999\n", 2, "not a valid IPv4"),
                Arguments.of("etc/chrony.conf", "pool 2.pool.ntp.org\n\nserver 1.2.3.4.5\n", 3, "not a valid IPv4"),
                Arguments.of("etc/apt/sources.list", "deb http://deb.debian.org/debian bookworm main\ndeb-src\n", 2, "malformed entry"),
                Arguments.of("etc/apt/sources.list.d/x.sources", "Types: deb\nURIs: https://deb.debian.org/debian\nSuites bookworm\n", 3, "malformed line"),
                Arguments.of("configs/r1.cfg", "#\nsysname R1\n#\ninfo-center loghost 10.0.0.1\ndns server 8.8.8.888\n#\nreturn\n", 5, "not a valid IPv4"),
                Arguments.of("infra/main.tf", "provider \"aws\" {\n  region = \"eu-west-1\"\n\nresource \"x\" \"y\" {\n}\n", 1, "not closed"),
                Arguments.of("infra/main.tf", "locals {\n  a = \"unterminated\n}\n", 2, "not closed"),
                Arguments.of("infra/main.tf", "locals {\n  a = 1\n}\n}\n", 4, "unexpected '}'"),
                Arguments.of("infra/main.tf", "locals {\n  a = <<EOT\n  text\n}\n", 2, "heredoc"),
                Arguments.of("infra/main.tf", "provider \"aws\" {\n  region = \"eu-west-1\" alias = \"x\"\n}\n", 2, "HCL syntax"),
                Arguments.of("deploy/pod.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: a\n   name: x\n", 6, "YAML"),
                Arguments.of("deploy/pod.yaml", "apiVersion: v1\nkind: Pod\nspec:\n\tcontainers: []\n", 4, "YAML"),
                Arguments.of("deploy/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: \"x\n", 3, "YAML"));
    }

    @ParameterizedTest(name = "{0} line {2}")
    @MethodSource("cases")
    void malformedInput_isReportedWithItsLine(String path, String content, int line, String reasonPart) {
        SourceFile file = TestFiles.file(path, content);
        Parser parser = Parsers.standard().forFile(file).orElseThrow();
        ParseResult result = parser.parse(file);
        assertFalse(result.errors().isEmpty(), "no error for " + path);
        FileError first = result.errors().get(0);
        assertEquals(path, first.path());
        assertEquals(line, first.line(), first.toString());
        assertTrue(first.reason().contains(reasonPart), first.toString());
    }
}
