package org.sovaudit.parse.host;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import org.sovaudit.parse.ParseException;

/**
 * JSON read into a small tree whose every value knows the line it starts on, with Jackson's
 * streaming parser (bounded nesting and string length). Objects keep their key order; a repeated
 * key keeps its first value.
 */
final class LocatedJson {

    static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(1 << 20).maxNumberLength(100).build())
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    /** A value: a Map of nodes, a List of nodes, a String, a Number, a Boolean or null. */
    record Node(Object value, int line) {
        @SuppressWarnings("unchecked")
        Map<String, Node> object() {
            return value instanceof Map<?, ?> m ? (Map<String, Node>) m : Map.of();
        }

        @SuppressWarnings("unchecked")
        List<Node> array() {
            return value instanceof List<?> l ? (List<Node>) l : List.of();
        }

        /** The value as text when it is a string, number or boolean; null otherwise. */
        String text() {
            return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
        }
    }

    private LocatedJson() {
    }

    /**
     * Parses one JSON document.
     *
     * @throws ParseException with the line of the problem
     */
    static Node parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ParseException(1, "empty JSON document");
            }
            Node root = value(p, first);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new ParseException(line(p), "JSON: unexpected content after the document");
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            String message = e.getOriginalMessage();
            int list = message.indexOf(" (JSON String");
            throw new ParseException(line, "JSON: " + (list > 0 ? message.substring(0, list) : message));
        } catch (IOException e) {
            throw new ParseException("JSON: " + e.getMessage(), e);
        }
    }

    private static Node value(JsonParser p, JsonToken token) throws IOException {
        int line = line(p);
        switch (token) {
            case START_OBJECT -> {
                Map<String, Node> map = new LinkedHashMap<>();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Node v = value(p, p.nextToken());
                    map.putIfAbsent(key, v);
                }
                if (t != JsonToken.END_OBJECT) {
                    throw new ParseException(line(p), "JSON: object is not closed");
                }
                return new Node(map, line);
            }
            case START_ARRAY -> {
                List<Node> list = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new ParseException(line, "JSON: array is not closed");
                    }
                    list.add(value(p, t));
                }
                return new Node(list, line);
            }
            case VALUE_STRING -> {
                return new Node(p.getText(), line);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Node(p.getNumberValue(), line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node(token == JsonToken.VALUE_TRUE, line);
            }
            case VALUE_NULL -> {
                return new Node(null, line);
            }
            default -> throw new ParseException(line, "JSON: unexpected " + token);
        }
    }

    private static int line(JsonParser p) {
        return Math.max(0, p.currentTokenLocation().getLineNr());
    }
}
