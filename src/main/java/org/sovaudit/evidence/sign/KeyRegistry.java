package org.sovaudit.evidence.sign;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.sovaudit.store.Database;

/**
 * The public part of every key the appliance has signed with, in the {@code signing_keys} table:
 * certificate chain, algorithm, when it became active and when it was retired, and for each key
 * after the first the rotation statement and the old key's signature endorsing it. Verifying the
 * ledger needs these (tree heads name the key that signed them); the private keys are not here.
 */
public final class KeyRegistry {

    static final String ACTIVE = "active";
    static final String RETIRED = "retired";

    /** One registered key. */
    public record Registered(String keyId, String algorithm, List<X509Certificate> chain, String status,
                             String activatedAt, String retiredAt, byte[] rotationStatement,
                             byte[] rotationSignature) {
        public boolean active() {
            return ACTIVE.equals(status);
        }
    }

    private static final String COLUMNS = "key_id, algorithm, certificate_chain, status, activated_at, retired_at, "
            + "rotation_statement, rotation_signature";

    private final Database db;

    public KeyRegistry(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** The id of the active key, if one is registered. */
    public Optional<String> activeKeyId() {
        return db.read(KeyRegistry::activeKeyId);
    }

    static Optional<String> activeKeyId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT key_id FROM signing_keys WHERE status = ? ORDER BY activated_at DESC")) {
            ps.setString(1, ACTIVE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Every registered key, in the order they became active. */
    public List<Registered> all() {
        return db.read(KeyRegistry::all);
    }

    static List<Registered> all(Connection c) throws SQLException {
        List<Registered> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM signing_keys ORDER BY activated_at, rowid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Registered(rs.getString(1), rs.getString(2), Certificates.chainFromPem(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8)));
            }
        }
        return out;
    }

    /** The certificate of every registered key, by key id. */
    public Map<String, X509Certificate> certificates() {
        Map<String, X509Certificate> out = new LinkedHashMap<>();
        for (Registered r : all()) {
            out.put(r.keyId(), r.chain().getFirst());
        }
        return out;
    }

    /** The rotations that led to the active key, oldest first, as a bundle's key history carries them. */
    public static List<KeyHistory.Endorsement> history(Connection c) throws SQLException {
        List<KeyHistory.Endorsement> out = new ArrayList<>();
        for (Registered r : all(c)) {
            if (r.rotationStatement() != null && r.rotationSignature() != null) {
                out.add(new KeyHistory.Endorsement(r.rotationStatement(), r.rotationSignature(), r.chain().getFirst()));
            }
        }
        return out;
    }

    /**
     * Registers {@code keys} as the active key when no key is active yet (a new appliance, or the
     * first start after an upgrade from release 0.1). Does nothing when it is registered already.
     *
     * @throws KeyException when another key is registered as active
     */
    void registerFirst(Connection c, ApplianceKeys keys, Instant at) throws SQLException {
        Optional<String> active = activeKeyId(c);
        if (active.isPresent()) {
            if (!active.get().equals(keys.keyId())) {
                throw new KeyException("the database names key " + active.get() + " as the active key, not " + keys.keyId());
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO signing_keys(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL)")) {
            ps.setString(1, keys.keyId());
            ps.setString(2, keys.algorithm().id());
            ps.setString(3, keys.chainPem());
            ps.setString(4, ACTIVE);
            ps.setString(5, at.toString());
            ps.executeUpdate();
        }
    }

    /** Retires {@code old} and registers {@code next} as active with the endorsement, on the caller's transaction. */
    void recordRotation(Connection c, ApplianceKeys old, ApplianceKeys next, byte[] statement, byte[] signature,
                        Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE signing_keys SET status = ?, retired_at = ? WHERE key_id = ? AND status = ?")) {
            ps.setString(1, RETIRED);
            ps.setString(2, at.toString());
            ps.setString(3, old.keyId());
            ps.setString(4, ACTIVE);
            if (ps.executeUpdate() != 1) {
                throw new KeyException("key " + old.keyId() + " is not the registered active key; nothing was rotated");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO signing_keys(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, ?, ?)")) {
            ps.setString(1, next.keyId());
            ps.setString(2, next.algorithm().id());
            ps.setString(3, next.chainPem());
            ps.setString(4, ACTIVE);
            ps.setString(5, at.toString());
            ps.setBytes(6, statement);
            ps.setBytes(7, signature);
            ps.executeUpdate();
        }
    }

    /** Records the chain a CA issued for a registered key. */
    void updateChain(Connection c, String keyId, List<X509Certificate> chain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE signing_keys SET certificate_chain = ? WHERE key_id = ?")) {
            ps.setString(1, Certificates.toPem(chain));
            ps.setString(2, keyId);
            if (ps.executeUpdate() != 1) {
                throw new KeyException("key " + keyId + " is not registered");
            }
        }
    }
}
