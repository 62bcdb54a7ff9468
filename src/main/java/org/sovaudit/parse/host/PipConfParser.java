package org.sovaudit.parse.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * pip's configuration ({@code pip.conf}, {@code pip.ini}; any section): {@code index-url},
 * {@code extra-index-url} (several URLs, on continuation lines too; context {@code extra}) and
 * {@code find-links} URLs (context {@code find-links}) are package mirrors, as are the hosts of
 * {@code trusted-host} (context {@code trusted-host}) and the {@code proxy} (context {@code proxy}).
 * A {@code trusted-host} written as a URL counts by its host. Text from a {@code #} or {@code ;} that
 * follows white space is a trailing comment, not more values. Credentials in URLs are dropped from
 * values and masked in snippets. Other settings that hold a
 * host or URL are recorded with an unknown role.
 */
public final class PipConfParser implements Parser {

    static final long MAX_BYTES = 256L << 10;
    private static final Pattern LIST = Pattern.compile("[\\s,]+");
    /** A trailing comment: {@code #} or {@code ;} at the start or after white space (never inside a URL). */
    private static final Pattern TRAILING_COMMENT = Pattern.compile("(?:^|\\s)[#;].*$");

    @Override
    public String id() {
        return "pip-conf";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "pip configuration (pip.conf, pip.ini): package indexes, find-links, trusted hosts, proxy";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.PACKAGE_MIRROR, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        return name.equals("pip.conf") || name.equals("pip.ini");
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        IniFile ini = IniFile.read(file.text(), true, true, out);
        for (IniFile.Entry e : ini.entries()) {
            String key = e.key().replace('_', '-');
            switch (key) {
                case "index-url", "index" -> urls(e, "", false, out);
                case "extra-index-url" -> urls(e, "extra", false, out);
                case "find-links" -> urls(e, "find-links", true, out);
                case "proxy" -> urls(e, "proxy", false, out);
                case "trusted-host" -> {
                    for (IniFile.ValueLine l : e.lines()) {
                        for (String token : tokens(l)) {
                            Optional<Values.Host> host = token.contains("://")
                                    ? Values.url(token).map(Values.WebUrl::host)
                                    : Values.hostPort(token).map(Values.HostPort::host);
                            host.ifPresentOrElse(
                                    h -> out.add(h, Role.PACKAGE_MIRROR, l.number(), l.raw(), "trusted-host"),
                                    () -> out.error(l.number(), "trusted-host '" + token + "' is not a host"));
                        }
                    }
                }
                default -> {
                    for (IniFile.ValueLine l : e.lines()) {
                        out.addUnexplained(l.number(), l.raw());
                    }
                }
            }
        }
        return out.build();
    }

    /** The values on one line, without a trailing comment. */
    private static List<String> tokens(IniFile.ValueLine line) {
        List<String> out = new ArrayList<>();
        for (String token : LIST.split(TRAILING_COMMENT.matcher(line.text()).replaceFirst(""))) {
            if (!token.isEmpty()) {
                out.add(token);
            }
        }
        return out;
    }

    /** URLs of one setting; with {@code pathsAllowed}, local paths are skipped instead of reported. */
    private static void urls(IniFile.Entry e, String context, boolean pathsAllowed, ResultBuilder out) {
        for (IniFile.ValueLine l : e.lines()) {
            for (String token : tokens(l)) {
                if (token.startsWith("file:") || pathsAllowed && (token.startsWith("/") || token.startsWith("."))) {
                    continue;
                }
                var url = Values.url(token);
                if (url.isPresent()) {
                    out.add(ObservationKind.URL, url.get().value(), Role.PACKAGE_MIRROR, l.number(), l.raw(), context);
                } else if (context.equals("proxy") && Values.hostPort(token).isPresent()) {
                    out.add(Values.hostPort(token).get().host(), Role.PACKAGE_MIRROR, l.number(), l.raw(), context);
                } else {
                    out.error(l.number(), e.key() + " '" + token + "' is not a URL with a host");
                }
            }
        }
    }
}
