package org.sovaudit.attribute;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * A table of address ranges and a value per range, for lookups by binary search: which AS announces
 * an address, in which country an address block is registered. IPv4 ranges are kept by their 32-bit
 * bounds, IPv6 ranges by the upper 64 bits of theirs (routing and registration never go finer than a
 * /64 in these tables). Ranges of a family are sorted and do not overlap. Immutable once built.
 *
 * <p>The file format, gzip-compressed UTF-8 text: lines starting with {@code #} are comments; every
 * other line is {@code 4|6 <first> <last> <value>}, the bounds in lower-case hexadecimal (IPv4: the
 * 32-bit address; IPv6: the upper 64 bits) and the value a token of 1-16 characters of
 * {@code A-Z a-z 0-9 - _}. Lines of a family in ascending order.
 */
final class AddressTable {

    /** A decompressed table may not be larger than this. */
    static final int MAX_TEXT_BYTES = 64 * 1024 * 1024;
    /** Longest value token. */
    private static final int MAX_VALUE = 16;

    static final AddressTable EMPTY = new AddressTable(new long[0], new long[0], new int[0], new long[0], new long[0],
            new int[0], new String[0]);

    private final long[] firstV4;
    private final long[] lastV4;
    private final int[] valueV4;
    private final long[] firstV6;
    private final long[] lastV6;
    private final int[] valueV6;
    private final String[] values;

    private AddressTable(long[] firstV4, long[] lastV4, int[] valueV4, long[] firstV6, long[] lastV6, int[] valueV6,
                         String[] values) {
        this.firstV4 = firstV4;
        this.lastV4 = lastV4;
        this.valueV4 = valueV4;
        this.firstV6 = firstV6;
        this.lastV6 = lastV6;
        this.valueV6 = valueV6;
        this.values = values;
    }

    /**
     * Reads a table file. Errors name {@code where} and the line.
     *
     * @throws AttributionException when the file is not a valid table
     */
    static AddressTable read(byte[] gzipped, String where) {
        byte[] text;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            text = in.readNBytes(MAX_TEXT_BYTES + 1);
        } catch (IOException e) {
            throw new AttributionException(where + ": not a gzip-compressed address table: " + e.getMessage(), e);
        }
        if (text.length > MAX_TEXT_BYTES) {
            throw new AttributionException(where + ": address table larger than " + MAX_TEXT_BYTES + " bytes uncompressed");
        }
        Builder v4 = new Builder();
        Builder v6 = new Builder();
        java.util.Map<String, Integer> valueIndex = new java.util.HashMap<>();
        java.util.List<String> valueList = new java.util.ArrayList<>();
        int lineNo = 0;
        int pos = 0;
        int n = text.length;
        while (pos < n) {
            lineNo++;
            int end = pos;
            while (end < n && text[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end == pos || text[pos] == '#') {
                pos = next;
                continue;
            }
            // 4|6 <first> <last> <value>
            if (end - pos < 2 || (text[pos] != '4' && text[pos] != '6') || text[pos + 1] != ' ') {
                throw fail(where, lineNo, "expected '4|6 <first> <last> <value>'");
            }
            boolean six = text[pos] == '6';
            int maxDigits = six ? 16 : 8;
            int at = pos + 2;
            long first = 0;
            int digits = 0;
            for (; at < end && text[at] != ' '; at++, digits++) {
                first = (first << 4) | hexDigit(text[at], where, lineNo);
            }
            if (digits == 0 || digits > maxDigits || at >= end) {
                throw fail(where, lineNo, "expected '4|6 <first> <last> <value>' with 1-" + maxDigits + " hexadecimal digits");
            }
            at++;
            long last = 0;
            digits = 0;
            for (; at < end && text[at] != ' '; at++, digits++) {
                last = (last << 4) | hexDigit(text[at], where, lineNo);
            }
            if (digits == 0 || digits > maxDigits || at >= end) {
                throw fail(where, lineNo, "expected '4|6 <first> <last> <value>' with 1-" + maxDigits + " hexadecimal digits");
            }
            at++;
            int valueLength = end - at;
            if (valueLength < 1 || valueLength > MAX_VALUE) {
                throw fail(where, lineNo, "value must be 1-" + MAX_VALUE + " of A-Z a-z 0-9 - _");
            }
            for (int i = at; i < end; i++) {
                if (!valueChar(text[i])) {
                    throw fail(where, lineNo, "value must be 1-" + MAX_VALUE + " of A-Z a-z 0-9 - _");
                }
            }
            if (Long.compareUnsigned(first, last) > 0) {
                throw fail(where, lineNo, "first address after last");
            }
            Builder b = six ? v6 : v4;
            if (b.size > 0 && Long.compareUnsigned(first, b.last[b.size - 1]) <= 0) {
                throw fail(where, lineNo, "ranges out of order or overlapping");
            }
            String value = new String(text, at, valueLength, StandardCharsets.US_ASCII);
            Integer index = valueIndex.get(value);
            if (index == null) {
                index = valueList.size();
                valueIndex.put(value, index);
                valueList.add(value);
            }
            b.add(first, last, index);
            pos = next;
        }
        return new AddressTable(v4.firstArray(), v4.lastArray(), v4.valueArray(), v6.firstArray(), v6.lastArray(),
                v6.valueArray(), valueList.toArray(String[]::new));
    }

    private static long hexDigit(byte c, String where, int line) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        throw fail(where, line, "address bounds are lower-case hexadecimal");
    }

    /** The value of the range holding {@code address} (4 or 16 bytes), or null. */
    String find(byte[] address) {
        if (address == null) {
            return null;
        }
        if (address.length == 4) {
            long key = ((address[0] & 0xFFL) << 24) | ((address[1] & 0xFFL) << 16) | ((address[2] & 0xFFL) << 8)
                    | (address[3] & 0xFFL);
            return find(firstV4, lastV4, valueV4, key);
        }
        if (address.length == 16) {
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (address[i] & 0xFFL);
            }
            return find(firstV6, lastV6, valueV6, key);
        }
        return null;
    }

    private String find(long[] first, long[] last, int[] value, long key) {
        int lo = 0;
        int hi = first.length - 1;
        int at = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(first[mid], key) <= 0) {
                at = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return at >= 0 && Long.compareUnsigned(key, last[at]) <= 0 ? values[value[at]] : null;
    }

    /** The distinct values, in first-seen order. */
    java.util.List<String> values() {
        return java.util.List.of(values);
    }

    /** Number of ranges, both families. */
    int size() {
        return firstV4.length + firstV6.length;
    }

    private static boolean valueChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static AttributionException fail(String where, int line, String why) {
        return new AttributionException(where + ": line " + line + ": " + why);
    }

    /** Growable parallel arrays. */
    private static final class Builder {
        private long[] first = new long[1024];
        private long[] last = new long[1024];
        private int[] value = new int[1024];
        private int size;

        void add(long f, long l, int v) {
            if (size == first.length) {
                first = Arrays.copyOf(first, size * 2);
                last = Arrays.copyOf(last, size * 2);
                value = Arrays.copyOf(value, size * 2);
            }
            first[size] = f;
            last[size] = l;
            value[size] = v;
            size++;
        }

        long[] firstArray() {
            return Arrays.copyOf(first, size);
        }

        long[] lastArray() {
            return Arrays.copyOf(last, size);
        }

        int[] valueArray() {
            return Arrays.copyOf(value, size);
        }
    }
}
