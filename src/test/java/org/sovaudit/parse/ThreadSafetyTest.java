package org.sovaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.ParseResult;
import org.sovaudit.model.SourceFile;

/** One registry serves many threads: parsing the fixtures concurrently gives the sequential results. */
class ThreadSafetyTest {

    @Test
    void concurrentParsing_givesTheSameResultsAsSequential() throws Exception {
        Parsers parsers = Parsers.standard();
        Map<String, SourceFile> inputs = new LinkedHashMap<>();
        Map<String, ParseResult> expected = new LinkedHashMap<>();
        for (TestFiles.FixtureCase fixture : TestFiles.fixtureCases()) {
            SourceFile input = fixture.input();
            inputs.put(fixture.toString(), input);
            expected.put(fixture.toString(), parsers.forFile(input).orElseThrow().parse(input));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map.Entry<String, ParseResult>>> futures = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (Map.Entry<String, SourceFile> e : inputs.entrySet()) {
                    futures.add(pool.submit(() -> Map.entry(e.getKey(),
                            parsers.forFile(e.getValue()).orElseThrow().parse(e.getValue()))));
                }
            }
            for (Future<Map.Entry<String, ParseResult>> f : futures) {
                Map.Entry<String, ParseResult> actual = f.get();
                assertEquals(expected.get(actual.getKey()), actual.getValue(), actual.getKey());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
