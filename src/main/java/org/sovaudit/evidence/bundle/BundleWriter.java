package org.sovaudit.evidence.bundle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.model.Digests;

/**
 * Writes export bundles: zips whose bytes depend on their contents only. Every entry is stored
 * uncompressed (so the bytes do not depend on a zlib version), carries the audit's time in UTC as
 * its zip time, and has no extra fields and no comment.
 *
 * <p>A bundle of this release ({@code sovaudit-bundle/2}) holds, in this order: {@code report.json},
 * the other renderings of the report ({@code report.html}, {@code report.sarif},
 * {@code report.oscal.json}, {@code report.cdx.json}, {@code report.csv}), {@code report.json.p7s},
 * {@code chain.pem}, {@code key-history.json}, {@code tree-head.json}, {@code inclusion-proof.json},
 * {@code consistency-proof.json}, then {@code manifest.json} listing all of them with their SHA-256
 * and size, and {@code manifest.json.p7s}, the appliance's detached CMS signature over the manifest:
 * {@code {"auditId":"…","files":[{"name":"report.json","sha256":"…","size":1234},…],"format":"sovaudit-bundle/2"}}.
 */
public final class BundleWriter {

    /** The earliest and latest time a zip entry can carry (DOS time keeps even seconds from 1980 to 2107). */
    static final Instant EARLIEST = Instant.parse("1980-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2107-12-31T23:59:59Z");

    private BundleWriter() {
    }

    /**
     * The files of a bundle in bundle order (see the class documentation), and the manifest that
     * lists them. The manifest's signature is made by the caller and written with {@link #write}.
     */
    public static List<BundleFile> ordered(List<BundleFile> files) {
        List<BundleFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingInt((BundleFile f) -> BundleLayout.rank(f.name())).thenComparing(BundleFile::name));
        return sorted;
    }

    /**
     * The canonical manifest of {@code files}, listed in the order given.
     *
     * @throws EvidenceException when a name repeats, or a file is the manifest or its signature
     */
    public static byte[] manifest(String auditId, List<BundleFile> files) {
        Set<String> seen = new HashSet<>();
        List<ManifestFile> listed = new ArrayList<>();
        for (BundleFile f : files) {
            if (!seen.add(f.name())) {
                throw new EvidenceException("the bundle would hold " + f.name() + " twice");
            }
            if (BundleLayout.MANIFEST.equals(f.name()) || BundleLayout.MANIFEST_SIGNATURE.equals(f.name())) {
                throw new EvidenceException("the manifest does not list itself or its signature");
            }
            listed.add(new ManifestFile(f.name(), Digests.sha256Hex(f.content()), f.size()));
        }
        return manifestJson(auditId, listed);
    }

    /** The canonical manifest JSON of this release. */
    static byte[] manifestJson(String auditId, List<ManifestFile> files) {
        Map<String, Object> manifest = new TreeMap<>();
        manifest.put("auditId", auditId);
        manifest.put("files", list(files));
        manifest.put("format", BundleLayout.FORMAT);
        return StrictJson.write(manifest);
    }

    /**
     * Writes the entries, in the order given, as a deterministic zip to {@code out}, which is
     * flushed but left open.
     *
     * @param createdAt the time every entry carries
     * @throws IllegalArgumentException when {@code createdAt} is outside what a zip entry can carry
     */
    public static void write(List<BundleFile> entries, Instant createdAt, OutputStream out) throws IOException {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(out, "out");
        if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
            throw new IllegalArgumentException("createdAt " + createdAt + " is outside the time a zip entry can carry ("
                    + EARLIEST + " to " + LATEST + ")");
        }
        LocalDateTime time = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC);
        try (ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out), StandardCharsets.UTF_8)) {
            zip.setMethod(ZipOutputStream.STORED);
            for (BundleFile f : entries) {
                byte[] data = f.content();
                CRC32 crc = new CRC32();
                crc.update(data);
                ZipEntry entry = new ZipEntry(f.name());
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

    /**
     * Writes a bundle of release 0.1's format ({@code sovaudit-bundle/1}): {@code report.json},
     * {@code report.html}, {@code report.json.p7s}, {@code appliance.pem}, {@code ledger-entry.json},
     * {@code manifest.json} (unsigned). Only for the audits that release recorded.
     */
    public static void writeLegacy(LegacyBundleContents contents, OutputStream out) throws IOException {
        Objects.requireNonNull(contents, "contents");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(BundleLayout.V1_REPORT_JSON, contents.reportJson());
        entries.put(BundleLayout.V1_REPORT_HTML, contents.reportHtml());
        entries.put(BundleLayout.V1_SIGNATURE, contents.signature());
        entries.put(BundleLayout.V1_CERTIFICATE, contents.certificatePem().getBytes(StandardCharsets.UTF_8));
        entries.put(BundleLayout.V1_LEDGER_ENTRY, contents.ledgerEntryJson());
        entries.put(BundleLayout.MANIFEST, legacyManifest(entries));
        List<BundleFile> files = new ArrayList<>();
        entries.forEach((name, bytes) -> files.add(new BundleFile(name, bytes)));
        write(files, contents.createdAt(), out);
    }

    /** The canonical release 0.1 manifest for {@code files}, in their order. */
    static byte[] legacyManifest(Map<String, byte[]> files) {
        List<ManifestFile> listed = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            listed.add(new ManifestFile(e.getKey(), Digests.sha256Hex(e.getValue()), e.getValue().length));
        }
        return legacyManifestJson(listed);
    }

    static byte[] legacyManifestJson(List<ManifestFile> files) {
        Map<String, Object> manifest = new TreeMap<>();
        manifest.put("format", BundleLayout.FORMAT_V1);
        manifest.put("files", list(files));
        return StrictJson.write(manifest);
    }

    private static List<Map<String, Object>> list(List<ManifestFile> files) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (ManifestFile f : files) {
            Map<String, Object> file = new TreeMap<>();
            file.put("name", f.name());
            file.put("sha256", f.sha256());
            file.put("size", f.size());
            listed.add(file);
        }
        return listed;
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
