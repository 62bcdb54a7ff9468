package org.sovaudit.collect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Chooses the collector for a path given on the command line. */
public final class Collectors {
    private Collectors() {
    }

    /** A zip archive is opened as one; anything else is read as a directory tree or a single file. */
    public static Collector forPath(Path path, String prefix, CollectLimits limits) {
        Path name = path.getFileName();
        if (name != null && Files.isRegularFile(path) && name.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            String base = name.toString();
            return new ZipCollector(path, base.substring(0, base.length() - 4), prefix, limits);
        }
        return new DirectoryCollector(path, prefix, limits);
    }
}
