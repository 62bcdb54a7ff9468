package org.sovaudit.collect;

/** Counts files and bytes against the limits during one collection. */
final class Budget {
    private final CollectLimits limits;
    private int files;
    private long bytes;

    Budget(CollectLimits limits) {
        this.limits = limits;
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

    String exhausted() {
        return "collection limit reached after " + files + " files and " + bytes + " bytes (limits: "
                + limits.maxFiles() + " files, " + limits.maxTotalBytes() + " bytes); the rest was not read";
    }
}
