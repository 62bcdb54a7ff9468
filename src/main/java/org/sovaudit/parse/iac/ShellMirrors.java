package org.sovaudit.parse.iac;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Values;

/**
 * Finds the package mirrors a shell command switches to, as Dockerfile {@code RUN} lines and
 * cloud-init {@code runcmd} entries write them:
 * <ul>
 * <li>pip, uv and conda: {@code -i}, {@code --index-url}, {@code --extra-index-url}, {@code --find-links},
 * {@code --trusted-host}, {@code pip config set global.index-url}, {@code conda config --add channels};</li>
 * <li>npm, yarn, pnpm: {@code --registry}, {@code config set registry}, also a scope's
 * ({@code config set @scope:registry});</li>
 * <li>mirror variables ({@code GOPROXY=}, {@code PIP_INDEX_URL=}, {@code NPM_CONFIG_REGISTRY=},
 * {@code HF_ENDPOINT=} ...), also as {@code export} or {@code go env -w};</li>
 * <li>APT lines written by the command ({@code deb [opts] URL suite}), and {@code sed} substitutions
 * applied to APT, APK or YUM source files ({@code sed -i 's/deb.debian.org/mirrors.example.cn/g'
 * /etc/apt/sources.list}): the replacement host;</li>
 * <li>Launchpad PPA shortcuts ({@code add-apt-repository ppa:owner/name}): the archive they stand for
 * ({@link #ppa(String)});</li>
 * <li>key servers ({@code --keyserver}, {@code --keyserver-options} excepted);</li>
 * <li>what {@code curl}, {@code wget}, {@code aria2c} and {@code git clone} fetch: a downloaded
 * installer, archive, binary or repository is software the host takes from that source, so its URL
 * is a package mirror (context the tool); a {@code curl} that sends a request ({@code -X},
 * {@code --request}, {@code -d}, {@code --data*}, {@code -F}, {@code --json}) calls an API instead.</li>
 * </ul>
 * Every other URL on the line is recorded with the role unknown, so no value is lost. Loopback
 * addresses ({@code localhost}, {@code 127.0.0.1}) name the host itself and are never recorded
 * ({@link Endpoints#local}). A command continued over several physical lines is read as one, and
 * each value stands on the physical line that holds it.
 */
public final class ShellMirrors {

    /** Variables whose value is a mirror or index, and the tool they belong to (the context). */
    private static final Map<String, String> MIRROR_VARIABLES = Map.ofEntries(
            Map.entry("GOPROXY", "go"),
            Map.entry("GONOSUMDB", "go"),
            Map.entry("GOSUMDB", "go"),
            Map.entry("PIP_INDEX_URL", "pip"),
            Map.entry("PIP_EXTRA_INDEX_URL", "pip"),
            Map.entry("PIP_TRUSTED_HOST", "pip"),
            Map.entry("PIP_FIND_LINKS", "pip"),
            Map.entry("UV_INDEX_URL", "uv"),
            Map.entry("UV_DEFAULT_INDEX", "uv"),
            Map.entry("UV_EXTRA_INDEX_URL", "uv"),
            Map.entry("POETRY_REPOSITORIES_MIRROR_URL", "poetry"),
            Map.entry("NPM_CONFIG_REGISTRY", "npm"),
            Map.entry("YARN_REGISTRY", "yarn"),
            Map.entry("YARN_NPM_REGISTRY_SERVER", "yarn"),
            Map.entry("PNPM_REGISTRY", "pnpm"),
            Map.entry("CONDA_CHANNEL_ALIAS", "conda"),
            Map.entry("MAVEN_MIRROR_URL", "maven"),
            Map.entry("CARGO_REGISTRIES_CRATES_IO_PROTOCOL", "cargo"),
            Map.entry("RUSTUP_DIST_SERVER", "rustup"),
            Map.entry("RUSTUP_UPDATE_ROOT", "rustup"),
            Map.entry("HF_ENDPOINT", "huggingface"),
            Map.entry("HF_MIRROR", "huggingface"),
            Map.entry("MODELSCOPE_DOMAIN", "modelscope"));

