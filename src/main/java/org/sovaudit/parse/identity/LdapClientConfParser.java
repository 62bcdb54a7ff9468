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

/**
 * LDAP client configuration: OpenLDAP's {@code ldap.conf} ({@code /etc/ldap/ldap.conf},
 * {@code /etc/openldap/ldap.conf}), {@code nslcd.conf}, {@code pam_ldap.conf} and
 * {@code libnss-ldap.conf}. Every server of a {@code uri} line (LDAP URIs, blank-separated; the line
 * may repeat) and of the legacy {@code host} line is an authentication server; nslcd's
 * {@code uri DNS[:domain]} (servers found by DNS SRV records) records the domain with an unknown
 * role, and loopback and {@code ldapi://} URIs name only the host itself. Keywords are
 * case-insensitive; comment lines start with {@code #}. The bind password ({@code bindpw}) never
 * reaches a snippet.
 */
public final class LdapClientConfParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Set<String> NAMES = Set.of("ldap.conf", "nslcd.conf", "pam_ldap.conf", "libnss-ldap.conf",
            "nss_ldap.conf");
    /** nslcd: {@code DNS} or {@code DNS:domain}, the servers of the domain's SRV records. */
    private static final Pattern DNS_DISCOVERY = Pattern.compile("(?i)DNS(:\\S+)?");
    private static final Pattern FIRST_WORD = Pattern.compile("\\s+");

    @Override
    public String id() {
        return "ldap-client-conf";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "LDAP client configuration (ldap.conf, nslcd.conf, pam_ldap.conf): directory servers";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AAA_SERVER, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (NAMES.contains(name)) {
            return true;
        }
        if (file.size() > SNIFF_BYTES || !name.endsWith(".conf")) {
            return false;
        }
        // an unnamed copy: a uri line of LDAP URIs and a base DN
        boolean uri = false;
        boolean base = false;
        for (String line : TextLines.split(file.head(SNIFF_BYTES))) {
            String s = line.strip().toLowerCase(Locale.ROOT);
            uri |= s.startsWith("uri ") && s.contains("ldap");
            base |= s.startsWith("base ") && s.contains("dc=");
        }
        return uri && base;
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] words = FIRST_WORD.split(s, 2);
            String keyword = words[0].toLowerCase(Locale.ROOT);
            if (words.length < 2 || !(keyword.equals("uri") || keyword.equals("host"))) {
                continue;
            }
            int number = i + 1;
            String value = words[1].strip();
            if (keyword.equals("uri") && DNS_DISCOVERY.matcher(value).matches()) {
                String domain = value.length() > 4 ? value.substring(4).strip().toLowerCase(Locale.ROOT) : "";
                Values.hostname(domain).filter(d -> d.indexOf('.') > 0).ifPresent(d ->
                        out.add(ObservationKind.HOSTNAME, d, Role.UNKNOWN, number, raw, "ldap uri DNS"));
                continue;
            }
            if (Servers.add(out, value, number, raw, "ldap " + keyword) == 0 && keyword.equals("uri")
                    && !value.contains("://") && !value.contains("$") && !value.contains("{")) {
                out.error(number, "uri names no LDAP server: '" + (value.length() > 100 ? value.substring(0, 100) + "..." : value) + "'");
            }
        }
        return out.build();
    }
}
