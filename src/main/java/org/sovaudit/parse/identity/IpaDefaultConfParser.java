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
 * FreeIPA's client configuration ({@code /etc/ipa/default.conf}, written by
 * {@code ipa-client-install}): the IPA server a host is enrolled with. In {@code [global]}, the
 * {@code server} and the hosts of {@code xmlrpc_uri}, {@code jsonrpc_uri} and {@code ldap_uri} are
 * authentication servers (an {@code ldapi://} socket names the host itself); the IPA
 * {@code domain} and {@code realm} are recorded as a domain with an unknown role. The enrolled host's
 * own name ({@code host}) is not a dependency. Comment lines start with {@code #} or {@code ;}.
 */
public final class IpaDefaultConfParser implements Parser {

    static final long MAX_BYTES = 256L * 1024;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Set<String> SERVER_KEYS = Set.of("server", "xmlrpc_uri", "jsonrpc_uri", "ldap_uri");
    private static final Set<String> DOMAIN_KEYS = Set.of("domain", "realm");

    @Override
    public String id() {
        return "ipa-default-conf";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "FreeIPA client configuration (ipa/default.conf): the IPA server a host is enrolled with";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AAA_SERVER, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String path = file.path().toLowerCase(Locale.ROOT).replace('\\', '/');
        if (path.endsWith("ipa/default.conf")) {
            return true;
        }
        if (file.size() > SNIFF_BYTES || !file.name().toLowerCase(Locale.ROOT).endsWith(".conf")) {
            return false;
        }
        String head = file.head(SNIFF_BYTES);
        return head.contains("[global]") && head.contains("xmlrpc_uri") && head.contains("realm");
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        IniSettings.read(file.text(), "default.conf", out, (section, key, value, number, raw) -> {
            if (!section.equals("global")) {
                return;
            }
            String context = "ipa " + key;
            if (SERVER_KEYS.contains(key)) {
                Servers.add(out, value, number, raw, context);
            } else if (DOMAIN_KEYS.contains(key)) {
                Values.hostname(value.toLowerCase(Locale.ROOT)).filter(d -> d.indexOf('.') > 0).ifPresent(domain ->
                        out.add(ObservationKind.HOSTNAME, domain, Role.UNKNOWN, number, raw, context));
            }
        });
        return out.build();
    }
}
