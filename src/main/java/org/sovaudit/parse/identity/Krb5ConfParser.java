package org.sovaudit.parse.identity;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.iac.Endpoints;

/**
 * Kerberos client configuration ({@code krb5.conf}, {@code krb5.conf.d/*}) as MIT Kerberos and
 * Heimdal read it: in {@code [realms]}, each realm's {@code kdc}, {@code master_kdc},
 * {@code primary_kdc}, {@code admin_server} and {@code kpasswd_server} are authentication servers
 * (hosts with an optional port, or the HTTPS URL of a KDC proxy), with the realm in the context,
 * when the realm is the {@code default_realm} (or the file names none) or a realm of
 * {@code [capaths]}; the servers of other realms,
 * such as the example realms Debian's stock file ships, are recorded with an unknown role. The
 * {@code ldap_servers} of a {@code [dbmodules]} block (a KDC's LDAP back end) are authentication
 * servers;
 * {@code default_realm} of {@code [libdefaults]} is recorded as a domain with an unknown role. A
 * realm's block may open on its own line or on the realm's ({@code EXAMPLE.ORG = {}). Comment lines
 * start with {@code #} or {@code ;}, and the statements of an unrendered template ({@code {% if %}}, a
 * lone <code>{{ placeholder }}</code>) are skipped; the {@code include}, {@code includedir} and {@code module}
 * directives (Fedora and RHEL ship {@code includedir /etc/krb5.conf.d/}) name local files and are
 * skipped. Heimdal's transport prefixes ({@code tcp/}, {@code udp/}, {@code http/}, {@code kkdcp/})
 * before a KDC's host are dropped.
 */
public final class Krb5ConfParser implements Parser {

    /** A template statement or a lone placeholder of an unrendered Jinja or ERB copy. */
    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final int MAX_DEPTH = 8;
    private static final Pattern DIRECTIVE = Pattern.compile("(?i)(include|includedir|module)\\s+\\S.*");
    private static final Pattern TRANSPORT = Pattern.compile("(?i)^(tcp|udp|http|kkdcp)/(?!/)");
    private static final Set<String> SERVER_KEYS = Set.of("kdc", "master_kdc", "primary_kdc", "admin_server",
            "kpasswd_server");

    @Override
    public String id() {
        return "krb5-conf";
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "Kerberos client configuration (krb5.conf): KDCs, admin and password servers of each realm";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AAA_SERVER, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String path = file.path().toLowerCase(Locale.ROOT);
        String name = file.name().toLowerCase(Locale.ROOT);
        if (name.equals("krb5.conf") || path.contains("krb5.conf.d/")) {
            return true;
        }
        if (file.size() > SNIFF_BYTES) {
            return false;
        }
        String head = file.head(SNIFF_BYTES);
        return head.contains("[realms]") && (head.contains("[libdefaults]") || head.contains("kdc"));
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        Set<String> usedRealms = usedRealms(lines);
        String section = "";
        String realm = "";
        int depth = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            int number = i + 1;
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";") || IniSettings.TEMPLATE_LINE.matcher(s).matches()) {
                continue;
            }
            if (depth == 0 && DIRECTIVE.matcher(s).matches()) {
                continue;
            }
            if (depth == 0 && s.startsWith("[")) {
                if (!s.endsWith("]")) {
                    out.error(number, "section header without a closing ']'");
                    continue;
                }
                section = s.substring(1, s.length() - 1).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            if (s.equals("}")) {
                if (depth == 0) {
                    out.error(number, "'}' without an open block");
                } else if (--depth == 0) {
                    realm = "";
                }
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                if (s.equals("{") && depth > 0) {
                    continue;
                }
                out.error(number, "not a relation: a line of krb5.conf is a [section], name = value, name = { or }");
                continue;
            }
            String key = s.substring(0, eq).strip();
            String value = s.substring(eq + 1).strip();
            if (value.startsWith("{") && !value.startsWith("{{")) { // "{{ x }}" is a template placeholder
                if (++depth > MAX_DEPTH) {
                    out.error(number, "blocks nested deeper than " + MAX_DEPTH);
                    return out.build();
                }
                if (depth == 1 && section.equals("realms")) {
                    realm = key;
                }
                continue;
            }
            String lowerKey = key.toLowerCase(Locale.ROOT);
            if (section.equals("realms") && depth == 1 && SERVER_KEYS.contains(lowerKey)) {
                // the realms a distribution ships as examples (Debian's MIT, CMU, Stanford ...) sit next to
                // the realm the host uses: only the default realm's and trusted realms' servers count
                boolean used = usedRealms.isEmpty() || usedRealms.contains(realm.toUpperCase(Locale.ROOT));
                Servers.addAs(out, TRANSPORT.matcher(value).replaceFirst(""), used ? Role.AAA_SERVER : Role.UNKNOWN,
                        number, raw, "krb5 " + lowerKey + " " + realm + (used ? "" : " (not the default realm)"));
            } else if (section.equals("dbmodules") && depth == 1 && lowerKey.equals("ldap_servers")) {
                Servers.add(out, value, number, raw, "krb5 dbmodules ldap_servers");
            } else if (section.equals("libdefaults") && depth == 0 && lowerKey.equals("default_realm")) {
                Values.hostname(value.toLowerCase(Locale.ROOT)).ifPresent(domain ->
                        out.add(ObservationKind.HOSTNAME, domain, Role.UNKNOWN, number, raw, "krb5 default_realm"));
            }
        }
        if (depth > 0) {
            out.error(lines.size(), "a block is not closed at the end of the file");
        }
        return out.build();
    }

    /**
     * The realms the host uses: the {@code default_realm} of {@code [libdefaults]} and the realms of
     * {@code [capaths]} (declared cross-realm trust paths), upper-cased; empty when the file names no
     * default realm (or a template does), in which case every realm counts.
     */
    private static Set<String> usedRealms(List<String> lines) {
        Set<String> used = new java.util.HashSet<>();
        boolean hasDefault = false;
        String section = "";
        for (String line : lines) {
            String s = line.strip();
            if (s.startsWith("[") && s.endsWith("]")) {
                section = s.substring(1, s.length() - 1).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0 || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            String key = s.substring(0, eq).strip();
            String value = s.substring(eq + 1).strip();
            if (section.equals("libdefaults") && key.equalsIgnoreCase("default_realm") && !hasDefault) {
                if (value.isEmpty() || Endpoints.templated(value)) {
                    return Set.of();
                }
                hasDefault = true;
                used.add(value.toUpperCase(Locale.ROOT));
            } else if (section.equals("capaths") && used.size() < 256) {
                used.add(key.toUpperCase(Locale.ROOT));
            }
        }
        return hasDefault ? used : Set.of();
    }
}
