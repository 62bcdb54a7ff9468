package org.sovaudit.parse.iac.tree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import org.sovaudit.parse.ParseException;
import org.sovaudit.parse.ResultBuilder;

/**
 * Reads YAML (every document of a stream, with SnakeYAML's event parser: {@link YamlEvents}) and
 * JSON (with Jackson) into {@link Tree}s, reporting malformed input as file errors with the line it
 * was found at. Input is bounded: size, nesting depth, string and token counts (Jackson
 * {@link StreamReadConstraints}), code points, aliases and nesting (SnakeYAML {@link LoaderOptions}
 * and {@link YamlEvents#MAX_DEPTH}); aliases are never expanded. The factory and options are
 * configured once and are safe to share between threads.
 */
public final class TreeReader {

    /** Largest document read, in bytes; parsers refuse larger files before calling in. */
    public static final long MAX_BYTES = 16L << 20;
    private static final int MAX_DEPTH = 64;
    private static final Pattern DOCUMENT_START = Pattern.compile("^---(?:[ \\t].*)?$");
    private static final Pattern DOCUMENT_END = Pattern.compile("^\\.\\.\\.(?:[ \\t].*)?$");

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxDocumentLength(MAX_BYTES)
            .maxStringLength(1 << 20)
            .maxNameLength(4096)
            .maxNumberLength(100)
            .maxTokenCount(2_000_000)
            .build();
    private static final LoaderOptions LOADER = loaderOptions();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build();

    private TreeReader() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(50);
        loader.setNestingDepthLimit(MAX_DEPTH);
        loader.setCodePointLimit((int) MAX_BYTES);
        loader.setAllowRecursiveKeys(false);
        loader.setProcessComments(false);
        return loader;
    }

    private static final Pattern SOURCE_MARK = Pattern.compile(
            "\\s*\\(?(?:start marker )?at \\[Source: [^;\\]]*; line: (\\d+), column: \\d+\\]\\)?");

    /** Jackson's message without its source description: {@code (start marker at [Source: ...; line: 6 ...])}. */
    public static String message(JacksonException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        return SOURCE_MARK.matcher(m).replaceAll(r -> Matcher.quoteReplacement(" (opened at line " + r.group(1) + ")"));
    }

    /** One document's lines: {@code first} is the 1-based line it starts at. */
    private record Chunk(int first, String text) {
    }

    /**
     * Reads every YAML document of {@code lines} and hands each root to {@code each}. A stream that
     * does not parse whole is split at document markers and read again document by document, so a
     * broken document is reported with its line and the others are still read.
     */
    public static void yaml(List<String> lines, ResultBuilder out, Consumer<Tree.Node> each) {
        // one parser over the whole stream is faster than one per document; only a stream that fails
        // is read again document by document, so that its good documents still count
        List<Tree.Node> roots = new ArrayList<>();
        ResultBuilder probe = new ResultBuilder(out.path());
        readYaml(new Chunk(1, String.join("\n", lines) + "\n"), probe, roots::add);
        if (probe.build().errors().isEmpty()) {
            roots.forEach(each);
            return;
        }
        for (Chunk chunk : chunks(lines)) {
            readYaml(chunk, out, each);
        }
    }

    private static void readYaml(Chunk chunk, ResultBuilder out, Consumer<Tree.Node> each) {
        try {
            YamlEvents.read(chunk.text(), LOADER, chunk.first() - 1, each);
        } catch (MarkedYAMLException marked) {
            out.error(markedLine(marked, chunk.first() - 1), "YAML: " + marked.getProblem() + context(marked));
        } catch (ParseException e) {
            out.error(e.line() > 0 ? e.line() : chunk.first(), "YAML: " + e.getMessage());
        } catch (YAMLException | StackOverflowError | IllegalArgumentException | IllegalStateException e) {
            // SnakeYAML signals its own limits (code points, aliases) with unchecked exceptions
            out.error(chunk.first(), "YAML: " + e.getMessage());
        }
    }

    private static int markedLine(MarkedYAMLException marked, int offset) {
        if (marked.getProblemMark() == null) {
            return offset + 1;
        }
        // a construct left open is best shown where it opened, not at the end of the stream
        boolean unclosed = marked.getProblem() != null && marked.getProblem().contains("end of stream")
                && marked.getContextMark() != null;
        return (unclosed ? marked.getContextMark() : marked.getProblemMark()).getLine() + 1 + offset;
    }

    private static String context(MarkedYAMLException marked) {
        return marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
    }

    /** Reads one JSON document; null when it is malformed (the error is recorded). */
    public static Tree.Node json(String text, ResultBuilder out) {
        List<Tree.Node> roots = new ArrayList<>(1);
        readJson(JSON, new Chunk(1, text), out, roots::add, "JSON");
        return roots.isEmpty() ? null : roots.get(0);
    }

    /**
     * Splits a stream at document markers ({@code ---} and {@code ...} at the start of a line,
     * which YAML forbids inside any scalar), keeping directives with the document they precede.
     */
    private static List<Chunk> chunks(List<String> lines) {
        List<Chunk> chunks = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (DOCUMENT_START.matcher(line).matches() && i > start) {
                int cut = i;
                while (cut > start && lines.get(cut - 1).startsWith("%")) {
                    cut--;
                }
                if (cut > start) {
                    chunks.add(chunk(lines, start, cut));
                    start = cut;
                }
            } else if (DOCUMENT_END.matcher(line).matches()) {
                chunks.add(chunk(lines, start, i + 1));
                start = i + 1;
            }
        }
        if (start < lines.size()) {
            chunks.add(chunk(lines, start, lines.size()));
        }
        return chunks;
    }

    private static Chunk chunk(List<String> lines, int from, int to) {
        return new Chunk(from + 1, String.join("\n", lines.subList(from, to)) + "\n");
    }

    private static void readJson(JsonFactory factory, Chunk chunk, ResultBuilder out, Consumer<Tree.Node> each, String format) {
        int offset = chunk.first() - 1;
        JsonParser parser = null;
        try {
            parser = factory.createParser(chunk.text());
            while (parser.nextToken() != null) {
                each.accept(Tree.read(parser, offset));
            }
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
            int line = at == null || at.getLineNr() <= 0 ? chunk.first() : at.getLineNr() + offset;
            out.error(line, format + ": " + message(e));
        } catch (IOException | RuntimeException e) {
            int line = parser == null || parser.currentLocation().getLineNr() <= 0
                    ? chunk.first() : parser.currentLocation().getLineNr() + offset;
            out.error(line, format + ": " + e.getMessage());
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // closing a parser over a string cannot fail in a way that matters here
                }
            }
        }
    }
}
