package org.sovaudit.parse.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;

class KubernetesYamlParserTest {

    @Test
    void documentMarkerInsideIndentedBlockScalar_doesNotSplitTheDocument() {
        ParseResult result = new KubernetesYamlParser().parse(TestFiles.file("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  annotations:
                    note: |
                      ---
                      not a marker
                spec:
                  containers:
                    - image: nginx:1.27
                """));
        assertEquals(List.of(), result.errors());
        assertEquals(List.of("nginx:1.27"), values(result));
        assertEquals(10, result.observations().get(0).where().line());
    }

    @Test
    void manyDocuments_keepFileLineNumbers() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            yaml.append("---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: app:").append(i).append('\n');
        }
        ParseResult result = new KubernetesYamlParser().parse(TestFiles.file("pods.yaml", yaml.toString()));
        assertEquals(50, result.observations().size());
        for (int i = 0; i < 50; i++) {
            assertEquals(6 + 6 * i, result.observations().get(i).where().line());
            assertEquals("app:" + i, result.observations().get(i).value());
        }
    }

    @Test
    void flowStyleAndJsonStyleDocuments_areRead() {
        ParseResult result = new KubernetesYamlParser().parse(TestFiles.file("pod.yaml",
                "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"spec\": {\"containers\": [{\"image\": \"docker.io/library/redis:7\"}]}}\n"));
        assertEquals(List.of("docker.io/library/redis:7"), values(result));
        assertEquals(1, result.observations().get(0).where().line());
    }

    @Test
    void tooManyNestedLists_areReportedNotFollowed() {
        String yaml = """
                apiVersion: v1
                kind: List
                items:
                - kind: List
                  items:
                  - kind: List
                    items:
                    - kind: List
                      items:
                      - kind: Pod
                        spec: {containers: [{image: deep:1}]}
                """;
        ParseResult result = new KubernetesYamlParser().parse(TestFiles.file("deep.yaml", yaml));
        assertEquals(List.of(), values(result));
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).reason().contains("nested deeper"));
    }

    @Test
    void imageWithCredentials_neverCarriesThemIntoValueOrSnippet() {
        ParseResult result = new KubernetesYamlParser().parse(TestFiles.file("pod.yaml", """
                apiVersion: v1
                kind: Pod
                spec:
                  containers:
                    - image: robot:S3cr3t@harbor.corp.internal/app:1
                    - image: harbor.corp.internal/app@sha256:0123456789abcdef
                """));
        assertEquals(List.of("harbor.corp.internal/app:1", "harbor.corp.internal/app@sha256:0123456789abcdef"), values(result));
        assertEquals("- image: robot:****@harbor.corp.internal/app:1", result.observations().get(0).where().snippet());
    }

    private static List<String> values(ParseResult result) {
        return result.observations().stream().map(Observation::value).toList();
    }
}
