package org.sovaudit.audit;

import org.sovaudit.collect.Collector;
import org.sovaudit.collect.FileSink;
import org.sovaudit.model.FileError;
import org.sovaudit.model.SourceFile;

/** Puts every path of a source under a prefix, so that several sources in one audit cannot collide. */
record PrefixedCollector(Collector inner, String prefix) implements Collector {

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void collect(FileSink sink) {
        inner.collect(new FileSink() {
            @Override
            public void accept(SourceFile f) {
                sink.accept(new SourceFile(prefix + f.path(), f.bytes(), f.sha256()));
            }

            @Override
            public void reject(FileError e) {
                sink.reject(new FileError(prefix + e.path(), e.line(), e.reason()));
            }
        });
    }
}
