package org.sovaudit.collect;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.sovaudit.model.Digests;
import org.sovaudit.model.FileError;
import org.sovaudit.model.SourceFile;

/**
 * Opens archives, and archives inside them, defensively, for one collection.
 *
 * <p>Logical paths: the entries of an archive a collection was asked to read keep their own names
 * (under the collection's prefix). The entries of an archive found inside it, or inside a directory
 * tree, are named after that archive followed by {@code !/}, as in {@code jar:} URLs:
 * {@code backups/site-a.tgz!/etc/resolv.conf}, {@code outer.zip!/inner.tar.gz!/etc/hosts}. A compressed
 * single file ({@code core.cfg.gz}) holds one entry named without its compression suffix
 * ({@code logs/core.cfg.gz!/core.cfg}).
 *
 * <p>Bounds: archives nest at most {@value #MAX_NESTING} deep (an archive read directly is level 1);
 * every entry counts against the collection's entry limit, every file against its file and byte
 * limits; entry data is read through the per-file bound and never trusted from a header; a
 * compressed stream is stopped once its output exceeds the compression-ratio limit times the
 * compressed bytes actually consumed. Tar streams are read in one pass; zip archives through their
 * central directory. Refused, each with a per-file error saying why: absolute names and names that
 * climb out with {@code ..}, duplicates (the first is read), symbolic and hard links, devices, FIFOs,
 * sparse files, encrypted or unsupported zip entries, and anything over a limit.
 */
final class Archives {

    /** Deepest nesting of archives opened: an archive inside an archive inside an archive. */
    static final int MAX_NESTING = 3;

    /** Largest tar header, with its PAX and GNU long-name records, that the library may buffer. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private static final int CHUNK = 64 * 1024;

    private final FileSink sink;
    private final Budget budget;
    private final CollectLimits limits;

    /**
     * Where an archive's entries go.
     *
     * @param label names the archive in errors about it as a whole
     * @param base  prepended to every entry name
     * @param depth 1 for an archive read directly, one more for each level of nesting
     */
    record Ref(String label, String base, int depth) {
    }

    Archives(FileSink sink, Budget budget) {
        this.sink = sink;
        this.budget = budget;
        this.limits = budget.limits();
    }

    /**
     * Reads an archive file. Problems inside it are reported to the sink; only a file that cannot
     * be opened as its format at all throws.
     *
     * @param name the archive's own file name, which names the content of a compressed single file
     * @return false when the collection must stop (a total limit was reached)
     * @throws IOException when the file is not readable as {@code format}
     */
    boolean openFile(Path file, ArchiveFormat format, String name, Ref ref) throws IOException {
        if (format == ArchiveFormat.ZIP) {
            try (ZipFile zip = ZipFile.builder().setPath(file).setUseUnicodeExtraFields(true).get()) {
                return zip(zip, ref);
            }
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return stream(in, format, name, ref);
        }
    }

