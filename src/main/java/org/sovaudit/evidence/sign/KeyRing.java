package org.sovaudit.evidence.sign;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.sovaudit.store.Database;

/**
 * The appliance's signing keys: the key directory (private key, certificates) kept in step with
 * the database's registry of public keys. The active key is unlocked once, on first use, so that
 * commands that only read (list, export, ledger verify) never ask for the passphrase.
 *
 * <p>A rotation changes both: the registry (with the ledger) in one database transaction, then
 * the key directory by renames. Should the appliance stop between the two, the next start finishes
 * the renames when the database recorded the rotation, and deletes the new key when it did not;
 * a key directory that matches neither is refused with a message, never silently used.
 */
public final class KeyRing {

    private final KeyDirectory directory;
    private final Database db;
    private final KeySettings settings;
    private final Clock clock;
    private ApplianceKeys active;

    public KeyRing(KeyDirectory directory, Database db, KeySettings settings, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.db = Objects.requireNonNull(db, "db");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public KeyDirectory directory() {
        return directory;
    }

    public KeySettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public KeyRegistry registry() {
        return new KeyRegistry(db);
    }

    /**
     * The active key, unlocked (created on a new appliance). Must not be called inside a
     * database transaction: registering a key commits its own.
     *
     * @throws KeyException when the key cannot be loaded, or the key directory and the database disagree
     */
    public synchronized ApplianceKeys active() {
        if (active == null) {
            active = load();
        }
        return active;
    }

    /** The certificate of a registered key, by key id, for checking what it signed. */
    public Function<String, Optional<X509Certificate>> certificates() {
        var all = registry().certificates();
        return keyId -> Optional.ofNullable(all.get(keyId));
    }

    private ApplianceKeys load() {
        Optional<String> registered = new KeyRegistry(db).activeKeyId();
        settle(registered);
        if (registered.isPresent() && directory.hasKey()) {
            String present = Certificates.keyId(directory.chain().getFirst());
            if (!present.equals(registered.get())) {
                throw new KeyException("the key directory " + directory.path() + " holds key " + present
                        + ", but this appliance's database names key " + registered.get() + " as its active key;"
                        + " restore the key directory from the backup that matches the database");
            }
        }
        if (registered.isPresent() && !directory.hasKey()) {
            throw new KeyException("this appliance's database names key " + registered.get() + " as its active key,"
                    + " but " + directory.path() + " holds no key; restore the key directory from its backup");
        }
        ApplianceKeys keys = directory.loadOrCreate(settings, clock);
        if (registered.isEmpty()) {
            Instant at = clock.instant();
            db.transaction(c -> {
                new KeyRegistry(db).registerFirst(c, keys, at);
                return null;
            });
        } else {
            List<X509Certificate> stored = new KeyRegistry(db).all().stream()
                    .filter(r -> r.keyId().equals(keys.keyId())).findFirst().map(KeyRegistry.Registered::chain)
                    .orElse(List.of());
            if (!stored.equals(keys.chain())) {
                db.transaction(c -> {
                    new KeyRegistry(db).updateChain(c, keys.keyId(), keys.chain());
                    return null;
                });
            }
        }
        return keys;
    }

    /** Records a rotation in the ledger, on the rotation's connection and transaction. */
    @FunctionalInterface
    public interface RotationRecorder {
        void record(Connection c, ApplianceKeys old, ApplianceKeys next, byte[] statement, Instant at) throws SQLException;
    }

    /**
     * What a rotation did.
     *
     * @param statement the rotation statement's canonical JSON, signed by the old key
     * @param signature the old key's detached CMS signature over it
     */
    public record Rotation(String oldKeyId, ApplianceKeys next, KeyRotation rotation, byte[] statement, byte[] signature) {
    }

    /**
     * Replaces the active key by a new key of {@code algorithm}: the new key is created beside the
     * old (encrypted with the same passphrase source), the old key signs a {@link KeyRotation}
     * statement endorsing it, and in one database transaction the registry retires the old key,
     * registers the new one with its endorsement, and {@code recorder} records the rotation in the
     * ledger. Only then does the new key replace the old one in the key directory; the old private
     * key is deleted, its certificate kept under {@value KeyDirectory#RETIRED_DIR}/.
     *
     * @throws KeyException when the old key cannot be unlocked or the new one cannot be created;
     *                      nothing changes then
     */
    public synchronized Rotation rotate(KeyAlgorithm algorithm, RotationRecorder recorder) {
        ApplianceKeys old = active();
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ApplianceKeys next = directory.createPending(settings.withAlgorithm(algorithm), at);
        KeyRotation rotation = KeyRotation.of(old, next.certificate(), next.applianceId(), at);
        byte[] statement = rotation.toJson();
        byte[] signature = old.sign(statement, at);
        try {
            db.transaction(c -> {
                new KeyRegistry(db).recordRotation(c, old, next, statement, signature, at);
                recorder.record(c, old, next, statement, at);
                return null;
            });
        } catch (RuntimeException e) {
            directory.discardPending();
            throw e;
        }
        directory.promotePending();
        active = next;
        return new Rotation(old.keyId(), next, rotation, statement, signature);
    }

    /**
     * Installs the certificate chain a CA issued for the active key ({@link KeyDirectory#importChain})
     * and records it in the registry. Needs no passphrase.
     *
     * @return the chain installed
     */
    public synchronized List<X509Certificate> importChain(List<X509Certificate> chain) {
        directory.importChain(chain, clock.instant());
        String keyId = Certificates.keyId(chain.getFirst());
        if (new KeyRegistry(db).all().stream().anyMatch(r -> r.keyId().equals(keyId))) {
            db.transaction(c -> {
                new KeyRegistry(db).updateChain(c, keyId, chain);
                return null;
            });
        }
        active = null;
        return chain;
    }

    /** Finishes or undoes a rotation that stopped between the database and the key directory. */
    private void settle(Optional<String> registered) {
        if (!directory.hasPending()) {
            return;
        }
        Optional<List<X509Certificate>> pending = directory.pendingChain();
        if (pending.isPresent() && registered.isPresent()
                && registered.get().equals(Certificates.keyId(pending.get().getFirst()))) {
            directory.promotePending();
        } else {
            directory.discardPending();
        }
    }
}
