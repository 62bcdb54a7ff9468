package org.sovaudit.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sovaudit.assess.Policy;
import org.sovaudit.audit.Audit;
import org.sovaudit.collect.CollectLimits;
import org.sovaudit.evidence.bundle.BundleVerification;
import org.sovaudit.evidence.bundle.BundleVerifier;
import org.sovaudit.report.CanonicalJson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Helidon server on a free port, driven over HTTP. */
class ApplianceServerIT {

    static Path dir;
    static Audit audit;
    static WebServer server;
    static HttpClient http = HttpClient.newHttpClient();
    static Path upload;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("sovaudit-server-it");
        audit = Audit.builder().dataDir(dir.resolve("data")).keySettings(org.sovaudit.evidence.TestEvidence.settings()).build();
        server = ApplianceServer.start(audit, new ServeSettings("127.0.0.1", 0, 8L << 20, CollectLimits.defaults(),
                Policy.defaults()));
        upload = dir.resolve("ministry-lab.zip");
        zip(Path.of("examples/ministry-lab/configs"), upload);
    }

    @AfterAll
    static void stop() throws IOException {
        server.stop();
        audit.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void zip(Path root, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry("ministry-lab/" + root.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static HttpResponse<byte[]> post(String path, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return CanonicalJson.mapper().readTree(r.body());
    }

    @Test
    void upload_thenFetchReportHtmlAndBundle_thatVerifies() throws Exception {
        HttpResponse<byte[]> created = post("/api/audits?home=KE&scope=ministry-lab", "application/zip",
                Files.readAllBytes(upload));
        assertEquals(201, created.statusCode(), new String(created.body()));
        JsonNode body = json(created);
        String id = body.get("id").asText();
        assertEquals("/api/audits/" + id, created.headers().firstValue("Location").orElseThrow());
        assertTrue(body.at("/summary/foreign").asInt() > 0, body.toString());

        HttpResponse<byte[]> list = get("/api/audits");
        assertEquals(200, list.statusCode());
        assertTrue(json(list).toString().contains(id));

        HttpResponse<byte[]> report = get("/api/audits/" + id);
        assertEquals(200, report.statusCode());
        assertEquals(id, json(report).get("auditId").asText());

        HttpResponse<byte[]> html = get("/api/audits/" + id + "/report.html");
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertTrue(new String(html.body(), java.nio.charset.StandardCharsets.UTF_8).contains("Sovereignty audit"));

        HttpResponse<byte[]> sarif = get("/api/audits/" + id + "/report.sarif");
        assertEquals(200, sarif.statusCode());
        assertEquals("application/sarif+json", sarif.headers().firstValue("Content-Type").orElse(""));
        assertEquals("2.1.0", json(sarif).get("version").asText());
        assertProblem(get("/api/audits/" + id + "/report.exe"), 404, "no file");

        HttpResponse<byte[]> bundle = get("/api/audits/" + id + "/bundle");
        assertEquals(200, bundle.statusCode());
        assertEquals("application/zip", bundle.headers().firstValue("Content-Type").orElse(""));
        Path saved = dir.resolve("downloaded.zip");
        try (OutputStream out = Files.newOutputStream(saved)) {
            out.write(bundle.body());
        }
        BundleVerification v = BundleVerifier.verify(saved, audit.keys().certificate());
        assertTrue(v.passed(), v.checks().toString());
        try (var zip = new java.util.zip.ZipFile(saved.toFile())) {
            assertArrayEquals(report.body(), zip.getInputStream(zip.getEntry("report.json")).readAllBytes());
        }
    }

    @Test
    void badRequests_getProblemJsonThatNamesTheProblem() throws Exception {
        assertProblem(post("/api/audits?home=KE", "text/plain", "hello".getBytes()), 415, "application/zip");
        assertProblem(post("/api/audits?home=KE", "application/zip", new byte[0]), 400, "empty");
        assertProblem(post("/api/audits?home=KE", "application/zip", "not a zip at all".getBytes()), 400,
                "not a readable zip archive");
        assertProblem(post("/api/audits", "application/zip", Files.readAllBytes(upload)), 400, "home jurisdiction");
        assertProblem(post("/api/audits?home=Kenya", "application/zip", Files.readAllBytes(upload)), 400, "Kenya");
        assertProblem(get("/api/audits/no-such-audit"), 404, "no-such-audit");
        assertProblem(get("/api/audits/..%2F..%2Fetc%2Fpasswd/bundle"), 404, "no such resource");
        assertProblem(get("/api/nothing-here"), 404, "no such resource");
    }

    @Test
    void upload_overTheLimit_is413() throws Exception {
        // Expect: 100-continue lets the server refuse on the declared length before any body is sent,
        // as a well-behaved client uploading a large archive would.
        byte[] big = new byte[(8 << 20) + 1024];
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri("/api/audits?home=KE"))
                .header("Content-Type", "application/zip").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(413, r.statusCode());
    }

    @Test
    void health_isUpWithTheDatabaseCheck() throws Exception {
        HttpResponse<byte[]> r = get("/observe/health");
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertTrue(new String(r.body()).contains("database"));
    }

    private static void assertProblem(HttpResponse<byte[]> r, int status, String detailContains) throws IOException {
        assertEquals(status, r.statusCode(), new String(r.body()));
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = json(r);
        assertEquals(status, p.get("status").asInt());
        assertTrue(p.get("detail").asText().contains(detailContains), p.toString());
        assertTrue(!new String(r.body()).contains("\tat "), "a stack trace leaked");
    }
}
