package org.sovaudit.parse.identity;

import java.util.regex.Pattern;

import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.iac.Endpoints;

/** Server lists as authentication clients write them: URIs or hosts, separated by commas or blanks. */
final class Servers {

    /** Lists hold a handful of servers; longer ones are cut here. */
    static final int MAX_ITEMS = 64;
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private Servers() {
    }

    /**
     * Records each server of {@code list} (a URI such as {@code ldaps://dc1.example.org}, or a host
     * with an optional port) as an authentication server; {@code _srv_} (DNS service discovery) and
     * single-label names are skipped. Returns how many were recorded.
     */
    static int add(ResultBuilder out, String list, int line, String raw, String context) {
        return addAs(out, list, Role.AAA_SERVER, line, raw, context);
    }

    /** As {@link #add}, for servers of another role (WINS and DNS servers of Samba). */
    static int addAs(ResultBuilder out, String list, Role role, int line, String raw, String context) {
        int recorded = 0;
        int items = 0;
        for (String item : SEPARATORS.split(list.strip())) {
            if (item.isEmpty() || item.equalsIgnoreCase("_srv_")) {
                continue;
            }
            if (++items > MAX_ITEMS) {
                break;
            }
            if (Endpoints.addHost(out, item, role, line, raw, context)) {
                recorded++;
            }
        }
        return recorded;
    }

    /**
     * Records a RADIUS server as {@code pam_radius} writes it: {@code host}, {@code host:port},
     * {@code [v6]} or {@code [v6]:port}. False when it is none of these.
     */
    static boolean addRadius(ResultBuilder out, String server, int line, String evidence) {
        return Endpoints.addHost(out, server, Role.AAA_SERVER, line, evidence, "pam_radius");
    }
}
