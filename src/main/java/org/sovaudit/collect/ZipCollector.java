package org.sovaudit.collect;

import org.sovaudit.model.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.sovaudit.model.FileError;
import org.sovaudit.model.SourceFile;

/**
 * Reads a zip archive with Apache Commons Compress, defensively: entry names that are absolute or
 * climb out with {@code ..} are refused, as are link entries, duplicates, encrypted entries and
 * entries whose size or compression ratio exceeds the limits. Declared sizes are never trusted:
 * every entry is read through a bound.
 */
public final class ZipCollector implements Collector {

    private final Path archive;
    private final String name;
    private final String prefix;
    private final CollectLimits limits;

    /**
     * @param archive the zip file
     * @param name    what to call the source (an upload's original name, say)
     * @param prefix  prepended to every logical path; empty for none
     */
    public ZipCollector(Path archive, String name, String prefix, CollectLimits limits) {
        this.archive = archive;
        this.name = name;
        this.prefix = prefix;
        this.limits = limits;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void collect(FileSink sink) {
        if (!Files.isRegularFile(archive)) {
            throw new CollectException("no such archive: " + name);
        }
        try (ZipFile zip = ZipFile.builder().setPath(archive).setUseUnicodeExtraFields(true).get()) {
            Budget budget = new Budget(limits);
            Set<String> seen = new HashSet<>();
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                if (!readEntry(zip, entry, sink, budget, seen)) {
                    return;
                }
            }
        } catch (NoSuchFileException e) {
            throw new CollectException("no such archive: " + name);
        } catch (IOException e) {
            throw new CollectException("'" + name + "' is not a readable zip archive: " + e.getMessage(), e);
        }
    }

    /** Returns false when the collection must stop (a total limit was reached). */
    private boolean readEntry(ZipFile zip, ZipArchiveEntry entry, FileSink sink, Budget budget, Set<String> seen) {
        String raw = entry.getName();
        String logical;
        try {
            logical = EntryNames.normalise(raw);
        } catch (IllegalArgumentException e) {
            sink.reject(FileError.wholeFile(prefix + EntryNames.printable(raw), e.getMessage()));
            return true;
        }
        if (entry.isDirectory() || logical.isEmpty()) {
            return true;
        }
        String path = prefix + logical;
        if (!seen.add(logical.toLowerCase(Locale.ROOT))) {
            sink.reject(FileError.wholeFile(path, "duplicate entry in the archive; only the first was read"));
            return true;
        }
        if (entry.isUnixSymlink()) {
            sink.reject(FileError.wholeFile(path, "symbolic link entry; not followed"));
            return true;
        }
        if (!budget.admitFile()) {
            sink.reject(FileError.wholeFile(path, budget.exhausted()));
            return false;
        }
        if (!zip.canReadEntryData(entry)) {
            sink.reject(FileError.wholeFile(path, "entry uses an unsupported zip feature (encryption or compression method); not read"));
            return true;
        }
        long declared = entry.getSize();
        if (declared > limits.maxFileBytes()) {
            sink.reject(FileError.wholeFile(path, "larger than the per-file limit of " + limits.maxFileBytes() + " bytes; not read"));
            return true;
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) Math.min(limits.maxFileBytes() + 1, Integer.MAX_VALUE - 8));
        } catch (UnsupportedZipFeatureException e) {
            sink.reject(FileError.wholeFile(path, "entry uses an unsupported zip feature: " + e.getMessage()));
            return true;
        } catch (IOException e) {
            sink.reject(FileError.wholeFile(path, "cannot read entry: " + e.getMessage()));
            return true;
        }
        if (bytes.length > limits.maxFileBytes()) {
            sink.reject(FileError.wholeFile(path, "larger than the per-file limit of " + limits.maxFileBytes() + " bytes; not read"));
            return true;
        }
        long compressed = Math.max(entry.getCompressedSize(), 1);
        if (bytes.length > 1024 && bytes.length / compressed > limits.maxCompressionRatio()) {
            sink.reject(FileError.wholeFile(path, "compression ratio " + (bytes.length / compressed)
                    + " exceeds the limit of " + limits.maxCompressionRatio() + "; not read"));
            return true;
        }
        if (!budget.admitBytes(bytes.length)) {
            sink.reject(FileError.wholeFile(path, budget.exhausted()));
            return false;
        }
        budget.spend(bytes.length);
        sink.accept(new SourceFile(path, bytes, Digests.sha256Hex(bytes)));
        return true;
    }
}
