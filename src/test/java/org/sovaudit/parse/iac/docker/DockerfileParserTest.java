package org.sovaudit.parse.iac.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;

class DockerfileParserTest {

    private static List<String> images(String dockerfile) {
        ParseResult r = new DockerfileParser().parse(TestFiles.file("Dockerfile", dockerfile));
        return r.observations().stream().filter(o -> o.kind().id().equals("container-image"))
                .map(o -> o.value() + "@" + o.where().line()).toList();
    }

    @Test
    void substitute_usesArgsDefaultsAndAlternatives() {
        Map<String, String> args = Map.of("TAG", "1.2", "EMPTY", "");
        assertEquals("app:1.2", DockerfileParser.substitute("app:${TAG}", args));
        assertEquals("app:1.2", DockerfileParser.substitute("app:$TAG", args));
        assertEquals("app:latest", DockerfileParser.substitute("app:${MISSING:-latest}", args));
        assertEquals("app:latest", DockerfileParser.substitute("app:${EMPTY:-latest}", args));
        assertEquals("app-x", DockerfileParser.substitute("app${TAG:+-x}", args));
        assertNull(DockerfileParser.substitute("app:${MISSING}", args));
    }

    @Test
    void argWithoutDefault_leavesTheImageUnresolved() {
        assertEquals(List.of(), images("ARG BASE\nFROM ${BASE}\n"));
        assertEquals(List.of("debian:12@2"), images("ARG BASE=debian:12\nFROM $BASE\n"));
    }

    @Test
    void stagesAndScratch_areNotImages_butCopyFromAnImageIs() {
        assertEquals(List.of("golang:1.22@1", "nginx:1.25@4"), images("""
                FROM golang:1.22 AS Build
                FROM scratch
                COPY --from=build /out /out
                COPY --from=nginx:1.25 /etc/nginx /etc/nginx
                COPY --from=0 /x /x
                FROM build
                """));
    }

    @Test
    void continuedRun_valueStandsOnItsPhysicalLine_andCommentsInsideAreDropped() {
        ParseResult r = new DockerfileParser().parse(TestFiles.file("Dockerfile", """
                FROM alpine:3.20
                RUN apk add --no-cache \\
                # a comment inside the continuation
                    python3 && \\
                    pip install --index-url https://pypi.example.cn/simple flask
                """));
        assertEquals(List.of("https://pypi.example.cn/simple@5"), r.observations().stream()
                .filter(o -> o.role().id().equals("package-mirror")).map(o -> o.value() + "@" + o.where().line()).toList());
    }

    @Test
    void unclosedHeredoc_isAnError() {
        ParseResult r = new DockerfileParser().parse(TestFiles.file("Dockerfile", "FROM alpine\nRUN <<EOF\napk add git\n"));
        assertEquals(1, r.errors().size());
        assertEquals(2, r.errors().get(0).line());
    }
}
