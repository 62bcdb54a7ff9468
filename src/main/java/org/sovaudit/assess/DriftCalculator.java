package org.sovaudit.assess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.model.AuditReport.Drift;
import org.sovaudit.model.AuditReport.DriftChange;
import org.sovaudit.model.AuditReport.DriftItem;

/**
 * What changed between two reports of the same scope, compared by finding fingerprint (stable
 * across runs) and by score. Works on the reports' canonical JSON, so that any two reports can be
 * compared, including from bundles; a report without scores (schema 1) compares as score 0.
 */
public final class DriftCalculator {

    private DriftCalculator() {
    }

    /** The drift from {@code previous} to {@code current}, both report JSON trees. */
    public static Drift between(JsonNode previous, JsonNode current) {
        Map<String, JsonNode> before = findings(previous);
        Map<String, JsonNode> after = findings(current);
        Map<String, JsonNode> acceptedNow = accepted(current);
        List<DriftItem> added = new ArrayList<>();
        List<DriftItem> resolved = new ArrayList<>();
        List<DriftItem> nowAccepted = new ArrayList<>();
        List<DriftChange> changed = new ArrayList<>();
        after.forEach((fp, f) -> {
            JsonNode old = before.get(fp);
            if (old == null) {
                added.add(item(f));
            } else if (!old.path("severity").asText().equals(f.path("severity").asText())) {
                changed.add(new DriftChange(fp, f.path("ruleId").asText(), f.path("title").asText(),
                        old.path("severity").asText(), f.path("severity").asText()));
            }
        });
        before.forEach((fp, f) -> {
            if (acceptedNow.containsKey(fp)) {
                nowAccepted.add(item(acceptedNow.get(fp)));
            } else if (!after.containsKey(fp)) {
                resolved.add(item(f));
            }
        });
        Comparator<DriftItem> order = Comparator.comparing(DriftItem::ruleId).thenComparing(DriftItem::title)
                .thenComparing(DriftItem::fingerprint);
        added.sort(order);
        resolved.sort(order);
        nowAccepted.sort(order);
        changed.sort(Comparator.comparing(DriftChange::ruleId).thenComparing(DriftChange::title)
                .thenComparing(DriftChange::fingerprint));
        int oldScore = previous.path("scores").path("overall").asInt(0);
        int newScore = current.path("scores").path("overall").asInt(0);
        Map<String, Integer> layerDeltas = new TreeMap<>();
        Map<String, Integer> oldLayers = layerScores(previous);
        layerScores(current).forEach((layer, score) -> layerDeltas.put(layer, score - oldLayers.getOrDefault(layer, 100)));
        return new Drift(previous.path("auditId").asText(), previous.path("createdAt").asText(), added, resolved,
                nowAccepted, changed, oldScore, newScore - oldScore, layerDeltas);
    }

    private static DriftItem item(JsonNode f) {
        return new DriftItem(f.path("fingerprint").asText(), f.path("ruleId").asText(), f.path("severity").asText(),
                f.path("title").asText());
    }

    private static Map<String, JsonNode> findings(JsonNode report) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode f : report.path("findings")) {
            out.put(f.path("fingerprint").asText(), f);
        }
        return out;
    }

    private static Map<String, JsonNode> accepted(JsonNode report) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode a : report.path("accepted")) {
            JsonNode f = a.path("finding");
            out.put(f.path("fingerprint").asText(), f);
        }
        return out;
    }

    private static Map<String, Integer> layerScores(JsonNode report) {
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode l : report.path("layers")) {
            if (l.has("score")) {
                out.put(l.path("layer").asText(), l.path("score").asInt());
            }
        }
        return out;
    }
}
