package org.sovaudit.evidence.bundle;

import java.util.Objects;

/** One file of a bundle: its name (flat, no directories) and its bytes. The array is copied on the way in and out. */
public record BundleFile(String name, byte[] content) {
    public BundleFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        String problem = BundleReader.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    int size() {
        return content.length;
    }
}
