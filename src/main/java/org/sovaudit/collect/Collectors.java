package org.sovaudit.collect;

import java.nio.file.Files;
import java.nio.file.Path;

/** Chooses the collector for a path given on the command line. */
public final class Collectors {
    private Collectors() {
    }

    /**
     * An archive or compressed file, recognised by its content whatever its name (a tar called
     * {@code backup.bin} is still a tar), is opened as one and named without its archive suffix;
     * anything else is read as a directory tree or a single file (whose archives inside are opened
     * too).
     */
    public static Collector forPath(Path path, String prefix, CollectLimits limits) {
        Path name = path.getFileName();
        if (name != null && Files.isRegularFile(path) && ArchiveCollector.formatOf(path).isPresent()) {
            return new ArchiveCollector(path, ArchiveCollector.baseName(name.toString()), prefix, limits);
        }
        return new DirectoryCollector(path, prefix, limits);
    }

    /** The host the appliance runs on, read-only, from its well-known configuration paths. */
    public static Collector localHost(CollectLimits limits) {
        return LocalHostCollector.create(limits);
    }
}
