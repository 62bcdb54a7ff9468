package org.sovaudit.collect;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * The uncompressed side of an archive stream, read in one pass: counts every byte that actually
 * comes out (data that is skipped is read and counted too, never trusted from a header) and stops
 * the stream with a {@link LimitExceededException} when
 * <ul>
 *   <li>more than the total limit has come out,</li>
 *   <li>past the first {@value #RATIO_FLOOR} bytes, the output exceeds the compression-ratio limit
 *       times the compressed bytes consumed so far, or</li>
 *   <li>an open window (set around the reading of one tar header, where the library buffers PAX
 *       and long-name records in memory) grows beyond its size.</li>
 * </ul>
 */
final class GuardedInputStream extends FilterInputStream {

    /** Output below this size is never judged by its compression ratio. */
    static final long RATIO_FLOOR = 1L << 20;

    private final LongSupplier compressed;
    private final CollectLimits limits;
    private final byte[] skipBuffer = new byte[8192];
    private long count;
    private long windowEnd = Long.MAX_VALUE;
    private String windowReason = "";

    /**
     * @param compressed compressed bytes consumed so far, or null when the stream is not compressed
     */
    GuardedInputStream(InputStream in, LongSupplier compressed, CollectLimits limits) {
        super(in);
        this.compressed = compressed;
        this.limits = limits;
    }

    /** Allows at most {@code max} more bytes until {@link #closeWindow()}; {@code reason} says what overflowed. */
    void openWindow(long max, String reason) {
        windowEnd = count + max;
        windowReason = reason;
    }

    void closeWindow() {
        windowEnd = Long.MAX_VALUE;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
            check();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            check();
        }
        return n;
    }

    /** Skips by reading, so that skipped data is inflated, counted and judged like the rest. */
    @Override
    public long skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int r = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws LimitExceededException {
        if (count > windowEnd) {
            throw new LimitExceededException(windowReason);
        }
        if (count > limits.maxTotalBytes()) {
            throw new LimitExceededException("expands to more than the total limit of " + limits.maxTotalBytes() + " bytes");
        }
        if (compressed != null && count > RATIO_FLOOR) {
            long ratio = count / Math.max(1, compressed.getAsLong());
            if (ratio > limits.maxCompressionRatio()) {
                throw new LimitExceededException("compression ratio " + ratio + " exceeds the limit of "
                        + limits.maxCompressionRatio() + " (an archive bomb?)");
            }
        }
    }
}
