package org.sovaudit.attribute;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.sovaudit.model.Attribution;
import org.sovaudit.model.Digests;

/**
 * The attribution classifier, run with ONNX Runtime: a fastText-shaped graph over {@link Features}
 * (feature indices -> Gather from an embedding table -> mean -> class layer -> Softmax). Its classes
 * are vendor-group ids plus {@code none}, read from the model's metadata; its probabilities are
 * calibrated by temperature scaling when it is trained (see models/MODEL_CARD.md).
 *
 * <p>A model is only loaded when its SHA-256 equals the pinned one, and only when its metadata says
 * it was trained on this build's features ({@link Features#VERSION}, bucket count, width).
 *
 * <p>One session serves every call. {@code threads} lanes share it: each lane owns an input and an
 * output direct buffer allocated once and reused, and its own feature extractor; a call's subjects
 * (distinct: {@link Attributions} de-duplicates values before inference) are cut into batches of
 * {@code batchSize} (the last padded with index 0) and the lanes take batches in turn, each running
 * feature extraction and the session on its own thread with one intra-op thread. {@link #predict}
 * is synchronised; one call uses every lane.
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

    static final int MAX_MODEL_BYTES = 64 * 1024 * 1024;
    private static final int MAX_BATCH = 8192;
    private static final int MAX_THREADS = 64;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CLASS_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final String sha256;
    private final String name;
    private final List<String> classes;
    private final Map<String, String> metadata;
    private final int batchSize;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final Lane[] lanes;
    private final ExecutorService helpers;
    private boolean closed;

    /** One worker's reusable buffers. */
    private static final class Lane {
        final LongBuffer input;
        final FloatBuffer output;
        final OnnxTensor inputTensor;
        final OnnxTensor outputTensor;
        final Features.Extractor extractor = new Features.Extractor();
        final int[] indices = new int[Features.MAX_FEATURES];
        final long[] row = new long[Features.MAX_FEATURES];
        final float[] scores;
        final Map<String, OnnxTensor> inputs;
        final Map<String, OnnxTensor> outputs;

        Lane(OrtEnvironment env, int batchSize, int classes) throws OrtException {
            input = ByteBuffer.allocateDirect(batchSize * Features.MAX_FEATURES * Long.BYTES)
                    .order(ByteOrder.nativeOrder()).asLongBuffer();
            output = ByteBuffer.allocateDirect(batchSize * classes * Float.BYTES)
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
            inputTensor = OnnxTensor.createTensor(env, input, new long[]{batchSize, Features.MAX_FEATURES});
            OnnxTensor out = null;
            try {
                out = OnnxTensor.createTensor(env, output, new long[]{batchSize, classes});
            } finally {
                if (out == null) {
                    inputTensor.close();
                }
            }
            outputTensor = out;
            scores = new float[classes];
            inputs = Map.of(INPUT, inputTensor);
            outputs = Map.of(OUTPUT, outputTensor);
        }

        void close() {
            inputTensor.close();
            outputTensor.close();
        }
    }

    /** What to do with one subject's row of probabilities, copied out of a lane's output buffer. */
    private interface RowConsumer {
        void accept(int subject, float[] probabilities);
    }

    private OnnxAttributor(String sha256, String name, List<String> classes, Map<String, String> metadata,
                           int batchSize, int threads, OrtSession.SessionOptions options, OrtSession session,
                           OrtEnvironment env) throws OrtException {
        this.sha256 = sha256;
        this.name = name;
        this.classes = classes;
        this.metadata = metadata;
        this.batchSize = batchSize;
        this.options = options;
        this.session = session;
        this.lanes = new Lane[threads];
        try {
            for (int i = 0; i < threads; i++) {
                lanes[i] = new Lane(env, batchSize, classes.size());
            }
        } catch (OrtException | RuntimeException e) {
            for (Lane lane : lanes) {
                if (lane != null) {
                    lane.close();
                }
            }
            throw e;
        }
        this.helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "sovaudit-model");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The model shipped in the jar ({@code models/attribution.onnx}), refused unless its SHA-256
     * equals {@code models/attribution.onnx.sha256}.
     *
     * @param threads   lanes (cores) the model may use; each runs one intra-op thread
     * @param batchSize subjects per session run
     */
    public static OnnxAttributor loadDefault(int threads, int batchSize) {
        byte[] pinned = KbFiles.resource(DEFAULT_MODEL_SHA256, 1024);
        byte[] model = KbFiles.resource(DEFAULT_MODEL, MAX_MODEL_BYTES);
        return create(model, new String(pinned, StandardCharsets.US_ASCII), "classpath:" + DEFAULT_MODEL,
                threads, batchSize);
    }

    /** A model file, refused unless its SHA-256 equals {@code expectedSha256} (hex). */
    public static OnnxAttributor load(Path model, String expectedSha256, int threads, int batchSize) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(model, LinkOption.NOFOLLOW_LINKS)) {
                throw new AttributionException("model " + model + " is missing or not a regular file");
            }
            if (Files.size(model) > MAX_MODEL_BYTES) {
                throw new AttributionException("model " + model + " is larger than " + MAX_MODEL_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(model);
        } catch (IOException e) {
            throw new AttributionException("cannot read model " + model + ": " + e.getMessage(), e);
        }
        return create(bytes, expectedSha256, model.toString(), threads, batchSize);
    }

    private static OnnxAttributor create(byte[] model, String expectedSha256, String name, int threads, int batchSize) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new AttributionException("model threads must be within 1.." + MAX_THREADS + ", was " + threads);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new AttributionException("batch size must be within 1.." + MAX_BATCH + ", was " + batchSize);
        }
        String expected = expectedSha256 == null ? "" : expectedSha256.strip().toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(expected).matches()) {
            throw new AttributionException("model " + name + " refused: the pinned SHA-256 is not 64 hex digits: '"
                    + (expected.length() > 80 ? expected.substring(0, 80) + "..." : expected) + "'");
        }
        String actual = Digests.sha256Hex(model);
        if (!actual.equals(expected)) {
            throw new AttributionException("model " + name + " refused: SHA-256 mismatch: expected " + expected
                    + ", actual " + actual);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = null;
        try {
            // concurrency comes from the lanes; each run stays on its caller's thread
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // no busy-waiting between batches: the appliance shares small hardware
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(model, options);
            List<String> classes = checkModel(session, name);
            Map<String, String> metadata = new TreeMap<>(session.getMetadata().getCustomMetadata());
            return new OnnxAttributor(actual, name, classes, Collections.unmodifiableMap(metadata), batchSize, threads,
                    options, session, env);
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

    /** Where the model was read from, for messages. */
    public String source() {
        return name;
    }

    /** The model's classes: vendor-group ids and {@code none}, in output order. */
    public List<String> classes() {
        return classes;
    }

    /**
     * The model's metadata: classes, feature-version, buckets, max-features, the knowledge base
     * (kb-version, kb-sha256) and training data it was trained from, the trainer and its calibration.
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    public int batchSize() {
        return batchSize;
    }

    public int threads() {
        return lanes.length;
    }

    /**
     * The top {@value #TOP} classes per subject, best first (ties: class order), in subject order.
     * Every subject given is run: callers de-duplicate first ({@link Attributions} does).
     */
    public List<List<Attribution.Guess>> predict(List<Subject> subjects) {
        List<List<Attribution.Guess>> top = new ArrayList<>(Collections.nCopies(subjects.size(), null));
        run(subjects, (i, probabilities) -> top.set(i, top(probabilities)));
        return top;
    }

    /** Every class's probability per subject, in {@link #classes()} order. */
    float[][] probabilities(List<Subject> subjects) {
        float[][] out = new float[subjects.size()][];
        run(subjects, (i, probabilities) -> out[i] = probabilities.clone());
        return out;
    }

    private synchronized void run(List<Subject> subjects, RowConsumer consumer) {
        if (closed) {
            throw new AttributionException("the attribution model is closed");
        }
        int batches = (subjects.size() + batchSize - 1) / batchSize;
        if (batches <= 1 || helpers == null) {
            for (int b = 0; b < batches; b++) {
                runBatch(lanes[0], subjects, b, consumer);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(lanes.length, batches);
        List<Future<?>> futures = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            Lane lane = lanes[w];
            futures.add(helpers.submit(() -> drain(lane, subjects, batches, next, consumer)));
        }
        RuntimeException failure = null;
        try {
            drain(lanes[0], subjects, batches, next, consumer);
        } catch (RuntimeException e) {
            failure = e;
            next.set(batches);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new AttributionException("model lane failed: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new AttributionException("interrupted while the model ran", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void drain(Lane lane, List<Subject> subjects, int batches, AtomicInteger next, RowConsumer consumer) {
        for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
            runBatch(lane, subjects, b, consumer);
        }
    }

    private void runBatch(Lane lane, List<Subject> subjects, int batch, RowConsumer consumer) {
        int start = batch * batchSize;
        int n = Math.min(batchSize, subjects.size() - start);
        int width = Features.MAX_FEATURES;
        LongBuffer input = lane.input;
        int[] indices = lane.indices;
        long[] row = lane.row;
        for (int i = 0; i < batchSize; i++) {
            int k = i < n ? lane.extractor.extract(subjects.get(start + i), indices) : 0;
            for (int j = 0; j < k; j++) {
                row[j] = indices[j];
            }
            java.util.Arrays.fill(row, k, width, 0L);
            input.put(i * width, row);
        }
        try {
            // the output is pinned to the lane's buffer; the result only holds references to it
            session.run(lane.inputs, lane.outputs).close();
        } catch (OrtException e) {
            throw new AttributionException("ONNX Runtime failed on a batch of " + n + ": " + e.getMessage(), e);
        }
        int c = classes.size();
        for (int i = 0; i < n; i++) {
            lane.output.get(i * c, lane.scores);
            consumer.accept(start + i, lane.scores);
        }
    }

    /** The best {@value #TOP} classes of one row (ties: class order); probabilities rounded to four decimals. */
    private List<Attribution.Guess> top(float[] p) {
        int c = p.length;
        int b0 = -1;
        int b1 = -1;
        int b2 = -1;
        for (int k = 0; k < c; k++) {
            float v = p[k];
            if (b0 < 0 || v > p[b0]) {
                b2 = b1;
                b1 = b0;
                b0 = k;
            } else if (b1 < 0 || v > p[b1]) {
                b2 = b1;
                b1 = k;
            } else if (b2 < 0 || v > p[b2]) {
                b2 = k;
            }
        }
        int[] best = {b0, b1, b2};
        Attribution.Guess[] out = new Attribution.Guess[Math.min(TOP, c)];
        for (int r = 0; r < out.length; r++) {
            // four decimals: enough to read, and the same on every CPU whatever the last float bits
            double rounded = Math.round(Math.max(0.0, Math.min(1.0, p[best[r]])) * 10_000) / 10_000.0;
            out[r] = new Attribution.Guess(classes.get(best[r]), rounded);
        }
        return List.of(out);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (helpers != null) {
            helpers.shutdownNow();
        }
        for (Lane lane : lanes) {
            lane.close();
        }
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
