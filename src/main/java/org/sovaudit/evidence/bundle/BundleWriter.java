package org.sovaudit.evidence.bundle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.sovaudit.evidence.StrictJson;
import org.sovaudit.model.Digests;

/**
 * Writes an export bundle: a zip whose bytes depend on its contents only. Entries, in this order:
 * {@code report.json}, {@code report.html}, {@code report.json.p7s}, {@code appliance.pem},
 * {@code ledger-entry.json}, {@code manifest.json}. Every entry is stored uncompressed (so the
 * bytes do not depend on a zlib version), carries {@code createdAt} in UTC as its zip time, and has
 * no extra fields and no comment.
 *
 * <p>{@code manifest.json} is canonical JSON (keys sorted, no whitespace) listing every other entry
 * in bundle order: {@code {"files":[{"name":"report.json","sha256":"…","size":1234},…],"format":"sovaudit-bundle/1"}}.
 */
public final class BundleWriter {

    private BundleWriter() {
    }

    /** Writes the bundle to {@code out}, which is flushed but left open. */
    public static void write(BundleContents contents, OutputStream out) throws IOException {
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(out, "out");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(BundleLayout.REPORT_JSON, contents.reportJson());
        entries.put(BundleLayout.REPORT_HTML, contents.reportHtml());
        entries.put(BundleLayout.SIGNATURE, contents.signature());
        entries.put(BundleLayout.CERTIFICATE, contents.certificatePem().getBytes(StandardCharsets.UTF_8));
        entries.put(BundleLayout.LEDGER_ENTRY, contents.ledgerEntryJson());
        entries.put(BundleLayout.MANIFEST, manifest(entries));
        LocalDateTime time = LocalDateTime.ofInstant(contents.createdAt(), ZoneOffset.UTC);
        try (ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out), StandardCharsets.UTF_8)) {
            zip.setMethod(ZipOutputStream.STORED);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] data = e.getValue();
                CRC32 crc = new CRC32();
                crc.update(data);
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(data.length);
                entry.setCompressedSize(data.length);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(time);
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        }
    }

    /** The canonical manifest for {@code files}, in their order. */
    static byte[] manifest(Map<String, byte[]> files) {
        List<ManifestFile> listed = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            listed.add(new ManifestFile(e.getKey(), Digests.sha256Hex(e.getValue()), e.getValue().length));
        }
        return manifestJson(listed);
    }

    /** The canonical manifest JSON listing {@code files} in their order. */
    static byte[] manifestJson(List<ManifestFile> files) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (ManifestFile f : files) {
            Map<String, Object> file = new TreeMap<>();
            file.put("name", f.name());
            file.put("sha256", f.sha256());
            file.put("size", f.size());
            listed.add(file);
        }
        Map<String, Object> manifest = new TreeMap<>();
        manifest.put("format", BundleLayout.FORMAT);
        manifest.put("files", listed);
        return StrictJson.write(manifest);
    }

    /** Passes writes through and turns close into flush: the caller owns the stream. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
