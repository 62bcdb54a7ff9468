package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/**
 * Every vendor the knowledge base promises to know (the list in
 * {@code src/test/resources/attribute/known-vendors.tsv}) is attributed to its group by a
 * knowledge-base indicator, never left to the model.
 */
class KnownVendorsTest {

    record Row(int line, String group, ObservationKind kind, String value, String context) {
    }

    static KnowledgeBase kb;

    @BeforeAll
    static void load() {
        kb = KnowledgeBase.loadDefault();
    }

    static List<Row> rows() throws IOException {
        List<Row> out = new ArrayList<>();
        try (InputStream in = KnownVendorsTest.class.getResourceAsStream("/attribute/known-vendors.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                String[] cols = lines[i].split("\t", -1);
                out.add(new Row(i + 1, cols[0], ObservationKind.fromId(cols[1]), cols[2], cols.length > 3 ? cols[3] : ""));
            }
        }
        return out;
    }

    @Test
    void everyListedValue_isAttributedToItsGroupByTheKnowledgeBase() throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() > 150, "rows: " + rows.size());
        List<String> wrong = new ArrayList<>();
        for (Row r : rows) {
            Optional<KbMatch> m = kb.match(new Subject(r.kind(), r.value(), Role.UNKNOWN, r.context()));
            String got = m.map(x -> x.vendor().group() + " (" + x.indicator() + ")").orElse("no match");
            if (m.isEmpty() || !m.get().vendor().group().equals(r.group())) {
                wrong.add("line " + r.line() + ": " + r.kind().id() + " " + r.value() + ": expected " + r.group() + ", got " + got);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theListCoversEveryKindTheParsersEmit() throws IOException {
        TreeSet<ObservationKind> kinds = new TreeSet<>();
        for (Row r : rows()) {
            kinds.add(r.kind());
        }
        for (ObservationKind k : List.of(ObservationKind.HOSTNAME, ObservationKind.URL, ObservationKind.IP_ADDRESS, ObservationKind.ASN,
                ObservationKind.MAC, ObservationKind.PACKAGE, ObservationKind.PRODUCT, ObservationKind.AI_MODEL,
                ObservationKind.CERT_ISSUER, ObservationKind.CLOUD_PROVIDER)) {
            assertTrue(kinds.contains(k), "no row of kind " + k.id());
        }
    }
}
