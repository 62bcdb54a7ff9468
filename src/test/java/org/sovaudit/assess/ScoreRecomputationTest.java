package org.sovaudit.assess;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sovaudit.report.CanonicalJson;
import org.sovaudit.testing.Examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Recomputes every score of a real report from its JSON alone, following docs/scoring.md and
 * nothing else: what a reviewer would do with the formula and the report.
 */
class ScoreRecomputationTest {

    private static final List<String> STACK = List.of("connectivity", "cloud", "platform", "applications", "ai");

    private static double round4(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ministry-lab", "single-vendor", "diversified"})
    void scores_recomputeFromTheReportAlone(String example) throws IOException {
        JsonNode r = CanonicalJson.mapper().readTree(Examples.of(example).file("report.json"));
        JsonNode scores = r.get("scores");
        Map<String, Integer> roleWeight = new HashMap<>();
        scores.get("roleWeights").fields().forEachRemaining(e -> roleWeight.put(e.getKey(), e.getValue().asInt()));

        // 1. each layer's weights, exposure and score from the dependencies
        Map<String, double[]> w = new HashMap<>(); // known, foreign, unattributed
        for (JsonNode d : r.get("dependencies")) {
            String cls = d.get("jurisdictionClass").asText();
            if (cls.equals("internal")) {
                continue;
            }
            double[] acc = w.computeIfAbsent(d.get("layer").asText(), k -> new double[3]);
            int weight = roleWeight.get(d.get("role").asText());
            if (cls.equals("unknown")) {
                acc[2] += weight;
            } else {
                acc[0] += weight;
                if (cls.equals("foreign")) {
                    acc[1] += weight;
                }
            }
        }
        double sumW = 0;
        double sumWs = 0;
        for (JsonNode layer : r.get("layers")) {
            String id = layer.get("layer").asText();
            double[] acc = w.getOrDefault(id, new double[3]);
            double exposure = acc[0] + acc[2] == 0 ? 0 : (acc[1] + 0.5 * acc[2]) / (acc[0] + acc[2]);
            int score = (int) Math.round(100 * (1 - round4(exposure)));
            assertEquals(score, layer.get("score").asInt(), id + " score");
            assertEquals(round4(exposure), layer.get("exposure").asDouble(), 1e-9, id + " exposure");
            if (layer.get("dependencies").asInt() > 0) {
                double lw = scores.get("layerWeights").get(id).asDouble();
                sumW += lw;
                sumWs += lw * score;
            }
        }
        double base = sumW == 0 ? 100 : round4(sumWs / sumW);
        assertEquals(base, scores.get("base").asDouble(), 1e-9, "base");

        // 2. lock-in of each foreign group from its layers
        double top = 0;
        String topGroup = "";
        for (JsonNode l : r.get("lockIn")) {
            Set<String> layers = new HashSet<>();
            l.get("layers").forEach(x -> layers.add(x.asText()));
            int run = 0;
            int best = 0;
            for (String s : STACK) {
                run = layers.contains(s) ? run + 1 : 0;
                best = Math.max(best, run);
            }
            assertEquals(best, l.get("adjacentRun").asInt(), l.get("group") + " run");
            double index = round4(0.5 * (layers.size() - 1) / 7 + 0.5 * Math.max(best - 1, 0) / 4);
            assertEquals(index, l.get("index").asDouble(), 1e-9, l.get("group") + " index");
            if (index > top) {
                top = index;
                topGroup = l.get("group").asText();
            }
        }
        assertEquals(topGroup, scores.get("topLockInGroup").asText());

        // 3. the overall score
        double penalty = round4(base * scores.get("lockInPercent").asDouble() / 100 * top);
        assertEquals(penalty, scores.get("lockInPenalty").asDouble(), 1e-9, "penalty");
        assertEquals((int) Math.max(0, Math.round(base - penalty)), scores.get("overall").asInt(), "overall");
        assertEquals(scores.get("overall").asInt(), r.at("/summary/score").asInt());
    }
}
