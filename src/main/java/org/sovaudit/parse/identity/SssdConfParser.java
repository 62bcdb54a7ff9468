package org.sovaudit.parse.identity;

import java.util.Locale;
import java.util.Set;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Values;

/**
 * SSSD ({@code sssd.conf}, {@code sssd/conf.d/*.conf}): the directory servers a Linux host
 * authenticates its users and administrators against. In {@code [domain/...]} sections, every
 * server of {@code ldap_uri}, {@code ldap_backup_uri}, {@code ldap_chpass_uri}, {@code ad_server},
 * {@code ipa_server}, {@code krb5_server}, {@code krb5_kpasswd} and their backups is an
 * authentication server ({@code _srv_}, DNS discovery, is skipped); the directory's domain
 * ({@code ad_domain}, {@code ipa_domain}, {@code krb5_realm}, {@code dns_discovery_domain}) is
 * recorded with an unknown role, like a resolver's search domain. Keys are case-insensitive;
 * comment lines start with {@code #} or {@code ;}; the statements of an unrendered template
 * ({@code {% if %}}, a lone <code>{{ placeholder }}</code>) are skipped. The bind password never reaches a snippet.
 */
public final class SssdConfParser implements Parser {

    /** A template statement or a lone placeholder of an unrendered Jinja or ERB copy. */
    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Set<String> SERVER_KEYS = Set.of("ldap_uri", "ldap_backup_uri", "ldap_chpass_uri",
            "ldap_chpass_backup_uri", "ad_server", "ad_backup_server", "ipa_server", "ipa_backup_server", "krb5_server",
            "krb5_backup_server", "krb5_kdcip", "krb5_kpasswd", "krb5_backup_kpasswd");
    private static final Set<String> DOMAIN_KEYS = Set.of("ad_domain", "ipa_domain", "krb5_realm", "dns_discovery_domain");

    @Override
    public String id() {
        return "sssd-conf";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "SSSD configuration (sssd.conf, sssd/conf.d): LDAP, Active Directory, FreeIPA and Kerberos servers";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AAA_SERVER, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String path = file.path().toLowerCase(Locale.ROOT);
        String name = file.name().toLowerCase(Locale.ROOT);
        if (name.equals("sssd.conf") || (path.contains("sssd/conf.d/") && name.endsWith(".conf"))) {
            return true;
        }
        if (file.size() > SNIFF_BYTES) {
            return false;
        }
        String head = file.head(SNIFF_BYTES);
        return head.contains("[sssd]") && head.contains("[domain/");
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        IniSettings.read(file.text(), "sssd.conf", out, (section, key, value, number, raw) -> {
            if (!section.startsWith("domain/")) {
                return;
            }
            String context = "sssd " + key;
            if (SERVER_KEYS.contains(key)) {
                Servers.add(out, value, number, raw, context);
            } else if (DOMAIN_KEYS.contains(key)) {
                Values.hostname(value.toLowerCase(Locale.ROOT)).ifPresent(domain ->
                        out.add(ObservationKind.HOSTNAME, domain, Role.UNKNOWN, number, raw, context));
            }
        });
        return out.build();
    }
}
