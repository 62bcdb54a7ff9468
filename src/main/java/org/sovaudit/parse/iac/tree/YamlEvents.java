package org.sovaudit.parse.iac.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import org.sovaudit.parse.ParseException;

/**
 * Builds {@link Tree}s straight from SnakeYAML's event parser: the scanner and parser Jackson YAML
 * wraps, without Jackson's token layer and implicit-type resolution, which cost more than half the
 * time on large manifests and are not needed (the tree keeps scalars as text). Aliases, anchors and
 * merge keys behave as in {@link Tree}; nesting is capped at {@value #MAX_DEPTH} and the stream's
 * size by SnakeYAML's code-point limit. Syntax errors surface as SnakeYAML's marked exceptions.
 */
final class YamlEvents {

    static final int MAX_DEPTH = 64;
    private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");

    private final Parser parser;
    private final int lineOffset;
    private final Map<String, Tree.Node> anchors = new HashMap<>();

    private YamlEvents(Parser parser, int lineOffset) {
        this.parser = parser;
        this.lineOffset = lineOffset;
    }

    /** Reads every document of {@code text}, handing each root to {@code each}. */
    static void read(String text, LoaderOptions options, int lineOffset, Consumer<Tree.Node> each) {
        Parser parser = new ParserImpl(new StreamReader(text), options);
        YamlEvents reader = new YamlEvents(parser, lineOffset);
        while (true) {
            Event e = parser.getEvent();
            switch (e.getEventId()) {
                case StreamEnd -> {
                    return;
                }
                case DocumentStart -> {
                    reader.anchors.clear();
                    Tree.Node root = reader.node(parser.getEvent(), 0);
                    parser.getEvent(); // DocumentEnd
                    each.accept(root);
                }
                default -> {
                    // StreamStart, and nothing else can stand between documents
                }
            }
        }
    }

    private int line(Event e) {
        return e.getStartMark() == null ? lineOffset + 1 : e.getStartMark().getLine() + 1 + lineOffset;
    }

    private Tree.Node node(Event e, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ParseException(line(e), "nested deeper than " + MAX_DEPTH);
        }
        Tree.Node node;
        switch (e.getEventId()) {
            case Alias -> {
                Tree.Node target = anchors.get(((AliasEvent) e).getAnchor());
                return target != null ? target : new Tree.Scalar("", line(e));
            }
            case Scalar -> {
                ScalarEvent s = (ScalarEvent) e;
                String v = s.getValue();
                node = new Tree.Scalar(s.isPlain() && (v.isEmpty() || NULLS.contains(v)) ? "" : v, line(e));
            }
            case MappingStart -> {
                int line = line(e);
                Map<String, Tree.Node> entries = new LinkedHashMap<>();
                List<Tree.Node> merges = new ArrayList<>();
                Event k;
                while ((k = parser.getEvent()).getEventId() != Event.ID.MappingEnd) {
                    Tree.Node key = node(k, depth + 1);
                    Tree.Node value = node(parser.getEvent(), depth + 1);
                    if (!(key instanceof Tree.Scalar s)) {
                        continue; // a complex key names nothing a parser looks up
                    }
                    if ("<<".equals(s.text()) && k instanceof ScalarEvent ks && ks.isPlain()) {
                        merges.add(value);
                    } else {
                        entries.put(s.text(), value);
                    }
                }
                for (Tree.Node merge : merges) {
                    merge(entries, merge);
                }
                node = new Tree.MapNode(entries, line);
            }
            case SequenceStart -> {
                int line = line(e);
                List<Tree.Node> items = new ArrayList<>();
                Event item;
                while ((item = parser.getEvent()).getEventId() != Event.ID.SequenceEnd) {
                    items.add(node(item, depth + 1));
                }
                node = new Tree.ListNode(items, line);
            }
            default -> throw new ParseException(line(e), "unexpected " + e.getEventId());
        }
        if (e instanceof NodeEvent n && n.getAnchor() != null && (e instanceof ScalarEvent || e instanceof CollectionStartEvent)) {
            anchors.put(n.getAnchor(), node);
        }
        return node;
    }

    private static void merge(Map<String, Tree.Node> entries, Tree.Node merge) {
        if (merge instanceof Tree.MapNode map) {
            map.entries().forEach(entries::putIfAbsent);
        } else if (merge instanceof Tree.ListNode list) {
            for (Tree.Node item : list.items()) {
                if (item instanceof Tree.MapNode map) {
                    map.entries().forEach(entries::putIfAbsent);
                }
            }
        }
    }
}
