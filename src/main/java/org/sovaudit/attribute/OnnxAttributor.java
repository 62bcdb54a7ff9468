package org.sovaudit.attribute;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.sovaudit.model.Attribution;

/**
 * The attribution classifier, run with ONNX Runtime: a fastText-shaped graph (feature indices ->
 * Gather from a weight table -> ReduceSum -> Add bias -> Softmax) over {@link Features}. Its classes
 * are vendor-group ids plus {@code none}, read from the model's metadata.
 *
 * <p>A model is only loaded when its SHA-256 equals the pinned one, and only when its metadata says
 * it was trained on this build's features ({@link Features#VERSION}, bucket count, width).
 * One session serves every call; input and output live in direct buffers allocated once and
 * reused, the last batch padded with index 0. {@link #predict} is synchronised (the buffers are
 * shared); one instance per thread runs in parallel.
 */
public final class OnnxAttributor implements AutoCloseable {

    /** The model on the classpath and its pinned hash. */
    static final String DEFAULT_MODEL = "models/attribution.onnx";
    static final String DEFAULT_MODEL_SHA256 = "models/attribution.onnx.sha256";

    /** Class id of "no known vendor". */
    public static final String NONE = "none";
    /** Guesses returned per subject. */
    public static final int TOP = 3;

    static final String INPUT = "features";
    static final String OUTPUT = "probabilities";
    static final String META_CLASSES = "classes";
    static final String META_FEATURE_VERSION = "feature-version";
    static final String META_BUCKETS = "buckets";
    static final String META_MAX_FEATURES = "max-features";

    private static final int MAX_MODEL_BYTES = 64 * 1024 * 1024;
    private static final int MAX_BATCH = 8192;
    private static final int MAX_THREADS = 256;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CLASS_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final String sha256;
    private final List<String> classes;
    private final Map<String, String> metadata;
    private final int batchSize;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final LongBuffer input;
    private final FloatBuffer output;
    private final OnnxTensor inputTensor;
    private final OnnxTensor outputTensor;
    private boolean closed;

