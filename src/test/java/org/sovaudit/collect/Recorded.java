package org.sovaudit.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.sovaudit.model.FileError;
import org.sovaudit.model.SourceFile;

/** A sink that keeps what it is given, for assertions. */
final class Recorded implements FileSink {
    final Map<String, SourceFile> files = new TreeMap<>();
    final List<FileError> errors = new ArrayList<>();

    @Override
    public void accept(SourceFile file) {
        files.put(file.path(), file);
    }

    @Override
    public void reject(FileError error) {
        errors.add(error);
    }

    String reasonFor(String path) {
        return errors.stream().filter(e -> e.path().equals(path)).map(FileError::reason).findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + path + "; errors: " + errors));
    }
}
