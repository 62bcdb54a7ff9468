package org.sovaudit.evidence.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Writes zips for the verifier tests: well-formed bundles from entries, or any entries at all. */
final class Zips {

    static final Instant TIME = Instant.parse("2026-12-01T09:00:00Z");

    private Zips() {
    }

    /** The entries as a bundle written the way the appliance writes one (stored, in the order given). */
    static byte[] bundle(Map<String, byte[]> entries) {
        List<BundleFile> files = new ArrayList<>();
        entries.forEach((name, bytes) -> files.add(new BundleFile(name, bytes)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BundleWriter.write(files, TIME, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Any entries, duplicates and hostile names included, as a plain deflated zip. */
    static byte[] plain(List<Map.Entry<String, byte[]>> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                entry.setTime(TIME.toEpochMilli());
                zip.putArchiveEntry(entry);
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] plain(Map<String, byte[]> entries) {
        return plain(List.copyOf(entries.entrySet()));
    }

    static Path write(Path dir, byte[] zip) {
        try {
            Path file = Files.createTempFile(dir, "bundle", ".zip");
            Files.write(file, zip);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
