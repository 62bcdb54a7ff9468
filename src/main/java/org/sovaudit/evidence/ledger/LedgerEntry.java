package org.sovaudit.evidence.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.model.Digests;
import org.sovaudit.evidence.EvidenceException;

/**
 * One row of the ledger: the report with SHA-256 {@code reportSha256} of audit {@code auditId} was
 * signed by key {@code keyId} and recorded at {@code recordedAt}, as entry {@code seq}, chained to
 * the entry before it by {@code prevHash}. The first entry's {@code prevHash} is 64 zeros
 * ({@link #FIRST_PREV_HASH}).
 *
 * <h2>The entry hash, recomputable by hand</h2>
 * {@code entryHash} is the SHA-256, written as 64 lower-case hex digits, of the UTF-8 bytes of
 * these seven lines, each ended by one line feed (0x0A), nothing else:
 * <pre>
 * sovaudit-ledger-entry/1
 * &lt;seq in decimal, no sign, no leading zeros&gt;
 * &lt;auditId&gt;
 * &lt;reportSha256&gt;
 * &lt;recordedAt, exactly as written in ledger-entry.json&gt;
 * &lt;keyId&gt;
 * &lt;prevHash&gt;
 * </pre>
 * With a POSIX shell, for the values of a {@code ledger-entry.json}:
 * <pre>
 * printf 'sovaudit-ledger-entry/1\n%s\n%s\n%s\n%s\n%s\n%s\n' \
 *     "$seq" "$auditId" "$reportSha256" "$recordedAt" "$keyId" "$prevHash" | sha256sum
 * </pre>
 * No field can hold a line feed: {@code auditId} is 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}
 * starting with a letter or digit; the hashes and the key id are 64 lower-case hex digits;
 * {@code recordedAt} is ISO-8601 UTC as {@link Instant#toString()} prints it (for example
 * {@code 2026-03-01T10:15:30Z} or {@code 2026-03-01T10:15:30.250Z}), and only that spelling is
 * accepted, so every instant has exactly one text. The lines are therefore unambiguous.
 *
 * <h2>JSON form</h2>
 * {@link #toJson()} writes the seven fields canonically: keys sorted, no whitespace, UTF-8, seq as
 * a number and every other field as a string, for example
 * {@code {"auditId":"a-1","entryHash":"…","keyId":"…","prevHash":"…","recordedAt":"2026-03-01T10:15:30Z","reportSha256":"…","seq":1}}.
 * This is the {@code ledger-entry.json} of an export bundle.
 */
public record LedgerEntry(long seq, String auditId, String reportSha256, Instant recordedAt, String keyId,
                          String prevHash, String entryHash) {

    /** The {@code prevHash} of the first entry. */
    public static final String FIRST_PREV_HASH = "0".repeat(64);

    /** The first line of the hashed text; a future encoding gets a new version here. */
    static final String HASH_DOMAIN = "sovaudit-ledger-entry/1";

    /** Ledger entry JSON larger than this is refused unparsed; a real one is about 400 bytes. */
    static final int MAX_JSON_BYTES = 4096;

    private static final Pattern AUDIT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Set<String> FIELDS =
            Set.of("seq", "auditId", "reportSha256", "recordedAt", "keyId", "prevHash", "entryHash");

    /** @throws LedgerException when a field is missing or not in its documented form */
    public LedgerEntry {
        if (seq < 1) {
            throw new LedgerException("seq must be 1 or more, was " + seq);
        }
        requireAuditId(auditId);
        requireSha256("reportSha256", reportSha256);
        if (recordedAt == null) {
            throw new LedgerException("recordedAt is missing");
        }
        requireSha256("keyId", keyId);
        requireSha256("prevHash", prevHash);
        requireSha256("entryHash", entryHash);
    }

    /** The entry that follows {@code prevHash} at {@code seq}, with its hash computed. */
    static LedgerEntry chained(long seq, String auditId, String reportSha256, Instant recordedAt, String keyId,
                               String prevHash) {
        requireSha256("prevHash", prevHash);
        LedgerEntry unhashed = new LedgerEntry(seq, auditId, reportSha256, recordedAt, keyId, prevHash, FIRST_PREV_HASH);
        return new LedgerEntry(seq, auditId, reportSha256, recordedAt, keyId, prevHash, unhashed.computeHash());
    }

    /** What {@code entryHash} must equal; see the class documentation for the encoding. */
    public String computeHash() {
        String text = HASH_DOMAIN + "\n"
                + seq + "\n"
                + auditId + "\n"
                + reportSha256 + "\n"
                + recordedAt + "\n"
                + keyId + "\n"
                + prevHash + "\n";
        return Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code entryHash} equals {@link #computeHash()}. */
    public boolean hashValid() {
        return entryHash.equals(computeHash());
    }

    /** The canonical JSON form; see the class documentation. */
    public byte[] toJson() {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("seq", seq);
        fields.put("auditId", auditId);
        fields.put("reportSha256", reportSha256);
        fields.put("recordedAt", recordedAt.toString());
        fields.put("keyId", keyId);
        fields.put("prevHash", prevHash);
        fields.put("entryHash", entryHash);
        return StrictJson.write(fields);
    }

    /**
     * Reads a ledger entry written by {@link #toJson()}. Key order and whitespace may differ; the
     * set of keys, their types and the values' forms may not.
     *
     * @throws LedgerException naming what is wrong: malformed JSON, a missing or extra field, a
     *                         field of the wrong type or form
     */
    public static LedgerEntry fromJson(byte[] json) {
        JsonNode node;
        try {
            node = StrictJson.readStrict(json, MAX_JSON_BYTES);
            StrictJson.requireExactKeys(node, FIELDS, "ledger entry");
        } catch (EvidenceException e) {
            throw new LedgerException("invalid ledger entry: " + e.getMessage(), e);
        }
        JsonNode seq = node.get("seq");
        if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
            throw new LedgerException("invalid ledger entry: seq must be a whole number, was " + seq);
        }
        return new LedgerEntry(seq.longValue(), text(node, "auditId"), text(node, "reportSha256"),
                parseRecordedAt(text(node, "recordedAt")), text(node, "keyId"), text(node, "prevHash"),
                text(node, "entryHash"));
    }

    /**
     * Parses {@code recordedAt} as written by {@link Instant#toString()}, refusing other spellings
     * of the same instant (they would hash differently).
     */
    static Instant parseRecordedAt(String text) {
        if (text == null) {
            throw new LedgerException("recordedAt is missing");
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new LedgerException("recordedAt '" + abbreviate(text) + "' is not an ISO-8601 UTC instant", e);
        }
        if (!instant.toString().equals(text)) {
            throw new LedgerException("recordedAt '" + text + "' must be written as " + instant);
        }
        return instant;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw new LedgerException("invalid ledger entry: " + field + " must be a string, was " + value.getNodeType());
        }
        return value.textValue();
    }

    private static void requireAuditId(String auditId) {
        if (auditId == null) {
            throw new LedgerException("auditId is missing");
        }
        if (!AUDIT_ID.matcher(auditId).matches()) {
            throw new LedgerException("auditId '" + abbreviate(auditId)
                    + "' must be 1 to 128 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit");
        }
    }

    private static void requireSha256(String field, String value) {
        if (!Digests.isSha256Hex(value)) {
            throw new LedgerException(field + " must be 64 lower-case hex digits, was "
                    + (value == null ? "missing" : "'" + abbreviate(value) + "'"));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    @Override
    public String toString() {
        return "LedgerEntry[seq=" + seq + ", auditId=" + auditId + ", entryHash=" + entryHash + "]";
    }
}