    private OnnxAttributor(String sha256, List<String> classes, Map<String, String> metadata, int batchSize,
                           OrtSession.SessionOptions options, OrtSession session, OrtEnvironment env) throws OrtException {
        this.sha256 = sha256;
        this.classes = classes;
        this.metadata = metadata;
        this.batchSize = batchSize;
        this.options = options;
        this.session = session;
        this.input = ByteBuffer.allocateDirect(batchSize * Features.MAX_FEATURES * Long.BYTES)
                .order(ByteOrder.nativeOrder()).asLongBuffer();
        this.output = ByteBuffer.allocateDirect(batchSize * classes.size() * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.inputTensor = OnnxTensor.createTensor(env, input, new long[]{batchSize, Features.MAX_FEATURES});
        this.outputTensor = OnnxTensor.createTensor(env, output, new long[]{batchSize, classes.size()});
    }

    /**
     * The model shipped in the jar ({@code models/attribution.onnx}), refused unless its SHA-256
     * equals {@code models/attribution.onnx.sha256}.
     *
     * @param intraOpThreads ONNX Runtime threads for one batch (1 on small boards)
     * @param batchSize      subjects per run
     */
    public static OnnxAttributor loadDefault(int intraOpThreads, int batchSize) {
        byte[] pinned = KbFiles.resource(DEFAULT_MODEL_SHA256, 1024);
        byte[] model = KbFiles.resource(DEFAULT_MODEL, MAX_MODEL_BYTES);
        return create(model, new String(pinned, StandardCharsets.US_ASCII), "classpath:" + DEFAULT_MODEL,
                intraOpThreads, batchSize);
    }

    /** A model file, refused unless its SHA-256 equals {@code expectedSha256} (hex). */
    public static OnnxAttributor load(Path model, String expectedSha256, int intraOpThreads, int batchSize) {
        byte[] bytes;
        try {
            if (Files.size(model) > MAX_MODEL_BYTES) {
                throw new AttributionException("model " + model + " is larger than " + MAX_MODEL_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(model);
        } catch (IOException e) {
            throw new AttributionException("cannot read model " + model + ": " + e.getMessage(), e);
        }
        return create(bytes, expectedSha256, model.toString(), intraOpThreads, batchSize);
    }

    private static OnnxAttributor create(byte[] model, String expectedSha256, String name, int intraOpThreads, int batchSize) {
        if (intraOpThreads < 1 || intraOpThreads > MAX_THREADS) {
            throw new AttributionException("intra-op threads must be within 1.." + MAX_THREADS + ", was " + intraOpThreads);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new AttributionException("batch size must be within 1.." + MAX_BATCH + ", was " + batchSize);
        }
        String expected = expectedSha256 == null ? "" : expectedSha256.strip().toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(expected).matches()) {
            throw new AttributionException("model " + name + " refused: the pinned SHA-256 is not 64 hex digits: '"
                    + (expected.length() > 80 ? expected.substring(0, 80) + "..." : expected) + "'");
        }
        String actual = KbLoader.hex(KbLoader.sha256(model));
        if (!actual.equals(expected)) {
            throw new AttributionException("model " + name + " refused: SHA-256 mismatch: expected " + expected
                    + ", actual " + actual);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = null;
        try {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // no busy-waiting between batches: the appliance shares small hardware
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(model, options);
            List<String> classes = checkModel(session, name);
            Map<String, String> metadata = new TreeMap<>(session.getMetadata().getCustomMetadata());
            return new OnnxAttributor(actual, classes, Collections.unmodifiableMap(metadata), batchSize, options, session, env);
        } catch (OrtException e) {
            closeQuietly(session, options);
            throw new AttributionException("model " + name + " cannot be loaded by ONNX Runtime: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session, options);
            throw e;
        }
    }

    /** Checks the metadata and signature against this build's features; returns the classes. */
    private static List<String> checkModel(OrtSession session, String name) throws OrtException {
        Map<String, String> meta = session.getMetadata().getCustomMetadata();
        String version = meta.getOrDefault(META_FEATURE_VERSION, "");
        if (!version.equals(Features.VERSION)) {
            throw new AttributionException("model " + name + " was trained on features '" + version
                    + "', this build extracts '" + Features.VERSION + "'");
        }
        if (!String.valueOf(Features.BUCKETS).equals(meta.get(META_BUCKETS))
                || !String.valueOf(Features.MAX_FEATURES).equals(meta.get(META_MAX_FEATURES))) {
            throw new AttributionException("model " + name + " expects " + meta.get(META_BUCKETS) + " buckets and "
                    + meta.get(META_MAX_FEATURES) + " features per row; this build has " + Features.BUCKETS
                    + " and " + Features.MAX_FEATURES);
        }
        List<String> classes = List.of(meta.getOrDefault(META_CLASSES, "").split(",", -1));
        if (classes.size() < 2 || !classes.contains(NONE)
                || classes.stream().anyMatch(c -> !CLASS_ID.matcher(c).matches())
                || classes.stream().distinct().count() != classes.size()) {
            throw new AttributionException("model " + name + " has no valid class list in its metadata");
        }
        NodeInfo in = session.getInputInfo().get(INPUT);
        NodeInfo out = session.getOutputInfo().get(OUTPUT);
        if (in == null || out == null || !(in.getInfo() instanceof TensorInfo inInfo)
                || !(out.getInfo() instanceof TensorInfo outInfo)
                || inInfo.type != OnnxJavaType.INT64 || outInfo.type != OnnxJavaType.FLOAT
                || inInfo.getShape().length != 2 || inInfo.getShape()[1] != Features.MAX_FEATURES
                || outInfo.getShape().length != 2 || outInfo.getShape()[1] != classes.size()) {
            throw new AttributionException("model " + name + " does not take int64 '" + INPUT + "' [batch, "
                    + Features.MAX_FEATURES + "] to float '" + OUTPUT + "' [batch, " + classes.size() + "]");
        }
        return classes;
    }

    /** SHA-256 (hex) of the loaded model file. */
    public String sha256() {
        return sha256;
    }

    /** The model's classes: vendor-group ids and {@code none}, in output order. */
    public List<String> classes() {
        return classes;
    }

    /**
     * The model's metadata: classes, feature-version, buckets, max-features, and the knowledge base
     * (kb-version, kb-sha256) and training data it was trained from.
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The top {@value #TOP} classes per subject, best first (ties: class order), in subject order. */
    public List<List<Attribution.Guess>> predict(List<Subject> subjects) {
        float[][] scores = probabilities(subjects);
        List<List<Attribution.Guess>> out = new ArrayList<>(scores.length);
        for (float[] row : scores) {
            out.add(top(row));
        }
        return out;
    }

    /** Every class's probability per subject, in {@link #classes()} order. */
    synchronized float[][] probabilities(List<Subject> subjects) {
        if (closed) {
            throw new AttributionException("the attribution model is closed");
        }
        int width = Features.MAX_FEATURES;
        int c = classes.size();
        float[][] out = new float[subjects.size()][];
        long[] row = new long[width];
        for (int start = 0; start < subjects.size(); start += batchSize) {
            int n = Math.min(batchSize, subjects.size() - start);
            input.clear();
            for (int i = 0; i < batchSize; i++) {
                Arrays.fill(row, 0L);
                if (i < n) {
                    int[] indices = Features.indices(subjects.get(start + i));
                    for (int j = 0; j < indices.length; j++) {
                        row[j] = indices[j];
                    }
                }
                input.put(row);
            }
            try {
                // the output is pinned to our buffer; the result only holds references to it
                session.run(Map.of(INPUT, inputTensor), Map.of(OUTPUT, outputTensor)).close();
            } catch (OrtException e) {
                throw new AttributionException("ONNX Runtime failed on a batch of " + n + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < n; i++) {
                float[] probs = new float[c];
                output.get(i * c, probs);
                out[start + i] = probs;
            }
        }
        return out;
    }

    private List<Attribution.Guess> top(float[] probs) {
        Integer[] order = new Integer[probs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> probs[a] != probs[b] ? Float.compare(probs[b], probs[a]) : Integer.compare(a, b));
        List<Attribution.Guess> out = new ArrayList<>(TOP);
        for (int i = 0; i < Math.min(TOP, order.length); i++) {
            // four decimals: enough to read, and the same on every CPU whatever the last float bits
            double p = Math.round(Math.max(0.0, Math.min(1.0, probs[order[i]])) * 10_000) / 10_000.0;
            out.add(new Attribution.Guess(classes.get(order[i]), p));
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        inputTensor.close();
        outputTensor.close();
        closeQuietly(session, options);
    }

    private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // nothing more to release; the native session is gone either way
            }
        }
        options.close();
    }
}
