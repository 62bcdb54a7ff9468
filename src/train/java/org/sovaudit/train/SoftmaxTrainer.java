package org.sovaudit.train;

import java.util.List;
import java.util.Random;

import org.sovaudit.attribute.Features;

/**
 * Multinomial logistic regression over hashed binary features, trained with AdaGrad and L2: the
 * exact model the ONNX graph computes (sum of the active rows of a [buckets, classes] table, plus a
 * bias, then softmax). Deterministic: fixed epochs, seeded shuffling, {@link StrictMath} for
 * exp/sqrt, a single thread, no hash-ordered iteration; the same rows give the same bits.
 */
final class SoftmaxTrainer {

    /** A row: its sorted, distinct feature indices and its class index. */
    record Row(int[] features, int label) {
    }

    /** Weights and bias, row-major {@code weights[feature * classes + class]}. */
    record Weights(int buckets, int classes, float[] weights, float[] bias) {

        /** Class probabilities of one row, computed as the graph does (float sums, then softmax). */
        double[] probabilities(int[] features) {
            double[] z = new double[classes];
            for (int c = 0; c < classes; c++) {
                float sum = 0f;
                for (int f : features) {
                    sum += weights[f * classes + c];
                }
                z[c] = sum + bias[c];
            }
            return softmax(z);
        }

        /** The same weights rounded to half precision, as the ONNX file stores them. */
        Weights roundedToHalf() {
            float[] w = new float[weights.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = Float.float16ToFloat(Float.floatToFloat16(weights[i]));
            }
            return new Weights(buckets, classes, w, bias.clone());
        }
    }

    /** Class gradients smaller than this are skipped: they would not move a weight noticeably. */
    private static final double MIN_GRADIENT = 1e-6;

    private final int classes;
    private final int epochs;
    private final double learningRate;
    private final double l2;
    private final long seed;

    SoftmaxTrainer(int classes, int epochs, double learningRate, double l2, long seed) {
        this.classes = classes;
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.l2 = l2;
        this.seed = seed;
    }

    Weights train(List<Row> rows) {
        int buckets = Features.BUCKETS;
        double[] w = new double[buckets * classes];
        double[] gw = new double[buckets * classes];
        double[] b = new double[classes];
        double[] gb = new double[classes];
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] z = new double[classes];
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, new Random(seed + epoch));
            for (int r : order) {
                Row row = rows.get(r);
                int[] f = row.features();
                System.arraycopy(b, 0, z, 0, classes);
                for (int i : f) {
                    int base = i * classes;
                    for (int c = 0; c < classes; c++) {
                        z[c] += w[base + c];
                    }
                }
                double[] g = softmax(z);
                g[row.label()] -= 1.0;
                for (int c = 0; c < classes; c++) {
                    if (Math.abs(g[c]) >= MIN_GRADIENT) {
                        gb[c] += g[c] * g[c];
                        b[c] -= learningRate * g[c] / (StrictMath.sqrt(gb[c]) + 1e-8);
                    }
                }
                for (int i : f) {
                    int base = i * classes;
                    for (int c = 0; c < classes; c++) {
                        if (Math.abs(g[c]) < MIN_GRADIENT) {
                            continue;
                        }
                        int k = base + c;
                        double grad = g[c] + l2 * w[k];
                        gw[k] += grad * grad;
                        w[k] -= learningRate * grad / (StrictMath.sqrt(gw[k]) + 1e-8);
                    }
                }
            }
        }
        float[] weights = new float[w.length];
        for (int i = classes; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        // row 0 is the padding index and stays zero
        float[] bias = new float[classes];
        for (int c = 0; c < classes; c++) {
            bias[c] = (float) b[c];
        }
        return new Weights(buckets, classes, weights, bias);
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = StrictMath.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Fisher-Yates with the given generator. */
    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
