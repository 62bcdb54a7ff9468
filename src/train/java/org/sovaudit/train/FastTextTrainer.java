package org.sovaudit.train;

import java.util.List;
import java.util.Random;

import org.sovaudit.attribute.Features;

/**
 * The fastText model the ONNX graph computes: the mean of the embeddings of a row's feature buckets
 * (bucket 0, the padding, has a zero embedding and is not counted), a linear class layer, softmax.
 * Trained by plain SGD on the cross-entropy with a linearly decaying learning rate, as fastText
 * does. Deterministic: fixed epochs, embeddings initialised from a seeded {@link Random}, seeded
 * Fisher-Yates shuffling per epoch, {@link StrictMath} for exp, one thread, no hash-ordered
 * iteration; the same rows give the same bits.
 */
final class FastTextTrainer {

    /** A row: its distinct feature buckets and its class index. */
    record Row(int[] features, int label) {
    }

    /**
     * The trained parameters. {@code embeddings[bucket * dim + d]}, {@code weights[d * classes + c]},
     * {@code bias[c]}. {@code temperature} divides the logits (1 until calibrated).
     */
    record Model(int buckets, int dim, int classes, float[] embeddings, float[] weights, float[] bias, double temperature) {

        /** Class probabilities of one row, as the graph computes them. */
        double[] probabilities(int[] features) {
            double[] h = hidden(features);
            double[] z = new double[classes];
            for (int c = 0; c < classes; c++) {
                double s = bias[c];
                for (int d = 0; d < dim; d++) {
                    s += h[d] * weights[d * classes + c];
                }
                z[c] = s / temperature;
            }
            return softmax(z);
        }

        double[] hidden(int[] features) {
            double[] h = new double[dim];
            int n = 0;
            for (int f : features) {
                if (f == 0) {
                    continue;
                }
                n++;
                int base = f * dim;
                for (int d = 0; d < dim; d++) {
                    h[d] += embeddings[base + d];
                }
            }
            if (n > 0) {
                for (int d = 0; d < dim; d++) {
                    h[d] /= n;
                }
            }
            return h;
        }

        /** The same model with embeddings rounded to half precision, as the ONNX file stores them. */
        Model roundedToHalf() {
            float[] e = new float[embeddings.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = Float.float16ToFloat(Float.floatToFloat16(embeddings[i]));
            }
            return new Model(buckets, dim, classes, e, weights, bias, temperature);
        }

        Model withTemperature(double t) {
            return new Model(buckets, dim, classes, embeddings, weights, bias, t);
        }
    }

    private final int classes;
    private final int dim;
    private final int epochs;
    private final double learningRate;
    private final long seed;

    FastTextTrainer(int classes, int dim, int epochs, double learningRate, long seed) {
        this.classes = classes;
        this.dim = dim;
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    Model train(List<Row> rows) {
        int buckets = Features.BUCKETS;
        double[] e = new double[buckets * dim];
        Random init = new Random(seed);
        for (int i = dim; i < e.length; i++) {
            e[i] = (init.nextDouble() * 2 - 1) / dim;
        }
        double[] w = new double[dim * classes];
        double[] b = new double[classes];
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] h = new double[dim];
        double[] z = new double[classes];
        double[] dh = new double[dim];
        long total = (long) epochs * rows.size();
        long step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, new Random(seed + 1 + epoch));
            for (int r : order) {
                double lr = learningRate * (1.0 - (double) step / total);
                step++;
                Row row = rows.get(r);
                int[] f = row.features();
                java.util.Arrays.fill(h, 0);
                int n = 0;
                for (int i : f) {
                    if (i == 0) {
                        continue;
                    }
                    n++;
                    int base = i * dim;
                    for (int d = 0; d < dim; d++) {
                        h[d] += e[base + d];
                    }
                }
                if (n == 0) {
                    continue;
                }
                for (int d = 0; d < dim; d++) {
                    h[d] /= n;
                }
                for (int c = 0; c < classes; c++) {
                    double s = b[c];
                    for (int d = 0; d < dim; d++) {
                        s += h[d] * w[d * classes + c];
                    }
                    z[c] = s;
                }
                double[] g = softmax(z);
                g[row.label()] -= 1.0;
                java.util.Arrays.fill(dh, 0);
                for (int d = 0; d < dim; d++) {
                    int base = d * classes;
                    double acc = 0;
                    for (int c = 0; c < classes; c++) {
                        acc += w[base + c] * g[c];
                        w[base + c] -= lr * h[d] * g[c];
                    }
                    dh[d] = acc;
                }
                for (int c = 0; c < classes; c++) {
                    b[c] -= lr * g[c];
                }
                double scale = lr / n;
                for (int i : f) {
                    if (i == 0) {
                        continue;
                    }
                    int base = i * dim;
                    for (int d = 0; d < dim; d++) {
                        e[base + d] -= scale * dh[d];
                    }
                }
            }
        }
        float[] embeddings = new float[e.length];
        for (int i = dim; i < e.length; i++) {
            embeddings[i] = (float) e[i];
        }
        float[] weights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        float[] bias = new float[classes];
        for (int c = 0; c < classes; c++) {
            bias[c] = (float) b[c];
        }
        return new Model(buckets, dim, classes, embeddings, weights, bias, 1.0);
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

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
