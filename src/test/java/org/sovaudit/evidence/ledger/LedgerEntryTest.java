package org.sovaudit.evidence.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.sovaudit.model.Digests;

class LedgerEntryTest {

    static final String REPORT = "a".repeat(64);
    static final String KEY = "b".repeat(64);

    static LedgerEntry first() {
        return LedgerEntry.chained(1, "audit-2026-03-01", REPORT, Instant.parse("2026-03-01T10:15:30.250Z"), KEY,
                LedgerEntry.FIRST_PREV_HASH);
    }

    @Test
    void computeHash_isSha256OfTheDocumentedLines() {
        LedgerEntry entry = first();
        String text = "sovaudit-ledger-entry/1\n1\naudit-2026-03-01\n" + REPORT + "\n2026-03-01T10:15:30.250Z\n"
                + KEY + "\n" + "0".repeat(64) + "\n";

        assertEquals(Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8)), entry.computeHash());
        assertEquals(entry.computeHash(), entry.entryHash());
        assertTrue(entry.hashValid());
    }

    @Test
    void computeHash_changesWithEveryField() {
        LedgerEntry e = first();
        String h = e.computeHash();
        Instant t = e.recordedAt();

        assertFalse(h.equals(new LedgerEntry(2, e.auditId(), REPORT, t, KEY, e.prevHash(), h).computeHash()));
        assertFalse(h.equals(new LedgerEntry(1, "audit-x", REPORT, t, KEY, e.prevHash(), h).computeHash()));
        assertFalse(h.equals(new LedgerEntry(1, e.auditId(), "c".repeat(64), t, KEY, e.prevHash(), h).computeHash()));
        assertFalse(h.equals(new LedgerEntry(1, e.auditId(), REPORT, t.plusMillis(1), KEY, e.prevHash(), h).computeHash()));
        assertFalse(h.equals(new LedgerEntry(1, e.auditId(), REPORT, t, "c".repeat(64), e.prevHash(), h).computeHash()));
        assertFalse(h.equals(new LedgerEntry(1, e.auditId(), REPORT, t, KEY, "c".repeat(64), h).computeHash()));
    }

    @Test
    void toJson_isCanonical() {
        LedgerEntry entry = first();

        String json = new String(entry.toJson(), StandardCharsets.UTF_8);

        assertEquals("{\"auditId\":\"audit-2026-03-01\",\"entryHash\":\"" + entry.entryHash() + "\",\"keyId\":\"" + KEY
                + "\",\"prevHash\":\"" + "0".repeat(64) + "\",\"recordedAt\":\"2026-03-01T10:15:30.250Z\",\"reportSha256\":\""
                + REPORT + "\",\"seq\":1}", json);
    }

    @Test
    void fromJson_roundTrips_andAcceptsOtherKeyOrderAndWhitespace() {
        LedgerEntry entry = first();

        assertEquals(entry, LedgerEntry.fromJson(entry.toJson()));
        String reordered = "{ \"seq\": 1, \"auditId\": \"audit-2026-03-01\", \"reportSha256\": \"" + REPORT
                + "\", \"recordedAt\": \"2026-03-01T10:15:30.250Z\", \"keyId\": \"" + KEY + "\", \"prevHash\": \""
                + "0".repeat(64) + "\", \"entryHash\": \"" + entry.entryHash() + "\" }\n";
        assertEquals(entry, LedgerEntry.fromJson(reordered.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fromJson_missingField_namesIt() {
        String json = json(first()).replace(",\"seq\":1", "");

        LedgerException e = assertThrows(LedgerException.class, () -> LedgerEntry.fromJson(bytes(json)));

        assertTrue(e.getMessage().contains("lacks field(s) [seq]"), e.getMessage());
    }

    @Test
    void fromJson_extraField_namesIt() {
        String json = json(first()).replace("{", "{\"comment\":\"x\",");

        LedgerException e = assertThrows(LedgerException.class, () -> LedgerEntry.fromJson(bytes(json)));

        assertTrue(e.getMessage().contains("unexpected field(s) [comment]"), e.getMessage());
    }

    @Test
    void fromJson_malformedInputs_areRefusedWithReasons() {
        String good = json(first());

        assertRefused(good.replace("{\"auditId\"", "{\"seq\":2,\"auditId\""), "Duplicate field");
        assertRefused(good + "{}", "malformed JSON");
        assertRefused(good.replace("\"seq\":1", "\"seq\":\"1\""), "seq must be a whole number");
        assertRefused(good.replace("\"seq\":1", "\"seq\":1.0"), "seq must be a whole number");
        assertRefused(good.replace("\"seq\":1", "\"seq\":0"), "seq must be 1 or more");
        assertRefused(good.replace(REPORT, REPORT.toUpperCase(java.util.Locale.ROOT)), "reportSha256 must be 64 lower-case hex");
        assertRefused(good.replace("2026-03-01T10:15:30.250Z", "2026-03-01T10:15:30.2500Z"), "must be written as 2026-03-01T10:15:30.250Z");
        assertRefused(good.replace("2026-03-01T10:15:30.250Z", "yesterday"), "not an ISO-8601 UTC instant");
        assertRefused(good.replace("audit-2026-03-01", "audit/../x"), "auditId");
        assertRefused(good.replace("audit-2026-03-01", "a\\nb"), "auditId");
        assertRefused("[]", "must be a JSON object");
        assertRefused("", "");
        assertRefused(" ".repeat(LedgerEntry.MAX_JSON_BYTES + 1), "exceeds the limit");
    }

    @Test
    void constructor_refusesFieldsOutsideTheirForms() {
        Instant t = Instant.EPOCH;
        assertThrows(LedgerException.class, () -> new LedgerEntry(1, null, REPORT, t, KEY, KEY, KEY));
        assertThrows(LedgerException.class, () -> new LedgerEntry(1, "a", REPORT, null, KEY, KEY, KEY));
        assertThrows(LedgerException.class, () -> new LedgerEntry(1, "a", "abc", t, KEY, KEY, KEY));
        assertThrows(LedgerException.class, () -> new LedgerEntry(1, "a" + "x".repeat(128), REPORT, t, KEY, KEY, KEY));
        assertThrows(LedgerException.class, () -> new LedgerEntry(1, ".hidden", REPORT, t, KEY, KEY, KEY));
    }

    private static void assertRefused(String json, String reason) {
        LedgerException e = assertThrows(LedgerException.class, () -> LedgerEntry.fromJson(bytes(json)), json);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static String json(LedgerEntry entry) {
        return new String(entry.toJson(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
