package org.sovaudit.collect;

/**
 * Bounds on what one collection reads, so that a hostile or mistaken upload cannot exhaust the
 * appliance: the size of one file, the total, the number of files, and for archives the largest
 * accepted ratio of uncompressed to compressed size.
 */
public record CollectLimits(long maxFileBytes, long maxTotalBytes, int maxFiles, int maxCompressionRatio) {

    public CollectLimits {
        if (maxFileBytes <= 0 || maxTotalBytes <= 0 || maxFiles <= 0 || maxCompressionRatio <= 0) {
            throw new IllegalArgumentException("collect limits must be positive: " + maxFileBytes + ", "
                    + maxTotalBytes + ", " + maxFiles + ", " + maxCompressionRatio);
        }
    }

    /** 64 MiB per file, 4 GiB in all, 200,000 files, ratio 200. */
    public static CollectLimits defaults() {
        return new CollectLimits(64L << 20, 4L << 30, 200_000, 200);
    }

    /**
     * How many archive entries of any type (directories, links and refused entries included) one
     * collection examines: twice the file limit, so that an archive of empty entries or links
     * cannot flood the audit with errors.
     */
    public int maxEntries() {
        return (int) Math.min(Integer.MAX_VALUE, 2L * maxFiles);
    }
}
