package org.sovaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.helidon.config.Config;
import org.sovaudit.attribute.AttributionEval;
import org.sovaudit.attribute.KnowledgeBase;
import org.sovaudit.attribute.OnnxAttributor;
import org.sovaudit.attribute.update.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sovaudit model}: what the attribution model and knowledge base are ({@code info}) and how
 * well they attribute ({@code eval}): on the held-out split (with the held-out indicators removed
 * from the knowledge base) and on the hand-written unseen cases, the knowledge base alone beside the
 * knowledge base with the model.
 */
@Command(name = "model", description = "Inspect and evaluate the attribution model and knowledge base.",
        subcommands = {ModelCommand.Info.class, ModelCommand.Eval.class})
final class ModelCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a model command is required: info or eval");
    }

    @Command(name = "info", description = "The active knowledge base and model: versions, hashes, size, classes.")
    static final class Info implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Config config = model.main.config(Map.of());
            ModelStore store = ModelStore.at(Configuration.dataDir(config));
            KnowledgeBase kb = store.knowledgeBase();
            PrintWriter out = spec.commandLine().getOut();
            try (OnnxAttributor m = store.model(config.get("model.intra-op-threads").asInt().orElse(1),
                    config.get("model.batch-size").asInt().orElse(256))) {
                out.println("active: " + store.active());
                out.println("knowledge base " + kb.version() + " sha256 " + kb.sha256() + ": " + kb.vendors().size() + " vendors, "
                        + kb.groups().size() + " groups, " + kb.indicatorCount() + " indicators " + kb.indicatorCounts());
                int[] tables = kb.addressTableSizes();
                out.println("  regions: " + kb.regionCount() + "; address tables: " + tables[0] + " ranges announced by its AS numbers, "
                        + tables[1] + " ranges with a registration country");
                out.println("model " + m.source() + " sha256 " + m.sha256() + ": " + m.classes().size() + " classes, features "
                        + m.metadata().get("feature-version") + ", trained on knowledge base " + m.metadata().get("kb-version")
                        + ", temperature " + m.metadata().get("temperature"));
                out.println("runtime: " + m.threads() + " thread(s), batch " + m.batchSize());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "eval", description = {"Precision, recall and F1 per vendor group and macro, and the rate of confident wrong "
            + "answers, for the knowledge base alone and with the model: on the held-out split of the training data and on "
            + "the hand-written unseen cases (models/training-data/unseen.tsv)."})
    static final class Eval implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Spec
        CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR", description = "Directory with held-out.tsv and unseen.tsv (default models/training-data).")
        Path data = Path.of("models", "training-data");

        @Option(names = "--threshold", paramLabel = "P", description = "Lowest model probability taken (default: the policy's model-threshold).")
        Double threshold;

        @Option(names = "--json", description = "Print the figures as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Config config = model.main.config(Map.of());
            double t = threshold != null ? threshold : Components.policy(config).modelThreshold();
            Path heldOutFile = data.resolve("held-out.tsv");
            Path unseenFile = data.resolve("unseen.tsv");
            for (Path f : List.of(heldOutFile, unseenFile)) {
                if (!Files.isRegularFile(f)) {
                    throw new java.nio.file.NoSuchFileException(f + " (give the training-data directory with --data)");
                }
            }
            ModelStore store = ModelStore.at(Configuration.dataDir(config));
            KnowledgeBase kb = store.knowledgeBase();
            List<AttributionEval.Case> heldOut = AttributionEval.read(heldOutFile);
            List<AttributionEval.Case> unseen = AttributionEval.read(unseenFile);
            Set<String> heldOutUnits = new HashSet<>();
            for (AttributionEval.Case c : heldOut) {
                heldOutUnits.add(c.unit());
            }
            KnowledgeBase withoutHeldOut = kb.without(i -> heldOutUnits.contains(i.toString()));
            AttributionEval.Comparison h;
            AttributionEval.Comparison u;
            try (OnnxAttributor m = store.model(config.get("model.intra-op-threads").asInt().orElse(1),
                    config.get("model.batch-size").asInt().orElse(256))) {
                h = AttributionEval.compare("held-out", heldOut, withoutHeldOut, m, t);
                u = AttributionEval.compare("unseen", unseen, kb, m, t);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("heldOut", AttributionEval.toMap(h));
                all.put("unseen", AttributionEval.toMap(u));
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(all));
            } else {
                out.println("knowledge base " + kb.version() + " (" + store.active() + "); the held-out split is measured with its "
                        + "indicators removed from the knowledge base");
                out.println();
                out.print(AttributionEval.format(h));
                out.println();
                out.print(AttributionEval.format(u));
                out.println();
                AttributionEval.Scores a = u.kbOnly();
                AttributionEval.Scores b = u.kbAndModel();
                boolean earns = b.f1() > a.f1() && b.precision() >= a.precision();
                out.println(String.format(Locale.ROOT, "unseen cases: the model %s its place (micro F1 %s -> %s, recall %s -> %s, "
                                + "precision %s -> %s%s)", earns ? "earns" : "does not earn", AttributionEval.num(a.f1()).strip(),
                        AttributionEval.num(b.f1()).strip(), AttributionEval.num(a.recall()).strip(), AttributionEval.num(b.recall()).strip(),
                        AttributionEval.num(a.precision()).strip(), AttributionEval.num(b.precision()).strip(),
                        earns || b.f1() <= a.f1() ? "" : ": it adds right answers but lowers precision"));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
