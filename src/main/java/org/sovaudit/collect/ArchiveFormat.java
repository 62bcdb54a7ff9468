package org.sovaudit.collect;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Archive and compression formats, recognised by their magic bytes (never by name alone: a tar
 * called {@code backup.bin} is still a tar). Zip, tar, gzip and bzip2 are opened; xz, zstd, 7z and
 * rar are recognised only to say why they are not read.
 */
enum ArchiveFormat {
    ZIP("zip", true),
    TAR("tar", true),
    GZIP("gzip", true),
    BZIP2("bzip2", true),
    XZ("xz", false),
    ZSTD("zstd", false),
    SEVEN_Z("7z", false),
    RAR("rar", false);

    /** Bytes looked at to recognise a format (the tar magic stands at offset 257). */
    static final int SNIFF_BYTES = 512;

    /**
     * Zip containers that are documents or software packages rather than archives of
     * configuration: read (or not) as single files, never opened.
     */
    private static final Set<String> ZIP_DOCUMENTS = Set.of(
            "jar", "war", "ear", "aar", "apk", "ipa", "whl", "egg", "nupkg", "vsix", "xpi", "crx",
            "docx", "docm", "xlsx", "xlsm", "pptx", "pptm", "odt", "ods", "odp", "odg", "epub", "kmz", "3mf");

    private final String label;
    private final boolean supported;

    ArchiveFormat(String label, boolean supported) {
        this.label = label;
        this.supported = supported;
    }

    String label() {
        return label;
    }

    /** Whether the appliance opens this format. */
    boolean supported() {
        return supported;
    }

    /** The format the first bytes of a file show, if any. */
    static Optional<ArchiveFormat> sniff(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (n < 4) {
            return Optional.empty();
        }
        if (ZipArchiveInputStream.matches(head, n)) {
            return Optional.of(ZIP);
        }
        if (GzipCompressorInputStream.matches(head, n)) {
            return Optional.of(GZIP);
        }
        if (BZip2CompressorInputStream.matches(head, n)) {
            return Optional.of(BZIP2);
        }
        if (n >= 265 && TarArchiveInputStream.matches(head, n)) {
            return Optional.of(TAR);
        }
        if (startsWith(head, n, 0xFD, '7', 'z', 'X', 'Z', 0x00)) {
            return Optional.of(XZ);
        }
        if (startsWith(head, n, 0x28, 0xB5, 0x2F, 0xFD)) {
            return Optional.of(ZSTD);
        }
        if (startsWith(head, n, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return Optional.of(SEVEN_Z);
        }
        if (startsWith(head, n, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
            return Optional.of(RAR);
        }
        return Optional.empty();
    }

    /**
     * Whether a file of this format called {@code name} is opened as an archive: every format
     * except zip containers named as documents or packages ({@code .jar}, {@code .docx} ...).
     */
    boolean opensAs(String name) {
        if (this != ZIP) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 || !ZIP_DOCUMENTS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Why a recognised but unsupported format is not read. */
    String unsupportedReason() {
        return label + "-compressed archive or file; this format is not supported (repack it as zip, tar, tar.gz "
                + "or tar.bz2); not read";
    }

    private static boolean startsWith(byte[] head, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
