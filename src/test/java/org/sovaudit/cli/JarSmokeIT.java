package org.sovaudit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged appliance (target/sovaudit.jar with target/libs), run as its users run it: a
 * separate JVM on the runtime classpath only, so that a library present only for tests cannot hide
 * a missing one.
 */
class JarSmokeIT {

    @TempDir
    Path dir;

    @Test
    void packagedJar_runsTheDemoToAVerifiedBundle() throws IOException, InterruptedException {
        Path jar = Path.of("target/sovaudit.jar");
        assertTrue(Files.isRegularFile(jar), "package the jar first (mvn verify does)");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-jar",
                jar.toString(), "demo", "--out-dir", dir.resolve("demo").toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the demo did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("VERIFIED: every check passed"), output);
        assertTrue(output.contains("EXPECTED.md: all"), output);
        assertTrue(Files.isRegularFile(dir.resolve("demo/report.html")));
    }
}
