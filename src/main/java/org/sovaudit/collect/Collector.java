package org.sovaudit.collect;

/**
 * A source of configuration files. Files stream to the sink one at a time, so that nothing holds
 * the whole corpus in memory; a problem with one file is handed to the sink as an error and the
 * collection goes on.
 */
public interface Collector {

    /** A short name for what is collected (a directory or archive name), used as the audit scope. */
    String name();

    /**
     * Streams every file to {@code sink}.
     *
     * @throws CollectException when the source as a whole cannot be read (missing, not an archive)
     */
    void collect(FileSink sink);
}
