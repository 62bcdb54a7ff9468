package org.sovaudit.parse.host;

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
import org.sovaudit.parse.Values;

/**
 * Time sources of a host: chrony ({@code chrony.conf}, {@code conf.d/*.conf} under a chrony
 * directory, and {@code sources.d/*.sources}), ntpd ({@code ntp.conf}) and OpenNTPD
 * ({@code ntpd.conf}). Each {@code server}, {@code pool}, {@code peer} (and OpenNTPD {@code servers})
 * directive names a time source; options after the host are ignored, as are ntpd's {@code -4}/{@code -6}
 * flags before it and its reference-clock pseudo-addresses (127.127.t.u), which are local hardware.
 */
public final class NtpConfParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Set<String> NAMES = Set.of("chrony.conf", "ntp.conf", "ntpd.conf", "openntpd.conf");
    private static final Set<String> DIRECTIVES = Set.of("server", "pool", "peer", "servers");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SOURCE_LINE = Pattern.compile("(?m)^[ \\t]*(?:server|pool|peer)[ \\t]+\\S");
    private static final Pattern DEB822_FIELD = Pattern.compile("(?mi)^(?:types|uris|suites)[ \\t]*:");

    @Override
    public String id() {
        return "ntp-conf";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Host time sources (chrony, ntpd, OpenNTPD configuration): servers, pools and peers";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.NTP_SOURCE);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (NAMES.contains(name)) {
            return true;
        }
        String path = "/" + file.path().toLowerCase(Locale.ROOT);
        if (name.endsWith(".conf") && path.contains("/chrony/")) {
            return true;
        }
        if (name.endsWith(".sources")) {
            // chrony's sourcedir files; APT's deb822 .sources files share the extension
            String head = file.head(SNIFF_BYTES);
            return SOURCE_LINE.matcher(head).find() && !DEB822_FIELD.matcher(head).find();
        }
        return false;
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
            String s = withoutComment(raw).strip();
            if (s.isEmpty()) {
                continue;
            }
            String[] words = WHITESPACE.split(s);
            String directive = words[0].toLowerCase(Locale.ROOT);
            if (!DIRECTIVES.contains(directive)) {
                continue;
            }
            int w = 1;
            while (w < words.length && words[w].startsWith("-")) {
                w++;
            }
            if (w >= words.length) {
                continue;
            }
            int number = i + 1;
            String token = words[w];
            if (Values.looksLikeIpv4(token) && Values.ipv4(token).isEmpty()) {
                out.error(number, directive + " '" + token + "' is not a valid IPv4 address");
                continue;
            }
            Values.host(token)
                    .filter(host -> !host.value().startsWith("127.127."))
                    .ifPresent(host -> out.add(host, Role.NTP_SOURCE, number, raw, directive));
        }
        return out.build();
    }

    /**
     * The line without its comment: chrony comments start with {@code #}, {@code !}, {@code ;} or
     * {@code %} at the start of a line; ntpd also allows {@code #} after a directive.
     */
    private static String withoutComment(String line) {
        String s = line.stripLeading();
        if (s.isEmpty() || "#!;%".indexOf(s.charAt(0)) >= 0) {
            return "";
        }
        int hash = s.indexOf('#');
        return hash < 0 ? s : s.substring(0, hash);
    }
}
