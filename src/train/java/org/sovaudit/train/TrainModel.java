package org.sovaudit.train;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.sovaudit.assess.Policy;
import org.sovaudit.attribute.AttributionEval;
import org.sovaudit.attribute.Features;
import org.sovaudit.attribute.Group;
import org.sovaudit.attribute.KnowledgeBase;
import org.sovaudit.attribute.OnnxAttributor;
import org.sovaudit.model.Digests;

/**
 * Trains the attribution model from the knowledge base and the hand-written training data, and
 * writes {@code attribution.onnx}, its {@code .sha256}, {@code training-data/generated.tsv},
 * {@code training-data/held-out.tsv} and {@code training-data/metrics.json}. Deterministic: the
 * same inputs give byte-identical outputs.
 *
 * <pre>mvn -P train compile exec:java   (arguments: --models DIR --out DIR)</pre>
 *
 * <p>Procedure: generate examples; per class, hold out one in five units (an indicator with all its
 * variants, a region, a hand-written or generated negative) by seeded shuffle, half of them for
 * calibration and half for testing; train on the rest; fit the temperature on the calibration half;
 * write the model; then measure it through the appliance's own runtime on the test half (with the
 * held-out indicators removed from the knowledge base, so the model is measured on what the
 * knowledge base does not know) and on {@code training-data/unseen.tsv}, a hand-written set the
 * trainer never learns from. The shipped model is the one measured: it never saw the held-out rows.
 */
public final class TrainModel {

    static final long SEED = 20261129L;
    static final int DIM = 48;
    static final int EPOCHS = 40;
    static final double LEARNING_RATE = 0.6;
    static final int HOLD_OUT_EVERY = 5;
    static final int MAX_SWEEP = 7;

    private TrainModel() {
    }

