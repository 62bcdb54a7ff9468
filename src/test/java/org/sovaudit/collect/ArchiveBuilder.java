package org.sovaudit.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** Builds real archives in memory for tests, including the hostile shapes a writer normally refuses. */
final class ArchiveBuilder {

    private ArchiveBuilder() {
    }

    /** One tar entry: a regular file unless {@code type} says otherwise. */
    record Entry(String name, byte[] data, byte type, String linkName) {
        static Entry file(String name, String text) {
            return new Entry(name, text.getBytes(StandardCharsets.UTF_8), TarConstants.LF_NORMAL, null);
        }

        static Entry file(String name, byte[] data) {
            return new Entry(name, data, TarConstants.LF_NORMAL, null);
        }

        static Entry of(String name, byte type, String linkName) {
            return new Entry(name, new byte[0], type, linkName);
        }
    }

    static byte[] tar(Entry... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
                if (e.linkName() != null) {
                    entry.setLinkName(e.linkName());
                }
                entry.setSize(e.data().length);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(e.data());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Name and text pairs as a zip archive (Commons Compress writes any name it is given). */
    static byte[] zip(Object... namesAndContents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putArchiveEntry(new ZipArchiveEntry((String) namesAndContents[i]));
                Object content = namesAndContents[i + 1];
                zip.write(content instanceof byte[] b ? b : ((String) content).getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] bzip2(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A PAX extended header entry holding one record of about {@code size} bytes, before a regular file. */
    static byte[] tarWithHugePaxHeader(int size) {
        String key = " comment=";
        String value = "x".repeat(size);
        int length = key.length() + value.length() + 1;
        int digits = String.valueOf(length).length();
        int total = length + digits;
        if (String.valueOf(total).length() != digits) {
            total++;
        }
        byte[] record = (total + key + value + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8")) {
            TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders/etc/hosts", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
            pax.setSize(record.length);
            tar.putArchiveEntry(pax);
            tar.write(record);
            tar.closeArchiveEntry();
            TarArchiveEntry file = new TarArchiveEntry("etc/hosts");
            byte[] data = "127.0.0.1 localhost\n".getBytes(StandardCharsets.UTF_8);
            file.setSize(data.length);
            tar.putArchiveEntry(file);
            tar.write(data);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
