package org.sovaudit.attribute.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.sovaudit.attribute.AttributionException;
import org.sovaudit.attribute.KnowledgeBase;
import org.sovaudit.attribute.OnnxAttributor;
import org.sovaudit.evidence.sign.Certificates;

/**
 * The knowledge base and model an appliance runs: the ones in the jar ({@value #BUILTIN}), or an
 * installed update under {@code <data-dir>/models/}:
 * <pre>
 *   models/releases/&lt;version&gt;/   manifest.json, manifest.json.p7s, kb/..., attribution.onnx(.sha256)
 *   models/active                 the version in use, or "builtin"
 *   models/previous               the version before it, for rollback
 * </pre>
 * {@link #apply} verifies a package completely (signature, files, knowledge base loads, model
 * loads under its pin and was trained on that knowledge base) in a staging directory before the
 * one atomic step that switches {@code active}; it keeps the version it replaces for
 * {@link #rollback} and refuses a version that is not newer unless forced. {@link #knowledgeBase}
 * and {@link #model} load what {@code active} names, verifying an installed release again against
 * the publisher certificate; a release that fails is refused, never silently replaced by the
 * built-in one.
 */
public final class ModelStore {

    /** The name of the knowledge base and model inside the jar. */
    public static final String BUILTIN = "builtin";
    /** The publisher certificate that ships with the release. */
    static final String PUBLISHER_CERTIFICATE = "models/update/publisher.pem";

    private final Path root;
    private final X509Certificate publisher;

    private ModelStore(Path root, X509Certificate publisher) {
        this.root = root;
        this.publisher = publisher;
    }

    /** The store of a data directory, trusting the publisher certificate shipped in the jar. */
    public static ModelStore at(Path dataDir) {
        return new ModelStore(dataDir.resolve("models"), shippedPublisher());
    }

    /** The store of a data directory, trusting {@code publisher} (tests, and appliances re-keyed by their operator). */
    public static ModelStore at(Path dataDir, X509Certificate publisher) {
        return new ModelStore(dataDir.resolve("models"), publisher);
    }

