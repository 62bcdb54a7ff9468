package org.sovaudit.parse.host;

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
 * {@code resolv.conf} (glibc and musl resolver configuration, also systemd-resolved's
 * {@code stub-resolv.conf}): every {@code nameserver} is a DNS resolver; {@code search} and
 * {@code domain} names are recorded with an unknown role (they reveal which zones the host relies
 * on). Comment lines start with {@code #} or {@code ;}. A nameserver that is not an IP address is
 * ignored, as the resolver ignores it.
 */
public final class ResolvConfParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Set<String> KEYWORDS = Set.of("nameserver", "search", "domain", "options", "sortlist", "lookup", "family");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public String id() {
        return "resolv-conf";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Host DNS resolver configuration (resolv.conf): nameservers and search domains";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.DNS_RESOLVER, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (name.endsWith("resolv.conf")) {
            return true;
        }
        return file.size() <= SNIFF_BYTES && looksLikeResolvConf(file.head(SNIFF_BYTES));
    }

    /** Every meaningful line starts with a resolv.conf keyword, and at least one names a nameserver. */
    static boolean looksLikeResolvConf(String text) {
        int nameservers = 0;
        for (String line : TextLines.split(text)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            String keyword = WHITESPACE.split(s, 2)[0].toLowerCase(Locale.ROOT);
            if (!KEYWORDS.contains(keyword)) {
                return false;
            }
            if (keyword.equals("nameserver")) {
                nameservers++;
            }
        }
        return nameservers > 0;
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
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            String[] words = WHITESPACE.split(s);
            int number = i + 1;
            switch (words[0].toLowerCase(Locale.ROOT)) {
                case "nameserver" -> {
                    if (words.length > 1) {
                        Values.ip(words[1]).ifPresentOrElse(
                                ip -> out.add(ObservationKind.IP_ADDRESS, ip, Role.DNS_RESOLVER, number, raw, ""),
                                () -> {
                                    if (Values.looksLikeIpv4(words[1])) {
                                        out.error(number, "nameserver '" + words[1] + "' is not a valid IPv4 address");
                                    }
                                });
                    }
                }
                case "search", "domain" -> {
                    String context = words[0].toLowerCase(Locale.ROOT);
                    for (int w = 1; w < words.length; w++) {
                        if (words[w].startsWith("#") || words[w].startsWith(";")) {
                            break;
                        }
                        Values.hostname(words[w]).ifPresent(name ->
                                out.add(ObservationKind.HOSTNAME, name, Role.UNKNOWN, number, raw, context));
                    }
                }
                default -> {
                    // options, sortlist and unknown keywords name no outside party
                }
            }
        }
        return out.build();
    }
}
