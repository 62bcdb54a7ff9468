package org.sovaudit.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file handed to the parsers: its logical path inside the audited source (always '/'-separated,
 * never absolute), its bytes, and their SHA-256 in lower-case hex.
 */
public record SourceFile(String path, byte[] bytes, String sha256) {
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The last path segment, e.g. {@code resolv.conf}. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public long size() {
        return bytes.length;
    }

    /**
     * The content as text: UTF-8 when it decodes cleanly, otherwise ISO-8859-1 (older device
     * exports), so that no byte is lost and line numbers stay right. A leading BOM is dropped.
     */
    public String text() {
        int offset = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, bytes.length - offset, StandardCharsets.ISO_8859_1);
        }
    }

    /** The first {@code max} bytes decoded leniently, for cheap content sniffing in {@code accepts}. */
    public String head(int max) {
        int n = Math.min(max, bytes.length);
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceFile other && path.equals(other.path) && sha256.equals(other.sha256);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + sha256.hashCode();
    }

    @Override
    public String toString() {
        return "SourceFile[" + path + ", " + bytes.length + " bytes, sha256=" + sha256 + "]";
    }
}
