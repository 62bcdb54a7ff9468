package org.sovaudit.evidence.bundle;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.sovaudit.model.Digests;
import org.sovaudit.evidence.EvidenceException;

/**
 * Reads a bundle zip defensively, for the verifier. The bundle file, each entry and all entries
 * together have size caps; more than {@value BundleLayout#MAX_ENTRIES} entries, duplicate names,
 * and names that are empty, absolute or hold '/', '\\', ':', '..' or control characters make the
 * bundle unreadable. The zip is read twice, entry by entry from the front (local headers) and
 * through its central directory (as unzip tools read it), and both views must show the same names,
 * in the same order, with the same bytes; otherwise a reviewer's unzip could show other files than
 * the ones verified.
 */
final class BundleReader {

    private static final JsonFactory STRICT_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private BundleReader() {
    }

    // ---------------------------------------------------------------- reading

    /** Either the entries in bundle order, or why the bundle cannot be read. */
    record Entries(Map<String, byte[]> files, String summary, String problem) {
        static Entries unreadable(String problem) {
            return new Entries(Map.of(), "", problem);
        }
    }

    static Entries readEntries(Path zip) {
        if (zip == null) {
            return Entries.unreadable("no bundle file given");
        }
        long size;
        try {
            if (!Files.isRegularFile(zip)) {
                return Entries.unreadable(zip + " is not a regular file");
            }
            size = Files.size(zip);
        } catch (IOException | SecurityException e) {
            return Entries.unreadable("cannot read " + zip + ": " + message(e));
        }
        if (size > BundleLayout.MAX_BUNDLE_BYTES) {
            return Entries.unreadable("the bundle is " + size + " bytes, more than a bundle can be ("
                    + BundleLayout.MAX_BUNDLE_BYTES + "); not read");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip)), StandardCharsets.UTF_8)) {
            long total = 0;
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (files.size() >= BundleLayout.MAX_ENTRIES) {
                    return Entries.unreadable("the bundle has more than " + BundleLayout.MAX_ENTRIES + " entries");
                }
                String name = entry.getName();
                String nameProblem = nameProblem(name);
                if (nameProblem != null) {
                    return Entries.unreadable(nameProblem);
                }
                if (files.containsKey(name)) {
                    return Entries.unreadable("duplicate entry '" + name + "'");
                }
                long limit = Math.min(BundleLayout.maxBytes(name), BundleLayout.MAX_TOTAL_BYTES - total);
                byte[] data = readAtMost(in, limit);
                if (data == null) {
                    return Entries.unreadable("entry '" + name + "' is larger than " + limit + " bytes");
                }
                total += data.length;
                files.put(name, data);
            }
        } catch (IOException | RuntimeException e) {
            return Entries.unreadable("not a readable zip: " + message(e));
        }
        if (files.isEmpty()) {
            return Entries.unreadable("not a zip bundle: no entries found");
        }
        String mismatch = centralDirectoryMismatch(zip, files);
        if (mismatch != null) {
            return Entries.unreadable(mismatch);
        }
        return new Entries(files, files.size() + " entries, " + size + " bytes", null);
    }

    /**
     * Reads the bundle again through its central directory and says how it differs from the
     * entries read from the front, or null when it shows exactly the same.
     */
    private static String centralDirectoryMismatch(Path zip, Map<String, byte[]> files) {
        try (ZipFile zipFile = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            if (zipFile.size() != files.size()) {
                return "the central directory lists " + zipFile.size() + " entries, the bundle holds " + files.size();
            }
            List<String> names = new ArrayList<>(files.keySet());
            int index = 0;
            for (Enumeration<? extends ZipEntry> it = zipFile.entries(); it.hasMoreElements(); index++) {
                ZipEntry entry = it.nextElement();
                String expectedName = names.get(index);
                if (!expectedName.equals(entry.getName())) {
                    return "the central directory names entry " + (index + 1) + " '" + printable(entry.getName())
                            + "', the bundle holds '" + expectedName + "' there";
                }
                byte[] expected = files.get(expectedName);
                byte[] actual;
                try (InputStream in = zipFile.getInputStream(entry)) {
                    actual = digestAtMost(in, expected.length);
                }
                if (actual == null || !MessageDigest.isEqual(actual, Digests.sha256(expected))) {
                    return "entry '" + expectedName + "' differs between the central directory and the entry itself";
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "the central directory is unreadable: " + message(e);
        }
    }

    /** Why {@code name} may not appear in a bundle, or null when it may. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "an entry has an empty name";
        }
        if (name.length() > 255) {
            return "an entry name is longer than 255 characters";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "entry name '" + printable(name) + "' holds a path separator; bundles are flat";
        }
        if (name.contains("..")) {
            return "entry name '" + printable(name) + "' holds '..'";
        }
        if (name.indexOf(':') >= 0) {
            return "entry name '" + printable(name) + "' holds ':' (a drive or stream name)";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "entry name '" + printable(name) + "' holds a control character";
            }
        }
        return null;
    }

    /** Reads {@code in} to its end, or returns null as soon as it holds more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            count += n;
            if (count > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** SHA-256 of {@code in}, or null when it holds more than {@code limit} bytes. */
    private static byte[] digestAtMost(InputStream in, long limit) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new EvidenceException("this Java runtime has no SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            count += n;
            if (count > limit) {
                return null;
            }
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    /**
     * The string value of the top-level {@code auditId} field, or null when there is none. Streams
     * through the report (which may be large) without building it in memory; refuses duplicate
     * keys and anything after the top-level object.
     */
    static String topLevelAuditId(byte[] report) throws IOException {
        try (JsonParser parser = STRICT_JSON.createParser(report)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the top level is not an object");
            }
            String auditId = null;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("auditId".equals(field)) {
                    auditId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new IOException("content after the top-level object");
            }
            return auditId;
        }
    }

    // ---------------------------------------------------------------- text

    static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : printable(message);
    }

    /** {@code s} with control characters shown as '?' and cut to a readable length. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char ch = s.charAt(i);
            sb.append(Character.isISOControl(ch) ? '?' : ch);
        }
        return s.length() > 200 ? sb + "..." : sb.toString();
    }

    static String abbreviate(String s) {
        return printable(s.length() <= 80 ? s : s.substring(0, 80) + "...");
    }
}
