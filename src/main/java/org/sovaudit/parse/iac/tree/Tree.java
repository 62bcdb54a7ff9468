package org.sovaudit.parse.iac.tree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A YAML or JSON document as a small tree that keeps the line of every node, which Jackson's own
 * trees drop. JSON is read from Jackson's streaming parser, YAML from SnakeYAML's events
 * ({@link YamlEvents}): aliases resolve to the anchored node once that node is complete (so a node
 * can never contain itself), and merge keys ({@code <<: *base}) copy the entries the map does not
 * already have. Nothing is copied: aliases share nodes, so a "billion laughs" document stays as
 * small as its text.
 */
public final class Tree {

    /** A node of the tree, with the 1-based line of the file it starts on. */
    public sealed interface Node permits MapNode, ListNode, Scalar {
        int line();
    }

    /** A mapping, in document order. */
    public record MapNode(Map<String, Node> entries, int line) implements Node {
        public Node get(String key) {
            return entries.get(key);
        }

        /** The map under {@code key}, or null. */
        public MapNode map(String key) {
            return entries.get(key) instanceof MapNode m ? m : null;
        }

        /** The list under {@code key}, or null. */
        public ListNode list(String key) {
            return entries.get(key) instanceof ListNode l ? l : null;
        }

        /** The scalar under {@code key}, or null. */
        public Scalar scalar(String key) {
            return entries.get(key) instanceof Scalar s ? s : null;
        }

        /** The text of the scalar under {@code key}, or "" when there is none. */
        public String text(String key) {
            return entries.get(key) instanceof Scalar s ? s.text() : "";
        }

        /** The map reached by following {@code keys}, or null. */
        public MapNode path(String... keys) {
            MapNode node = this;
            for (String key : keys) {
                node = node.map(key);
                if (node == null) {
                    return null;
                }
            }
            return node;
        }
    }

    /** A sequence, in document order. */
    public record ListNode(List<Node> items, int line) implements Node {
    }

    /** A scalar's text ("" for null), as written after YAML or JSON decoding. */
    public record Scalar(String text, int line) implements Node {
    }

    private final JsonParser parser;
    private final int lineOffset;
    private Tree(JsonParser parser, int lineOffset) {
        this.parser = parser;
        this.lineOffset = lineOffset;
    }

    /**
     * Reads the JSON document whose first token the parser has just returned.
     *
     * @param lineOffset added to the parser's 1-based lines to make them lines of the whole file
     */
    static Node read(JsonParser parser, int lineOffset) throws IOException {
        return new Tree(parser, lineOffset).node(parser.currentToken());
    }

    /** The scalars of a node that is either one scalar or a list of them ({@code dns: 8.8.8.8} or a list). */
    public static List<Scalar> scalars(Node node) {
        List<Scalar> out = new ArrayList<>();
        if (node instanceof Scalar s) {
            out.add(s);
        } else if (node instanceof ListNode list) {
            for (Node item : list.items()) {
                if (item instanceof Scalar s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr() + lineOffset;
    }

    private Node node(JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            int line = line();
            Map<String, Node> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                entries.put(key, node(parser.nextToken()));
            }
            return new MapNode(entries, line);
        }
        if (token == JsonToken.START_ARRAY) {
            int line = line();
            List<Node> items = new ArrayList<>();
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                items.add(node(t));
            }
            return new ListNode(items, line);
        }
        String text = token == JsonToken.VALUE_NULL || token == null ? "" : parser.getText();
        return new Scalar(text == null ? "" : text, line());
    }
}
