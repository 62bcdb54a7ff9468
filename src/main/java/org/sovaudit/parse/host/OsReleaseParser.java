package org.sovaudit.parse.host;

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
import org.sovaudit.parse.TextLines;

/**
 * The operating system's identity ({@code os-release}, also {@code lsb-release}): one product,
 * {@code NAME} followed by {@code VERSION} (else {@code VERSION_ID}; not repeated when the name
 * already ends with it; else {@code PRETTY_NAME}, which is also preferred when {@code NAME} only
 * repeats the {@code ID}, as UOS and Kylin desktop write it), with
 * a trailing code name in parentheses dropped ({@code Ubuntu 22.04.4 LTS (Jammy Jellyfish)} becomes
 * {@code Ubuntu 22.04.4 LTS}, while {@code openEuler 22.03 (LTS-SP3)} keeps its qualifier), context
 * {@code id=<ID>}; for lsb-release {@code DISTRIB_DESCRIPTION} and {@code DISTRIB_ID}. The
 * distribution's own web addresses ({@code HOME_URL}, {@code BUG_REPORT_URL} ...) describe it and
 * are not dependencies; other lines that hold a host or URL are recorded with an unknown role.
 */
public final class OsReleaseParser implements Parser {

    static final long MAX_BYTES = 64L << 10;
    private static final Pattern CODE_NAME = Pattern.compile("\\s*\\(([A-Za-z][A-Za-z ]*)\\)\\s*$");

    @Override
    public String id() {
        return "os-release";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "Operating system identification (os-release, lsb-release): name and version";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.OPERATING_SYSTEM, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        return name.equals("os-release") || name.equals("lsb-release");
    }

    /** A value and its line. */
    private record Field(String value, int line, String raw) {
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        Map<String, Field> fields = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            ShellAssignment a;
            try {
                a = ShellAssignment.parse(s);
            } catch (ShellAssignment.UnclosedQuote e) {
                out.error(number, e.getMessage());
                continue;
            }
            if (a == null) {
                out.error(number, "malformed line: expected KEY=value");
                continue;
            }
            fields.putIfAbsent(a.name(), new Field(a.value().strip(), number, raw));
            if (!a.name().endsWith("_URL")) {
                out.addUnexplained(number, raw);
            }
        }
        boolean lsb = file.name().equalsIgnoreCase("lsb-release");
        Field name = fields.get(lsb ? "DISTRIB_DESCRIPTION" : "NAME");
        Field id = fields.get(lsb ? "DISTRIB_ID" : "ID");
        String context = id == null || id.value().isEmpty() ? "" : "id=" + id.value().toLowerCase(Locale.ROOT);
        String product;
        Field at;
        if (lsb) {
            if (name == null || name.value().isEmpty()) {
                out.error(0, "no DISTRIB_DESCRIPTION");
                return out.build();
            }
            product = name.value();
            at = name;
        } else {
            Field version = fields.get("VERSION");
            if (version == null || version.value().isEmpty()) {
                version = fields.get("VERSION_ID");
            }
            Field pretty = fields.get("PRETTY_NAME");
            if (name != null && !name.value().isEmpty()) {
                boolean versioned = version == null || version.value().isEmpty()
                        || name.value().endsWith(" " + version.value());
                product = versioned ? name.value() : name.value() + " " + version.value();
                at = name;
                boolean bareId = id != null && name.value().equalsIgnoreCase(id.value());
                if (bareId && pretty != null && !pretty.value().isEmpty()
                        && !clean(pretty.value()).equals(clean(product))) {
                    // NAME only repeats the ID ("uos", "Kylin"): the pretty name says the product and edition
                    product = pretty.value();
                    at = pretty;
                }
            } else if (pretty != null && !pretty.value().isEmpty()) {
                product = pretty.value();
                at = pretty;
            } else {
                out.error(0, "no NAME or PRETTY_NAME");
                return out.build();
            }
        }
        String cleaned = clean(product);
        out.add(ObservationKind.PRODUCT, cleaned.isEmpty() ? product : cleaned, Role.OPERATING_SYSTEM, at.line(), at.raw(), context);
        return out.build();
    }

    private static String clean(String product) {
        return CODE_NAME.matcher(product).replaceFirst("").strip();
    }
}
