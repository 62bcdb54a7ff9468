package org.sovaudit.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command line tool (openssl, sh) for integration tests and captures what it prints. */
public final class Processes {

    /** What a finished process left behind. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String describe() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private Processes() {
    }

    public static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        return run(workDir, null, command);
    }

    public static Result run(Path workDir, byte[] stdin, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(workDir.toFile()).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        // A guard against a hung tool, not a statement about speed.
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("command did not finish: " + String.join(" ", command));
        }
        return new Result(process.exitValue(),
                new String(out.join(), StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("(unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}
