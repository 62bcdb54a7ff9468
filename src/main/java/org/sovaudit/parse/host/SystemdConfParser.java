package org.sovaudit.parse.host;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Values;

/**
 * systemd's own daemons' configuration ({@code timesyncd.conf}, {@code resolved.conf},
 * {@code journal-upload.conf}, and their {@code *.conf.d/*.conf} drop-ins): timesyncd's {@code NTP=}
 * and {@code FallbackNTP=} (context {@code fallback}) are time sources; resolved's {@code DNS=} and
 * {@code FallbackDNS=} are DNS resolvers (an entry may carry a port, an interface and, after
 * {@code #}, the DNS-over-TLS server name, recorded as a resolver too), its {@code Domains=} are
 * search domains (role unknown); journal-upload's {@code URL=} is a log sink. Other settings that
 * hold a host or URL are recorded with an unknown role.
 */
public final class SystemdConfParser implements Parser {

    static final long MAX_BYTES = 256L << 10;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private enum Daemon { TIMESYNCD, RESOLVED, JOURNAL_UPLOAD }

    @Override
    public String id() {
        return "systemd-conf";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "systemd timesyncd, resolved and journal-upload configuration: time sources, DNS resolvers, log upload";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.NTP_SOURCE, Role.DNS_RESOLVER, Role.LOG_SINK, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return daemon(file) != null;
    }

    private static Daemon daemon(SourceFile file) {
        String path = file.path().toLowerCase(Locale.ROOT);
        String name = file.name().toLowerCase(Locale.ROOT);
        int slash = path.lastIndexOf('/');
        String parent = slash < 0 ? "" : path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
        String unit = name.endsWith(".conf") && parent.endsWith(".conf.d") ? parent.substring(0, parent.length() - 2) : name;
        return switch (unit) {
            case "timesyncd.conf" -> Daemon.TIMESYNCD;
            case "resolved.conf" -> Daemon.RESOLVED;
            case "journal-upload.conf" -> Daemon.JOURNAL_UPLOAD;
            default -> null;
        };
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        Daemon daemon = daemon(file);
        IniFile ini = IniFile.read(file.text(), false, false, out);
        for (IniFile.Entry e : ini.entries()) {
            IniFile.ValueLine l = e.lines().get(0);
            String key = daemon + "/" + e.key();
            switch (key) {
                case "TIMESYNCD/ntp", "TIMESYNCD/fallbackntp" -> {
                    String context = e.key().startsWith("fallback") ? "fallback" : "";
                    for (String token : words(l.text())) {
                        Values.host(token).ifPresentOrElse(
                                host -> out.add(host, Role.NTP_SOURCE, l.number(), l.raw(), context),
                                () -> out.error(l.number(), e.key() + " entry '" + token + "' is not a host name or address"));
                    }
                }
                case "RESOLVED/dns", "RESOLVED/fallbackdns" -> {
                    String context = e.key().startsWith("fallback") ? "fallback" : "";
                    for (String token : words(l.text())) {
                        resolver(token, context, l, out);
                    }
                }
                case "RESOLVED/domains" -> {
                    for (String token : words(l.text())) {
                        String domain = token.startsWith("~") ? token.substring(1) : token;
                        if (domain.equals(".") || domain.isEmpty()) {
                            continue;
                        }
                        Values.hostname(domain).ifPresent(name ->
                                out.add(ObservationKind.HOSTNAME, name, Role.UNKNOWN, l.number(), l.raw(), "search"));
                    }
                }
                case "JOURNAL_UPLOAD/url" -> {
                    if (l.text().isEmpty()) {
                        continue;
                    }
                    var url = Values.url(l.text());
                    if (url.isPresent()) {
                        out.add(ObservationKind.URL, url.get().value(), Role.LOG_SINK, l.number(), l.raw(), "journal-upload");
                    } else {
                        Values.hostPort(l.text()).ifPresentOrElse(
                                hp -> out.add(hp.host(), Role.LOG_SINK, l.number(), l.raw(), "journal-upload"),
                                () -> out.error(l.number(), "URL '" + l.text() + "' is not a URL or host"));
                    }
                }
                default -> out.addUnexplained(l.number(), l.raw());
            }
        }
        return out.build();
    }

    /** {@code address[:port][%interface][#server-name]}. */
    private static void resolver(String token, String context, IniFile.ValueLine l, ResultBuilder out) {
        String entry = token;
        String serverName = "";
        int hash = entry.indexOf('#');
        if (hash >= 0) {
            serverName = entry.substring(hash + 1);
            entry = entry.substring(0, hash);
        }
        int percent = entry.lastIndexOf('%');
        if (percent > 0 && entry.indexOf(']') < percent) {
            entry = entry.substring(0, percent);
        }
        var hp = Values.hostPort(entry);
        if (hp.isEmpty() || !hp.get().host().ip()) {
            out.error(l.number(), "DNS entry '" + token + "' is not an address");
            return;
        }
        out.add(hp.get().host(), Role.DNS_RESOLVER, l.number(), l.raw(), context);
        if (!serverName.isEmpty()) {
            Values.hostname(serverName).ifPresent(name ->
                    out.add(ObservationKind.HOSTNAME, name, Role.DNS_RESOLVER, l.number(), l.raw(), context));
        }
    }

    private static String[] words(String text) {
        String t = text.strip();
        return t.isEmpty() ? new String[0] : WHITESPACE.split(t);
    }
}