    /** Options whose argument is a mirror, and the tool they belong to. */
    private static final Map<String, String> MIRROR_OPTIONS = Map.ofEntries(
            Map.entry("-i", "pip"),
            Map.entry("--index-url", "pip"),
            Map.entry("--extra-index-url", "pip"),
            Map.entry("--default-index", "uv"),
            Map.entry("--index", "uv"),
            Map.entry("-f", "pip"),
            Map.entry("--find-links", "pip"),
            Map.entry("--trusted-host", "pip"),
            Map.entry("--registry", "npm"),
            Map.entry("--keyserver", "keyserver"));

    /** A Launchpad PPA shortcut: {@code ppa:owner/name}, as add-apt-repository takes it. */
    private static final Pattern PPA = Pattern.compile("ppa:([a-z0-9][a-z0-9+.-]{0,63})/([a-z0-9][a-z0-9+.-]{0,63})");

    /** Source files that a {@code sed} substitution rewrites into mirror switches. */
    private static final Pattern SOURCE_FILES = Pattern.compile(
            "sources\\.list|\\.sources\\b|/etc/apk/repositories|yum\\.repos\\.d|\\.repo\\b|/etc/pacman\\.d/mirrorlist");

    private static final String SEPARATORS = ";|&()<>`";
    /** A download command and its arguments, up to the next control operator or line end. */
    private static final Pattern FETCH = Pattern.compile("(?<![\\w./-])(curl|wget|aria2c|git[ \\t]+clone)(?![\\w-])([^;|&\\n]*)");
    /** curl options that send a request body or method: an API call rather than a download. */
    private static final Pattern API_CALL = Pattern.compile("(?:^|\\s)(?:-X|--request|-d|--data(?:-[a-z]+)?|-F|--form|--json)(?:[\\s=]|$)");
    /** The most text scanned for download commands, in characters. */
    private static final int MAX_FETCH_TEXT = 64 * 1024;
    /** Characters that end a word on a command line. */
    private static final String WORD_END = " \t\"'\\;|&()<>`,";

    private ShellMirrors() {
    }

    /** Records the mirrors of one shell command line. */
    public static void scan(String command, int line, String rawLine, ResultBuilder out) {
        scan(command, new Place(List.of(rawLine), List.of(rawLine), line), out);
    }

    /**
     * Records the mirrors of a command continued over several physical lines: {@code command} is the
     * joined command, {@code physical} the lines it was joined from, the first being line {@code firstLine}.
     */
    public static void scan(String command, List<String> physical, int firstLine, ResultBuilder out) {
        scan(command, new Place(physical, physical, firstLine), out);
    }

    /**
     * As {@link #scan(String, List, int, ResultBuilder)} for a command whose variables were expanded
     * before reading: {@code expanded} are the physical lines with the same expansion, where values
     * are looked up; evidence still quotes {@code physical}, the lines as written.
     */
    public static void scan(String command, List<String> physical, List<String> expanded, int firstLine, ResultBuilder out) {
        scan(command, new Place(physical, expanded.size() == physical.size() ? expanded : physical, firstLine), out);
    }

    /** The physical lines of a command (as written, and as searched for values): where each of its words stands. */
    private record Place(List<String> lines, List<String> search, int first) {

        /**
         * The first physical line holding {@code word} as a whole word, else the first holding it (or its
         * start, for a word split by a continuation), else the first line.
         */
        int line(String word) {
            if (search.size() > 1) {
                String w = word.strip();
                for (int i = 0; i < search.size() && !w.isEmpty(); i++) {
                    if (wholeWord(search.get(i), w)) {
                        return first + i;
                    }
                }
                for (String probe : List.of(w, w.substring(0, Math.min(w.length(), 24)))) {
                    for (int i = 0; i < search.size() && !probe.isEmpty(); i++) {
                        if (search.get(i).contains(probe)) {
                            return first + i;
                        }
                    }
                }
            }
            return first;
        }

