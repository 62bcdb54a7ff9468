package org.sovaudit.model;

import java.util.Objects;

/**
 * Where something stands: a file's logical path, a 1-based line (0 when the whole file is meant)
 * and a short snippet of that line with credentials already redacted.
 */
public record Evidence(String file, int line, String snippet) {
    public Evidence {
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
        snippet = snippet == null ? "" : snippet;
    }

    /** {@code file:line}, or the file alone for whole-file evidence. */
    public String where() {
        return line == 0 ? file : file + ":" + line;
    }
}
