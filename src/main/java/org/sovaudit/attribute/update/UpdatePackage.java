package org.sovaudit.attribute.update;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.sovaudit.attribute.KnowledgeBase;
import org.sovaudit.evidence.sign.CmsVerifier;
import org.sovaudit.evidence.sign.SignatureCheck;
import org.sovaudit.model.Digests;

/**
 * An update package: one ZIP file holding {@code manifest.json}, its detached CMS signature
 * {@code manifest.json.p7s} (DER) made with the publisher's key, the knowledge base under
 * {@code kb/}, and {@code attribution.onnx} with {@code attribution.onnx.sha256}.
 *
 * <p>{@link #read} takes the ZIP apart defensively (bounded sizes and entry count, safe relative
 * names only, no duplicates). {@link #verify} checks, before anything is written anywhere: the
 * signature over the manifest with the publisher certificate that ships with the release; that
 * the package holds exactly the files the manifest lists, each with its SHA-256 and size; that the
 * model's pin file equals the manifest's model hash. Loading the knowledge base and the model from
 * the verified files is {@link ModelStore}'s next step.
 */
public final class UpdatePackage {

    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.p7s";
    public static final String MODEL = "attribution.onnx";
    public static final String MODEL_PIN = "attribution.onnx.sha256";
    public static final String KB_DIR = "kb";

    static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 128L * 1024 * 1024;
    static final int MAX_ENTRIES = UpdateManifest.MAX_FILES + 2;

    private final Map<String, byte[]> entries;

