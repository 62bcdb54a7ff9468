package org.sovaudit.collect;

import org.sovaudit.model.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.sovaudit.model.FileError;
import org.sovaudit.model.SourceFile;

/**
 * Reads a directory tree, or a single file. Only regular files are read; a symbolic link is
 * followed only when it points to a regular file inside the root (links to directories are not
 * followed, so no loop can form); devices, FIFOs and sockets are refused unread. Version-control
 * metadata directories are skipped. Archives found in the tree (recognised by content) are opened
 * as {@link ArchiveCollector} opens them, their entries named {@code backups/site-a.tgz!/etc/hosts}.
 */
public final class DirectoryCollector implements Collector {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".svn", ".hg");
    private static final int MAX_DEPTH = 64;

    private final Path root;
    private final String prefix;
    private final CollectLimits limits;

    /**
     * @param root   the directory (or single file) to read
     * @param prefix prepended to every logical path (e.g. {@code "site-a/"}); empty for none
     */
    public DirectoryCollector(Path root, String prefix, CollectLimits limits) {
        this.root = root;
        this.prefix = prefix;
        this.limits = limits;
    }

    @Override
    public String name() {
        Path name = root.toAbsolutePath().normalize().getFileName();
        return name == null ? "/" : name.toString();
    }

    @Override
    public void collect(FileSink sink) {
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new CollectException("no such file or directory: " + root);
        } catch (IOException e) {
            throw new CollectException("cannot read " + root + ": " + e.getMessage(), e);
        }
        Budget budget = new Budget(limits);
        if (Files.isRegularFile(realRoot)) {
            Path name = realRoot.getFileName();
            read(realRoot, prefix + (name == null ? "file" : name.toString()), sink, budget);
            return;
        }
        if (!Files.isDirectory(realRoot)) {
            throw new CollectException("not a regular file or directory: " + root);
        }
        try {
            Files.walkFileTree(realRoot, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                    new Walker(realRoot, sink, budget));
        } catch (IOException e) {
            throw new CollectException("cannot walk " + root + ": " + e.getMessage(), e);
        }
    }

    private final class Walker extends SimpleFileVisitor<Path> {
        private final Path realRoot;
        private final FileSink sink;
        private final Budget budget;
        private boolean stopped;

        Walker(Path realRoot, FileSink sink, Budget budget) {
            this.realRoot = realRoot;
            this.sink = sink;
            this.budget = budget;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            Path name = dir.getFileName();
            if (!dir.equals(realRoot) && name != null && SKIPPED_DIRECTORIES.contains(name.toString())) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String logical = logicalPath(file);
            if (attrs.isDirectory()) {
                // reached at the depth limit
                sink.reject(FileError.wholeFile(logical, "directory nested deeper than " + MAX_DEPTH + " levels; not read"));
                return FileVisitResult.CONTINUE;
            }
            Path target = file;
            if (attrs.isSymbolicLink()) {
                try {
                    target = file.toRealPath();
                } catch (IOException e) {
                    sink.reject(FileError.wholeFile(logical, "broken symbolic link: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
                if (!target.startsWith(realRoot)) {
                    sink.reject(FileError.wholeFile(logical, "symbolic link points outside the audited directory; not followed"));
                    return FileVisitResult.CONTINUE;
                }
                if (Files.isDirectory(target)) {
                    sink.reject(FileError.wholeFile(logical, "symbolic link to a directory; not followed"));
                    return FileVisitResult.CONTINUE;
                }
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                sink.reject(FileError.wholeFile(logical, "not a regular file (device, FIFO or socket); not read"));
                return FileVisitResult.CONTINUE;
            }
            if (!read(target, logical, sink, budget)) {
                stopped = true;
                return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            sink.reject(FileError.wholeFile(logicalPath(file), "cannot read: " + describe(e)));
            return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        private String logicalPath(Path file) {
            StringBuilder sb = new StringBuilder(prefix);
            Path relative = realRoot.relativize(file);
            for (int i = 0; i < relative.getNameCount(); i++) {
                sb.append(i == 0 ? "" : "/").append(relative.getName(i));
            }
            return sb.toString();
        }
    }

    /**
     * Reads one regular file within the limits, or opens it when its content shows an archive;
     * returns false when the collection must stop.
     */
    private boolean read(Path file, String logical, FileSink sink, Budget budget) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(ArchiveFormat.SNIFF_BYTES);
            Optional<ArchiveFormat> format = ArchiveFormat.sniff(head, head.length);
            String name = logical.substring(logical.lastIndexOf('/') + 1);
            if (format.isPresent() && format.get().opensAs(name)) {
                in.close();
                return archive(file, format.get(), name, logical, sink, budget);
            }
            if (!budget.admitFile()) {
                sink.reject(FileError.wholeFile(logical, budget.exhausted()));
                return false;
            }
            byte[] rest = in.readNBytes((int) Math.min(limits.maxFileBytes() + 1 - head.length, Integer.MAX_VALUE - 8));
            bytes = new byte[head.length + rest.length];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(rest, 0, bytes, head.length, rest.length);
        } catch (IOException e) {
            sink.reject(FileError.wholeFile(logical, "cannot read: " + describe(e)));
            return true;
        }
        if (bytes.length > limits.maxFileBytes()) {
            sink.reject(FileError.wholeFile(logical, "larger than the per-file limit of "
                    + limits.maxFileBytes() + " bytes; not read"));
            return true;
        }
        if (!budget.admitBytes(bytes.length)) {
            sink.reject(FileError.wholeFile(logical, budget.exhausted()));
            return false;
        }
        budget.spend(bytes.length);
        sink.accept(new SourceFile(logical, bytes, Digests.sha256Hex(bytes)));
        return true;
    }

    /** Opens an archive found in the tree; its entries are named {@code <logical>!/<entry>}. */
    private static boolean archive(Path file, ArchiveFormat format, String name, String logical, FileSink sink,
                                   Budget budget) {
        if (!format.supported()) {
            sink.reject(FileError.wholeFile(logical, format.unsupportedReason()));
            return true;
        }
        try {
            return new Archives(sink, budget).openFile(file, format, name, new Archives.Ref(logical, logical + "!/", 1));
        } catch (IOException | RuntimeException e) {
            sink.reject(FileError.wholeFile(logical, "not a readable " + format.label() + " archive: " + Archives.describe(e)));
            return true;
        }
    }

    /** A reason that names the problem without echoing the appliance's own absolute paths. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "vanished while being read";
        }
        if (e instanceof java.nio.file.FileSystemLoopException) {
            return "directory loop";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
