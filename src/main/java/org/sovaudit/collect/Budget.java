package org.sovaudit.collect;

/** Counts files, bytes and archive entries against the limits during one collection. */
final class Budget {
    private final CollectLimits limits;
    private int files;
    private long bytes;
    private int entries;

    Budget(CollectLimits limits) {
        this.limits = limits;
    }

    CollectLimits limits() {
        return limits;
    }

    /** Whether one more file may be read; false once the file-count limit is reached. */
    boolean admitFile() {
        return files < limits.maxFiles();
    }

    /** Whether {@code size} more bytes fit in the total. */
    boolean admitBytes(long size) {
        return bytes + size <= limits.maxTotalBytes();
    }

    void spend(long size) {
        files++;
        bytes += size;
    }

    /** Counts one archive entry of any type; false once {@link CollectLimits#maxEntries()} were examined. */
    boolean admitEntry() {
        if (entries >= limits.maxEntries()) {
            return false;
        }
        entries++;
        return true;
    }

    String exhausted() {
        return "collection limit reached after " + files + " files and " + bytes + " bytes (limits: "
                + limits.maxFiles() + " files, " + limits.maxTotalBytes() + " bytes); the rest was not read";
    }

    String entriesExhausted() {
        return "collection limit reached after " + entries + " archive entries (limit: " + limits.maxEntries()
                + " entries of any type); the rest was not read";
    }
}
