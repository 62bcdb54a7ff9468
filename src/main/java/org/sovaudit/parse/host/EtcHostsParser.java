package org.sovaudit.parse.host;

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
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * The static host table ({@code /etc/hosts}): {@code address name [alias...]}, comments after
 * {@code #}. Only entries that map names to an address outside the host's own networks are
 * recorded (the address and every dotted name, role unknown): they pin an outside party, or
 * override what DNS would say. Loopback, private, link-local and multicast entries name nobody
 * outside and are skipped. A line that does not start with a valid address is reported.
 */
public final class EtcHostsParser implements Parser {

    static final long MAX_BYTES = 4L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public String id() {
        return "etc-hosts";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Static host table (/etc/hosts): names pinned to outside addresses";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (!name.equals("hosts")) {
            return false;
        }
        int entries = 0;
        int other = 0;
        for (String line : TextLines.split(file.head(SNIFF_BYTES))) {
            String s = withoutComment(line).strip();
            if (s.isEmpty()) {
                continue;
            }
            String first = WHITESPACE.split(s, 2)[0];
            if (Values.ip(first).isPresent()) {
                entries++;
            } else {
                other++;
            }
        }
        return entries > 0 && entries >= other;
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
            int number = i + 1;
            String[] words = WHITESPACE.split(s);
            Optional<String> ip = Values.ip(words[0]);
            if (ip.isEmpty()) {
                out.error(number, "'" + words[0] + "' is not a valid IP address; expected an address and its names");
                continue;
            }
            if (words.length < 2) {
                out.error(number, "address " + ip.get() + " has no name");
                continue;
            }
            if (!Addresses.outside(ip.get())) {
                continue;
            }
            out.add(ObservationKind.IP_ADDRESS, ip.get(), Role.UNKNOWN, number, raw, "");
            for (int w = 1; w < words.length; w++) {
                String word = words[w];
                if (word.indexOf('.') < 0) {
                    continue;
                }
                Values.hostname(word).ifPresentOrElse(
                        name -> out.add(ObservationKind.HOSTNAME, name, Role.UNKNOWN, number, raw, ""),
                        () -> out.error(number, "'" + word + "' is not a valid host name"));
            }
        }
        return out.build();
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
