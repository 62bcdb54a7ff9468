package org.sovaudit.attribute.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sovaudit.model.Digests;

/**
 * What an update package carries: its version, the knowledge base and model it installs, and the
 * SHA-256 and size of every file. The publisher signs these bytes ({@code manifest.json}); the
 * files are trusted only through them. Written deterministically (fixed key order, files sorted by
 * path, two-space indent, final newline), read strictly (unknown fields, duplicates, bad values
 * are errors).
 *
 * @param version             the package version, compared part by part to refuse downgrades
 * @param knowledgeBaseVersion the version in the package's {@code kb/kb.yaml}
 * @param knowledgeBaseSha256 the knowledge base's SHA-256 ({@code KnowledgeBase.sha256()})
 * @param modelSha256         SHA-256 of {@code attribution.onnx}: the model's pin
 * @param files               every file of the package other than the manifest and its signature
 */
public record UpdateManifest(String version, String knowledgeBaseVersion, String knowledgeBaseSha256, String modelSha256,
                             List<FileEntry> files) {

    /** The manifest format this build reads and writes. */
    public static final int FORMAT = 1;
    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_FILES = 1000;

    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");
    private static final Pattern PATH = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*(/[a-z0-9_-]+(\\.[a-z0-9_-]+)*)*");

    /** One file: a relative path ({@code attribution.onnx}, {@code kb/vendors/china.yaml}), its SHA-256 and size. */
    public record FileEntry(String path, String sha256, long size) {
    }

    public UpdateManifest {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new UpdateException("manifest: version must be 1-64 of A-Z a-z 0-9 . + _ - starting with a letter or digit, was '"
                    + shorten(version) + "'");
        }
        if (knowledgeBaseVersion == null || knowledgeBaseVersion.isBlank() || knowledgeBaseVersion.length() > 64) {
            throw new UpdateException("manifest: knowledge-base version missing or too long");
        }
        if (!Digests.isSha256Hex(knowledgeBaseSha256) || !Digests.isSha256Hex(modelSha256)) {
            throw new UpdateException("manifest: knowledge-base and model SHA-256 must be 64 lower-case hex digits");
        }
        List<FileEntry> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(FileEntry::path));
        for (int i = 0; i < sorted.size(); i++) {
            FileEntry f = sorted.get(i);
            if (!safePath(f.path())) {
                throw new UpdateException("manifest: file path '" + shorten(f.path()) + "' is not a safe relative path");
            }
            if (!Digests.isSha256Hex(f.sha256()) || f.size() < 0) {
                throw new UpdateException("manifest: file " + f.path() + " has no valid SHA-256 or size");
            }
            if (i > 0 && sorted.get(i - 1).path().equals(f.path())) {
                throw new UpdateException("manifest: file " + f.path() + " is listed twice");
            }
        }
        if (sorted.size() > MAX_FILES) {
            throw new UpdateException("manifest: more than " + MAX_FILES + " files");
        }
        files = List.copyOf(sorted);
    }

    /** Whether {@code path} is relative, lower-case, '/'-separated, without empty, '.' or '..' parts. */
    static boolean safePath(String path) {
        return path != null && path.length() <= 200 && PATH.matcher(path).matches();
    }

    /** The entry for a path, or null. */
    public FileEntry file(String path) {
        for (FileEntry f : files) {
            if (f.path().equals(path)) {
                return f;
            }
        }
        return null;
    }

    /** The manifest's bytes as the publisher signs them. */
    public byte[] toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", version);
        Map<String, Object> kb = new LinkedHashMap<>();
        kb.put("version", knowledgeBaseVersion);
        kb.put("sha256", knowledgeBaseSha256);
        root.put("knowledgeBase", kb);
        root.put("model", Map.of("sha256", modelSha256));
        List<Object> list = new ArrayList<>();
        for (FileEntry f : files) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path());
            m.put("sha256", f.sha256());
            m.put("size", f.size());
            list.add(m);
        }
        root.put("files", list);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return (new ObjectMapper().writer(printer).writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UpdateException("cannot write the manifest: " + e.getMessage(), e);
        }
    }

    /** Reads signed manifest bytes; fails naming the field. */
    public static UpdateManifest parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new UpdateException("manifest: larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(bytes);
        } catch (IOException e) {
            throw new UpdateException("manifest: not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new UpdateException("manifest: expected a JSON object");
        }
        only(root, "", Set.of("format", "version", "knowledgeBase", "model", "files"));
        if (!root.path("format").isInt() || root.get("format").intValue() != FORMAT) {
            throw new UpdateException("manifest: format " + root.path("format") + " is not " + FORMAT
                    + "; this build cannot read the package");
        }
        JsonNode kb = object(root, "knowledgeBase");
        only(kb, "knowledgeBase.", Set.of("version", "sha256"));
        JsonNode model = object(root, "model");
        only(model, "model.", Set.of("sha256"));
        JsonNode files = root.get("files");
        if (files == null || !files.isArray()) {
            throw new UpdateException("manifest: files must be a list");
        }
        if (files.size() > MAX_FILES) {
            throw new UpdateException("manifest: more than " + MAX_FILES + " files");
        }
        List<FileEntry> entries = new ArrayList<>();
        for (JsonNode f : files) {
            if (!f.isObject()) {
                throw new UpdateException("manifest: every file entry must be an object");
            }
            only(f, "files[].", Set.of("path", "sha256", "size"));
            if (!f.path("size").canConvertToLong() || !f.path("size").isIntegralNumber()) {
                throw new UpdateException("manifest: files[].size must be a whole number");
            }
            entries.add(new FileEntry(text(f, "path"), text(f, "sha256"), f.get("size").longValue()));
        }
        return new UpdateManifest(text(root, "version"), text(kb, "version"), text(kb, "sha256"), text(model, "sha256"), entries);
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw new UpdateException("manifest: " + field + " must be an object");
        }
        return n;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw new UpdateException("manifest: " + field + " must be a string");
        }
        return n.textValue();
    }

    private static void only(JsonNode node, String prefix, Set<String> fields) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!fields.contains(name)) {
                throw new UpdateException("manifest: unknown field " + prefix + shorten(name));
            }
        }
    }

    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
