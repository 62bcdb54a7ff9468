package org.sovaudit.parse.iac.docker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.iac.Endpoints;
import org.sovaudit.parse.iac.ShellMirrors;
import org.sovaudit.parse.k8s.KubernetesYamlParser;

/**
 * Dockerfiles (also {@code Containerfile}, {@code Dockerfile.*}, {@code *.dockerfile}). Reported:
 * <ul>
 * <li>the image of every {@code FROM} (with or without {@code --platform}, multi-stage) and of every
 * {@code COPY --from=} that names an image rather than a stage: {@code ARG} values are substituted
 * ({@code $VAR}, <code>${VAR}</code>, <code>${VAR:-default}</code>); an image that stays unresolved is
 * skipped, as are {@code scratch} and references to earlier stages;</li>
 * <li>the mirrors {@code RUN} commands switch to and mirror variables set by {@code ENV} or
 * {@code ARG} ({@link ShellMirrors}), and the URLs and git repositories {@code ADD} fetches, as
 * package mirrors (its local sources are files of the build context and name nobody); what
 * {@code curl}, {@code wget} and {@code git clone} fetch in {@code RUN}, as package mirrors too
 * (with ARG and ENV values expanded, as the shell sees them); other URLs on {@code RUN} lines with
 * the role unknown.</li>
 * </ul>
 * Continuation lines (the escape character, {@code \} or one set by {@code # escape=}), comments
 * inside continuations and {@code RUN <<EOF} heredocs are read as Docker reads them; an
 * observation stands on the physical line that holds its value (a heredoc's lines keep their own).
 * An instruction Docker does not know is a file error.
 */
