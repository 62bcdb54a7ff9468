package org.sovaudit.serve;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import org.sovaudit.report.CanonicalJson;

/** RFC 9457 problem details: every error leaves the server as one of these, never as a stack trace. */
final class Problems {
    private Problems() {
    }

    static void send(ServerResponse res, Status status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.reasonPhrase());
        body.put("status", status.code());
        body.put("detail", detail);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        res.send(CanonicalJson.bytes(body));
    }
}
