package org.sovaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.FileError;
import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.SourceFile;

/**
 * A parser never throws, whatever it is fed: random bytes, damaged fixtures, hostile nesting.
 * Every input is given to every parser under several names (whether or not it would accept it).
 * Seeds are fixed so a failure reproduces.
 */
class GarbageInputTest {

    /** Names that select the different paths inside the parsers (one-line vs deb822 APT sources, ...). */
    private static final List<String> NAMES = List.of(
            "etc/resolv.conf", "etc/chrony/chrony.conf", "etc/apt/sources.list",
            "etc/apt/sources.list.d/x.sources", "infra/main.tf", "deploy/app.yaml", "configs/router.cfg");

    @Test
    void randomBytes_neverMakeAParserThrow() {
        Random random = new Random(20240318L);
        for (int round = 0; round < 150; round++) {
            byte[] bytes = new byte[random.nextInt(4096)];
            random.nextBytes(bytes);
            feedEveryParser(bytes, "random round " + round);
        }
    }

    @Test
    void randomPrintableText_neverMakesAParserThrow() {
        Random random = new Random(7L);
        String alphabet = "{}[]()=:\"'#!%^$*&<>-_,.\n\t /\\abcdefghijklmnopqrstuvwxyz0123456789";
        for (int round = 0; round < 150; round++) {
            char[] chars = new char[random.nextInt(2048)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            feedEveryParser(new String(chars).getBytes(StandardCharsets.UTF_8), "printable round " + round);
        }
    }

    @Test
    void damagedFixtures_neverMakeTheirParserThrow() {
        Random random = new Random(42L);
        for (TestFiles.FixtureCase fixture : TestFiles.fixtureCases()) {
            SourceFile original = fixture.input();
            Parser parser = Parsers.standard().forFile(original).orElseThrow();
            byte[] bytes = original.bytes();
            for (int cut = 0; cut < bytes.length; cut += Math.max(1, bytes.length / 25)) {
                check(parser, TestFiles.file(original.path(), Arrays.copyOf(bytes, cut)), fixture + " cut at " + cut);
            }
            for (int round = 0; round < 25 && bytes.length > 0; round++) {
                byte[] damaged = bytes.clone();
                for (int flips = 0; flips < 1 + random.nextInt(8); flips++) {
                    damaged[random.nextInt(damaged.length)] = (byte) "{}[]\"'#:-\n\t%$<\u0000".charAt(random.nextInt(15));
                }
                check(parser, TestFiles.file(original.path(), damaged), fixture + " damaged round " + round);
            }
        }
    }

    @Test
    void hostileNesting_isReportedNotThrown() {
        feedEveryParser(("a = " + "[".repeat(200_000)).getBytes(StandardCharsets.UTF_8), "open brackets");
        feedEveryParser(("x " + "{ a ".repeat(50_000)).getBytes(StandardCharsets.UTF_8), "open blocks");
        feedEveryParser(("apiVersion: v1\nkind: Pod\nspec: " + "[".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8), "flow nesting");
        StringBuilder indent = new StringBuilder("apiVersion: v1\nkind: Pod\n");
        for (int i = 0; i < 2000; i++) {
            indent.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        feedEveryParser(indent.toString().getBytes(StandardCharsets.UTF_8), "block nesting");
        feedEveryParser(("locals {\n a = \"" + "${".repeat(50_000) + "\"\n}\n").getBytes(StandardCharsets.UTF_8), "template nesting");
    }

    @Test
    void billionLaughs_staysSmallAndFinishes() {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        yaml.append("- &a0 {kind: Pod, spec: {containers: [{image: laugh:1}]}}\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("- &a").append(i).append(" {kind: List, items: [*a").append(i - 1).append(", *a").append(i - 1).append("]}\n");
        }
        SourceFile file = TestFiles.file("deploy/laughs.yaml", yaml.toString());
        ParseResult result = check(Parsers.standard().forFile(file).orElseThrow(), file, "billion laughs");
        assertTrue(result.observations().size() <= 1, "aliases were expanded: " + result.observations().size());
    }

    @Test
    void veryLongLines_areReadAndSnippetsStayShort() {
        String vrp = "#\nsysname R1\n#\nundo telnet server enable\n#\ninfo-center loghost 10.0.0.1 " + "x".repeat(2_000_000)
                + "\n#\nreturn\n";
        SourceFile file = TestFiles.file("configs/r1.cfg", vrp);
        ParseResult result = check(Parsers.standard().forFile(file).orElseThrow(), file, "long line");
        assertEquals(1, result.observations().size());
        assertTrue(result.observations().get(0).where().snippet().length() <= Snippets.MAX_LENGTH);
    }

    private static void feedEveryParser(byte[] bytes, String what) {
        for (Parser parser : Parsers.standard().all()) {
            for (String name : NAMES) {
                SourceFile file = TestFiles.file(name, bytes);
                try {
                    parser.accepts(file);
                } catch (RuntimeException e) {
                    fail(parser.id() + ".accepts threw on " + what + ": " + e, e);
                }
                check(parser, file, what);
            }
        }
    }

    private static ParseResult check(Parser parser, SourceFile file, String what) {
        ParseResult result;
        try {
            result = parser.parse(file);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(parser.id() + " threw on " + what + " (" + file.path() + "): " + e, e);
        }
        assertNotNull(result);
        for (Observation o : result.observations()) {
            assertFalse(o.value().isBlank());
            assertEquals(file.path(), o.where().file());
            assertTrue(o.where().snippet().length() <= Snippets.MAX_LENGTH);
        }
        for (FileError e : result.errors()) {
            assertEquals(file.path(), e.path());
            assertFalse(e.reason().contains("\n"), e.reason());
        }
        return result;
    }
}
