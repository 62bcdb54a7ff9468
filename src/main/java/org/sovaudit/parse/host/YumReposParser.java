package org.sovaudit.parse.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * YUM, DNF and Zypper repository files ({@code *.repo}, and the {@code [main]} section of
 * {@code yum.conf} and {@code dnf.conf}): every {@code baseurl} (several URLs, whitespace- or
 * comma-separated, continuation lines), {@code mirrorlist} and {@code metalink} is a package mirror;
 * {@code gpgkey} URLs (context {@code gpgkey}) and {@code proxy} (context {@code proxy}) too.
 * Sections with {@code enabled=0} are skipped, as the package manager skips them; {@code file:} URLs
 * and {@code $variables} in paths are kept as written. A repository's {@code name} is a label and
 * names nobody. Other settings that hold a host name or URL
 * are recorded with an unknown role.
 */
public final class YumReposParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final Set<String> NAMES = Set.of("yum.conf", "dnf.conf");
    private static final Pattern LIST = Pattern.compile("[\\s,]+");

    @Override
    public String id() {
        return "yum-repos";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "YUM/DNF/Zypper repositories (*.repo, yum.conf, dnf.conf): package mirrors, key and proxy URLs";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.PACKAGE_MIRROR, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        return name.endsWith(".repo") || NAMES.contains(name);
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        IniFile ini = IniFile.read(file.text(), false, true, out);
        Map<String, List<IniFile.Entry>> sections = new LinkedHashMap<>();
        for (IniFile.Entry e : ini.entries()) {
            sections.computeIfAbsent(e.section(), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<IniFile.Entry>> section : sections.entrySet()) {
            if (disabled(section.getValue())) {
                continue;
            }
            for (IniFile.Entry e : section.getValue()) {
                entry(e, out);
            }
        }
        return out.build();
    }

    private static boolean disabled(List<IniFile.Entry> entries) {
        for (IniFile.Entry e : entries) {
            if (e.key().equals("enabled")) {
                String v = e.value().toLowerCase(Locale.ROOT);
                return v.equals("0") || v.equals("false") || v.equals("no");
            }
        }
        return false;
    }

    private static void entry(IniFile.Entry e, ResultBuilder out) {
        switch (e.key()) {
            case "baseurl", "mirrorlist", "metalink" -> urls(e, "", out);
            case "gpgkey" -> urls(e, "gpgkey", out);
            case "proxy" -> urls(e, "proxy", out);
            case "name" -> {
                // the repository's human-readable label ("CentOS-7 - Base - mirrors.aliyun.com"): the
                // mirror it names is the one its URLs already report
            }
            default -> {
                for (IniFile.ValueLine l : e.lines()) {
                    out.addUnexplained(l.number(), l.raw());
                }
            }
        }
    }

    private static void urls(IniFile.Entry e, String context, ResultBuilder out) {
        for (IniFile.ValueLine l : e.lines()) {
            for (String token : LIST.split(l.text())) {
                if (token.isEmpty() || token.equalsIgnoreCase("_none_") || token.startsWith("file:")) {
                    continue;
                }
                Values.url(token).ifPresentOrElse(
                        url -> out.add(ObservationKind.URL, url.value(), Role.PACKAGE_MIRROR, l.number(), l.raw(), context),
                        () -> out.error(l.number(), e.key() + " '" + token + "' is not a URL with a host"));
            }
        }
    }
}