    /** The publisher certificate in the jar ({@value #PUBLISHER_CERTIFICATE}). */
    public static X509Certificate shippedPublisher() {
        try (InputStream in = ModelStore.class.getClassLoader().getResourceAsStream(PUBLISHER_CERTIFICATE)) {
            if (in == null) {
                throw new UpdateException("classpath:" + PUBLISHER_CERTIFICATE + " is missing");
            }
            return Certificates.fromPem(new String(in.readNBytes(64 * 1024), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UpdateException("cannot read classpath:" + PUBLISHER_CERTIFICATE + ": " + e.getMessage(), e);
        }
    }

    /** What {@link #apply} did. */
    public record Applied(String version, String previous, String knowledgeBaseVersion, String modelSha256, String signer) {
    }

    /** Which versions are active, before, and in the jar. */
    public record Status(String active, String previous, String builtinKnowledgeBase, List<String> installed) {
    }

    /** The version in use: an installed release or {@value #BUILTIN}. */
    public String active() {
        return pointer("active");
    }

    public Status status() {
        List<String> installed = new ArrayList<>();
        Path releases = root.resolve("releases");
        if (Files.isDirectory(releases, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(releases)) {
                for (Path d : dirs) {
                    installed.add(d.getFileName().toString());
                }
            } catch (IOException e) {
                throw new UpdateException("cannot list " + releases + ": " + e.getMessage(), e);
            }
        }
        installed.sort(Versions::compare);
        String previous = Files.exists(root.resolve("previous")) ? pointer("previous") : "";
        return new Status(active(), previous, KnowledgeBase.loadDefault().version(), installed);
    }

    /**
     * Verifies a package and makes it the active version. Refuses a version not newer than the
     * active one (the built-in knowledge base's version when none is installed) unless {@code force}.
     */
    public Applied apply(Path packageFile, boolean force) {
        UpdatePackage.Verified verified = UpdatePackage.read(packageFile).verify(publisher);
        UpdateManifest manifest = verified.manifest();
        String current = active();
        String currentVersion = current.equals(BUILTIN) ? KnowledgeBase.loadDefault().version() : current;
        int order = Versions.compare(manifest.version(), currentVersion);
        if (order <= 0 && !force) {
            throw new UpdateException("refused: version " + manifest.version() + " is " + (order == 0 ? "the version in use"
                    : "older than the version in use (" + currentVersion + ")") + "; use --force to install it anyway");
        }
        try {
            Files.createDirectories(root.resolve("releases"));
            Path staging = Files.createTempDirectory(root, ".staging-");
            try {
                write(staging, verified);
                checkContents(staging, manifest);
                Path target = root.resolve("releases").resolve(manifest.version());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    if (manifest.version().equals(current)) {
                        // reinstalling the active version: it must stay loadable until the switch; move the old copy aside first
                        Path aside = Files.createTempDirectory(root, ".replaced-");
                        Files.move(target, aside.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
                        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                        deleteTree(aside);
                    } else {
                        deleteTree(target);
                        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    }
                } else {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(staging);
                }
            }
            String previous = manifest.version().equals(current) && Files.exists(root.resolve("previous"))
                    ? pointer("previous") : current;
            writePointer("previous", previous);
            writePointer("active", manifest.version());
            prune();
            return new Applied(manifest.version(), previous, manifest.knowledgeBaseVersion(), manifest.modelSha256(), verified.signer());
        } catch (IOException e) {
            throw new UpdateException("cannot install update " + manifest.version() + " under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Makes the previous version active again (and the active one previous); returns the version now active. */
    public String rollback() {
        if (!Files.exists(root.resolve("previous"), LinkOption.NOFOLLOW_LINKS)) {
            throw new UpdateException("nothing to roll back to: no previous version is recorded under " + root);
        }
        String active = active();
        String previous = pointer("previous");
        if (!previous.equals(BUILTIN)) {
            // the version rolled back to must still verify before it becomes active
            verifyRelease(previous);
        }
        writePointer("previous", active);
        writePointer("active", previous);
        return previous;
    }

    /** The active knowledge base: the installed release's, verified, or the jar's. */
    public KnowledgeBase knowledgeBase() {
        String active = active();
        if (active.equals(BUILTIN)) {
            return KnowledgeBase.loadDefault();
        }
        verifyRelease(active);
        return KnowledgeBase.load(release(active).resolve(UpdatePackage.KB_DIR));
    }

    /** The active model under its pin: the installed release's, verified, or the jar's. */
    public OnnxAttributor model(int threads, int batchSize) {
        String active = active();
        if (active.equals(BUILTIN)) {
            return OnnxAttributor.loadDefault(threads, batchSize);
        }
        UpdateManifest manifest = verifyRelease(active);
        return OnnxAttributor.load(release(active).resolve(UpdatePackage.MODEL), manifest.modelSha256(), threads, batchSize);
    }

    /** Verifies an installed release as a package would be verified; returns its manifest. */
    UpdateManifest verifyRelease(String version) {
        Path dir = release(version);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UpdateException("installed models " + version + " are missing from " + dir
                    + "; run 'sovaudit update rollback' or apply a package again");
        }
        try {
            Map<String, byte[]> entries = new java.util.TreeMap<>();
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                    if (Files.size(p) > UpdatePackage.MAX_ENTRY_BYTES) {
                        throw new UpdateException(p + " is larger than " + UpdatePackage.MAX_ENTRY_BYTES + " bytes");
                    }
                    entries.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
            UpdatePackage.Verified verified = UpdatePackage.fromEntries(entries).verify(publisher);
            if (!verified.manifest().version().equals(version)) {
                throw new UpdateException("installed release " + version + " carries a manifest of version " + verified.manifest().version());
            }
            return verified.manifest();
        } catch (UpdateException e) {
            throw new UpdateException("installed models " + version + " under " + dir + " failed verification ("
                    + e.getMessage() + "); run 'sovaudit update rollback' or apply a package again", e);
        } catch (IOException e) {
            throw new UpdateException("cannot read installed models " + version + " under " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path release(String version) {
        return root.resolve("releases").resolve(version);
    }

    private static void write(Path dir, UpdatePackage.Verified verified) throws IOException {
        Files.write(dir.resolve(UpdatePackage.MANIFEST), verified.manifestBytes());
        Files.write(dir.resolve(UpdatePackage.SIGNATURE), verified.signature());
        for (Map.Entry<String, byte[]> e : verified.files().entrySet()) {
            Path target = dir.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
    }

    /** The knowledge base loads, the model loads under its pin and was trained on that knowledge base. */
    private static void checkContents(Path dir, UpdateManifest manifest) {
        KnowledgeBase kb;
        try {
            kb = KnowledgeBase.load(dir.resolve(UpdatePackage.KB_DIR));
        } catch (AttributionException e) {
            throw new UpdateException("refused: the package's knowledge base does not load: " + e.getMessage(), e);
        }
        if (!kb.sha256().equals(manifest.knowledgeBaseSha256()) || !kb.version().equals(manifest.knowledgeBaseVersion())) {
            throw new UpdateException("refused: the knowledge base is " + kb.version() + " (" + kb.sha256() + "), the manifest says "
                    + manifest.knowledgeBaseVersion() + " (" + manifest.knowledgeBaseSha256() + ")");
        }
        try (OnnxAttributor model = OnnxAttributor.load(dir.resolve(UpdatePackage.MODEL), manifest.modelSha256(), 1, 1)) {
            String trainedOn = model.metadata().getOrDefault("kb-sha256", "");
            if (!trainedOn.equals(kb.sha256())) {
                throw new UpdateException("refused: the model was trained on knowledge base " + trainedOn + ", the package carries "
                        + kb.sha256());
            }
            for (String group : model.classes()) {
                if (!group.equals(OnnxAttributor.NONE) && kb.group(group).isEmpty()) {
                    throw new UpdateException("refused: model class '" + group + "' is not a group of the package's knowledge base");
                }
            }
        } catch (UpdateException e) {
            throw e;
        } catch (AttributionException e) {
            throw new UpdateException("refused: the package's model does not load: " + e.getMessage(), e);
        }
    }

    /** Deletes releases that are neither active nor previous. */
    private void prune() throws IOException {
        String active = active();
        String previous = Files.exists(root.resolve("previous")) ? pointer("previous") : "";
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root.resolve("releases"))) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (!name.equals(active) && !name.equals(previous)) {
                    deleteTree(d);
                }
            }
        }
    }

    private String pointer(String name) {
        Path file = root.resolve(name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return BUILTIN;
        }
        try {
            if (Files.size(file) > 256) {
                throw new UpdateException(file + " is not a version pointer (too large)");
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!value.equals(BUILTIN) && !value.matches("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")) {
                throw new UpdateException(file + " names no version: '" + UpdateManifest.shorten(value) + "'");
            }
            return value;
        } catch (IOException e) {
            throw new UpdateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces a pointer file atomically: readers see the old or the new version, never a half-written one. */
    private void writePointer(String name, String value) {
        try {
            Files.createDirectories(root);
            Path temp = Files.createTempFile(root, "." + name + "-", ".tmp");
            Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, root.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, root.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UpdateException("cannot write " + root.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
