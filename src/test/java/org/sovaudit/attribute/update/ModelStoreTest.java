package org.sovaudit.attribute.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.attribute.KnowledgeBase;
import org.sovaudit.attribute.OnnxAttributor;
import org.sovaudit.model.Digests;

/** Installing, refusing and rolling back update packages, with real signatures. */
class ModelStoreTest {

    static TestPublisher publisher;
    static KnowledgeBase builtin;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        publisher = new TestPublisher("update publisher");
        builtin = KnowledgeBase.loadDefault();
    }

    ModelStore store() {
        return ModelStore.at(dir.resolve("data"), publisher.certificate);
    }

    @Test
    void apply_installsAVerifiedPackage_andTheRuntimeLoadsIt() throws IOException {
        Path pkg = publisher.pack(dir, "2099.1.0");
        ModelStore store = store();
        assertEquals(ModelStore.BUILTIN, store.active());
        ModelStore.Applied applied = store.apply(pkg, false);
        assertEquals("2099.1.0", applied.version());
        assertEquals(ModelStore.BUILTIN, applied.previous());
        assertEquals(builtin.version(), applied.knowledgeBaseVersion());
        assertTrue(applied.signer().contains("update publisher"), applied.signer());
        assertEquals("2099.1.0", store.active());
        assertTrue(Files.isRegularFile(dir.resolve("data/models/releases/2099.1.0/kb/kb.yaml")));
        assertTrue(Files.isRegularFile(dir.resolve("data/models/releases/2099.1.0/manifest.json.p7s")));
        KnowledgeBase kb = store.knowledgeBase();
        assertEquals(builtin.sha256(), kb.sha256());
        try (OnnxAttributor model = store.model(1, 4)) {
            assertTrue(model.source().contains("releases/2099.1.0"), model.source());
            assertEquals(applied.modelSha256(), model.sha256());
        }
        ModelStore.Status status = store.status();
        assertEquals("2099.1.0", status.active());
        assertEquals(ModelStore.BUILTIN, status.previous());
        assertEquals(List.of("2099.1.0"), status.installed());
    }

    @Test
    void tamperedPackage_isRefused_andNothingIsInstalled() throws IOException {
        Path pkg = publisher.pack(dir, "2099.1.0");
        Path tampered = rewrite(pkg, dir.resolve("tampered.zip"), entries -> {
            byte[] kb = entries.get("kb/vendors/china.yaml");
            entries.put("kb/vendors/china.yaml", new String(kb, StandardCharsets.UTF_8)
                    .replace("domains: [huawei.com,", "domains: [huawei.com, ministry-of-finance.org,").getBytes(StandardCharsets.UTF_8));
        });
        UpdateException e = assertThrows(UpdateException.class, () -> store().apply(tampered, false));
        assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("kb/vendors/china.yaml: expected SHA-256"),
                e.getMessage());
        assertEquals(ModelStore.BUILTIN, store().active());
        assertFalse(Files.exists(dir.resolve("data/models/releases/2099.1.0")));
    }

    @Test
    void packageSignedByAnotherKey_isRefused() throws IOException {
        Path pkg = new TestPublisher("someone else").pack(dir, "2099.1.0");
        UpdateException e = assertThrows(UpdateException.class, () -> store().apply(pkg, false));
        assertTrue(e.getMessage().contains("signature does not verify"), e.getMessage());
        assertEquals(ModelStore.BUILTIN, store().active());
    }

    @Test
    void editedManifest_isRefusedByItsSignature() throws IOException {
        Path pkg = publisher.pack(dir, "2099.1.0");
        Path edited = rewrite(pkg, dir.resolve("edited.zip"), entries -> entries.put(UpdatePackage.MANIFEST,
                new String(entries.get(UpdatePackage.MANIFEST), StandardCharsets.UTF_8).replace("2099.1.0", "2099.9.0")
                        .getBytes(StandardCharsets.UTF_8)));
        UpdateException e = assertThrows(UpdateException.class, () -> store().apply(edited, false));
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
    }

    @Test
    void fileOutsideTheManifest_isRefused() throws IOException {
        Path pkg = publisher.pack(dir, "2099.1.0");
        Path extra = rewrite(pkg, dir.resolve("extra.zip"), entries -> entries.put("kb/extra.yaml", "x: 1\n".getBytes(StandardCharsets.UTF_8)));
        UpdateException e = assertThrows(UpdateException.class, () -> store().apply(extra, false));
        assertTrue(e.getMessage().contains("kb/extra.yaml is in the package but not in the signed manifest"), e.getMessage());
    }

    @Test
    void unsafeEntryName_isRefusedWhileReading() throws IOException {
        Path pkg = publisher.pack(dir, "2099.1.0");
        Path evil = rewrite(pkg, dir.resolve("evil.zip"), entries -> entries.put("../escape.yaml", new byte[] {1}));
        UpdateException e = assertThrows(UpdateException.class, () -> store().apply(evil, false));
        assertTrue(e.getMessage().contains("not a safe relative name"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data/escape.yaml")));
    }

    @Test
    void downgradeAndReinstall_areRefusedUnlessForced() throws IOException {
        ModelStore store = store();
        store.apply(publisher.pack(dir, "2099.2.0"), false);
        Path older = publisher.pack(dir, "2099.1.0");
        UpdateException down = assertThrows(UpdateException.class, () -> store.apply(older, false));
        assertTrue(down.getMessage().contains("older than the version in use (2099.2.0)"), down.getMessage());
        Path same = publisher.pack(dir, "2099.2.0");
        UpdateException again = assertThrows(UpdateException.class, () -> store.apply(same, false));
        assertTrue(again.getMessage().contains("the version in use"), again.getMessage());
        assertEquals("2099.2.0", store.active());
        assertEquals("2099.1.0", store.apply(older, true).version());
        assertEquals("2099.1.0", store.active());
        assertEquals("2099.2.0", store.status().previous());
    }

    @Test
    void versionOlderThanTheBuiltInKnowledgeBase_isADowngrade() throws IOException {
        Path old = publisher.pack(dir, "2000.1.0");
        UpdateException e = assertThrows(UpdateException.class, () -> store().apply(old, false));
        assertTrue(e.getMessage().contains("older than the version in use (" + builtin.version() + ")"), e.getMessage());
    }

    @Test
    void rollback_swapsActiveAndPrevious_downToTheBuiltInModels() throws IOException {
        ModelStore store = store();
        assertThrows(UpdateException.class, store::rollback, "nothing installed yet");
        store.apply(publisher.pack(dir, "2099.1.0"), false);
        store.apply(publisher.pack(dir, "2099.2.0"), false);
        assertEquals("2099.1.0", store.rollback());
        assertEquals("2099.1.0", store.active());
        assertEquals("2099.2.0", store.status().previous());
        assertEquals("2099.2.0", store.rollback(), "rolling back twice returns");
        store.apply(publisher.pack(dir, "2099.3.0"), false);
        assertEquals(List.of("2099.2.0", "2099.3.0"), store.status().installed(), "only active and previous are kept");
        store.rollback();
        store.rollback();
        assertEquals("2099.3.0", store.active());
        ModelStore fresh = ModelStore.at(dir.resolve("other"), publisher.certificate);
        fresh.apply(publisher.pack(dir, "2099.5.0"), false);
        assertEquals(ModelStore.BUILTIN, fresh.rollback());
        assertEquals(builtin.sha256(), fresh.knowledgeBase().sha256());
    }

    @Test
    void installedReleaseEditedOnDisk_isRefusedAtLoad() throws IOException {
        ModelStore store = store();
        store.apply(publisher.pack(dir, "2099.1.0"), false);
        Path yaml = dir.resolve("data/models/releases/2099.1.0/kb/vendors/africa.yaml");
        Files.writeString(yaml, Files.readString(yaml, StandardCharsets.UTF_8).replace("AS33771", "AS33772"), StandardCharsets.UTF_8);
        UpdateException e = assertThrows(UpdateException.class, store::knowledgeBase);
        assertTrue(e.getMessage().contains("failed verification") && e.getMessage().contains("update rollback"), e.getMessage());
        assertThrows(UpdateException.class, () -> store.model(1, 1));
    }

    @Test
    void auditService_loadsTheInstalledRelease_andRefusesOneTheShippedPublisherDidNotSign() throws IOException {
        Path data = dir.resolve("data");
        try (org.sovaudit.audit.Audit audit = org.sovaudit.audit.Audit.builder().dataDir(data).build()) {
            assertEquals(builtin.sha256(), audit.knowledgeBase().sha256(), "nothing installed: the jar's models");
        }
        store().apply(publisher.pack(dir, "2099.1.0"), false);
        UpdateException e = assertThrows(UpdateException.class, () -> org.sovaudit.audit.Audit.builder().dataDir(data).build());
        assertTrue(e.getMessage().contains("installed models 2099.1.0") && e.getMessage().contains("failed verification"),
                e.getMessage());
    }

    @Test
    void modelTrainedOnAnotherKnowledgeBase_isRefused() throws IOException {
        Path kb = dir.resolve("kb");
        copyTree(Path.of("models", "kb"), kb);
        Path yaml = kb.resolve("vendors/africa.yaml");
        Files.writeString(yaml, Files.readString(yaml, StandardCharsets.UTF_8).replace("AS33771", "AS33771 (edited)"), StandardCharsets.UTF_8);
        Path pkg = publisher.pack(dir, "2099.1.0", kb, Path.of("models", "attribution.onnx"));
        UpdateException e = assertThrows(UpdateException.class, () -> store().apply(pkg, false));
        assertTrue(e.getMessage().contains("trained on knowledge base"), e.getMessage());
        assertEquals(ModelStore.BUILTIN, store().active());
    }

    @Test
    void manifest_isDeterministicAndStrict() {
        UpdateManifest m = UpdatePackage.manifest("2099.1.0", Path.of("models", "kb"), Path.of("models", "attribution.onnx"));
        assertEquals(new String(m.toJson(), StandardCharsets.UTF_8), new String(UpdateManifest.parse(m.toJson()).toJson(), StandardCharsets.UTF_8));
        assertEquals(Digests.sha256Hex(m.toJson()), Digests.sha256Hex(
                UpdatePackage.manifest("2099.1.0", Path.of("models", "kb"), Path.of("models", "attribution.onnx")).toJson()));
        assertTrue(m.file("kb/kb.yaml") != null && m.file("attribution.onnx") != null);
        String json = new String(m.toJson(), StandardCharsets.UTF_8);
        assertThrows(UpdateException.class, () -> UpdateManifest.parse(json.replace("\"format\" : 1", "\"format\" : 2")
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(UpdateException.class, () -> UpdateManifest.parse(json.replace("\"files\"", "\"extra\" : 1, \"files\"")
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(UpdateException.class, () -> new UpdateManifest("../1", "v", m.knowledgeBaseSha256(), m.modelSha256(), List.of()));
        assertThrows(UpdateException.class, () -> new UpdateManifest("1", "v", m.knowledgeBaseSha256(), m.modelSha256(),
                List.of(new UpdateManifest.FileEntry("kb/../x", m.modelSha256(), 1))));
    }

    @Test
    void versions_compareNumericallyPartByPart() {
        assertTrue(Versions.compare("2026.12.1", "2026.9.9") > 0);
        assertTrue(Versions.compare("2026.12.1-2", "2026.12.1") > 0);
        assertTrue(Versions.compare("2026.12.1", "2026.12.01") == 0);
        assertTrue(Versions.compare("2027.1.0", "2026.12.1") > 0);
        assertTrue(Versions.compare("1.0rc1", "1.0.1") < 0, "letters sort before digits");
    }

    interface Edit {
        void apply(Map<String, byte[]> entries);
    }

    /** A copy of a package with its entries edited (and not signed again). */
    static Path rewrite(Path in, Path out, Edit edit) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (InputStream raw = Files.newInputStream(in); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                zip.transferTo(b);
                entries.put(e.getName(), b.toByteArray());
            }
        }
        edit.apply(entries);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
