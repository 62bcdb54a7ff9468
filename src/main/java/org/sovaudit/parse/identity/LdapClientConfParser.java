package org.sovaudit.parse.identity;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;

/**
 * LDAP client configuration: OpenLDAP's {@code ldap.conf} ({@code /etc/ldap/ldap.conf},
 * {@code /etc/openldap/ldap.conf}), {@code nslcd.conf}, {@code pam_ldap.conf} and
 * {@code libnss-ldap.conf}. Every server of a {@code uri} line (LDAP URIs, blank-separated; the line
 * may repeat) and of the legacy {@code host} line is an authentication server. Keywords are
 * case-insensitive; comment lines start with {@code #}. The bind password ({@code bindpw}) never
 * reaches a snippet.
 */
public final class LdapClientConfParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Set<String> NAMES = Set.of("ldap.conf", "nslcd.conf", "pam_ldap.conf", "libnss-ldap.conf",
            "nss_ldap.conf");
    private static final Pattern FIRST_WORD = Pattern.compile("\\s+");

    @Override
    public String id() {
        return "ldap-client-conf";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "LDAP client configuration (ldap.conf, nslcd.conf, pam_ldap.conf): directory servers";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AAA_SERVER);
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
            String value = words[1];
            if (Servers.add(out, value, number, raw, "ldap " + keyword) == 0 && keyword.equals("uri")
                    && !value.contains("ldapi://") && !value.contains("$") && !value.contains("{")) {
                out.error(number, "uri names no LDAP server: '" + (value.length() > 100 ? value.substring(0, 100) + "..." : value) + "'");
            }
        }
        return out.build();
    }
}
