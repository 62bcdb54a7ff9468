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
import org.sovaudit.parse.TextLines;

/**
 * dpkg's database of installed packages ({@code /var/lib/dpkg/status}): every package whose status
 * is {@code installed} becomes a package URL {@code pkg:deb/<distribution>/<name>@<version>}, context
 * its maintainer's name (the supplier; e-mail address dropped), role {@code ai-framework} for a short
 * list of AI framework and accelerator runtime packages and {@code software-package} otherwise.
 * Every installed package is recorded: the knowledge base decides which name a vendor. The
 * distribution is read from the {@code base-files} package (its version or maintainer naming
 * Ubuntu, Kylin, Deepin, UOS or Raspbian; Debian otherwise).
 */
public final class DpkgStatusParser implements Parser {

    static final long MAX_BYTES = 32L << 20;
    private static final int SNIFF_BYTES = 4 * 1024;
    private static final Pattern FIELD = Pattern.compile("^([!-9;-~]+):(.*)$");
    private static final List<String> DISTRIBUTIONS = List.of("ubuntu", "kylin", "deepin", "uos", "raspbian");

    @Override
    public String id() {
        return "dpkg-status";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Installed Debian packages (dpkg status database): package URLs with their maintainers";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.SOFTWARE_PACKAGE, Role.AI_FRAMEWORK);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String head = file.head(SNIFF_BYTES);
        String path = "/" + file.path().toLowerCase(Locale.ROOT);
        boolean shaped = head.startsWith("Package: ") && head.contains("\nStatus: ");
        return shaped && (path.endsWith("/dpkg/status") || file.name().toLowerCase(Locale.ROOT).contains("status"));
    }

    /** One field's value and its line. */
    private record Field(String value, int line, String raw) {
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<Map<String, Field>> stanzas = stanzas(TextLines.split(file.text()), out);
        String distribution = distribution(stanzas);
        for (Map<String, Field> stanza : stanzas) {
            Field name = stanza.get("package");
            Field status = stanza.get("status");
            Field version = stanza.get("version");
            if (name == null) {
                Field first = stanza.values().iterator().next();
                out.error(first.line(), "stanza has no Package field");
                continue;
            }
            if (status == null || !installed(status.value())) {
                continue;
            }
            if (!name.value().matches("[a-z0-9][a-z0-9+.-]*")) {
                out.error(name.line(), "'" + name.value() + "' is not a valid package name");
                continue;
            }
            Field maintainer = stanza.get("maintainer");
            String supplier = maintainer == null ? "" : withoutEmail(maintainer.value());
            String purl = Purls.of("deb", distribution, name.value(), version == null ? "" : version.value());
            Role role = Purls.aiFramework(name.value()) ? Role.AI_FRAMEWORK : Role.SOFTWARE_PACKAGE;
            out.add(ObservationKind.PACKAGE, purl, role, name.line(), name.raw(), supplier);
        }
        return out.build();
    }

    /** Status {@code want flag state}: the package is on the system when its state is installed. */
    private static boolean installed(String status) {
        String[] words = status.strip().split("\\s+");
        return words.length == 3 && words[2].equals("installed");
    }

    private static List<Map<String, Field>> stanzas(List<String> lines, ResultBuilder out) {
        List<Map<String, Field>> stanzas = new ArrayList<>();
        Map<String, Field> current = new LinkedHashMap<>();
        boolean inField = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            int number = i + 1;
            if (raw.isBlank()) {
                if (!current.isEmpty()) {
                    stanzas.add(current);
                    current = new LinkedHashMap<>();
                }
                inField = false;
                continue;
            }
            char c = raw.charAt(0);
            if (c == ' ' || c == '\t') {
                if (!inField) {
                    out.error(number, "continuation line outside a field");
                }
                continue;
            }
            var m = FIELD.matcher(raw);
            if (!m.matches()) {
                out.error(number, "malformed line: expected 'Field: value'");
                inField = false;
                continue;
            }
            current.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), new Field(m.group(2).strip(), number, raw));
            inField = true;
        }
        if (!current.isEmpty()) {
            stanzas.add(current);
        }
        return stanzas;
    }

    /** The purl namespace: the distribution the base-files package names, Debian by default. */
    private static String distribution(List<Map<String, Field>> stanzas) {
        for (Map<String, Field> stanza : stanzas) {
            Field name = stanza.get("package");
            if (name == null || !name.value().equals("base-files")) {
                continue;
            }
            String text = (value(stanza.get("version")) + " " + value(stanza.get("maintainer"))).toLowerCase(Locale.ROOT);
            for (String distribution : DISTRIBUTIONS) {
                if (text.contains(distribution)) {
                    return distribution;
                }
            }
        }
        return "debian";
    }

    private static String value(Field f) {
        return f == null ? "" : f.value();
    }

    /** {@code Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>} to {@code Ubuntu Developers}. */
    static String withoutEmail(String maintainer) {
        int lt = maintainer.indexOf('<');
        String name = lt >= 0 ? maintainer.substring(0, lt) : maintainer;
        return name.strip();
    }
}
