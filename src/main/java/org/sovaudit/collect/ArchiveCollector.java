package org.sovaudit.collect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an archive (zip, tar, tar.gz/tgz, tar.bz2, or one gzip- or bzip2-compressed file), its
 * format recognised by content, with archives inside it opened up to {@value Archives#MAX_NESTING}
 * levels deep. Entries keep their names under the prefix; entries of nested archives are named
 * {@code inner.tgz!/etc/hosts} (see {@link Archives} for the naming and every bound).
 */
public final class ArchiveCollector implements Collector {

    private static final String[] SUFFIXES = {".tar.gz", ".tar.bz2", ".tgz", ".tbz2", ".tbz", ".zip", ".tar",
        ".gz", ".bz2"};

    private final Path archive;
    private final String name;
    private final String prefix;
    private final CollectLimits limits;

    /**
     * @param archive the archive file
     * @param name    what to call the source (an upload's original name, say)
     * @param prefix  prepended to every logical path; empty for none
     */
    public ArchiveCollector(Path archive, String name, String prefix, CollectLimits limits) {
        this.archive = archive;
        this.name = name;
        this.prefix = prefix;
        this.limits = limits;
    }

    @Override
    public String name() {
        return name;
    }

    /** The format {@code file}'s first bytes show, when it is an archive or compressed file this class reads. */
    static Optional<ArchiveFormat> formatOf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(ArchiveFormat.SNIFF_BYTES);
            return ArchiveFormat.sniff(head, head.length);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The file name without its archive suffix: {@code site-a.tar.gz} is called {@code site-a}. */
    static String baseName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String suffix : SUFFIXES) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return fileName.substring(0, fileName.length() - suffix.length());
            }
        }
        return fileName;
    }

    @Override
    public void collect(FileSink sink) {
        if (!Files.isRegularFile(archive)) {
            throw new CollectException("no such archive: " + name);
        }
        Optional<ArchiveFormat> format = formatOf(archive);
        if (format.isEmpty()) {
            throw new CollectException("'" + name + "' is not a readable zip archive, nor a tar, tar.gz, tar.bz2 or gz");
        }
        if (!format.get().supported()) {
            throw new CollectException("'" + name + "' is a " + format.get().unsupportedReason());
        }
        Path fileName = archive.getFileName();
        String own = fileName == null ? name : fileName.toString();
        Archives archives = new Archives(sink, new Budget(limits));
        try {
            archives.openFile(archive, format.get(), own, new Archives.Ref(prefix + own, prefix, 1));
        } catch (NoSuchFileException e) {
            throw new CollectException("no such archive: " + name);
        } catch (IOException | RuntimeException e) {
            throw new CollectException("'" + name + "' is not a readable " + format.get().label() + " archive: "
                    + Archives.describe(e), e);
        }
    }
}