public final class DockerfileParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV",
            "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z]+)\\s*=\\s*(\\S+)\\s*$");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\\}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern HEREDOC = Pattern.compile("<<-?[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?");
    private static final int MAX_HEREDOCS = 1000;
    private static final Pattern DOCUMENT = Pattern.compile("\\.(?:md|markdown|rst|adoc|txt|html?|pdf|png|jpe?g|svg|json|ya?ml)$");

    @Override
    public String id() {
        return "dockerfile";
    }

    @Override
    public String version() {
        return "4";
    }

    @Override
    public String description() {
        return "Dockerfiles and Containerfiles: base images of every stage, package mirrors used by the build";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.CONTAINER_IMAGE, Role.PACKAGE_MIRROR, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (DOCUMENT.matcher(name).find()) {
            return false; // Dockerfile.md and the like describe a Dockerfile; they are not one
        }
        return name.equals("dockerfile") || name.equals("containerfile") || name.startsWith("dockerfile.")
                || name.startsWith("containerfile.") || name.endsWith(".dockerfile") || name.endsWith(".containerfile");
    }

    /** One instruction: its keyword, arguments (continuations joined) and first line. */
    private record Instruction(String keyword, String arguments, int line) {
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        char escape = escapeCharacter(lines);
        Map<String, String> globalArgs = new HashMap<>();
        Map<String, String> args = globalArgs;
        Set<String> stages = new HashSet<>();
        boolean seenFrom = false;
        int heredocs = 0;
        int i = 0;
        while (i < lines.size()) {
            String first = lines.get(i);
            String trimmed = first.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder logical = new StringBuilder();
            String current = first;
            while (true) {
                String body = current.stripTrailing();
                if (!body.isEmpty() && body.charAt(body.length() - 1) == escape && i + 1 < lines.size()) {
                    logical.append(body, 0, body.length() - 1).append(' ');
                    i++;
                    // comment lines inside a continuation are dropped, as Docker drops them
                    while (i < lines.size() && lines.get(i).strip().startsWith("#")) {
                        i++;
                    }
                    if (i >= lines.size()) {
                        break;
                    }
                    current = lines.get(i);
                } else {
                    logical.append(body);
                    break;
                }
            }
            i++;
            List<String> physical = lines.subList(start - 1, Math.min(i, lines.size()));
            String text = logical.toString().strip();
            int space = firstBlank(text);
            String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : text.substring(space).strip();
            if (!INSTRUCTIONS.contains(keyword)) {
                out.error(start, "unknown instruction '" + Snippet.of(keyword) + "'");
                continue;
            }
            Instruction instruction = new Instruction(keyword, arguments, start);
            String raw = TextLines.line(lines, start);
            Matcher heredoc = HEREDOC.matcher(arguments);
            if ((keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD")) && heredoc.find() && heredocs++ < MAX_HEREDOCS) {
                String delimiter = heredoc.group(1);
                while (i < lines.size() && !lines.get(i).strip().equals(delimiter)) {
                    if (keyword.equals("RUN")) {
                        ShellMirrors.scan(lines.get(i), i + 1, lines.get(i), out);
                    }
                    i++;
                }
                if (i >= lines.size()) {
                    out.error(start, "heredoc '" + delimiter + "' opened at line " + start + " is not closed");
                }
                i++;
            }
            switch (keyword) {
                case "FROM" -> {
                    if (!seenFrom) {
                        seenFrom = true;
                    }
                    args = new HashMap<>(globalArgs);
                    from(instruction, globalArgs, stages, raw, out);
                }
                case "ARG" -> {
                    for (String[] kv : assignments(arguments, true)) {
                        String value = kv[1] == null ? null : substitute(kv[1], args);
                        if (value != null) {
                            args.put(kv[0], value);
                        } else {
                            args.remove(kv[0]);
                        }
                        if (!seenFrom) {
                            globalArgs.put(kv[0], value == null ? "\u0000" : value);
                        }
                        if (value != null) {
                            int line = lineOf(kv[0], physical, start);
                            ShellMirrors.assignment(kv[0], value, line, TextLines.line(lines, line), out);
                        }
                    }
                }
                case "ENV" -> {
                    for (String[] kv : assignments(arguments, false)) {
                        String value = kv[1] == null ? "" : kv[1];
                        String resolved = substitute(value, args);
                        args.put(kv[0], resolved == null ? value : resolved);
                        int line = lineOf(kv[0], physical, start);
                        ShellMirrors.assignment(kv[0], resolved == null ? value : resolved, line, TextLines.line(lines, line), out);
                    }
                }
                case "RUN" -> {
                    // the shell sees ARG and ENV values: a download from ${RELEASES}/tool.zip is read with RELEASES set
                    Map<String, String> known = args;
                    List<String> expanded = physical.stream().map(l -> expand(l, known)).toList();
                    ShellMirrors.scan(expand(arguments, args), physical, expanded, start, out);
                }
                case "ADD" -> add(arguments, physical, start, out);
                case "COPY" -> copyFrom(arguments, args, stages, start, raw, out);
                default -> {
                    // the other instructions name no outside party
                }
            }
        }
        return out.build();
    }

    private static void from(Instruction from, Map<String, String> globalArgs, Set<String> stages, String raw, ResultBuilder out) {
        List<String> words = List.of(from.arguments().split("\\s+"));
        String image = null;
        int index = 0;
        while (index < words.size() && words.get(index).startsWith("--")) {
            index++;
        }
        if (index < words.size()) {
            image = words.get(index);
        }
        if (index + 2 < words.size() && words.get(index + 1).equalsIgnoreCase("AS")) {
            stages.add(words.get(index + 2).toLowerCase(Locale.ROOT));
        }
        if (image == null || image.isEmpty()) {
            out.error(from.line(), "FROM without an image");
            return;
        }
        image(image, globalArgs, stages, from.line(), raw, out);
    }

    private static void copyFrom(String arguments, Map<String, String> args, Set<String> stages, int line, String raw, ResultBuilder out) {
        for (String word : arguments.split("\\s+")) {
            if (word.startsWith("--from=")) {
                String ref = word.substring("--from=".length());
                if (!ref.chars().allMatch(Character::isDigit)) {
                    image(ref, args, stages, line, raw, out);
                }
            }
        }
    }

    private static void image(String written, Map<String, String> args, Set<String> stages, int line, String raw, ResultBuilder out) {
        String resolved = substitute(written, args);
        if (resolved == null) {
            return;
        }
        String ref = KubernetesYamlParser.withoutCredentials(resolved.strip());
        String lower = ref.toLowerCase(Locale.ROOT);
        if (lower.equals("scratch") || stages.contains(lower) || !KubernetesYamlParser.isImageReference(ref)) {
            return;
        }
        out.add(ObservationKind.CONTAINER_IMAGE, ref, Role.CONTAINER_IMAGE, line, raw, "");
    }

    /** The remote sources of an ADD (every word but the options and the destination): URLs and git addresses. */
    private static void add(String arguments, List<String> physical, int start, ResultBuilder out) {
        String[] words = arguments.split("\\s+");
        for (int w = 0; w < words.length - 1; w++) {
            String source = words[w].replaceAll("^[\"'\\[]+|[\"',\\]]+$", "");
            if (words[w].startsWith("--") || !(source.contains("://") || source.startsWith("git@"))) {
                continue; // an option, or a file of the build context
            }
            int line = lineOf(source, physical, start);
            String raw = physical.get(line - start);
            if (source.startsWith("git@")) {
                Values.url("ssh://" + source.substring("git@".length()).replaceFirst(":", "/"))
                        .ifPresent(u -> out.add(ObservationKind.URL, u.value(), Role.PACKAGE_MIRROR, line, raw, "ADD"));
            } else {
                Endpoints.add(out, source, Role.PACKAGE_MIRROR, line, raw, "ADD");
            }
        }
    }

    /** The line of the first of an instruction's physical lines that holds {@code word}, else its first line. */
    private static int lineOf(String word, List<String> physical, int start) {
        for (int i = 0; i < physical.size(); i++) {
            if (!word.isEmpty() && physical.get(i).contains(word)) {
                return start + i;
            }
        }
        return start;
    }

    /**
     * {@code text} with ARG references substituted, or null when one stays unresolved
     * ({@code ${VAR:-default}} falls back to its default).
     */
    static String substitute(String text, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String value = args.get(name);
            if ("\u0000".equals(value)) {
                value = null;
            }
            String operator = m.group(2);
            String word = m.group(3) == null ? "" : m.group(3);
            String replacement;
            if ("-".equals(operator)) {
                replacement = value == null || value.isEmpty() ? word : value;
            } else if ("+".equals(operator)) {
                replacement = value == null || value.isEmpty() ? "" : word;
            } else if (value == null) {
                return null;
            } else {
                replacement = value;
            }
            sb.append(text, last, m.start()).append(replacement);
            last = m.end();
        }
        sb.append(text, last, text.length());
        return sb.toString();
    }

    /**
     * {@code text} with the ARG and ENV references that have a value replaced by it; other references
     * (shell variables set by the command itself) stay as written.
     */
    static String expand(String text, Map<String, String> args) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String value = args.get(name);
            boolean known = value != null && !"\u0000".equals(value);
            String operator = m.group(2);
            String replacement;
            if (known && !value.isEmpty() && !"+".equals(operator)) {
                replacement = value;
            } else if ("-".equals(operator) && !known) {
                replacement = m.group(3) == null ? "" : m.group(3);
            } else {
                replacement = m.group();
            }
            sb.append(text, last, m.start()).append(replacement);
            last = m.end();
        }
        sb.append(text, last, text.length());
        return sb.toString();
    }

    /** {@code K=V K2="V 2"}, or the legacy {@code ENV K V}; an ARG may have no value. */
    private static List<String[]> assignments(String arguments, boolean arg) {
        List<String[]> out = new ArrayList<>();
        List<String> words = quotedWords(arguments);
        if (!arg && words.size() >= 2 && !words.get(0).contains("=")) {
            out.add(new String[]{words.get(0), String.join(" ", words.subList(1, words.size()))});
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq > 0) {
                out.add(new String[]{w.substring(0, eq), w.substring(eq + 1)});
            } else if (arg && !w.isEmpty()) {
                out.add(new String[]{w, null});
            }
        }
        return out;
    }

    /** Blank-separated words, quotes removed, quoted blanks kept. */
    private static List<String> quotedWords(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }

    /** The escape character set by a parser directive at the top of the file ({@code # escape=`}), else {@code \}. */
    private static char escapeCharacter(List<String> lines) {
        for (String line : lines) {
            Matcher m = DIRECTIVE.matcher(line.strip());
            if (!m.matches()) {
                break;
            }
            if (m.group(1).equalsIgnoreCase("escape") && m.group(2).length() == 1) {
                return m.group(2).charAt(0);
            }
        }
        return '\\';
    }

    private static int firstBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A short, printable rendering of a word for an error message. */
    private static final class Snippet {
        static String of(String word) {
            return word.length() > 40 ? word.substring(0, 40) : word;
        }
    }
}
