package org.sovaudit.train;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Held-out metrics: accuracy, macro-F1 over the classes present in the held-out rows, per-class
 * precision, recall and F1, and, per confidence threshold, how many vendor rows the runtime would
 * attribute (coverage) and how many of its attributions would be right (precision), counting
 * {@code none} rows it would wrongly attribute.
 */
final class Evaluation {

    static final double[] THRESHOLDS = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private Evaluation() {
    }

    static Map<String, Object> evaluate(SoftmaxTrainer.Weights weights, List<SoftmaxTrainer.Row> rows,
                                        List<String> classes, int noneIndex) {
        int c = classes.size();
        int[] truePositives = new int[c];
        int[] predicted = new int[c];
        int[] support = new int[c];
        int correct = 0;
        int[] attributed = new int[THRESHOLDS.length];
        int[] attributedRight = new int[THRESHOLDS.length];
        int vendorRows = 0;
        for (SoftmaxTrainer.Row row : rows) {
            double[] p = weights.probabilities(row.features());
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            support[row.label()]++;
            predicted[best]++;
            if (best == row.label()) {
                truePositives[best]++;
                correct++;
            }
            if (row.label() != noneIndex) {
                vendorRows++;
            }
            for (int t = 0; t < THRESHOLDS.length; t++) {
                if (best != noneIndex && p[best] >= THRESHOLDS[t]) {
                    attributed[t]++;
                    if (best == row.label()) {
                        attributedRight[t]++;
                    }
                }
            }
        }
        Map<String, Object> perClass = new LinkedHashMap<>();
        double f1Sum = 0;
        int present = 0;
        for (int k = 0; k < c; k++) {
            if (support[k] == 0) {
                continue;
            }
            double precision = predicted[k] == 0 ? 0 : (double) truePositives[k] / predicted[k];
            double recall = (double) truePositives[k] / support[k];
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            f1Sum += f1;
            present++;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", round(precision));
            m.put("recall", round(recall));
            m.put("f1", round(f1));
            m.put("support", support[k]);
            perClass.put(classes.get(k), m);
        }
        List<Object> atThreshold = new ArrayList<>();
        for (int t = 0; t < THRESHOLDS.length; t++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threshold", round(THRESHOLDS[t]));
            m.put("coverage", round(vendorRows == 0 ? 0 : (double) attributedRight[t] / vendorRows));
            m.put("precision", round(attributed[t] == 0 ? 0 : (double) attributedRight[t] / attributed[t]));
            m.put("attributed", attributed[t]);
            atThreshold.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows.size());
        out.put("accuracy", round(rows.isEmpty() ? 0 : (double) correct / rows.size()));
        out.put("macroF1", round(present == 0 ? 0 : f1Sum / present));
        out.put("classesPresent", present);
        out.put("atThreshold", atThreshold);
        out.put("perClass", perClass);
        return out;
    }

    static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN);
    }
}
