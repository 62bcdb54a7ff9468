package org.sovaudit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sovaudit.attribute.Features;
import org.sovaudit.attribute.KnowledgeBase;
import org.sovaudit.attribute.OnnxAttributor;
import org.sovaudit.attribute.Subject;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/**
 * Attribution speed on a realistic mix of {@value #N} distinct observations of every kind (the
 * rows of models/training-data: generated variants, held-out and unseen cases, hand-written
 * negatives), each made distinct by an index where needed, in a fixed shuffled order:
 * <ul>
 *   <li>{@code kbLookup}: knowledge-base lookups, one thread (target: 1 M/s);</li>
 *   <li>{@code features}: feature extraction alone, one thread;</li>
 *   <li>{@code model}: the ONNX model on all of them, feature extraction included, with
 *       {@code threads} lanes and batches of {@code batch} (target: 500 k/s on 2 cores);</li>
 *   <li>{@code sessionCreation}: loading the committed model (hash check, session, buffers)
 *       and closing it (target: 300 ms).</li>
 * </ul>
 * Scores are per observation (ops/s) except session creation (ms per load).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AttributionBench {

    static final int N = 65_536;

    @Param({"2"})
    public int threads;

    @Param({"256"})
    public int batch;

    private KnowledgeBase kb;
    private OnnxAttributor model;
    private List<Subject> subjects;
    private final Features.Extractor extractor = new Features.Extractor();
    private final int[] indices = new int[Features.MAX_FEATURES];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        kb = KnowledgeBase.loadDefault();
        model = OnnxAttributor.loadDefault(threads, batch);
        subjects = workload();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    /** The rows of the training-data files, repeated with an index until there are N distinct ones, shuffled. */
    static List<Subject> workload() throws IOException {
        List<Subject> base = new ArrayList<>();
        Path data = Path.of("models", "training-data");
        for (String file : List.of("generated.tsv", "held-out.tsv", "unseen.tsv")) {
            for (String line : Files.readAllLines(data.resolve(file), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                base.add(new Subject(ObservationKind.fromId(c[1]), c[3], Role.fromId(c[2]), c[4]));
            }
        }
        Set<Subject> distinct = new LinkedHashSet<>(base);
        int round = 0;
        while (distinct.size() < N) {
            for (Subject s : base) {
                if (distinct.size() == N) {
                    break;
                }
                String v = switch (s.kind()) {
                    case HOSTNAME -> "n" + round + "." + s.value();
                    case URL -> s.value() + (s.value().contains("?") ? "&" : "?") + "r=" + round;
                    default -> s.value() + " " + round;
                };
                distinct.add(new Subject(s.kind(), v, s.role(), s.context()));
            }
            round++;
        }
        List<Subject> out = new ArrayList<>(distinct).subList(0, N);
        java.util.Collections.shuffle(out, new Random(20261129L));
        return List.copyOf(out);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(N)
    @Threads(1)
    public void kbLookup(Blackhole bh) {
        for (Subject s : subjects) {
            bh.consume(kb.match(s));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(N)
    @Threads(1)
    public void features(Blackhole bh) {
        for (Subject s : subjects) {
            bh.consume(extractor.extract(s, indices));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(N)
    @Threads(1)
    public void model(Blackhole bh) {
        bh.consume(model.predict(subjects));
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 10)
    @Threads(1)
    public void sessionCreation(Blackhole bh) {
        try (OnnxAttributor m = OnnxAttributor.loadDefault(threads, batch)) {
            bh.consume(m.classes());
        }
    }
}
