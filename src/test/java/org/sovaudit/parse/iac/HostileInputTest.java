package org.sovaudit.parse.iac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.FileError;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.Parsers;
import org.sovaudit.parse.Snippets;
import org.sovaudit.parse.TestFiles;

/**
 * The infrastructure, PKI, SBOM and AI-stack parsers never throw, whatever they are fed under the
 * names that select their inner paths (.env vs YAML vs JSON settings, nginx vs HAProxy, CUDA vs
 * CANN files, DER vs PEM). Seeds are fixed so a failure reproduces.
 */
class HostileInputTest {

    private static final List<String> NAMES = List.of(
            "infra/terraform.tfstate", "deploy/docker-compose.yml", "build/Dockerfile", "seed/user-data",
            "etc/nova/nova.conf", "certs/x.pem", "certs/x.der", "keys/x.p12", "keys/x.jks", "etc/nginx/nginx.conf",
            "etc/haproxy/haproxy.cfg", "etc/httpd/conf/httpd.conf", "sbom/x.cdx.json", "sbom/bom.xml", "sbom/x.spdx.json",
            "models/config.json", "models/m.onnx", "app/requirements.txt", "app/pyproject.toml", "web/package.json",
            "usr/local/cuda/version.json", "usr/local/cuda/version.txt", "usr/local/Ascend/driver/version.info",
            "opt/rocm/.info/version", "srv/.env", "config/settings.yaml", "config/settings.json");

    private static final List<String> OURS = List.of("terraform-json", "docker-compose", "dockerfile", "cloud-init",
            "openstack-conf", "x509-certificates", "web-server-tls", "cyclonedx", "spdx-json", "huggingface-config",
            "onnx-model", "pip-requirements", "pyproject-toml", "package-json", "accelerator-runtime", "ai-settings",
            "kubernetes-yaml", "terraform");

    @Test
    void everyNewFormat_isInTheRegistry() {
        List<String> ids = Parsers.standard().all().stream().map(Parser::id).toList();
        assertTrue(ids.containsAll(OURS), ids.toString());
    }

    @Test
    void randomBytesAndText_neverMakeAParserThrow() {
        Random random = new Random(20261129L);
        String alphabet = "{}[]()=:\"'#!%^$*&<>-_,.;@|\\\n\t /abcdefghijklmnopqrstuvwxyz0123456789";
        for (int round = 0; round < 30; round++) {
            byte[] bytes = new byte[random.nextInt(3000)];
            if (round % 2 == 0) {
                random.nextBytes(bytes);
            } else {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                }
            }
            feed(bytes, "round " + round);
        }
    }

    @Test
    void hostileStructures_areReportedNotThrown() {
        feed(("a: " + "[".repeat(20_000)).getBytes(StandardCharsets.UTF_8), "flow nesting");
        feed(("{\"a\":" .repeat(10_000)).getBytes(StandardCharsets.UTF_8), "json nesting");
        StringBuilder laughs = new StringBuilder("services:\n  a0: &a0 {image: x}\n");
        for (int i = 1; i < 40; i++) {
            laughs.append("  a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        feed(laughs.toString().getBytes(StandardCharsets.UTF_8), "aliases");
        feed(("FROM a\n" + "RUN x \\\n".repeat(5_000)).getBytes(StandardCharsets.UTF_8), "continuations");
        feed(("-----BEGIN CERTIFICATE-----\n" + "A".repeat(20_000)).getBytes(StandardCharsets.UTF_8), "open PEM");
        feed(new byte[]{0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, "DER length");
    }

    @Test
    void aliasBomb_staysSmall() {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        yaml.append("- &a0 {kind: StorageClass, provisioner: ebs.csi.aws.com}\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("- &a").append(i).append(" {kind: List, items: [*a").append(i - 1).append(", *a").append(i - 1).append("]}\n");
        }
        SourceFile file = TestFiles.file("deploy/laughs.yaml", yaml.toString());
        ParseResult result = Parsers.standard().forFile(file).orElseThrow().parse(file);
        assertTrue(result.observations().size() <= 2, "aliases were expanded: " + result.observations().size());
    }

    private static void feed(byte[] bytes, String what) {
        for (Parser parser : Parsers.standard().all()) {
            if (!OURS.contains(parser.id())) {
                continue;
            }
            for (String name : NAMES) {
                SourceFile file = TestFiles.file(name, bytes);
                ParseResult result;
                try {
                    parser.accepts(file);
                    result = parser.parse(file);
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError(parser.id() + " threw on " + what + " (" + name + "): " + e, e);
                }
                result.observations().forEach(o -> {
                    assertFalse(o.value().isBlank());
                    assertTrue(o.where().snippet().length() <= Snippets.MAX_LENGTH);
                });
                for (FileError e : result.errors()) {
                    assertEquals(name, e.path());
                    assertFalse(e.reason().contains("\n"), e.reason());
                }
            }
        }
    }
}
