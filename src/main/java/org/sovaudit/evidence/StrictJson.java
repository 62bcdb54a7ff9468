package org.sovaudit.evidence;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The small JSON files of the evidence stage (ledger entries, bundle manifests): written in the
 * appliance's one canonical form ({@link org.sovaudit.report.CanonicalJson}: UTF-8, keys sorted,
 * no whitespace, integers as plain decimals), read strictly.
 *
 * <p>Strict reading: one JSON value and nothing after it, duplicate keys refused, a size cap
 * checked before parsing.
 */
public final class StrictJson {

    private static final ObjectMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /**
     * Writes {@code object} canonically. Values may be strings, longs, ints, nested maps with string
     * keys, or lists of those.
     */
    public static byte[] write(Map<String, ?> object) {
        return org.sovaudit.report.CanonicalJson.bytes(object);
    }

    /**
     * Parses {@code json} strictly into a tree.
     *
     * @throws EvidenceException when the input is larger than {@code maxBytes}, not one well-formed
     *                           JSON value, or repeats a key
     */
    public static JsonNode readStrict(byte[] json, int maxBytes) {
        if (json == null) {
            throw new EvidenceException("no JSON given");
        }
        if (json.length > maxBytes) {
            throw new EvidenceException("JSON of " + json.length + " bytes exceeds the limit of " + maxBytes);
        }
        JsonNode node;
        try {
            node = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EvidenceException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EvidenceException("unreadable JSON: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new EvidenceException("empty JSON document");
        }
        return node;
    }

    /**
     * Checks that {@code node} is an object with exactly the {@code expected} keys.
     *
     * @param what names the object in the error, e.g. {@code "ledger entry"}
     * @throws EvidenceException naming the missing and the unexpected keys
     */
    public static void requireExactKeys(JsonNode node, Set<String> expected, String what) {
        if (node == null || !node.isObject()) {
            throw new EvidenceException(what + " must be a JSON object");
        }
        Set<String> present = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            present.add(it.next());
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(present);
        Set<String> extra = new TreeSet<>(present);
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder sb = new StringBuilder(what);
            if (!missing.isEmpty()) {
                sb.append(" lacks field(s) ").append(missing);
            }
            if (!extra.isEmpty()) {
                sb.append(missing.isEmpty() ? "" : " and").append(" has unexpected field(s) ").append(extra);
            }
            throw new EvidenceException(sb.toString());
        }
    }
}
