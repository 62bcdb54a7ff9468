package org.sovaudit.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a network-device configuration into {@link ConfigLine}s: numbered lines, comments, words,
 * and for every command the block header it stands in. Shared by every vendor dialect; the dialect
 * supplies its {@link ConfigSyntax} and interprets the commands.
 *
 * <p>Nesting follows indentation when the file is indented (as every {@code display
 * current-configuration} and {@code show running-config} export is): a line's header is the nearest
 * line above it with less indentation. A file with no indentation at all (a hand-written batch
 * script) nests by {@link ConfigSyntax#opensView()} instead, closed by {@code quit}. In both, a
 * bare separator comment ends the blocks at its indentation or deeper, a close word ({@code quit})
 * ends the block it stands in, and an end word ({@code return}) ends them all. CRLF, tabs,
 * terminal pager prompts, cursor-control codes and CLI prompts before commands are tolerated.
 */
public final class ConfigTokenizer {

    /** Deepest nesting tracked; deeper lines take the deepest tracked header. */
    public static final int MAX_DEPTH = 64;

    private static final Pattern CSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

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

    private ConfigTokenizer() {
    }

    /** The non-blank lines of {@code text}, in order. */
    public static List<ConfigLine> tokenize(String text, ConfigSyntax syntax) {
        List<String> lines = TextLines.split(text);
        List<String> cleaned = new ArrayList<>(lines.size());
        boolean indented = false;
        for (String raw : lines) {
            String line = clean(raw, syntax);
            cleaned.add(line);
            String stripped = line.strip();
            if (!indented && !stripped.isEmpty() && indent(line) > 0 && !isComment(stripped, syntax)) {
                indented = true;
            }
        }
        List<ConfigLine> out = new ArrayList<>();
        Deque<Open> stack = new ArrayDeque<>();
        for (int i = 0; i < cleaned.size(); i++) {
            String line = cleaned.get(i);
            String text0 = line.strip();
            if (text0.isEmpty()) {
                continue;
            }
            int number = i + 1;
            int indent = indent(line);
            List<String> words = List.of(WHITESPACE.split(text0));
            if (isComment(text0, syntax)) {
                if (syntax.separators().contains(text0)) {
                    while (!stack.isEmpty() && stack.peek().indent >= indent) {
                        stack.pop();
                    }
                }
                out.add(new ConfigLine(number, indent, text0, words, true, parentFor(stack, indent), line));
                continue;
            }
            while (!stack.isEmpty() && (stack.peek().indent > indent || (stack.peek().indent == indent && !stack.peek().flat))) {
                stack.pop();
            }
            ConfigLine parent = stack.isEmpty() ? null : stack.peek().line;
            ConfigLine current = new ConfigLine(number, indent, text0, words, false, parent, line);
            out.add(current);
            String first = words.get(0).toLowerCase(Locale.ROOT);
            if (words.size() == 1 && syntax.endWords().contains(first)) {
                stack.clear();
                continue;
            }
            if (words.size() == 1 && syntax.closeWords().contains(first)) {
                if (!stack.isEmpty()) {
                    stack.pop();
                }
                continue;
            }
            if (stack.size() < MAX_DEPTH) {
                stack.push(new Open(current, indent, !indented && syntax.opensView().test(words)));
            }
        }
        return out;
    }

    private static ConfigLine parentFor(Deque<Open> stack, int indent) {
        for (Open open : stack) {
            if (open.indent < indent || (open.flat && open.indent == indent)) {
                return open.line;
            }
        }
        return null;
    }

    private static boolean isComment(String stripped, ConfigSyntax syntax) {
        for (String prefix : syntax.commentPrefixes()) {
            if (stripped.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n++;
        }
        return n;
    }

    /** Removes pager prompts and terminal control sequences captured with the output. */
    static String clean(String raw, ConfigSyntax syntax) {
        String line = raw;
        for (String marker : syntax.pagerMarkers()) {
            int at = line.indexOf(marker);
            if (at < 0) {
                continue;
            }
            String after = line.substring(at + marker.length());
            Matcher m = CSI.matcher(after);
            int end = -1;
            while (m.find()) {
                end = m.end();
            }
            if (end >= 0) {
                // the pager prints blanks over its prompt and moves back; the real line follows the last move
                line = after.substring(end);
            } else {
                line = after.stripLeading();
            }
        }
        if (line.indexOf('\u001B') >= 0) {
            line = CSI.matcher(line).replaceAll("");
        }
        if (syntax.prompt() != null) {
            Matcher prompt = syntax.prompt().matcher(line);
            if (prompt.lookingAt()) {
                line = line.substring(prompt.end());
            }
        }
        return line;
    }
}
