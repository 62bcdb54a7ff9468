package org.sovaudit.parse.iac;

import java.util.Optional;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Values;

/**
 * Records a configured address the way the conventions want it: a URL in its normal form when it
 * is one, else the host of {@code host}, {@code host:port} or {@code [v6]:port}. Values that are
 * templated ({@code ${VAR}}, <code>{{ x }}</code>) or neither are not observations.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /** Records {@code value} as a URL or a host; false when it is neither. */
    public static boolean add(ResultBuilder out, String value, Role role, int line, String rawLine, String context) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || templated(v)) {
            return false;
        }
        Optional<Values.WebUrl> url = Values.url(v);
        if (url.isPresent()) {
            out.add(ObservationKind.URL, url.get().value(), role, line, rawLine, context);
            return true;
        }
        if (v.contains("/") || v.contains("@")) {
            return false;
        }
        Optional<Values.HostPort> hp = Values.hostPort(v);
        if (hp.isPresent() && (hp.get().host().ip() || hp.get().host().value().indexOf('.') > 0)) {
            out.add(hp.get().host(), role, line, rawLine, context);
            return true;
        }
        return false;
    }

    /**
     * Records only the host of {@code value} (a URL's host, or a host with an optional port); a
     * single-label name ({@code db}, {@code redis}) is an internal service and is not recorded.
     */
    public static boolean addHost(ResultBuilder out, String value, Role role, int line, String rawLine, String context) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || templated(v)) {
            return false;
        }
        Optional<Values.WebUrl> url = Values.url(v);
        if (url.isPresent()) {
            Values.Host host = url.get().host();
            if (!host.ip() && host.value().indexOf('.') < 0) {
                return false; // a single-label name is a service inside the ministry's own network
            }
            out.add(host, role, line, rawLine, context);
            return true;
        }
        Optional<Values.HostPort> hp = Values.hostPort(v);
        if (hp.isPresent() && (hp.get().host().ip() || hp.get().host().value().indexOf('.') > 0)) {
            out.add(hp.get().host(), role, line, rawLine, context);
            return true;
        }
        return false;
    }

    /** Whether a value is a template that only a renderer could resolve. */
    public static boolean templated(String value) {
        return value.contains("${") || value.contains("{{") || value.contains("$(") || value.contains("<%");
    }
}
