package org.sovaudit.evidence.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.model.Digests;

/**
 * One entry of the Merkle-tree ledger, at position {@code index} (0 for the first).
 * <ul>
 *   <li>{@code audit}: the report with SHA-256 {@code sha256} of audit {@code subject} was signed by
 *       key {@code keyId} and recorded at {@code recordedAt};</li>
 *   <li>{@code key-rotation}: key {@code keyId} endorsed key {@code subject} (a key id) with the
 *       rotation statement whose SHA-256 is {@code sha256}, at {@code recordedAt}.</li>
 * </ul>
 *
 * <h2>The entry, recomputable by hand</h2>
 * The leaf hash is {@code SHA-256(0x00 || entry)} (RFC 9162), where the entry is the UTF-8 bytes of
 * these six lines, each ended by one line feed (0x0A), nothing else:
 * <pre>
 * sovaudit-ledger-leaf/1
 * &lt;kind: audit or key-rotation&gt;
 * &lt;subject&gt;
 * &lt;sha256&gt;
 * &lt;recordedAt, exactly as written in the JSON&gt;
 * &lt;keyId&gt;
 * </pre>
 * With a POSIX shell: {@code { printf '\000'; printf 'sovaudit-ledger-leaf/1\n%s\n%s\n%s\n%s\n%s\n'
 * "$kind" "$subject" "$sha256" "$recordedAt" "$keyId"; } | sha256sum}. No field can hold a line
 * feed: the subject of an audit leaf is 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -} starting
 * with a letter or digit, of a key-rotation leaf a key id; hashes and key ids are 64 lower-case hex
 * digits; {@code recordedAt} is ISO-8601 UTC as {@link Instant#toString()} writes it, and only that
 * spelling is accepted.
 *
 * <p>JSON form (inside inclusion proofs): {@code {"keyId":"…","kind":"audit","recordedAt":"…","sha256":"…","subject":"…"}}.
 */
public record LedgerLeaf(long index, Kind kind, String subject, String sha256, Instant recordedAt, String keyId) {

    /** What a leaf records. */
    public enum Kind {
        AUDIT("audit"), KEY_ROTATION("key-rotation");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Kind fromId(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new LedgerException("unknown leaf kind '" + abbreviate(String.valueOf(id)) + "'; expected audit or key-rotation");
        }
    }

    static final String DOMAIN = "sovaudit-ledger-leaf/1";
    private static final Pattern AUDIT_SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Set<String> FIELDS = Set.of("keyId", "kind", "recordedAt", "sha256", "subject");

    /** @throws LedgerException when a field is missing or not in its documented form */
    public LedgerLeaf {
        if (index < 0) {
            throw new LedgerException("a leaf index is 0 or more, was " + index);
        }
        if (kind == null) {
            throw new LedgerException("the leaf kind is missing");
        }
        if (subject == null) {
            throw new LedgerException("the leaf subject is missing");
        }
        if (kind == Kind.AUDIT && !AUDIT_SUBJECT.matcher(subject).matches()) {
            throw new LedgerException("audit id '" + abbreviate(subject)
                    + "' must be 1 to 128 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit");
        }
        if (kind == Kind.KEY_ROTATION && !Digests.isSha256Hex(subject)) {
            throw new LedgerException("a key-rotation leaf's subject must be a key id (64 lower-case hex digits)");
        }
        requireHex("sha256", sha256);
        if (recordedAt == null) {
            throw new LedgerException("recordedAt is missing");
        }
        requireHex("keyId", keyId);
    }

    /** The entry bytes the leaf hash covers; see the class documentation. */
    public byte[] entry() {
        return (DOMAIN + "\n" + kind.id() + "\n" + subject + "\n" + sha256 + "\n" + recordedAt + "\n" + keyId + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code SHA-256(0x00 || entry)}. */
    public byte[] leafHash() {
        return MerkleTree.leafHash(entry());
    }

    public String leafHashHex() {
        return Digests.hex(leafHash());
    }

    /** The same entry at another position (for leaves read with their row number). */
    LedgerLeaf at(long otherIndex) {
        return new LedgerLeaf(otherIndex, kind, subject, sha256, recordedAt, keyId);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new TreeMap<>();
        m.put("keyId", keyId);
        m.put("kind", kind.id());
        m.put("recordedAt", recordedAt.toString());
        m.put("sha256", sha256);
        m.put("subject", subject);
        return m;
    }

    /** Reads the JSON form of a leaf at {@code index}. */
    static LedgerLeaf fromNode(JsonNode node, long index) {
        try {
            StrictJson.requireExactKeys(node, FIELDS, "ledger leaf");
        } catch (EvidenceException e) {
            throw new LedgerException(e.getMessage(), e);
        }
        for (String f : FIELDS) {
            if (!node.get(f).isTextual()) {
                throw new LedgerException("ledger leaf: " + f + " must be a string");
            }
        }
        return new LedgerLeaf(index, Kind.fromId(node.get("kind").textValue()), node.get("subject").textValue(),
                node.get("sha256").textValue(), LedgerEntry.parseRecordedAt(node.get("recordedAt").textValue()),
                node.get("keyId").textValue());
    }

    /** A leaf as stored in a database row, its fields checked. */
    static LedgerLeaf fromRow(long index, String kind, String subject, String sha256, String recordedAt, String keyId) {
        return new LedgerLeaf(index, Kind.fromId(kind), subject, sha256, LedgerEntry.parseRecordedAt(recordedAt), keyId);
    }

    /** A short label for messages: {@code leaf 3 (audit a-1)} or {@code leaf 4 (key-rotation to 3f9a…)}. */
    public String label() {
        return "leaf " + index + (kind == Kind.AUDIT ? " (audit " + subject + ")"
                : " (key rotation to key " + subject.substring(0, 16) + ")");
    }

    private static void requireHex(String field, String value) {
        if (!Digests.isSha256Hex(value)) {
            throw new LedgerException(field + " must be 64 lower-case hex digits, was "
                    + (value == null ? "missing" : "'" + abbreviate(value) + "'"));
        }
    }

    static String abbreviate(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char ch = s.charAt(i);
            sb.append(Character.isISOControl(ch) ? '?' : ch);
        }
        return s.length() > 80 ? sb + "..." : sb.toString();
    }
}