    /**
     * One regular file's content, read or found inside an archive: opened when it is an archive
     * itself (and the nesting allows), otherwise handed to the sink within the limits.
     *
     * @param depth the nesting level of the archive holding it (0 for a file of a directory tree)
     * @return false when the collection must stop
     */
    boolean file(String path, byte[] bytes, int depth) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        Optional<ArchiveFormat> format = ArchiveFormat.sniff(bytes, bytes.length);
        if (format.isPresent() && format.get().opensAs(name)) {
            ArchiveFormat f = format.get();
            if (!f.supported()) {
                sink.reject(FileError.wholeFile(path, f.unsupportedReason()));
                return true;
            }
            if (depth >= MAX_NESTING) {
                sink.reject(FileError.wholeFile(path, "archive nested more than " + MAX_NESTING
                        + " levels deep; not opened"));
                return true;
            }
            return nested(bytes, f, name, new Ref(path, path + "!/", depth + 1));
        }
        if (!budget.admitBytes(bytes.length)) {
            sink.reject(FileError.wholeFile(path, budget.exhausted()));
            return false;
        }
        budget.spend(bytes.length);
        sink.accept(new SourceFile(path, bytes, Digests.sha256Hex(bytes)));
        return true;
    }

    private boolean nested(byte[] bytes, ArchiveFormat format, String name, Ref ref) {
        try {
            if (format == ArchiveFormat.ZIP) {
                try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes))
                        .setUseUnicodeExtraFields(true).get()) {
                    return zip(zip, ref);
                }
            }
            return stream(new ByteArrayInputStream(bytes), format, name, ref);
        } catch (IOException | RuntimeException e) {
            sink.reject(FileError.wholeFile(ref.label(), "not a readable " + format.label() + " archive: " + describe(e)));
            return true;
        }
    }

    // ---- zip -------------------------------------------------------------------------------

    private boolean zip(ZipFile zip, Ref ref) {
        Set<String> seen = new HashSet<>();
        Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
        while (entries.hasMoreElements()) {
            ZipArchiveEntry entry = entries.nextElement();
            if (!budget.admitEntry()) {
                sink.reject(FileError.wholeFile(ref.label(), budget.entriesExhausted()));
                return false;
            }
            String raw = entry.getName();
            String logical;
            try {
                logical = EntryNames.normalise(raw);
            } catch (IllegalArgumentException e) {
                sink.reject(FileError.wholeFile(ref.base() + EntryNames.printable(raw), e.getMessage()));
                continue;
            }
            if (entry.isDirectory() || logical.isEmpty()) {
                continue;
            }
            String path = ref.base() + logical;
            if (!seen.add(logical.toLowerCase(Locale.ROOT))) {
                sink.reject(FileError.wholeFile(path, "duplicate entry in the archive; only the first was read"));
                continue;
            }
            String refused = refusedZipType(entry);
            if (refused != null) {
                sink.reject(FileError.wholeFile(path, refused));
                continue;
            }
            if (!budget.admitFile()) {
                sink.reject(FileError.wholeFile(path, budget.exhausted()));
                return false;
            }
            if (!zip.canReadEntryData(entry)) {
                sink.reject(FileError.wholeFile(path, "entry uses an unsupported zip feature (encryption or compression method); not read"));
                continue;
            }
            if (entry.getSize() > limits.maxFileBytes()) {
                sink.reject(FileError.wholeFile(path, tooLarge()));
                continue;
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(entry)) {
                bytes = readBounded(in, in instanceof InputStreamStatistics s ? s : null);
            } catch (LimitExceededException e) {
                sink.reject(FileError.wholeFile(path, e.getMessage() + "; not read"));
                continue;
            } catch (UnsupportedZipFeatureException e) {
                sink.reject(FileError.wholeFile(path, "entry uses an unsupported zip feature: " + describe(e)));
                continue;
            } catch (IOException | RuntimeException e) {
                sink.reject(FileError.wholeFile(path, "cannot read entry: " + describe(e)));
                continue;
            }
            if (bytes.length > limits.maxFileBytes()) {
                sink.reject(FileError.wholeFile(path, tooLarge()));
                continue;
            }
            if (!file(path, bytes, ref.depth())) {
                return false;
            }
        }
        return true;
    }

    private static String refusedZipType(ZipArchiveEntry entry) {
        if (entry.isUnixSymlink()) {
            return "symbolic link entry; not followed";
        }
        if (entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX) {
            int type = entry.getUnixMode() & 0170000;
            if (type != 0 && type != 0100000 && type != 0040000) {
                return "device, FIFO or socket entry; not read";
            }
        }
        return null;
    }

    // ---- tar and compressed streams --------------------------------------------------------

    /** A tar, gzip or bzip2 stream: a tar archive (compressed or not) or one compressed file. */
    private boolean stream(InputStream raw, ArchiveFormat format, String name, Ref ref) throws IOException {
        CountingInputStream counted = new CountingInputStream(raw);
        InputStream decompressed;
        LongSupplier compressed = counted::count;
        switch (format) {
            case TAR -> {
                decompressed = counted;
                compressed = null;
            }
            // the JDK's gzip reader (it reads concatenated members too): Commons Compress's needs a newer
            // commons-io than the one the build resolves
            case GZIP -> decompressed = new GZIPInputStream(counted, CHUNK);
            case BZIP2 -> decompressed = new BZip2CompressorInputStream(counted, true);
            default -> throw new IllegalStateException("not a stream format: " + format);
        }
        GuardedInputStream guard = new GuardedInputStream(decompressed, compressed, limits);
        BufferedInputStream in = new BufferedInputStream(guard, CHUNK);
        if (format == ArchiveFormat.TAR) {
            return tar(in, guard, ref);
        }
        in.mark(ArchiveFormat.SNIFF_BYTES);
        byte[] head = in.readNBytes(ArchiveFormat.SNIFF_BYTES);
        in.reset();
        if (head.length >= 265 && TarArchiveInputStream.matches(head, head.length)) {
            return tar(in, guard, ref);
        }
        String path = ref.base() + withoutCompressionSuffix(name);
        if (!budget.admitEntry()) {
            sink.reject(FileError.wholeFile(ref.label(), budget.entriesExhausted()));
            return false;
        }
        if (!budget.admitFile()) {
            sink.reject(FileError.wholeFile(path, budget.exhausted()));
            return false;
        }
        byte[] bytes;
        try {
            bytes = readBounded(in, null);
        } catch (IOException e) {
            sink.reject(FileError.wholeFile(path, brokenStream(e, ref)));
            return true;
        }
        if (bytes.length > limits.maxFileBytes()) {
            sink.reject(FileError.wholeFile(path, tooLarge()));
            return true;
        }
        return file(path, bytes, ref.depth());
    }

    private boolean tar(InputStream in, GuardedInputStream guard, Ref ref) {
        Set<String> seen = new HashSet<>();
        String where = ref.label();
        byte[] drain = new byte[CHUNK];
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
            while (true) {
                where = ref.label();
                if (tar.getCurrentEntry() != null) {
                    // read the rest of the current entry through the guard before the next header
                    while (tar.read(drain) >= 0) {
                        // counted and judged by the guard
                    }
                }
                TarArchiveEntry entry;
                guard.openWindow(MAX_HEADER_BYTES, "a tar header (with its PAX or long-name records) larger than "
                        + MAX_HEADER_BYTES + " bytes");
                try {
                    entry = tar.getNextEntry();
                } finally {
                    guard.closeWindow();
                }
                if (entry == null) {
                    return true;
                }
                if (!budget.admitEntry()) {
                    sink.reject(FileError.wholeFile(ref.label(), budget.entriesExhausted()));
                    return false;
                }
                String raw = entry.getName();
                String logical;
                try {
                    logical = EntryNames.normalise(raw);
                } catch (IllegalArgumentException e) {
                    sink.reject(FileError.wholeFile(ref.base() + EntryNames.printable(raw), e.getMessage()));
                    continue;
                }
                if (entry.isDirectory() || logical.isEmpty()) {
                    continue;
                }
                String path = ref.base() + logical;
                String refused = refusedTarType(entry);
                if (refused != null) {
                    sink.reject(FileError.wholeFile(path, refused));
                    continue;
                }
                if (!seen.add(logical.toLowerCase(Locale.ROOT))) {
                    sink.reject(FileError.wholeFile(path, "duplicate entry in the archive; only the first was read"));
                    continue;
                }
                if (!budget.admitFile()) {
                    sink.reject(FileError.wholeFile(path, budget.exhausted()));
                    return false;
                }
                if (entry.getSize() > limits.maxFileBytes()) {
                    sink.reject(FileError.wholeFile(path, tooLarge()));
                    continue;
                }
                where = path;
                byte[] bytes = readBounded(tar, null);
                if (bytes.length > limits.maxFileBytes()) {
                    sink.reject(FileError.wholeFile(path, tooLarge()));
                    continue;
                }
                if (!file(path, bytes, ref.depth())) {
                    return false;
                }
            }
        } catch (IOException | RuntimeException e) {
            sink.reject(FileError.wholeFile(where, brokenStream(e, ref)));
            return true;
        }
    }

    private static String refusedTarType(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "symbolic link entry; not followed";
        }
        if (entry.isLink()) {
            return "hard link entry; not read (the file it names is read where it stands)";
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "device file entry; not read";
        }
        if (entry.isFIFO()) {
            return "FIFO entry; not read";
        }
        if (entry.isSparse()) {
            return "sparse file entry; not read";
        }
        if (!entry.isFile()) {
            return "unsupported tar entry type; not read";
        }
        return null;
    }

    // ---- helpers ---------------------------------------------------------------------------

    /**
     * Reads at most one byte more than the per-file limit; with {@code stats} (a zip entry) also
     * stops once the output exceeds the ratio limit times the compressed bytes consumed.
     */
    private byte[] readBounded(InputStream in, InputStreamStatistics stats) throws IOException {
        long max = limits.maxFileBytes() + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, CHUNK));
        byte[] buffer = new byte[CHUNK];
        while (out.size() < max) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - out.size()));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            if (stats != null && out.size() > GuardedInputStream.RATIO_FLOOR) {
                long ratio = stats.getUncompressedCount() / Math.max(1, stats.getCompressedCount());
                if (ratio > limits.maxCompressionRatio()) {
                    throw new LimitExceededException("compression ratio " + ratio + " exceeds the limit of "
                            + limits.maxCompressionRatio() + " (an archive bomb?)");
                }
            }
        }
        return out.toByteArray();
    }

    private String tooLarge() {
        return "larger than the per-file limit of " + limits.maxFileBytes() + " bytes; not read";
    }

    private static String brokenStream(Throwable e, Ref ref) {
        LimitExceededException limit = LimitExceededException.in(e);
        String rest = "; the rest of " + ref.label() + " was not read";
        if (limit != null) {
            return limit.getMessage() + rest;
        }
        return "archive is truncated or corrupt here (" + describe(e) + ")" + rest;
    }

    /** A library message fit for a report: printable, one line, capped. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        int nl = text.indexOf('\n');
        return EntryNames.printable(nl > 0 ? text.substring(0, nl) : text);
    }

    /** {@code core.cfg.gz} to {@code core.cfg}; a name without a known suffix is kept. */
    static String withoutCompressionSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {".gz", ".gzip", ".z", ".bz2", ".bzip2"}) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
