package org.sovaudit.parse.k8s;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;

/**
 * Kubernetes manifests: every {@code image} of {@code containers}, {@code initContainers} and
 * {@code ephemeralContainers} in a pod spec, wherever a workload keeps one (Pod: {@code spec};
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job and custom workloads
 * with a pod template: {@code spec.template.spec}; CronJob: {@code spec.jobTemplate.spec.template.spec};
 * PodTemplate: {@code template.spec}), also inside {@code List} items. The value is the image
 * reference as written, trimmed; templated references ({@code {{ .Values.image }}}) are skipped.
 *
 * <p>A file may hold several documents; each is read on its own, so a broken document is reported
 * with its line and the others are still read. Input is bounded: size, nesting depth, string and
 * token counts (Jackson {@link StreamReadConstraints}), code points, aliases and nesting (SnakeYAML
 * {@link LoaderOptions}); aliases are never expanded.
 */
public final class KubernetesYamlParser implements Parser {

    static final long MAX_BYTES = 16L << 20;
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_LIST_DEPTH = 3;
    private static final int MAX_PODS_PER_DOCUMENT = 10_000;
    private static final int MAX_IMAGE = 512;
    private static final List<String> CONTAINER_FIELDS = List.of("containers", "initContainers", "ephemeralContainers");
    private static final Pattern API_VERSION = Pattern.compile("(?m)^[ \\t-]*[\"']?apiVersion[\"']?[ \\t]*:");
    private static final Pattern KIND = Pattern.compile("(?m)^[ \\t-]*[\"']?kind[\"']?[ \\t]*:");
    private static final Pattern DOCUMENT_START = Pattern.compile("^---(?:[ \\t].*)?$");
    private static final Pattern DOCUMENT_END = Pattern.compile("^\\.\\.\\.(?:[ \\t].*)?$");

    /** Configured once and immutable afterwards; Jackson factories are safe to share between threads. */
    private static final YAMLFactory YAML = factory();

    private static YAMLFactory factory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(50);
        loader.setNestingDepthLimit(MAX_DEPTH);
        loader.setCodePointLimit((int) MAX_BYTES);
        loader.setAllowRecursiveKeys(false);
        loader.setProcessComments(false);
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxDocumentLength(MAX_BYTES)
                .maxStringLength(1 << 20)
                .maxNameLength(4096)
                .maxNumberLength(100)
                .maxTokenCount(2_000_000)
                .build();
        return YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(constraints).build();
    }

    @Override
    public String id() {
        return "kubernetes-yaml";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Kubernetes manifests (multi-document YAML): container images of every workload";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.CONTAINER_IMAGE);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            return false;
        }
        String head = file.head(SNIFF_BYTES);
        return API_VERSION.matcher(head).find() && KIND.matcher(head).find();
    }

    /** One document's lines: {@code first} is the 1-based line it starts at. */
    private record Chunk(int first, String text) {
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        for (Chunk chunk : chunks(lines)) {
            readChunk(chunk, lines, out);
        }
        return out.build();
    }

    /**
     * Splits the file at document markers ({@code ---} and {@code ...} at the start of a line,
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

    private static void readChunk(Chunk chunk, List<String> lines, ResultBuilder out) {
        int offset = chunk.first() - 1;
        YAMLParser parser = null;
        try {
            parser = YAML.createParser(chunk.text());
            while (parser.nextToken() != null) {
                YamlTree.Node document = YamlTree.read(parser, offset);
                if (document instanceof YamlTree.MapNode map) {
                    workload(map, 0, new int[1], lines, out);
                }
            }
        } catch (JacksonException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                // SnakeYAML's own problem and context read better than its first message line
                String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
                // a construct left open is best shown where it opened, not at the end of the stream
                boolean unclosed = marked.getProblem() != null && marked.getProblem().contains("end of stream")
                        && marked.getContextMark() != null;
                int line = (unclosed ? marked.getContextMark() : marked.getProblemMark()).getLine() + 1 + offset;
                out.error(line, "YAML: " + marked.getProblem() + context);
                return;
            }
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
            int line = at == null || at.getLineNr() <= 0 ? chunk.first() : at.getLineNr() + offset;
            out.error(line, "YAML: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            // SnakeYAML signals its own limits with unchecked exceptions
            int line = parser == null || parser.currentLocation().getLineNr() <= 0
                    ? chunk.first() : parser.currentLocation().getLineNr() + offset;
            out.error(line, "YAML: " + e.getMessage());
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

    /** Reports the images of one resource; {@code pods} counts pod specs read in this document. */
    private static void workload(YamlTree.MapNode resource, int listDepth, int[] pods, List<String> lines, ResultBuilder out) {
        String kind = resource.get("kind") instanceof YamlTree.Scalar s ? s.text() : "";
        if (kind.endsWith("List") && resource.get("items") instanceof YamlTree.ListNode items) {
            if (listDepth >= MAX_LIST_DEPTH) {
                out.error(items.line(), "lists nested deeper than " + MAX_LIST_DEPTH + "; inner items not read");
                return;
            }
            for (YamlTree.Node item : items.items()) {
                if (item instanceof YamlTree.MapNode map) {
                    workload(map, listDepth + 1, pods, lines, out);
                }
            }
            return;
        }
        podSpec(path(resource, "spec"), pods, lines, out);
        podSpec(path(resource, "spec", "template", "spec"), pods, lines, out);
        podSpec(path(resource, "spec", "jobTemplate", "spec", "template", "spec"), pods, lines, out);
        podSpec(path(resource, "template", "spec"), pods, lines, out);
    }

    private static YamlTree.MapNode path(YamlTree.MapNode from, String... keys) {
        YamlTree.MapNode node = from;
        for (String key : keys) {
            if (!(node.get(key) instanceof YamlTree.MapNode next)) {
                return null;
            }
            node = next;
        }
        return node;
    }

    private static void podSpec(YamlTree.MapNode spec, int[] pods, List<String> lines, ResultBuilder out) {
        if (spec == null || ++pods[0] > MAX_PODS_PER_DOCUMENT) {
            return;
        }
        for (String field : CONTAINER_FIELDS) {
            if (!(spec.get(field) instanceof YamlTree.ListNode containers)) {
                continue;
            }
            for (YamlTree.Node container : containers.items()) {
                if (container instanceof YamlTree.MapNode c && c.get("image") instanceof YamlTree.Scalar image) {
                    String ref = withoutCredentials(image.text().strip());
                    if (isImageReference(ref)) {
                        out.add(ObservationKind.CONTAINER_IMAGE, ref, Role.CONTAINER_IMAGE, image.line(),
                                TextLines.line(lines, image.line()), "");
                    }
                }
            }
        }
    }

    /**
     * The reference without user information: a valid reference has {@code @} only before a digest,
     * after the repository path, so an {@code @} before the first {@code /} can only introduce a host
     * after credentials ({@code user:password@registry/image}), which must never become a value.
     */
    static String withoutCredentials(String ref) {
        int at = ref.indexOf('@');
        int slash = ref.indexOf('/');
        return at >= 0 && slash > at ? ref.substring(at + 1) : ref;
    }

    /** Written, not templated, one word, of sane length. */
    private static boolean isImageReference(String ref) {
        if (ref.isEmpty() || ref.length() > MAX_IMAGE || ref.contains("{{") || ref.contains("${")) {
            return false;
        }
        return ref.chars().noneMatch(c -> c <= 0x20 || c == 0x7F);
    }
}
