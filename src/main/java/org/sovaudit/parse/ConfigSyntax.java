package org.sovaudit.parse;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How one vendor's device configuration is laid out, for {@link ConfigTokenizer}. Built with
 * {@link #builder()}; every setting has a neutral default, so a dialect states only what it uses.
 *
 * <ul>
 * <li>{@link #layout()}: {@link Layout#LINES} (one command per line, nested by indentation or by
 * view commands) or {@link Layout#BRACES} (Junos: statements end at {@code ;}, blocks are
 * {@code { ... }}).</li>
 * <li>{@link #commentPrefixes()}: a line whose text starts with one of these is a comment
 * ({@code #} and {@code !} in Huawei VRP, {@code !} in Cisco IOS).</li>
 * <li>{@link #separators()}: comments that consist of the marker alone ({@code #}, {@code !}) end
 * every block opened at their indentation or deeper.</li>
 * <li>{@link #separatorsYieldToIndentation()}: in an indented file, a separator ends no block: the
 * indentation of the next command decides, so a command indented under a block header after a
 * stray column-0 separator ({@code !} inside an EOS {@code router bgp}) stays in its block. Off for
 * dialects that indent top-level commands (Comware V5 writes {@code  sysname} after {@code #}).</li>
 * <li>{@link #closeWords()}: a line made of one of these words closes the block it stands in, in
 * files that nest by view commands ({@code quit}, {@code exit}, ZTE's {@code $}); lower case.</li>
 * <li>{@link #endWords()}: a line made of one of these words closes every block ({@code return},
 * {@code end}); lower case.</li>
 * <li>{@link #opensView()}: whether a command (its words) enters a configuration view; in a file
 * without indentation such a line takes the lines after it as children until a close word.</li>
 * <li>{@link #pagerMarkers()}: terminal pager prompts captured with the output
 * ({@code ---- More ----}); the text after the prompt (and after its cursor-control codes) is
 * kept.</li>
 * <li>{@link #prompt()} and {@link #promptStarts()}: a CLI prompt that precedes commands in
 * captured terminal sessions ({@code [~PE1-aaa]}, {@code <PE1>}), removed from the start of a line;
 * the pattern is tried only on lines whose first non-blank character is one of
 * {@code promptStarts}, so ordinary lines cost no regular expression.</li>
 * <li>{@link #textBlock()}: for a command that opens free text ({@code banner motd ^C}), the
 * terminator that ends it; the text is skipped, never read as commands. A terminator made of
 * letters or digits must stand alone on its line ({@code EOF}); any other may end a line.</li>
 * <li>{@link #continuation()}: a character that, ending a line, joins the next line to it
 * (RouterOS {@code \}); 0 for none.</li>
 * <li>{@link #sectionPrefix()}: a line starting with it opens a top-level section that holds the
 * following lines until the next section (RouterOS {@code /ip dns}); null for none.</li>
 * <li>{@link #quotedWords()}: whether double quotes group words ({@code comment="a b"} is one
 * word); backslash escapes a character inside quotes.</li>
 * </ul>
 */
public final class ConfigSyntax {

    /** How commands and blocks are delimited. */
    public enum Layout {
        /** One command per line; blocks by indentation, view commands, separators and close words. */
        LINES,
        /** Statements end at {@code ;}; blocks are {@code name { ... }}; {@code #} and {@code /* *}{@code /} comments. */
        BRACES
    }

    private final Layout layout;
    private final Set<String> commentPrefixes;
    private final Set<String> separators;
    private final Set<String> closeWords;
    private final Set<String> endWords;
    private final Predicate<List<String>> opensView;
    private final Set<String> pagerMarkers;
    private final Pattern prompt;
    private final String promptStarts;
    private final Function<List<String>, String> textBlock;
    private final char continuation;
    private final String sectionPrefix;
    private final boolean quotedWords;
    private final boolean separatorsYieldToIndentation;

    private ConfigSyntax(Builder b) {
        this.layout = b.layout;
        this.commentPrefixes = Set.copyOf(b.commentPrefixes);
        this.separators = Set.copyOf(b.separators);
        this.closeWords = lower(b.closeWords);
        this.endWords = lower(b.endWords);
        this.opensView = b.opensView;
        this.pagerMarkers = Set.copyOf(b.pagerMarkers);
        this.prompt = b.prompt;
        this.promptStarts = b.promptStarts;
        this.textBlock = b.textBlock;
        this.continuation = b.continuation;
        this.sectionPrefix = b.sectionPrefix;
        this.quotedWords = b.quotedWords;
        this.separatorsYieldToIndentation = b.separatorsYieldToIndentation;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Layout layout() {
        return layout;
    }

    public Set<String> commentPrefixes() {
        return commentPrefixes;
    }

    public Set<String> separators() {
        return separators;
    }

    public Set<String> closeWords() {
        return closeWords;
    }

    public Set<String> endWords() {
        return endWords;
    }

    public Predicate<List<String>> opensView() {
        return opensView;
    }

    public Set<String> pagerMarkers() {
        return pagerMarkers;
    }

    /** The prompt pattern, or null when the dialect has none. */
    public Pattern prompt() {
        return prompt;
    }

    public String promptStarts() {
        return promptStarts;
    }

    public Function<List<String>, String> textBlock() {
        return textBlock;
    }

    public char continuation() {
        return continuation;
    }

    /** The section prefix, or null. */
    public String sectionPrefix() {
        return sectionPrefix;
    }

    public boolean quotedWords() {
        return quotedWords;
    }

    public boolean separatorsYieldToIndentation() {
        return separatorsYieldToIndentation;
    }

    private static Set<String> lower(Set<String> words) {
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Builds a {@link ConfigSyntax}; unset options keep their neutral defaults. */
    public static final class Builder {
        private Layout layout = Layout.LINES;
        private Set<String> commentPrefixes = Set.of();
        private Set<String> separators = Set.of();
        private Set<String> closeWords = Set.of();
        private Set<String> endWords = Set.of();
        private Predicate<List<String>> opensView = words -> false;
        private Set<String> pagerMarkers = Set.of();
        private Pattern prompt;
        private String promptStarts = "";
        private Function<List<String>, String> textBlock = words -> null;
        private char continuation;
        private String sectionPrefix;
        private boolean quotedWords;
        private boolean separatorsYieldToIndentation;

        private Builder() {
        }

        public Builder layout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        public Builder comments(String... prefixes) {
            this.commentPrefixes = Set.of(prefixes);
            return this;
        }

        public Builder separators(String... separators) {
            this.separators = Set.of(separators);
            return this;
        }

        public Builder closeWords(String... words) {
            this.closeWords = Set.of(words);
            return this;
        }

        public Builder endWords(String... words) {
            this.endWords = Set.of(words);
            return this;
        }

        public Builder opensView(Predicate<List<String>> opensView) {
            this.opensView = Objects.requireNonNull(opensView, "opensView");
            return this;
        }

        public Builder pagerMarkers(String... markers) {
            this.pagerMarkers = Set.of(markers);
            return this;
        }

        /**
         * A prompt removed from the start of a line; tried only when the line's first non-blank
         * character is one of {@code starts}.
         */
        public Builder prompt(Pattern prompt, String starts) {
            this.prompt = Objects.requireNonNull(prompt, "prompt");
            this.promptStarts = Objects.requireNonNull(starts, "starts");
            return this;
        }

        public Builder textBlock(Function<List<String>, String> textBlock) {
            this.textBlock = Objects.requireNonNull(textBlock, "textBlock");
            return this;
        }

        public Builder continuation(char c) {
            this.continuation = c;
            return this;
        }

        public Builder sectionPrefix(String prefix) {
            this.sectionPrefix = prefix;
            return this;
        }

        public Builder quotedWords(boolean quoted) {
            this.quotedWords = quoted;
            return this;
        }

        public Builder separatorsYieldToIndentation(boolean yield) {
            this.separatorsYieldToIndentation = yield;
            return this;
        }

        public ConfigSyntax build() {
            return new ConfigSyntax(this);
        }
    }
}