    private UpdatePackage(Map<String, byte[]> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The package's entries by name (for tests and for writing out verified files). */
    Map<String, byte[]> entries() {
        return entries;
    }

    /** Reads a package file; fails on anything but a plain, bounded ZIP of safe names. */
    public static UpdatePackage read(Path zip) {
        try {
            if (!Files.isRegularFile(zip, LinkOption.NOFOLLOW_LINKS)) {
                throw new UpdateException("update package " + zip + " is missing or not a regular file");
            }
            if (Files.size(zip) > MAX_TOTAL_BYTES) {
                throw new UpdateException("update package " + zip + " is larger than " + MAX_TOTAL_BYTES + " bytes");
            }
            try (InputStream in = Files.newInputStream(zip)) {
                return read(in, zip.toString());
            }
        } catch (IOException e) {
            throw new UpdateException("cannot read update package " + zip + ": " + e.getMessage(), e);
        }
    }

    static UpdatePackage read(InputStream raw, String name) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                String entry = e.getName();
                if (!entry.equals(MANIFEST) && !entry.equals(SIGNATURE) && !UpdateManifest.safePath(entry)) {
                    throw new UpdateException(name + ": entry '" + UpdateManifest.shorten(entry) + "' is not a safe relative name");
                }
                if (out.containsKey(entry)) {
                    throw new UpdateException(name + ": entry " + entry + " appears twice");
                }
                if (out.size() >= MAX_ENTRIES) {
                    throw new UpdateException(name + ": more than " + MAX_ENTRIES + " entries");
                }
                byte[] bytes = readBounded(zip, Math.min(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES - total), name + ": " + entry);
                total += bytes.length;
                out.put(entry, bytes);
            }
        }
        if (out.isEmpty()) {
            throw new UpdateException(name + ": not a ZIP file, or an empty one");
        }
        return new UpdatePackage(out);
    }

    private static byte[] readBounded(InputStream in, long max, String what) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        long n = 0;
        int r;
        while ((r = in.read(chunk)) > 0) {
            n += r;
            if (n > max) {
                throw new UpdateException(what + " is larger than allowed (" + max + " bytes)");
            }
            buffer.write(chunk, 0, r);
        }
        return buffer.toByteArray();
    }

    /**
     * A package whose signature and files were checked: its manifest, the exact bytes signed and the
     * signature (kept with an installed release so it can be verified again), and its files by path.
     */
    public record Verified(UpdateManifest manifest, byte[] manifestBytes, byte[] signature, Map<String, byte[]> files,
                           String signer) {
    }

    /** A package from entries already in memory (an installed release read back from disk). */
    static UpdatePackage fromEntries(Map<String, byte[]> entries) {
        return new UpdatePackage(new TreeMap<>(entries));
    }

    /** Checks signature, file set, hashes and the model pin; returns the verified contents or throws. */
    public Verified verify(X509Certificate publisher) {
        byte[] manifestBytes = entries.get(MANIFEST);
        byte[] signature = entries.get(SIGNATURE);
        if (manifestBytes == null || signature == null) {
            throw new UpdateException("refused: the package has no " + (manifestBytes == null ? MANIFEST : SIGNATURE));
        }
        SignatureCheck check = CmsVerifier.verify(manifestBytes, signature, publisher);
        if (!check.valid()) {
            throw new UpdateException("refused: the manifest signature does not verify with the publisher certificate: "
                    + check.detail());
        }
        UpdateManifest manifest = UpdateManifest.parse(manifestBytes);
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (UpdateManifest.FileEntry f : manifest.files()) {
            byte[] bytes = entries.get(f.path());
            if (bytes == null) {
                problems.add(f.path() + " is listed but missing");
                continue;
            }
            String actual = Digests.sha256Hex(bytes);
            if (!actual.equals(f.sha256()) || bytes.length != f.size()) {
                problems.add(f.path() + ": expected SHA-256 " + f.sha256() + " (" + f.size() + " bytes), actual " + actual
                        + " (" + bytes.length + " bytes)");
                continue;
            }
            files.put(f.path(), bytes);
        }
        for (String name : entries.keySet()) {
            if (!name.equals(MANIFEST) && !name.equals(SIGNATURE) && manifest.file(name) == null) {
                problems.add(name + " is in the package but not in the signed manifest");
            }
        }
        if (!problems.isEmpty()) {
            throw new UpdateException("refused: the package does not match its signed manifest: " + String.join("; ", problems));
        }
        for (String required : List.of(MODEL, MODEL_PIN, KB_DIR + "/kb.yaml")) {
            if (!files.containsKey(required)) {
                throw new UpdateException("refused: the package has no " + required);
            }
        }
        String modelSha = Digests.sha256Hex(files.get(MODEL));
        String pin = new String(files.get(MODEL_PIN), java.nio.charset.StandardCharsets.US_ASCII).strip();
        if (!modelSha.equals(manifest.modelSha256()) || !pin.equals(modelSha)) {
            throw new UpdateException("refused: model hash mismatch: manifest " + manifest.modelSha256() + ", pin file " + pin
                    + ", actual " + modelSha);
        }
        return new Verified(manifest, manifestBytes, signature, Collections.unmodifiableMap(files), check.detail());
    }

    /**
     * The manifest for a knowledge-base directory and a model: what the publisher signs. Every
     * file under {@code kbDir} is listed (as {@code kb/...}), with the model and its pin.
     */
    public static UpdateManifest manifest(String version, Path kbDir, Path model) {
        Map<String, byte[]> files = contents(kbDir, model);
        KnowledgeBase kb = KnowledgeBase.load(kbDir);
        List<UpdateManifest.FileEntry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            entries.add(new UpdateManifest.FileEntry(e.getKey(), Digests.sha256Hex(e.getValue()), e.getValue().length));
        }
        return new UpdateManifest(version, kb.version(), kb.sha256(), Digests.sha256Hex(files.get(MODEL)), entries);
    }

    /** Writes a package: the manifest, the publisher's signature over it, and the files it lists. */
    public static void write(Path out, UpdateManifest manifest, byte[] signature, Path kbDir, Path model) {
        Map<String, byte[]> files = contents(kbDir, model);
        try (OutputStream o = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(o)) {
            put(zip, MANIFEST, manifest.toJson());
            put(zip, SIGNATURE, signature);
            for (UpdateManifest.FileEntry f : manifest.files()) {
                byte[] bytes = files.get(f.path());
                if (bytes == null || !Digests.sha256Hex(bytes).equals(f.sha256())) {
                    throw new UpdateException("file " + f.path() + " differs from the manifest being packed");
                }
                put(zip, f.path(), bytes);
            }
        } catch (IOException e) {
            throw new UpdateException("cannot write update package " + out + ": " + e.getMessage(), e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0L);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The files a package of this knowledge base and model holds, by package path, sorted. */
    private static Map<String, byte[]> contents(Path kbDir, Path model) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(kbDir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = kbDir.relativize(p).toString().replace('\\', '/');
                String name = KB_DIR + "/" + relative;
                if (!UpdateManifest.safePath(name)) {
                    throw new UpdateException("knowledge-base file " + p + " has a name a package cannot carry");
                }
                files.put(name, Files.readAllBytes(p));
            }
            byte[] modelBytes = Files.readAllBytes(model);
            files.put(MODEL, modelBytes);
            files.put(MODEL_PIN, (Digests.sha256Hex(modelBytes) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UpdateException("cannot read the files to pack: " + e.getMessage(), e);
        }
        return files;
    }
}
