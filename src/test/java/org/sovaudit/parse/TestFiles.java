package org.sovaudit.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.sovaudit.model.SourceFile;

/** Source files for tests, and the fixture tree. */
public final class TestFiles {

    /** src/test/resources/fixtures, read from the source tree so that goldens can be rewritten in place. */
    public static final Path FIXTURES = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/fixtures").toAbsolutePath().normalize();

    private TestFiles() {
    }

    public static SourceFile file(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public static SourceFile file(String path, byte[] bytes) {
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new SourceFile(path, bytes, sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture case: the parser id (first directory), case name, and its directory. */
    public record FixtureCase(String parserId, String name, Path dir) {
        @Override
        public String toString() {
            return parserId + "/" + name;
        }

        /** The one input file of the case, with its logical path relative to the case directory. */
        public SourceFile input() {
            try (Stream<Path> files = Files.walk(dir)) {
                List<Path> inputs = files.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("expected-"))
                        .toList();
                if (inputs.size() != 1) {
                    throw new IllegalStateException(this + " must hold exactly one input file, found " + inputs);
                }
                Path input = inputs.get(0);
                String logical = dir.relativize(input).toString().replace('\\', '/');
                return file(logical, Files.readAllBytes(input));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every fixture case, sorted by parser id and case name. */
    public static List<FixtureCase> fixtureCases() {
        List<FixtureCase> cases = new ArrayList<>();
        try (Stream<Path> parsers = Files.list(FIXTURES)) {
            for (Path parserDir : parsers.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> caseDirs = Files.list(parserDir)) {
                    for (Path caseDir : caseDirs.filter(Files::isDirectory).sorted().toList()) {
                        cases.add(new FixtureCase(parserDir.getFileName().toString(), caseDir.getFileName().toString(), caseDir));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
