package org.sovaudit.parse.iac;

import java.util.Optional;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Values;

/**
 * Records a configured address the way the conventions want it: a URL in its normal form when it
 * is one, else the host of {@code host}, {@code host:port} or {@code [v6]:port}. Values that are
 * templated ({@code ${VAR}}, <code>{{ x }}</code>) or neither are not observations, and neither are
 * loopback and unspecified addresses ({@code localhost}, {@code 127.0.0.1}, {@code ::1},
 * {@code 0.0.0.0}): they name the very host or pod that runs the configuration, no other party.
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
            if (local(url.get().host())) {
                return false;
            }
            out.add(ObservationKind.URL, url.get().value(), role, line, rawLine, context);
            return true;
        }
        if (v.contains("/") || v.contains("@")) {
            return false;
        }
        Optional<Values.HostPort> hp = Values.hostPort(v);
        if (hp.isPresent() && (hp.get().host().ip() || hp.get().host().value().indexOf('.') > 0) && !local(hp.get().host())) {
            out.add(hp.get().host(), role, line, rawLine, context);
            return true;
        }
        return false;
    }

    /**
     * Whether a host is this very machine: a loopback address ({@code 127.0.0.0/8}, {@code ::1}), the
     * unspecified address ({@code 0.0.0.0}, {@code ::}) or the name {@code localhost} (and its subdomains).
     */
    public static boolean local(Values.Host host) {
        String v = host.value();
        if (host.ip()) {
            return v.startsWith("127.") || v.equals("::1") || v.equals("0.0.0.0") || v.equals("::");
        }
        return v.equals("localhost") || v.endsWith(".localhost") || v.equals("localhost.localdomain");
    }

    /** Whether a URL's host is this very machine ({@link #local(Values.Host)}); false when it is no URL. */
    public static boolean localUrl(String value) {
        return Values.url(value == null ? "" : value.strip()).map(u -> local(u.host())).orElse(false);
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
            if (local(host) || !host.ip() && host.value().indexOf('.') < 0) {
                return false; // a single-label name is a service inside the ministry's own network
            }
            out.add(host, role, line, rawLine, context);
            return true;
        }
        Optional<Values.HostPort> hp = Values.hostPort(v);
        if (hp.isPresent() && (hp.get().host().ip() || hp.get().host().value().indexOf('.') > 0) && !local(hp.get().host())) {
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
