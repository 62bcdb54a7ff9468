package org.sovaudit.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a network-device configuration into {@link ConfigLine}s: numbered commands, comments,
 * words, and for every command the block header it stands in. Shared by every vendor dialect; the
 * dialect supplies its {@link ConfigSyntax} and interprets the commands.
 *
 * <p>In the {@link ConfigSyntax.Layout#LINES} layout, nesting follows indentation when the file is
 * indented (as every {@code display current-configuration} and {@code show running-config} export
 * is): a line's header is the nearest line above it with less indentation. A file with no
 * indentation at all (a hand-written batch script) nests by {@link ConfigSyntax#opensView()}
 * instead, closed by a close word ({@code quit}). In both, a bare separator comment ends the blocks
 * at its indentation or deeper and an end word ({@code return}) ends them all. A section line
 * (RouterOS {@code /ip dns}) holds every line after it until the next section. Free-text blocks
 * ({@code banner motd ^C ... ^C}) are skipped. CRLF, tabs, terminal pager prompts (with the cursor
 * codes or backspaces that erase them), CLI prompts before commands and continued lines are tolerated.
 *
 * <p>In the {@link ConfigSyntax.Layout#BRACES} layout (Junos), a statement ends at {@code ;} or at
 * the end of its line, {@code name {} opens a block and {@code }} closes it; {@code #} comments,
 * {@code /* *}{@code /} comments, quoted strings and {@code [ a b ]} lists are understood.
 *
 * <p>Problems the layout itself shows (an unclosed block or banner, a stray {@code }}, a quote
 * left open) are returned with their line; the lines around them are still read. The tokenizer
 * makes one pass over the text and uses no regular expression on ordinary lines.
 */
public final class ConfigTokenizer {

    /** Deepest nesting tracked; deeper lines take the deepest tracked header. */
    public static final int MAX_DEPTH = 64;

    /** Longest free-text block (banner) looked for, in lines; beyond it the block counts as unclosed. */
    public static final int MAX_TEXT_BLOCK_LINES = 2_000;

    /** Longest command assembled from continued lines or quoted strings, in characters. */
    public static final int MAX_STATEMENT = 64 * 1024;

    /** Most layout problems reported for one file. */
    static final int MAX_PROBLEMS = 100;

    private static final Pattern CSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    /** A problem with the layout of the file at a 1-based line. */
    public record Problem(int line, String reason) {
    }

    /** The commands of a file and the layout problems found while reading them. */
    public record Result(List<ConfigLine> lines, List<Problem> problems) {
        public Result {
            lines = List.copyOf(lines);
            problems = List.copyOf(problems);
        }
    }

    private ConfigTokenizer() {
    }

    /** The non-blank lines of {@code text}, in order; layout problems are dropped. */
    public static List<ConfigLine> tokenize(String text, ConfigSyntax syntax) {
        return read(text, syntax).lines();
    }

    /** The non-blank lines of {@code text}, in order, and the layout problems found. */
    public static Result read(String text, ConfigSyntax syntax) {
        return syntax.layout() == ConfigSyntax.Layout.BRACES
                ? new Braces(text, syntax).run()
                : new Lines(text, syntax).run();
    }

    /** The words of {@code s} (already stripped), split at blanks; quotes group words when asked. */
    static List<String> words(String s, boolean quoted) {
        return words(s, 0, s.length(), quoted, new int[16]);
    }

    /**
     * The words of {@code s}; {@code bounds} is scratch space for word boundaries (grown when
     * needed, so that callers can reuse one buffer for every line).
     */
    private static List<String> words(String s, int from, int to, boolean quoted, int[] bounds) {
        int n = to;
        int count = 0;
        int[] b = bounds;
        int i = from;
        while (i < n) {
            while (i < n && isBlank(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            boolean inQuote = false;
            while (i < n) {
                char c = s.charAt(i);
                if (inQuote) {
                    if (c == '\\' && i + 1 < n) {
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        inQuote = false;
                    }
                } else if (isBlank(c)) {
                    break;
                } else if (quoted && c == '"') {
                    inQuote = true;
                }
                i++;
            }
            if (2 * count + 2 > b.length) {
                b = java.util.Arrays.copyOf(b, b.length * 2);
            }
            b[2 * count] = start;
            b[2 * count + 1] = Math.min(i, n);
            count++;
        }
        if (count == 0) {
            return List.of();
        }
        String[] out = new String[count];
        for (int w = 0; w < count; w++) {
            out[w] = s.substring(b[2 * w], b[2 * w + 1]);
        }
        return List.of(out);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\r';
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n++;
        }
        return n;
    }

    /** {@code line} without leading and trailing blanks, without copying when there are none. */
    private static String strip(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isBlank(line.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == line.length() ? line : line.substring(start, end);
    }

    /** Removes pager prompts, terminal control sequences and CLI prompts captured with the output. */
    static String clean(String raw, ConfigSyntax syntax) {
        String line = raw;
        for (String marker : syntax.pagerMarkers()) {
            int at = line.indexOf(marker);
            if (at < 0) {
                continue;
            }
            String after = line.substring(at + marker.length());
            Matcher m = CSI.matcher(after);
            int end = after.lastIndexOf('\b') + 1;
            while (m.find()) {
                end = Math.max(end, m.end());
            }
            // the pager prints blanks over its prompt and moves back (cursor codes or backspaces);
            // the real line follows the last move
            line = end > 0 ? after.substring(end) : after.stripLeading();
        }
        if (line.indexOf('\u001B') >= 0) {
            line = CSI.matcher(line).replaceAll("");
        }
        if (syntax.prompt() != null) {
            int first = indent(line);
            if (first < line.length() && syntax.promptStarts().indexOf(line.charAt(first)) >= 0) {
                Matcher prompt = syntax.prompt().matcher(line);
                if (prompt.lookingAt()) {
                    line = line.substring(prompt.end());
                }
            }
        }
        return line;
    }

    /** The {@link ConfigSyntax.Layout#LINES} reader. */
    private static final class Lines {

        private static final class Open {
            final ConfigLine line;
            final int indent;
            final boolean flat;

            Open(ConfigLine line, int indent, boolean flat) {
                this.line = line;
                this.indent = indent;
                this.flat = flat;
            }
        }

        private final String text;
        private final ConfigSyntax syntax;
        private final List<Problem> problems = new ArrayList<>();
        private String[] lines = new String[256];
        private int[] numbers = new int[256];
        private int[] indents = new int[256];
        private int count;
        private final int[] bounds = new int[64];

        Lines(String text, ConfigSyntax syntax) {
            this.text = text;
            this.syntax = syntax;
        }

        Result run() {
            boolean indented = split();
            List<ConfigLine> out = new ArrayList<>(count);
            Deque<Open> stack = new ArrayDeque<>();
            String section = syntax.sectionPrefix();
            for (int i = 0; i < count; i++) {
                String line = lines[i];
                int indent = indents[i];
                int end = line.length();
                while (end > indent && isBlank(line.charAt(end - 1))) {
                    end--;
                }
                int start = indent;
                while (start < end && isBlank(line.charAt(start))) {
                    start++;
                }
                if (start >= end) {
                    continue;
                }
                int number = numbers[i];
                if (isComment(line, start)) {
                    if (end - start == 1 && syntax.separators().contains(line.substring(start, end))
                            && !(indented && syntax.separatorsYieldToIndentation())) {
                        while (!stack.isEmpty() && stack.peek().indent >= indent) {
                            stack.pop();
                        }
                    }
                    out.add(new ConfigLine(number, indent, line, start, end, words(line, start, end, false, bounds), true,
                            parentFor(stack, indent)));
                    continue;
                }
                List<String> words = words(line, start, end, syntax.quotedWords(), bounds);
                if (section != null && line.startsWith(section, start)) {
                    stack.clear();
                    ConfigLine header = new ConfigLine(number, indent, line, start, end, words, false, null);
                    out.add(header);
                    stack.push(new Open(header, indent, true));
                    continue;
                }
                while (!stack.isEmpty() && (stack.peek().indent > indent || (stack.peek().indent == indent && !stack.peek().flat))) {
                    stack.pop();
                }
                ConfigLine parent = stack.isEmpty() ? null : stack.peek().line;
                ConfigLine current = new ConfigLine(number, indent, line, start, end, words, false, parent);
                out.add(current);
                String first = words.size() == 1 ? current.keyword(0) : "";
                if (words.size() == 1 && syntax.endWords().contains(first)) {
                    stack.clear();
                    continue;
                }
                if (words.size() == 1 && syntax.closeWords().contains(first)) {
                    // in an indented file the indentation already closed the block
                    if (!indented && !stack.isEmpty()) {
                        stack.pop();
                    }
                    continue;
                }
                String terminator = syntax.textBlock().apply(words);
                if (terminator != null && !terminator.isEmpty()) {
                    i = skipTextBlock(i, current.text(), terminator);
                    continue;
                }
                if (stack.size() < MAX_DEPTH) {
                    stack.push(new Open(current, indent, !indented && syntax.opensView().test(words)));
                }
            }
            return new Result(out, problems);
        }

        /** The index of the last line of the free-text block opened at line {@code i}. */
        private int skipTextBlock(int i, String header, String terminator) {
            int open = header.indexOf(terminator);
            if (open >= 0 && header.indexOf(terminator, open + terminator.length()) >= 0) {
                return i;
            }
            boolean word = Character.isLetterOrDigit(terminator.charAt(0));
            int limit = Math.min(count, i + 1 + MAX_TEXT_BLOCK_LINES);
            for (int j = i + 1; j < limit; j++) {
                String candidate = lines[j];
                if (word ? strip(candidate).equals(terminator) : candidate.contains(terminator)) {
                    return j;
                }
            }
            problem(numbers[i], "text block (banner) opened here has no closing '" + terminator
                    + "'; the lines after it are read as commands");
            return i;
        }

        private boolean isComment(String line, int start) {
            for (String prefix : syntax.commentPrefixes()) {
                if (line.startsWith(prefix, start)) {
                    return true;
                }
            }
            return false;
        }

        private static ConfigLine parentFor(Deque<Open> stack, int indent) {
            for (Open open : stack) {
                if (open.indent < indent || (open.flat && open.indent == indent)) {
                    return open.line;
                }
            }
            return null;
        }

        /** Splits the text into cleaned logical lines; returns whether any command is indented. */
        private boolean split() {
            boolean indented = false;
            int length = text.length();
            int start = 0;
            int number = 0;
            char cont = syntax.continuation();
            StringBuilder joined = null;
            int joinedNumber = 0;
            while (start < length) {
                int lf = text.indexOf('\n', start);
                int end = lf < 0 ? length : lf;
                int stop = end;
                while (stop > start && text.charAt(stop - 1) == '\r') {
                    stop--;
                }
                number++;
                String line = clean(text.substring(start, stop), syntax);
                start = lf < 0 ? length : lf + 1;
                if (cont != 0) {
                    String body = line;
                    if (joined != null) {
                        body = strip(line);
                    }
                    int last = body.length() - 1;
                    while (last >= 0 && isBlank(body.charAt(last))) {
                        last--;
                    }
                    boolean continues = last >= 0 && body.charAt(last) == cont;
                    if (continues || joined != null) {
                        if (joined == null) {
                            joined = new StringBuilder();
                            joinedNumber = number;
                        }
                        if (joined.length() + body.length() > MAX_STATEMENT) {
                            problem(joinedNumber, "continued line longer than " + MAX_STATEMENT + " characters; the rest is read as new lines");
                            continues = false;
                            body = "";
                        }
                        joined.append(continues ? body.substring(0, last) : body);
                        if (continues && start < length) {
                            continue;
                        }
                        if (continues) {
                            problem(joinedNumber, "line continues past the end of the file");
                        }
                        line = joined.toString();
                        joined = null;
                        add(line, joinedNumber);
                        indented |= indentedCommand(line);
                        continue;
                    }
                }
                add(line, number);
                indented |= indentedCommand(line);
            }
            return indented;
        }

        private boolean indentedCommand(String line) {
            int indent = indents[count - 1];
            return indent > 0 && indent < line.length() && !isBlank(line.charAt(indent)) && !isComment(line, indent);
        }

        private void add(String line, int number) {
            if (count == lines.length) {
                lines = java.util.Arrays.copyOf(lines, count * 2);
                numbers = java.util.Arrays.copyOf(numbers, count * 2);
                indents = java.util.Arrays.copyOf(indents, count * 2);
            }
            lines[count] = line;
            numbers[count] = number;
            indents[count] = indent(line);
            count++;
        }

        private void problem(int line, String reason) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new Problem(line, reason));
            }
        }
    }

    /** The {@link ConfigSyntax.Layout#BRACES} reader (Junos). */
    private static final class Braces {
        private final String text;
        private final int length;
        private final ConfigSyntax syntax;
        private final List<ConfigLine> out = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private final Deque<ConfigLine> stack = new ArrayDeque<>();
        /** Blocks opened beyond {@link #MAX_DEPTH}, counted so that their '}' close nothing tracked. */
        private int untracked;

        private int pos;
        private int lineNumber = 1;
        private int lineStart;
        private String lineRaw;
        private int lineRawNumber;

        private final List<String> words = new ArrayList<>();
        private int statementLine;
        private int statementLineStart;
        /** Offsets in the text of the statement's first character and of the end of its last word. */
        private int statementStart;
        private int statementEnd;
        private int brackets;

        Braces(String text, ConfigSyntax syntax) {
            this.text = text;
            this.length = text.length();
            this.syntax = syntax;
        }

        Result run() {
            while (pos < length) {
                char c = text.charAt(pos);
                switch (c) {
                    case '\n' -> {
                        if (brackets == 0) {
                            endStatement(false);
                        }
                        newLine(pos + 1);
                        pos++;
                    }
                    case ' ', '\t', '\r', '\f', '\u000B' -> pos++;
                    case ';' -> {
                        brackets = 0;
                        endStatement(false);
                        pos++;
                    }
                    case '{' -> {
                        brackets = 0;
                        if (words.isEmpty()) {
                            problem(lineNumber, "'{' opens a block without a name");
                            untracked++;
                        } else {
                            endStatement(true);
                        }
                        pos++;
                    }
                    case '}' -> {
                        brackets = 0;
                        endStatement(false);
                        if (untracked > 0) {
                            untracked--;
                        } else if (stack.isEmpty()) {
                            problem(lineNumber, "unexpected '}': no block is open");
                        } else {
                            stack.pop();
                        }
                        pos++;
                    }
                    case '[' -> {
                        brackets++;
                        word("[");
                        pos++;
                    }
                    case ']' -> {
                        brackets = Math.max(0, brackets - 1);
                        word("]");
                        pos++;
                    }
                    case '"' -> quoted();
                    case '#' -> comment();
                    default -> {
                        if (c == '/' && pos + 1 < length && text.charAt(pos + 1) == '*') {
                            blockComment();
                        } else {
                            bareWord();
                        }
                    }
                }
            }
            endStatement(false);
            int reported = 0;
            for (ConfigLine open : stack) {
                if (reported++ < 3) {
                    problem(open.number(), "block '" + Snippets.cap(open.text(), 60) + "' is not closed: the file may be truncated");
                }
            }
            return new Result(out, problems);
        }

        private void newLine(int start) {
            lineNumber++;
            lineStart = start;
        }

        private void word(String w) {
            if (words.isEmpty()) {
                statementLine = lineNumber;
                statementLineStart = lineStart;
                statementStart = pos;
            }
            words.add(w);
            statementEnd = pos + w.length();
        }

        private void bareWord() {
            int start = pos;
            while (pos < length) {
                char c = text.charAt(pos);
                if (isBlank(c) || c == '\n' || c == ';' || c == '{' || c == '}' || c == '[' || c == ']' || c == '"') {
                    break;
                }
                pos++;
            }
            int end = pos;
            pos = start;
            word(text.substring(start, end));
            pos = end;
        }

        private void quoted() {
            int start = pos;
            int startLine = lineNumber;
            int startLineStart = lineStart;
            pos++;
            while (pos < length) {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < length) {
                    if (text.charAt(pos + 1) == '\n') {
                        newLine(pos + 2);
                    }
                    pos += 2;
                    continue;
                }
                if (c == '\n') {
                    newLine(pos + 1);
                }
                pos++;
                if (c == '"') {
                    addQuoted(start, startLine, startLineStart);
                    return;
                }
                if (pos - start > MAX_STATEMENT) {
                    break;
                }
            }
            problem(startLine, "quoted string is not closed");
            // read the rest of the opening line as words, as if the quote were not there
            pos = start + 1;
            lineNumber = startLine;
            lineStart = startLineStart;
        }

        private void addQuoted(int start, int startLine, int startLineStart) {
            if (words.isEmpty()) {
                statementLine = startLine;
                statementLineStart = startLineStart;
                statementStart = start;
            }
            words.add(text.substring(start, pos));
            statementEnd = pos;
        }

        private void comment() {
            int start = pos;
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = length;
            }
            if (words.isEmpty()) {
                String body = strip(text.substring(start, end));
                out.add(new ConfigLine(lineNumber, stack.size(), body, words(body, false), true, stack.peek(), raw(lineNumber, lineStart)));
            }
            pos = end;
        }

        private void blockComment() {
            int close = text.indexOf("*/", pos + 2);
            int end = close < 0 ? length : close + 2;
            if (close < 0) {
                problem(lineNumber, "comment '/*' is not closed");
            }
            int eol = text.indexOf('\n', pos);
            String first = strip(text.substring(pos, eol < 0 || eol > end ? end : eol));
            if (words.isEmpty()) {
                out.add(new ConfigLine(lineNumber, stack.size(), first, words(first, false), true, stack.peek(), raw(lineNumber, lineStart)));
            }
            for (int i = pos; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    newLine(i + 1);
                }
            }
            pos = end;
        }

        private void endStatement(boolean opensBlock) {
            if (words.isEmpty()) {
                return;
            }
            ConfigLine parent = stack.peek();
            String raw = raw(statementLine, statementLineStart);
            int from = statementStart - statementLineStart;
            int to = statementEnd - statementLineStart;
            ConfigLine line = from >= 0 && to <= raw.length() && text.lastIndexOf('\n', statementEnd - 1) < statementStart
                    // on one line: the text is a cut of it, made only when asked for
                    ? new ConfigLine(statementLine, stack.size() + untracked, raw, from, to, List.copyOf(words), false, parent)
                    : new ConfigLine(statementLine, stack.size() + untracked, String.join(" ", words), List.copyOf(words), false,
                            parent, raw);
            words.clear();
            out.add(line);
            if (opensBlock) {
                if (stack.size() < MAX_DEPTH && untracked == 0) {
                    stack.push(line);
                } else {
                    untracked++;
                }
            }
        }

        /** The physical line {@code number} starting at {@code start}, cached for statements sharing it. */
        private String raw(int number, int start) {
            if (lineRaw != null && lineRawNumber == number) {
                return lineRaw;
            }
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int stop = end;
            while (stop > start && text.charAt(stop - 1) == '\r') {
                stop--;
            }
            lineRaw = text.substring(start, Math.min(stop, start + MAX_STATEMENT));
            lineRawNumber = number;
            return lineRaw;
        }

        private void problem(int line, String reason) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new Problem(line, reason));
            }
        }
    }
}