        private static boolean wholeWord(String line, String word) {
            for (int at = line.indexOf(word); at >= 0; at = line.indexOf(word, at + 1)) {
                int end = at + word.length();
                if (end == line.length() || WORD_END.indexOf(line.charAt(end)) >= 0) {
                    return true;
                }
            }
            return false;
        }

        String raw(int line) {
            return lines.get(Math.max(0, Math.min(lines.size() - 1, line - first)));
        }
    }

    private static void scan(String command, Place place, ResultBuilder out) {
        List<String> words = new ArrayList<>();
        for (String w : words(command)) {
            words.add(w);
            if (w.indexOf(' ') > 0 || w.indexOf('\t') > 0) {
                // a quoted string the command writes or runs ("deb https://... main", sh -c "...")
                words.addAll(words(w));
            }
        }
        boolean rewritesSources = SOURCE_FILES.matcher(command).find();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String lower = w.toLowerCase(Locale.ROOT);
            int eq = w.indexOf('=');
            if (eq > 0 && MIRROR_VARIABLES.containsKey(w.substring(0, eq).toUpperCase(Locale.ROOT))) {
                int line = place.line(w);
                assignment(w.substring(0, eq), w.substring(eq + 1), line, place.raw(line), out);
                used.add(w.substring(eq + 1));
                continue;
            }
            if (eq > 0 && MIRROR_OPTIONS.containsKey(lower.substring(0, eq))) {
                mirror(w.substring(eq + 1), MIRROR_OPTIONS.get(lower.substring(0, eq)), place, out);
                used.add(w.substring(eq + 1));
                continue;
            }
            Matcher ppa = PPA.matcher(lower);
            if (ppa.matches()) {
                int line = place.line(w);
                ppa(w).ifPresent(url -> out.add(ObservationKind.URL, url, Role.PACKAGE_MIRROR, line, place.raw(line), "apt ppa"));
                continue;
            }
            String next = i + 1 < words.size() ? words.get(i + 1) : null;
            if (next == null) {
                continue;
            }
            if (MIRROR_OPTIONS.containsKey(lower) || lower.endsWith("index-url") || lower.equals("registry")
                    || lower.endsWith(".registry") || lower.endsWith(":registry") || lower.equals("channels")) {
                String tool = MIRROR_OPTIONS.getOrDefault(lower, lower.contains("index-url") ? "pip"
                        : lower.equals("channels") ? "conda" : "npm");
                if (mirror(next, tool, place, out)) {
                    used.add(next);
                }
            } else if (lower.equals("deb") || lower.equals("deb-src")) {
                String url = next.startsWith("[") ? firstUrlAfter(words, i + 1) : next;
                if (url != null && mirror(url, "apt", place, out)) {
                    used.add(url);
                }
            } else if (rewritesSources && lower.startsWith("s") && w.length() > 3 && !Character.isLetterOrDigit(w.charAt(1))) {
                substitution(w).ifPresent(replacement -> {
                    if (mirror(replacement, "sed", place, out)) {
                        used.add(replacement);
                    }
                });
            }
        }
        List<Fetch> fetches = fetches(command);
        for (String w : words) {
            String candidate = w.substring(Math.max(0, w.indexOf('=') + 1));
            if (candidate.contains("://") && !used.contains(candidate) && !used.contains(w)) {
                int line = place.line(candidate);
                Fetch fetch = fetches.stream().filter(f -> Place.wholeWord(f.arguments(), candidate)).findFirst().orElse(null);
                Role role = fetch == null ? Role.UNKNOWN : fetch.api() ? Role.API_ENDPOINT : Role.PACKAGE_MIRROR;
                String context = fetch == null ? "" : fetch.api() ? fetch.tool() + " request"
                        : fetch.tool().equals("git clone") ? fetch.tool() : fetch.tool() + " download";
                Values.url(candidate).filter(u -> !Endpoints.local(u.host()))
                        .ifPresent(u -> out.add(ObservationKind.URL, u.value(), role, line, place.raw(line), context));
            }
        }
    }

    /** A download command found in a command line: the tool, its arguments as written, whether it calls an API. */
    private record Fetch(String tool, String arguments, boolean api) {
    }

    private static List<Fetch> fetches(String command) {
        List<Fetch> found = new ArrayList<>();
        Matcher m = FETCH.matcher(command.length() > MAX_FETCH_TEXT ? command.substring(0, MAX_FETCH_TEXT) : command);
        while (m.find()) {
            String tool = m.group(1).startsWith("git") ? "git clone" : m.group(1);
            String arguments = m.group(2);
            found.add(new Fetch(tool, arguments, tool.equals("curl") && API_CALL.matcher(arguments).find()));
        }
        return found;
    }

    /**
     * The archive a Launchpad PPA shortcut stands for: {@code ppa:owner/name} is
     * {@code https://ppa.launchpadcontent.net/owner/name/ubuntu}, as add-apt-repository writes it.
     * Empty when {@code shortcut} is not one.
     */
    public static Optional<String> ppa(String shortcut) {
        Matcher m = PPA.matcher(unquote(shortcut).toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Values.url("https://ppa.launchpadcontent.net/" + m.group(1) + "/" + m.group(2) + "/ubuntu").map(Values.WebUrl::value);
    }

    /** Records {@code NAME=value} when the variable names a mirror; false otherwise. */
    public static boolean assignment(String name, String value, int line, String rawLine, ResultBuilder out) {
        String tool = MIRROR_VARIABLES.get(name.strip().toUpperCase(Locale.ROOT));
        if (tool == null) {
            return false;
        }
        boolean any = false;
        for (String part : unquote(value).split("[,|\\s]+")) {
            any |= mirror(part, tool, line, rawLine, out);
        }
        return any;
    }

    private static boolean mirror(String value, String tool, Place place, ResultBuilder out) {
        int line = place.line(value);
        return mirror(value, tool, line, place.raw(line), out);
    }

    private static boolean mirror(String value, String tool, int line, String rawLine, ResultBuilder out) {
        String v = unquote(value);
        if (v.equals("direct") || v.equals("off")) {
            return false;
        }
        return Endpoints.add(out, v, Role.PACKAGE_MIRROR, line, rawLine, tool);
    }

    private static String firstUrlAfter(List<String> words, int from) {
        for (int i = from; i < words.size() && i < from + 6; i++) {
            if (words.get(i).contains("://")) {
                return words.get(i).replaceFirst("^\\[.*\\]", "");
            }
        }
        return null;
    }

    /** The replacement of a {@code s/pattern/replacement/flags} expression, unescaped. */
    static Optional<String> substitution(String expression) {
        char delimiter = expression.charAt(1);
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 2; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\\' && i + 1 < expression.length()) {
                current.append(expression.charAt(++i));
            } else if (c == delimiter) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (parts.size() < 2) {
            return Optional.empty();
        }
        String replacement = parts.get(1).strip();
        return replacement.isEmpty() ? Optional.empty() : Optional.of(replacement);
    }

    /**
     * Shell words, split at blanks and control operators outside quotes, with the quotes removed
     * (a quoted {@code s|a|b|g} stays one word).
     */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (Character.isWhitespace(c) || SEPARATORS.indexOf(c) >= 0) {
                flush(word, out);
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
            } else {
                word.append(c);
            }
        }
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (!word.isEmpty()) {
            out.add(word.toString());
            word.setLength(0);
        }
    }

    private static String unquote(String word) {
        String w = word.strip();
        while (w.length() >= 1 && (w.charAt(0) == '"' || w.charAt(0) == '\'')) {
            w = w.substring(1);
        }
        while (!w.isEmpty() && (w.charAt(w.length() - 1) == '"' || w.charAt(w.length() - 1) == '\'' || w.charAt(w.length() - 1) == '\\')) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }
}
