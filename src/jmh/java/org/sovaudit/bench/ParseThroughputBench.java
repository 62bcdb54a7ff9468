package org.sovaudit.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sovaudit.model.Digests;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.Parsers;

/**
 * Parsing throughput of one parser on a synthetic file of about {@code sizeKb} kilobytes built by
 * repeating one of our fixtures, on one thread. Bytes per second = sizeKb * 1024 * ops/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseThroughputBench {

    /** A fixture path under src/test/resources/fixtures. */
    @Param({"huawei-vrp/happy/configs/PE1-NE40E.cfg"})
    public String fixture;

    @Param({"1024"})
    public int sizeKb;

    private Parser parser;
    private SourceFile file;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        byte[] one = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/test/resources/fixtures", fixture));
        String text = new String(one, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(sizeKb * 1024 + text.length());
        while (sb.length() < sizeKb * 1024) {
            sb.append(text).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        String name = fixture.substring(fixture.lastIndexOf('/') + 1);
        file = new SourceFile(name, bytes, Digests.sha256Hex(bytes));
        parser = Parsers.standard().forFile(file).orElseThrow(() -> new IllegalStateException("no parser reads " + fixture));
    }

    @Benchmark
    public void parse(Blackhole bh) {
        ParseResult r = parser.parse(file);
        bh.consume(r);
    }
}
