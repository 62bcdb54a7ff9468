package org.sovaudit.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Temperature scaling (Guo et al., 2017): one number T that divides the logits, chosen on the
 * calibration rows (a part of the held-out split the model never trained on) by a fixed grid, so the
 * search is deterministic. It changes how sure the model says
 * it is, never which class it ranks first. Reliability is reported as the expected calibration error
 * over ten equal-width confidence bins, with the bins themselves.
 */
final class Calibration {

    static final int BINS = 10;

    private Calibration() {
    }

    /**
     * The temperature in [0.25, 8] (steps of 0.05 up to 2, of 0.25 beyond) whose attributions are
     * best calibrated on the calibration rows: the least expected calibration error (ten equal-width
     * bins) of the top probability over the rows whose top class is a vendor group, ties broken by the
     * negative log-likelihood. An audit attributes when that probability clears the threshold, so
     * that is the probability made honest; a confident {@code none} attributes nothing.
     */
    static double fitTemperature(FastTextTrainer.Model model, List<FastTextTrainer.Row> rows, int noneIndex) {
        List<double[]> logits = new ArrayList<>(rows.size());
        for (FastTextTrainer.Row row : rows) {
            logits.add(logits(model, row.features()));
        }
        double best = 1.0;
        double bestEce = Double.POSITIVE_INFINITY;
        double bestNll = Double.POSITIVE_INFINITY;
        for (int step = 0; ; step++) {
            double t = step <= 35 ? 0.25 + 0.05 * step : 2.0 + 0.25 * (step - 35);
            if (t > 8.0 + 1e-9) {
                break;
            }
            int[] count = new int[BINS];
            double[] confidence = new double[BINS];
            int[] right = new int[BINS];
            double nll = 0;
            for (int i = 0; i < rows.size(); i++) {
                double[] z = logits.get(i);
                double[] scaled = new double[z.length];
                for (int c = 0; c < z.length; c++) {
                    scaled[c] = z[c] / t;
                }
                double[] p = FastTextTrainer.softmax(scaled);
                int top = 0;
                for (int c = 1; c < p.length; c++) {
                    if (p[c] > p[top]) {
                        top = c;
                    }
                }
                nll -= StrictMath.log(Math.max(p[rows.get(i).label()], 1e-12));
                if (top == noneIndex) {
                    continue;
                }
                int bin = Math.min(BINS - 1, (int) (p[top] * BINS));
                count[bin]++;
                confidence[bin] += p[top];
                if (top == rows.get(i).label()) {
                    right[bin]++;
                }
            }
            int attributions = 0;
            for (int c : count) {
                attributions += c;
            }
            double ece = 0;
            for (int b = 0; b < BINS; b++) {
                if (count[b] > 0) {
                    ece += Math.abs(confidence[b] - right[b]) / Math.max(1, attributions);
                }
            }
            ece = Math.round(ece * 1e6) / 1e6;
            if (ece < bestEce || ece == bestEce && nll < bestNll - 1e-12) {
                bestEce = ece;
                bestNll = nll;
                best = t;
            }
        }
        return Math.round(best * 100) / 100.0;
    }

    private static double[] logits(FastTextTrainer.Model model, int[] features) {
        double[] h = model.hidden(features);
        double[] z = new double[model.classes()];
        for (int c = 0; c < z.length; c++) {
            double s = model.bias()[c];
            for (int d = 0; d < model.dim(); d++) {
                s += h[d] * model.weights()[d * model.classes() + c];
            }
            z[c] = s;
        }
        return z;
    }

    /** Expected calibration error and the reliability bins of the best class's probability. */
    static Map<String, Object> reliability(FastTextTrainer.Model model, List<FastTextTrainer.Row> rows, int noneIndex) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributions", bins(model, rows, noneIndex));
        out.put("allRows", bins(model, rows, -1));
        return out;
    }

    /** Reliability of the top probability over the rows whose top class is not {@code skip}. */
    private static Map<String, Object> bins(FastTextTrainer.Model model, List<FastTextTrainer.Row> rows, int skip) {
        int[] count = new int[BINS];
        double[] confidence = new double[BINS];
        int[] right = new int[BINS];
        double nll = 0;
        for (FastTextTrainer.Row row : rows) {
            double[] p = model.probabilities(row.features());
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            nll -= StrictMath.log(Math.max(p[row.label()], 1e-12));
            if (best == skip) {
                continue;
            }
            int bin = Math.min(BINS - 1, (int) (p[best] * BINS));
            count[bin]++;
            confidence[bin] += p[best];
            if (best == row.label()) {
                right[bin]++;
            }
        }
        int counted = 0;
        for (int c : count) {
            counted += c;
        }
        double ece = 0;
        List<Object> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            if (count[b] == 0) {
                continue;
            }
            double conf = confidence[b] / count[b];
            double acc = (double) right[b] / count[b];
            ece += (double) count[b] / counted * Math.abs(conf - acc);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bin", String.format(java.util.Locale.ROOT, "%.1f-%.1f", b / (double) BINS, (b + 1) / (double) BINS));
            m.put("rows", count[b]);
            m.put("meanConfidence", TrainModel.round(conf));
            m.put("accuracy", TrainModel.round(acc));
            bins.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", counted);
        out.put("expectedCalibrationError", TrainModel.round(ece));
        out.put("meanNegativeLogLikelihood", TrainModel.round(rows.isEmpty() ? 0 : nll / rows.size()));
        out.put("bins", bins);
        return out;
    }
}
