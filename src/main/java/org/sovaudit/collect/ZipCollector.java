package org.sovaudit.collect;

import java.nio.file.Path;

/**
 * An uploaded archive, kept under its historical name: it reads whatever archive format the content
 * shows (zip, tar, tar.gz, tar.bz2, gz), exactly as {@link ArchiveCollector} does, since an upload's
 * name says nothing reliable about its format.
 */
public final class ZipCollector implements Collector {

    private final ArchiveCollector delegate;

    /**
     * @param archive the archive file
     * @param name    what to call the source (an upload's original name, say)
     * @param prefix  prepended to every logical path; empty for none
     */
    public ZipCollector(Path archive, String name, String prefix, CollectLimits limits) {
        this.delegate = new ArchiveCollector(archive, name, prefix, limits);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void collect(FileSink sink) {
        delegate.collect(sink);
    }
}
