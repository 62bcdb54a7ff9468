package org.sovaudit.model;

import java.util.Objects;

/**
 * A problem with one file, recorded and counted; the audit goes on. {@code line} is 0 when the
 * problem concerns the whole file.
 */
public record FileError(String path, int line, String reason) {
    public FileError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    public static FileError wholeFile(String path, String reason) {
        return new FileError(path, 0, reason);
    }

    @Override
    public String toString() {
        return (line == 0 ? path : path + ":" + line) + ": " + reason;
    }
}
