package org.sovaudit.parse.ai;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.iac.Endpoints;

/**
 * pip requirements files ({@code requirements*.txt}, {@code requirements/*.txt},
 * {@code constraints*.txt}, {@code *.in}). Every requirement becomes a package URL
 * ({@code pkg:pypi/name[@version]}, the version only when pinned with {@code ==}) with the role
 * ai-framework for AI frameworks and AI vendor SDKs, else software-package; direct URLs and VCS
 * requirements ({@code name @ https://...}, {@code git+https://...#egg=name}, {@code -e ...}) and the
 * index options ({@code -i}, {@code --index-url}, {@code --extra-index-url}, {@code -f},
 * {@code --find-links}, {@code --trusted-host}) are package mirrors. Continuation lines and comments
 * are read as pip reads them; options written after a requirement on its line are read as options
 * too, and a local path ({@code ./pkg}, {@code ../wheels/x.whl}, {@code /opt/src}, {@code .}) names
 * nobody. A line that is neither an option, a path nor a requirement is a file error.
 */
public final class PipRequirementsParser implements Parser {

    static final long MAX_BYTES = 2L << 20;
    private static final Pattern NAME = Pattern.compile("(?:.*requirements.*|constraints.*)\\.(?:txt|in)|.*\\.pip");
    private static final Pattern DIRECTORY = Pattern.compile("(?:^|/)requirements/[^/]+\\.(?:txt|in)$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Where options start after a requirement: white space, then {@code -x} or {@code --name}. */
    private static final Pattern TRAILING_OPTION = Pattern.compile("\\s-{1,2}[A-Za-z]");
    private static final Map<String, String> MIRROR_OPTIONS = Map.of(
            "-i", "pip", "--index-url", "pip", "--extra-index-url", "pip", "-f", "pip", "--find-links", "pip",
            "--trusted-host", "pip");
    private static final Set<String> FILE_OPTIONS = Set.of("-r", "--requirement", "-c", "--constraint");

    @Override
    public String id() {
        return "pip-requirements";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "pip requirements files: Python packages (AI frameworks and SDKs marked), index and direct-URL mirrors";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AI_FRAMEWORK, Role.SOFTWARE_PACKAGE, Role.PACKAGE_MIRROR);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        return NAME.matcher(name).matches() || DIRECTORY.matcher(file.path().toLowerCase(Locale.ROOT)).find();
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
            int start = i + 1;
            StringBuilder logical = new StringBuilder(withoutComment(lines.get(i)));
            while (logical.toString().stripTrailing().endsWith("\\") && i + 1 < lines.size()) {
                String t = logical.toString().stripTrailing();
                logical.setLength(0);
                logical.append(t, 0, t.length() - 1).append(' ').append(withoutComment(lines.get(++i)));
            }
            String s = logical.toString().strip();
            if (s.isEmpty()) {
                continue;
            }
            line(s, start, lines.get(start - 1), out);
        }
        return out.build();
    }

    private static void line(String s, int line, String raw, ResultBuilder out) {
        if (s.startsWith("-")) {
            String[] words = WHITESPACE.split(s);
            for (int w = 0; w < words.length; w++) {
                String option = words[w];
                String value = null;
                int eq = option.indexOf('=');
                if (eq > 0 && option.startsWith("--")) {
                    value = option.substring(eq + 1);
                    option = option.substring(0, eq);
                } else if (w + 1 < words.length) {
                    value = words[w + 1];
                }
                if (MIRROR_OPTIONS.containsKey(option) && value != null) {
                    Endpoints.add(out, value, Role.PACKAGE_MIRROR, line, raw, option);
                    w += eq > 0 ? 0 : 1;
                } else if ((option.equals("-e") || option.equals("--editable")) && value != null) {
                    Requirement.parse(value).ifPresent(r -> r.report(out, line, raw, "editable"));
                    w += eq > 0 ? 0 : 1;
                } else if (FILE_OPTIONS.contains(option)) {
                    w += eq > 0 ? 0 : 1;
                } else if (option.startsWith("--hash") || option.equals("--pre") || option.equals("--no-binary")
                        || option.equals("--only-binary") || option.equals("--prefer-binary") || option.equals("--require-hashes")
                        || option.equals("--use-feature") || option.equals("--no-index") || option.equals("--config-settings")) {
                    // installation switches name no outside party
                    if (eq < 0 && (option.equals("--no-binary") || option.equals("--only-binary") || option.equals("--use-feature")
                            || option.equals("--config-settings"))) {
                        w++;
                    }
                }
            }
            return;
        }
        // a requirement may carry options after it: per-requirement ones (--hash), or index options
        // (-i URL) that pip itself refuses there but that still name the mirror meant
        Matcher option = TRAILING_OPTION.matcher(s);
        String spec = option.find() ? s.substring(0, option.start()) : s;
        requirement(spec, line, raw, out);
        if (spec.length() < s.length()) {
            line(s.substring(spec.length()).strip(), line, raw, out);
        }
    }

    private static void requirement(String spec, int line, String raw, ResultBuilder out) {
        if (spec.equals(".") || spec.startsWith("./") || spec.startsWith("../") || spec.startsWith("/")
                || spec.startsWith("~/")) {
            return; // a local directory or archive
        }
        Optional<Requirement> requirement = Requirement.parse(spec);
        if (requirement.isEmpty()) {
            out.error(line, "not a requirement or option: '" + (spec.length() > 60 ? spec.substring(0, 60) : spec) + "'");
            return;
        }
        requirement.get().report(out, line, raw, "");
    }

    /** The line without a {@code #} comment (one that starts the line or follows a blank). */
    private static String withoutComment(String line) {
        if (line.stripLeading().startsWith("#")) {
            return "";
        }
        int hash = line.indexOf(" #");
        int tab = line.indexOf("\t#");
        int cut = hash < 0 ? tab : tab < 0 ? hash : Math.min(hash, tab);
        return cut < 0 ? line : line.substring(0, cut);
    }
}
