package org.sovaudit.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.sovaudit.assess.Policy;
import org.sovaudit.audit.Audit;
import org.sovaudit.audit.AuditNotFoundException;
import org.sovaudit.audit.AuditRequest;
import org.sovaudit.audit.AuditResult;
import org.sovaudit.collect.ArchiveCollector;
import org.sovaudit.report.CanonicalJson;
import org.sovaudit.store.AuditListing;
import org.sovaudit.store.StoredAudit;

/**
 * {@code /api/audits}: upload a zip of configurations to run an audit; list audits; fetch a
 * report as JSON or HTML, or its signed export bundle.
 */
final class AuditsService implements HttpService {

    private static final String HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
    private static final java.util.Set<String> ARCHIVE_TYPES = java.util.Set.of("application/zip",
            "application/x-zip-compressed", "application/octet-stream", "application/gzip", "application/x-gzip",
            "application/x-tar", "application/x-gtar", "application/x-bzip2");

    private final Audit audit;
    private final ServeSettings settings;

    AuditsService(Audit audit, ServeSettings settings) {
        this.audit = audit;
        this.settings = settings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/", this::list)
                .get("/{id}", this::report)
                .get("/{id}/report.json", this::report)
                .get("/{id}/report.html", this::html)
                .get("/{id}/bundle", this::bundle)
                .get("/{id}/{file}", this::file);
    }

    private void create(ServerRequest req, ServerResponse res) throws IOException {
        String type = req.headers().contentType().map(HttpMediaType::mediaType)
                .map(m -> m.type() + "/" + m.subtype()).orElse("");
        if (!ARCHIVE_TYPES.contains(type)) {
            throw new HttpProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "upload a zip or tar(.gz) archive of configuration "
                    + "files with Content-Type: application/zip, application/gzip or application/x-tar"
                    + (type.isEmpty() ? "" : " (got " + type + ")"));
        }
        Policy policy = settings.policy();
        String home = req.query().first("home").orElse("");
        if (!home.isBlank()) {
            policy = policy.withHome(home);
        }
        policy.requireHome();
        String scope = req.query().first("scope").orElse("upload");
        Path upload = Files.createTempFile("sovaudit-upload-", ".zip");
        try {
            long size = receive(req, upload);
            if (size == 0) {
                throw new HttpProblem(Status.BAD_REQUEST_400, "the upload is empty; send an archive as the request body");
            }
            AuditResult result = audit.run(new AuditRequest(scope,
                    List.of(new ArchiveCollector(upload, "upload", "", settings.limits())), policy));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", result.id());
            body.put("scope", result.report().scope());
            body.put("createdAt", result.report().createdAt());
            body.put("reportSha256", result.leaf().sha256());
            body.put("summary", result.report().summary());
            body.put("links", links(result.id()));
            res.status(Status.CREATED_201);
            res.header(HeaderNames.LOCATION, "/api/audits/" + result.id());
            json(res, CanonicalJson.bytes(body));
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /** Copies the request body to a file, refusing more than the upload limit. */
    private long receive(ServerRequest req, Path file) throws IOException {
        long limit = settings.maxUploadBytes();
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > limit) {
            throw new HttpProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "the upload is " + declared
                    + " bytes; the limit is " + limit);
        }
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = req.content().inputStream(); OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw new HttpProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "the upload exceeds the limit of "
                            + limit + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private void list(ServerRequest req, ServerResponse res) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        for (AuditListing a : audit.list()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", a.id());
            item.put("scope", a.scope());
            item.put("createdAt", a.createdAt());
            item.put("reportSha256", a.reportSha256());
            JsonNode summary = CanonicalJson.mapper().readTree(a.summaryJson());
            item.put("summary", summary);
            item.put("links", links(a.id()));
            items.add(item);
        }
        json(res, CanonicalJson.bytes(Map.of("audits", items)));
    }

    private void report(ServerRequest req, ServerResponse res) {
        json(res, stored(req).reportJson());
    }

    private void html(ServerRequest req, ServerResponse res) {
        StoredAudit a = stored(req);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
        res.header("Content-Security-Policy", HTML_POLICY);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.send(a.reportHtml());
    }

    /** Any other stored rendering: report.sarif, report.oscal.json, report.cdx.json, report.csv. */
    private void file(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        String name = req.path().pathParameters().get("file");
        org.sovaudit.store.ReportFile file = audit.reportFiles(id).stream().filter(f -> f.name().equals(name))
                .findFirst().orElseThrow(() -> new HttpProblem(Status.NOT_FOUND_404, "audit has no file '"
                        + (name.length() > 80 ? name.substring(0, 80) + "..." : name) + "'"));
        res.header(HeaderNames.CONTENT_TYPE, file.mediaType());
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        res.send(file.content());
    }

    private void bundle(ServerRequest req, ServerResponse res) throws IOException {
        StoredAudit a = stored(req);
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        audit.writeBundle(a.id(), zip);
        res.header(HeaderNames.CONTENT_TYPE, "application/zip");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"sovaudit-" + a.id() + ".zip\"");
        res.send(zip.toByteArray());
    }

    private StoredAudit stored(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        return audit.find(id).orElseThrow(() -> new AuditNotFoundException(id));
    }

    private static Map<String, String> links(String id) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/api/audits/" + id);
        links.put("html", "/api/audits/" + id + "/report.html");
        links.put("bundle", "/api/audits/" + id + "/bundle");
        links.put("sarif", "/api/audits/" + id + "/report.sarif");
        links.put("oscal", "/api/audits/" + id + "/report.oscal.json");
        links.put("cyclonedx", "/api/audits/" + id + "/report.cdx.json");
        links.put("csv", "/api/audits/" + id + "/report.csv");
        return links;
    }

    private static void json(ServerResponse res, byte[] body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }
}
