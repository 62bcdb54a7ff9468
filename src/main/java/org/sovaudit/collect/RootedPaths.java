package org.sovaudit.collect;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves paths under a root as a {@code chroot} would: every symbolic link on the way is followed
 * inside the root (an absolute target starts again at the root, {@code ..} stops at it), so no path
 * ever leaves the root, whatever its links say; more than {@value #MAX_LINKS} links on one path
 * (a loop) fail with {@link FileSystemLoopException}, as the kernel's {@code ELOOP} does. With the
 * root {@code /} this is the ordinary resolution of the running system.
 */
final class RootedPaths {

    /** Links followed on one path before it is taken for a loop (Linux's own limit). */
    static final int MAX_LINKS = 40;

    private final Path root;

    /** @throws IOException when the root itself cannot be resolved */
    RootedPaths(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    Path root() {
        return root;
    }

    /**
     * The real location of {@code relative} (a '/'-separated path under the root) with no symbolic
     * link left in it.
     *
     * @throws java.nio.file.NoSuchFileException when a component is missing
     * @throws NotDirectoryException             when a component before the last is not a directory
     * @throws AccessDeniedException             naming, as a root-relative path, the directory that
     *                                           could not be searched
     * @throws FileSystemLoopException           after {@value #MAX_LINKS} links
     */
    Path resolve(String relative) throws IOException {
        Deque<String> pending = new ArrayDeque<>(segments(relative));
        Path current = root;
        int links = 0;
        while (!pending.isEmpty()) {
            String segment = pending.pollFirst();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!current.equals(root)) {
                    current = current.getParent();
                }
                continue;
            }
            Path next = current.resolve(segment);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (AccessDeniedException e) {
                throw new AccessDeniedException(relativeOf(current));
            }
            if (attrs.isSymbolicLink()) {
                if (++links > MAX_LINKS) {
                    throw new FileSystemLoopException(relative);
                }
                String target = Files.readSymbolicLink(next).toString();
                List<String> parts = segments(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.addFirst(parts.get(i));
                }
                if (target.startsWith("/")) {
                    current = root;
                }
                continue;
            }
            if (!pending.isEmpty() && !attrs.isDirectory()) {
                throw new NotDirectoryException(relativeOf(next));
            }
            current = next;
        }
        return current;
    }

    /** {@code path} (under the root) as a '/'-separated path relative to it; "." for the root itself. */
    String relativeOf(Path path) {
        Path relative = root.relativize(path);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < relative.getNameCount(); i++) {
            String name = relative.getName(i).toString();
            if (!name.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : "/").append(name);
            }
        }
        return sb.isEmpty() ? "." : sb.toString();
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
