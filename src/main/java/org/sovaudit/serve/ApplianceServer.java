package org.sovaudit.serve;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import org.sovaudit.assess.PolicyException;
import org.sovaudit.audit.Audit;
import org.sovaudit.audit.AuditException;
import org.sovaudit.audit.AuditNotFoundException;
import org.sovaudit.collect.CollectException;

/**
 * The appliance's web server: the audit API under {@code /api/audits} and health under
 * {@code /observe/health}. Each exception type maps to one problem response, here and only here.
 */
public final class ApplianceServer {

    private static final Logger LOG = Logger.getLogger(ApplianceServer.class.getName());

    private ApplianceServer() {
    }

    /** Starts the server; {@link WebServer#port()} tells the port when 0 was asked for. */
    public static WebServer start(Audit audit, ServeSettings settings) {
        HealthObserver health = HealthObserver.builder()
                .details(true)
                .useSystemServices(false)
                .addCheck(() -> HealthCheckResponse.builder()
                        .status(audit.database().healthy())
                        .detail("database", audit.database().file().getFileName().toString())
                        .build(), HealthCheckType.READINESS, "database")
                .build();
        return WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(settings.maxUploadBytes())
                .addFeature(ObserveFeature.create(health))
                .routing(r -> routing(r, audit, settings))
                .build()
                .start();
    }

    static void routing(HttpRouting.Builder routing, Audit audit, ServeSettings settings) {
        routing.register("/api/audits", new AuditsService(audit, settings))
                .any("/api/*", (req, res) -> Problems.send(res, Status.NOT_FOUND_404,
                        "no such resource: " + req.prologue().method().text() + " " + req.path().path()
                                + "; see /api/audits"))
                .error(HttpProblem.class, (req, res, e) -> Problems.send(res, e.status(), e.getMessage()))
                .error(AuditNotFoundException.class, (req, res, e) -> Problems.send(res, Status.NOT_FOUND_404, e.getMessage()))
                .error(AuditException.class, (req, res, e) -> Problems.send(res, Status.BAD_REQUEST_400, e.getMessage()))
                .error(PolicyException.class, (req, res, e) -> Problems.send(res, Status.BAD_REQUEST_400, e.getMessage()))
                .error(CollectException.class, (req, res, e) -> Problems.send(res, Status.BAD_REQUEST_400, e.getMessage()))
                .error(Exception.class, (req, res, e) -> {
                    LOG.log(Level.SEVERE, "request " + req.prologue().method() + " " + req.path().path() + " failed", e);
                    Problems.send(res, Status.INTERNAL_SERVER_ERROR_500,
                            "internal error; the appliance log has the details");
                });
    }
}