    public static void main(String[] args) throws IOException {
        Path models = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: TrainModel --models DIR --out DIR");
                    System.exit(2);
                }
            }
        }
        if (models == null || out == null) {
            System.err.println("usage: TrainModel --models DIR --out DIR");
            System.exit(2);
        }
        run(models, out);
    }

    static void run(Path models, Path out) throws IOException {
        KnowledgeBase kb = KnowledgeBase.load(models.resolve("kb"));
        Path data = models.resolve("training-data");
        List<Example> negatives = TrainingData.readNegatives(data.resolve("negatives.tsv"));
        List<Example> labelled = TrainingData.readLabelled(data.resolve("labelled.tsv"));
        List<String> words = TrainingData.readWords(data.resolve("none-words.txt"));
        List<Example> examples = TrainingData.distinct(new TrainingData(kb, SEED, words, negatives, labelled).generate());
        checkNegatives(negatives, kb);
        checkUnseen(AttributionEval.read(data.resolve("unseen.tsv")), examples, kb);

        List<String> classes = new ArrayList<>();
        for (Group g : kb.groups()) {
            classes.add(g.id());
        }
        classes.add(TrainingData.NONE);
        checkLabelled(labelled, kb, classes);
        Map<String, Integer> classIndex = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }

        Map<String, Set<String>> split = split(examples);
        Set<String> calibrationUnits = split.get("calibration");
        Set<String> testUnits = split.get("test");
        List<FastTextTrainer.Row> train = new ArrayList<>();
        List<FastTextTrainer.Row> calibration = new ArrayList<>();
        List<FastTextTrainer.Row> test = new ArrayList<>();
        List<Example> testExamples = new ArrayList<>();
        // calibrated on what reaches the model: rows the knowledge base without the calibration units leaves open
        KnowledgeBase withoutCalibration = kb.without(i -> calibrationUnits.contains(i.toString()));
        for (Example e : examples) {
            Integer label = classIndex.get(e.label());
            if (label == null) {
                throw new IllegalStateException("example labelled '" + e.label() + "', not a class");
            }
            FastTextTrainer.Row row = new FastTextTrainer.Row(Features.indices(e.subject()), label);
            if (calibrationUnits.contains(e.unit())) {
                if (withoutCalibration.match(e.subject()).isEmpty()) {
                    calibration.add(row);
                }
            } else if (testUnits.contains(e.unit())) {
                test.add(row);
                testExamples.add(e);
            } else {
                train.add(row);
            }
        }

        FastTextTrainer trainer = new FastTextTrainer(classes.size(), DIM, EPOCHS, LEARNING_RATE, SEED);
        FastTextTrainer.Model raw = trainer.train(train).roundedToHalf();
        double temperature = Calibration.fitTemperature(raw, calibration, classIndex.get(TrainingData.NONE));
        FastTextTrainer.Model calibrated = raw.withTemperature(temperature);

        byte[] generated = generatedTsv(examples, kb);
        byte[] heldOut = heldOutTsv(testExamples, kb);
        byte[] negativesBytes = Files.readAllBytes(data.resolve("negatives.tsv"));
        byte[] labelledBytes = Files.readAllBytes(data.resolve("labelled.tsv"));
        byte[] wordsBytes = Files.readAllBytes(data.resolve("none-words.txt"));
        String dataSha = Digests.sha256Hex(concat(generated, negativesBytes, labelledBytes, wordsBytes));

        String trainerDescription = "fastText-shaped softmax model: mean of " + DIM + "-dimensional bucket embeddings, linear"
                + " class layer; SGD, epochs=" + EPOCHS + ", learning-rate=" + LEARNING_RATE + " decaying linearly, seed=" + SEED;
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("classes", String.join(",", classes));
        metadata.put("feature-version", Features.VERSION);
        metadata.put("buckets", String.valueOf(Features.BUCKETS));
        metadata.put("max-features", String.valueOf(Features.MAX_FEATURES));
        metadata.put("embedding-dim", String.valueOf(DIM));
        metadata.put("kb-version", kb.version());
        metadata.put("kb-sha256", kb.sha256());
        metadata.put("training-data-sha256", dataSha);
        metadata.put("trainer", trainerDescription);
        metadata.put("temperature", String.valueOf(temperature));
        byte[] onnx = OnnxExport.write(calibrated, Features.MAX_FEATURES,
                "sovaudit attribution classifier: vendor group of an observed value (see models/MODEL_CARD.md)", metadata);
        String modelSha = Digests.sha256Hex(onnx);

        Files.createDirectories(out.resolve("training-data"));
        Path modelFile = out.resolve("attribution.onnx");
        Files.write(modelFile, onnx);
        Files.writeString(out.resolve("attribution.onnx.sha256"), modelSha + "\n", StandardCharsets.US_ASCII);
        Files.write(out.resolve("training-data").resolve("generated.tsv"), generated);
        Files.write(out.resolve("training-data").resolve("held-out.tsv"), heldOut);

        // measured through the appliance's runtime, exactly as an audit runs it
        double threshold = Policy.defaults().modelThreshold();
        List<AttributionEval.Case> heldOutCases = AttributionEval.read(out.resolve("training-data").resolve("held-out.tsv"));
        List<AttributionEval.Case> unseenCases = AttributionEval.read(data.resolve("unseen.tsv"));
        KnowledgeBase withoutHeldOut = kb.without(i -> testUnits.contains(i.toString()));
        Map<String, Object> evaluation = new LinkedHashMap<>();
        List<Object> sweep = new ArrayList<>();
        try (OnnxAttributor model = OnnxAttributor.load(modelFile, modelSha, 1, 256)) {
            AttributionEval.Comparison h = AttributionEval.compare("held-out", heldOutCases, withoutHeldOut, model, threshold);
            AttributionEval.Comparison u = AttributionEval.compare("unseen", unseenCases, kb, model, threshold);
            evaluation.put("heldOut", AttributionEval.toMap(h));
            evaluation.put("unseen", AttributionEval.toMap(u));
            System.out.print(AttributionEval.format(h));
            System.out.print(AttributionEval.format(u));
            for (double t : new double[] {0.5, 0.6, 0.7, 0.8, 0.9, 0.95}) {
                AttributionEval.Comparison hs = AttributionEval.compare("held-out", heldOutCases, withoutHeldOut, model, t);
                AttributionEval.Comparison us = AttributionEval.compare("unseen", unseenCases, kb, model, t);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("threshold", AttributionEval.num(t).strip());
                m.put("heldOut", summary(hs));
                m.put("unseen", summary(us));
                sweep.add(m);
            }
        }

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("modelSha256", modelSha);
        metrics.put("modelBytes", onnx.length);
        metrics.put("kbVersion", kb.version());
        metrics.put("kbSha256", kb.sha256());
        metrics.put("featureVersion", Features.VERSION);
        metrics.put("buckets", Features.BUCKETS);
        metrics.put("maxFeatures", Features.MAX_FEATURES);
        metrics.put("embeddingDim", DIM);
        metrics.put("classes", classes);
        metrics.put("trainer", trainerDescription);
        metrics.put("examples", examples.size());
        metrics.put("examplesPerClass", perClass(examples, classes));
        Map<String, Object> splitInfo = new LinkedHashMap<>();
        splitInfo.put("trainRows", train.size());
        splitInfo.put("calibrationRows", calibration.size());
        splitInfo.put("testRows", test.size());
        splitInfo.put("calibrationUnits", calibrationUnits.size());
        splitInfo.put("testUnits", testUnits.size());
        splitInfo.put("rule", "per class, 1 in " + HOLD_OUT_EVERY + " units (an indicator with all its variants) held out by"
                + " seeded shuffle, alternately for calibration and test; classes with fewer than " + HOLD_OUT_EVERY
                + " units are not held out");
        metrics.put("split", splitInfo);
        Map<String, Object> calibrationInfo = new LinkedHashMap<>();
        calibrationInfo.put("method", "temperature scaling: the grid temperature with the least expected calibration error of the top probability over the calibration rows whose top class is a vendor group (NLL breaks ties)");
        calibrationInfo.put("temperature", round(temperature));
        calibrationInfo.put("testBefore", Calibration.reliability(raw, test, classIndex.get(TrainingData.NONE)));
        calibrationInfo.put("testAfter", Calibration.reliability(calibrated, test, classIndex.get(TrainingData.NONE)));
        metrics.put("calibration", calibrationInfo);
        metrics.put("threshold", AttributionEval.num(threshold).strip());
        metrics.put("evaluation", evaluation);
        metrics.put("thresholdSweep", sweep);
        Files.write(out.resolve("training-data").resolve("metrics.json"), json(metrics));

        System.out.printf(Locale.ROOT, "trained %d classes on %d rows (%d calibration, %d test held out), temperature %.2f%n",
                classes.size(), train.size(), calibration.size(), test.size(), temperature);
        System.out.printf(Locale.ROOT, "wrote %s (%d bytes, sha256 %s)%n", modelFile, onnx.length, modelSha);
    }

    /** A hand-written negative the knowledge base attributes is a mistake in one of the two: stop. */
    static void checkNegatives(List<Example> negatives, KnowledgeBase kb) {
        List<String> matched = new ArrayList<>();
        for (Example e : negatives) {
            kb.match(e.subject()).ifPresent(m -> matched.add(e.unit() + " " + e.value() + " -> " + m.indicator()));
        }
        if (!matched.isEmpty()) {
            throw new IllegalStateException("negatives the knowledge base attributes:\n  " + String.join("\n  ", matched));
        }
    }

    /**
     * A hand-labelled row must name a class, and the knowledge base, where it matches the row, must
     * name the same group: a disagreement is a mistake in one of the two.
     */
    static void checkLabelled(List<Example> labelled, KnowledgeBase kb, List<String> classes) {
        List<String> wrong = new ArrayList<>();
        for (Example e : labelled) {
            if (!classes.contains(e.label())) {
                wrong.add(e.unit() + " " + e.value() + ": label '" + e.label() + "' is not a group of the knowledge base");
                continue;
            }
            kb.match(e.subject()).filter(m -> !m.vendor().group().equals(e.label()))
                    .ifPresent(m -> wrong.add(e.unit() + " " + e.value() + ": labelled " + e.label() + ", the knowledge base says "
                            + m.vendor().group() + " (" + m.indicator() + ")"));
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("hand-labelled rows in conflict:\n  " + String.join("\n  ", wrong));
        }
    }

    /**
     * The unseen set must stay unseen for the model: no case the knowledge base leaves to the model
     * may equal a training example (kind and value, any case). Cases the knowledge base answers never
     * reach the model, and may well equal an indicator.
     */
    static void checkUnseen(List<AttributionEval.Case> unseen, List<Example> examples, KnowledgeBase kb) {
        Set<String> trained = new HashSet<>();
        for (Example e : examples) {
            trained.add(e.kind().id() + "\t" + e.value().strip().toLowerCase(Locale.ROOT));
        }
        List<String> leaked = new ArrayList<>();
        for (AttributionEval.Case c : unseen) {
            String key = c.subject().kind().id() + "\t" + c.subject().value().strip().toLowerCase(Locale.ROOT);
            if (trained.contains(key) && kb.match(c.subject()).isEmpty()) {
                leaked.add(c.unit() + " " + c.subject().value());
            }
        }
        if (!leaked.isEmpty()) {
            throw new IllegalStateException("unseen cases that are also training examples:\n  " + String.join("\n  ", leaked));
        }
    }

    private static Map<String, Object> summary(AttributionEval.Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kbPrecision", AttributionEval.num(c.kbOnly().precision()).strip());
        m.put("kbRecall", AttributionEval.num(c.kbOnly().recall()).strip());
        m.put("precision", AttributionEval.num(c.kbAndModel().precision()).strip());
        m.put("recall", AttributionEval.num(c.kbAndModel().recall()).strip());
        m.put("macroF1", AttributionEval.num(c.kbAndModel().macroF1()).strip());
        m.put("confidentWrongRate", AttributionEval.num(c.kbAndModel().confidentWrongRate()).strip());
        return m;
    }

    /**
     * Per class, every fifth unit of its sorted, seed-shuffled units is held out, alternately for
     * calibration and test. Classes with under five units keep all for training.
     */
    static Map<String, Set<String>> split(List<Example> examples) {
        Map<String, TreeSet<String>> unitsByLabel = new TreeMap<>();
        for (Example e : examples) {
            unitsByLabel.computeIfAbsent(e.label(), k -> new TreeSet<>()).add(e.unit());
        }
        Set<String> calibration = new TreeSet<>();
        Set<String> test = new TreeSet<>();
        for (Map.Entry<String, TreeSet<String>> entry : unitsByLabel.entrySet()) {
            List<String> units = new ArrayList<>(entry.getValue());
            Collections.shuffle(units, new Random(SEED ^ Features.fnv1a64(entry.getKey())));
            int take = units.size() / HOLD_OUT_EVERY;
            for (int i = 0; i < take; i++) {
                (i % 2 == 0 ? test : calibration).add(units.get(i));
            }
        }
        // a unit shared by two labels (the same value named for two groups) stays in training
        Set<String> shared = new HashSet<>();
        Map<String, String> labelOf = new TreeMap<>();
        for (Example e : examples) {
            String previous = labelOf.putIfAbsent(e.unit(), e.label());
            if (previous != null && !previous.equals(e.label())) {
                shared.add(e.unit());
            }
        }
        calibration.removeAll(shared);
        test.removeAll(shared);
        return Map.of("calibration", calibration, "test", test);
    }

    private static Map<String, Integer> perClass(List<Example> examples, List<String> classes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String c : classes) {
            counts.put(c, 0);
        }
        for (Example e : examples) {
            counts.merge(e.label(), 1, Integer::sum);
        }
        return counts;
    }

    private static byte[] generatedTsv(List<Example> examples, KnowledgeBase kb) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Generated by org.sovaudit.train.TrainingData from knowledge base ").append(kb.version())
                .append(" (sha256 ").append(kb.sha256()).append("); do not edit, run bin/retrain.\n");
        sb.append("# The hand-written rows of negatives.tsv and labelled.tsv are not repeated here.\n");
        sb.append("# label\tkind\trole\tvalue\tcontext\tunit\n");
        for (Example e : examples) {
            if (!e.unit().startsWith("negative ") && !e.unit().startsWith("labelled ")) {
                sb.append(e.tsv()).append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] heldOutTsv(List<Example> examples, KnowledgeBase kb) {
        StringBuilder sb = new StringBuilder();
        sb.append("# The test half of the held-out split, written by org.sovaudit.train.TrainModel from knowledge base ")
                .append(kb.version()).append("; do not edit, run bin/retrain.\n");
        sb.append("# The model never trained on these rows. `sovaudit model eval` measures on them with the knowledge base\n");
        sb.append("# minus the indicators named in the unit column, so that it measures what the knowledge base does not know.\n");
        sb.append("# label\tkind\trole\tvalue\tcontext\tunit\n");
        for (Example e : examples) {
            sb.append(e.tsv()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(Map<String, Object> metrics) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        ObjectMapper mapper = new ObjectMapper();
        mapper.disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        String text = mapper.writer(printer).writeValueAsString(metrics);
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN);
    }
}
