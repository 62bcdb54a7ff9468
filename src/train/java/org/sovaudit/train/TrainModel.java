package org.sovaudit.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
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
import org.sovaudit.attribute.Features;
import org.sovaudit.attribute.Group;
import org.sovaudit.attribute.KnowledgeBase;

/**
 * Trains the attribution model from the knowledge base and the hand-written training data, and
 * writes {@code attribution.onnx}, its {@code .sha256}, {@code training-data/generated.tsv} and
 * {@code training-data/metrics.json}. Deterministic: the same inputs give byte-identical outputs.
 *
 * <pre>mvn -P train compile exec:java   (arguments: --models DIR --out DIR)</pre>
 *
 * <p>Procedure: generate examples; hold out a fifth of each class's indicators (all variants of a
 * held-out indicator stay out); train on the rest and measure on the held-out rows (the metrics);
 * then train the shipped model on every row with the same settings.
 */
public final class TrainModel {

    static final long SEED = 20261129L;
    static final int EPOCHS = 12;
    static final double LEARNING_RATE = 0.2;
    static final double L2 = 1e-3;
    static final int HOLD_OUT_EVERY = 5;

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
        List<String> words = TrainingData.readWords(data.resolve("none-words.txt"));
        List<Example> examples = TrainingData.distinct(new TrainingData(kb, SEED, words, negatives).generate());

        List<String> classes = new ArrayList<>();
        for (Group g : kb.groups()) {
            classes.add(g.id());
        }
        classes.add(TrainingData.NONE);
        Map<String, Integer> classIndex = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }

        List<SoftmaxTrainer.Row> all = new ArrayList<>();
        for (Example e : examples) {
            Integer label = classIndex.get(e.label());
            if (label == null) {
                throw new IllegalStateException("example labelled '" + e.label() + "', not a class");
            }
            all.add(new SoftmaxTrainer.Row(Features.indices(e.subject()), label));
        }

        Set<String> heldOutUnits = heldOutUnits(examples);
        List<SoftmaxTrainer.Row> train = new ArrayList<>();
        List<SoftmaxTrainer.Row> heldOut = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            (heldOutUnits.contains(examples.get(i).unit()) ? heldOut : train).add(all.get(i));
        }

        SoftmaxTrainer trainer = new SoftmaxTrainer(classes.size(), EPOCHS, LEARNING_RATE, L2, SEED);
        SoftmaxTrainer.Weights splitModel = trainer.train(train).roundedToHalf();
        Map<String, Object> heldOutMetrics = Evaluation.evaluate(splitModel, heldOut, classes, classIndex.get(TrainingData.NONE));
        SoftmaxTrainer.Weights finalModel = trainer.train(all);
        Map<String, Object> trainingMetrics = Evaluation.evaluate(finalModel.roundedToHalf(), all, classes,
                classIndex.get(TrainingData.NONE));

        byte[] generated = generatedTsv(examples, kb);
        byte[] negativesBytes = Files.readAllBytes(data.resolve("negatives.tsv"));
        byte[] wordsBytes = Files.readAllBytes(data.resolve("none-words.txt"));
        String dataSha = hex(sha256(concat(generated, negativesBytes, wordsBytes)));

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("classes", String.join(",", classes));
        metadata.put("feature-version", Features.VERSION);
        metadata.put("buckets", String.valueOf(Features.BUCKETS));
        metadata.put("max-features", String.valueOf(Features.MAX_FEATURES));
        metadata.put("kb-version", kb.version());
        metadata.put("kb-sha256", kb.sha256());
        metadata.put("training-data-sha256", dataSha);
        metadata.put("trainer", "softmax regression, AdaGrad, epochs=" + EPOCHS + ", learning-rate=" + LEARNING_RATE
                + ", l2=" + L2 + ", seed=" + SEED);
        byte[] onnx = OnnxExport.write(finalModel, Features.MAX_FEATURES,
                "sovaudit attribution classifier: vendor group of an observed value (see models/MODEL_CARD.md)", metadata);
        String modelSha = hex(sha256(onnx));

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("modelSha256", modelSha);
        metrics.put("kbVersion", kb.version());
        metrics.put("kbSha256", kb.sha256());
        metrics.put("featureVersion", Features.VERSION);
        metrics.put("buckets", Features.BUCKETS);
        metrics.put("maxFeatures", Features.MAX_FEATURES);
        metrics.put("classes", classes);
        metrics.put("trainer", metadata.get("trainer"));
        metrics.put("examples", examples.size());
        metrics.put("examplesPerClass", perClass(examples, classes));
        metrics.put("split", Map.of("trainRows", train.size(), "heldOutRows", heldOut.size(),
                "heldOutUnits", heldOutUnits.size(), "rule", "per class, 1 in " + HOLD_OUT_EVERY
                        + " indicators (with all their variants) held out, chosen by seeded shuffle"));
        metrics.put("heldOut", heldOutMetrics);
        metrics.put("shippedModelOnAllRows", Map.of("accuracy", trainingMetrics.get("accuracy"),
                "macroF1", trainingMetrics.get("macroF1")));

        Files.createDirectories(out.resolve("training-data"));
        Files.write(out.resolve("attribution.onnx"), onnx);
        Files.writeString(out.resolve("attribution.onnx.sha256"), modelSha + "\n", StandardCharsets.US_ASCII);
        Files.write(out.resolve("training-data").resolve("generated.tsv"), generated);
        Files.write(out.resolve("training-data").resolve("metrics.json"), json(metrics));

        System.out.printf(Locale.ROOT, "trained %d classes on %d examples (%d held out); held-out accuracy %s, macro-F1 %s%n",
                classes.size(), examples.size(), heldOut.size(), heldOutMetrics.get("accuracy"), heldOutMetrics.get("macroF1"));
        System.out.printf(Locale.ROOT, "wrote %s (%d bytes, sha256 %s)%n", out.resolve("attribution.onnx"), onnx.length, modelSha);
    }

    /** Per class, every fifth unit of its sorted, seed-shuffled units. Classes with under five units keep all. */
    static Set<String> heldOutUnits(List<Example> examples) {
        Map<String, TreeSet<String>> unitsByLabel = new TreeMap<>();
        for (Example e : examples) {
            unitsByLabel.computeIfAbsent(e.label(), k -> new TreeSet<>()).add(e.unit());
        }
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, TreeSet<String>> entry : unitsByLabel.entrySet()) {
            List<String> units = new ArrayList<>(entry.getValue());
            Collections.shuffle(units, new Random(SEED ^ Features.fnv1a64(entry.getKey())));
            int take = units.size() / HOLD_OUT_EVERY;
            out.addAll(units.subList(0, take));
        }
        return out;
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
        sb.append("# The hand-written rows of negatives.tsv are not repeated here.\n");
        sb.append("# label\tkind\trole\tvalue\tcontext\tunit\n");
        for (Example e : examples) {
            if (!e.unit().startsWith("negative ")) {
                sb.append(e.tsv()).append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(Map<String, Object> metrics) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
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

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
