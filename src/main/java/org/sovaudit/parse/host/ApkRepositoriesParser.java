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
 * Alpine's APK repository list ({@code /etc/apk/repositories}): one repository per line, optionally
 * tagged ({@code @edge https://...}, context {@code tag=edge}); every URL is a package mirror.
 * Local directories ({@code /media/cdrom/apks}) name nobody; comments start with {@code #}.
 */
public final class ApkRepositoriesParser implements Parser {

    static final long MAX_BYTES = 256L << 10;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public String id() {
        return "apk-repositories";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Alpine APK repositories (/etc/apk/repositories): package mirrors";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.PACKAGE_MIRROR);
    }

    @Override
    public boolean accepts(SourceFile file) {
        if (!file.name().equals("repositories")) {
            return false;
        }
        if (("/" + file.path().toLowerCase(Locale.ROOT)).contains("/apk/")) {
            return true;
        }
        int repositories = 0;
        for (String line : TextLines.split(file.head(SNIFF_BYTES))) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String last = WHITESPACE.split(s)[WHITESPACE.split(s).length - 1];
            if (Values.url(last).isEmpty() && !last.startsWith("/")) {
                return false;
            }
            repositories++;
        }
        return repositories > 0;
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
            int number = i + 1;
            String[] words = WHITESPACE.split(s);
            String context = "";
            int w = 0;
            if (words[0].startsWith("@")) {
                context = "tag=" + words[0].substring(1);
                w = 1;
            }
            if (w >= words.length || words.length > w + 1) {
                out.error(number, "expected one repository ([@tag] URL or directory) per line");
                continue;
            }
            String repository = words[w];
            if (repository.startsWith("/")) {
                continue;
            }
            String ctx = context;
            Values.url(repository).ifPresentOrElse(
                    url -> out.add(ObservationKind.URL, url.value(), Role.PACKAGE_MIRROR, number, raw, ctx),
                    () -> out.error(number, "'" + repository + "' is neither a URL with a host nor a directory"));
        }
        return out.build();
    }
}
