package org.sovaudit.evidence.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.sovaudit.model.Digests;
import org.sovaudit.evidence.ledger.Ledger;
import org.sovaudit.evidence.ledger.LedgerEntry;
import org.sovaudit.evidence.sign.ApplianceKeys;
import org.sovaudit.store.Database;

/** A real signed report with its ledger entry, and helpers to write well-formed or hostile zips. */
final class BundleFixture {

    static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    final ApplianceKeys keys;
    final byte[] reportJson;
    final byte[] reportHtml;
    final LedgerEntry entry;
    final BundleContents contents;

    BundleFixture(Path dir, String auditId) {
        keys = ApplianceKeys.loadOrCreate(dir.resolve("keys"), CLOCK);
        reportJson = ("{\"auditId\":\"" + auditId + "\",\"schemaVersion\":1,\"findings\":[{\"layer\":\"cloud\","
                + "\"vendor\":\"example\",\"evidence\":{\"file\":\"main.tf\",\"line\":3}}]}").getBytes(StandardCharsets.UTF_8);
        reportHtml = ("<!doctype html><html><body><h1>Audit " + auditId + "</h1></body></html>").getBytes(StandardCharsets.UTF_8);
        try (Database db = Database.open(dir.resolve("sovaudit.db"))) {
            Ledger ledger = new Ledger(db);
            entry = db.transaction(c -> ledger.append(c, auditId, Digests.sha256Hex(reportJson), NOW, keys.keyId()));
        }
        contents = new BundleContents(reportJson, reportHtml, keys.sign(reportJson, NOW), keys.certificatePem(),
                entry.toJson(), NOW);
    }

    byte[] bundle() {
        return write(contents);
    }

    static byte[] write(BundleContents contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BundleWriter.write(contents, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The entries of a bundle, in order. */
    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Writes any entries, duplicates and hostile names included, as a plain deflated zip. */
    static byte[] zip(List<Map.Entry<String, byte[]>> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                entry.setTime(NOW.toEpochMilli());
                zip.putArchiveEntry(entry);
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] zip(Map<String, byte[]> entries) {
        return zip(List.copyOf(entries.entrySet()));
    }
}
