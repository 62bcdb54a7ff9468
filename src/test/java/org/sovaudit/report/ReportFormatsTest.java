package org.sovaudit.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.sovaudit.model.AuditReport;
import org.sovaudit.testing.Examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every format of a real audit of the example ministry validates against its official schema. */
class ReportFormatsTest {

    private final Examples.Run lab = Examples.of("ministry-lab");

    private static JsonNode tree(byte[] json) throws IOException {
        return CanonicalJson.mapper().readTree(json);
    }

    private static Set<ValidationMessage> validate(SpecVersion.VersionFlag version, InputStream schema, byte[] json)
            throws IOException {
        JsonSchema s = JsonSchemaFactory.getInstance(version).getSchema(schema);
        return s.validate(tree(json));
    }

    @Test
    void json_matchesOurPublishedSchema() throws IOException {
        try (InputStream schema = Files.newInputStream(Path.of("docs/schema/report.schema.json"))) {
            Set<ValidationMessage> errors = validate(SpecVersion.VersionFlag.V202012, schema, lab.file("report.json"));
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    @Test
    void sarif_validatesAgainstTheOfficial210Schema() throws IOException {
        try (InputStream schema = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            Set<ValidationMessage> errors = validate(SpecVersion.VersionFlag.V7, schema, lab.file("report.sarif"));
            assertTrue(errors.isEmpty(), errors.toString());
        }
        JsonNode sarif = tree(lab.file("report.sarif"));
        AuditReport report = lab.result().report();
        JsonNode results = sarif.at("/runs/0/results");
        assertEquals(report.findings().size() + report.accepted().size(), results.size());
        JsonNode first = results.get(0);
        assertEquals(report.findings().getFirst().fingerprint(), first.at("/partialFingerprints/sovaudit~1v1").asText());
        assertTrue(first.at("/locations/0/physicalLocation/region/startLine").asInt() > 0, first.toString());
        assertEquals("error", first.get("level").asText(), "high findings are SARIF errors");
    }

    @Test
    void oscal_validatesAgainstNistsAssessmentResultsSchema() throws IOException {
        try (InputStream schema = getClass().getResourceAsStream("/schema/json/oscal-ar_schema.json")) {
            Set<ValidationMessage> errors = validate(SpecVersion.VersionFlag.V7, schema, lab.file("report.oscal.json"));
            assertTrue(errors.isEmpty(), errors.toString());
        }
        JsonNode oscal = tree(lab.file("report.oscal.json"));
        assertEquals(lab.result().report().findings().size(),
                oscal.at("/assessment-results/results/0/findings").size());
    }

    @Test
    void cycloneDx_validatesAsVersion16_withSuppliersAndJurisdictions() throws Exception {
        byte[] cdx = lab.file("report.cdx.json");
        List<?> errors = new JsonParser().validate(cdx, Version.VERSION_16);
        assertTrue(errors.isEmpty(), errors.toString());
        JsonNode bom = tree(cdx);
        assertEquals("1.6", bom.get("specVersion").asText());
        String text = new String(cdx, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"sovaudit:jurisdiction\""), "jurisdiction properties");
        assertTrue(bom.get("services").size() > 5, "endpoints are services");
        assertTrue(bom.get("components").size() > 5, "images and devices are components");
    }

    @Test
    void csv_hasOneRowPerFinding_andEveryColumn() throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class)
                .readValues(lab.file("report.csv"))) {
            List<List<String>> all = rows.readAll();
            assertEquals(CsvReportWriter.COLUMNS, all.getFirst());
            assertEquals(lab.result().report().findings().size() + 1, all.size());
            assertTrue(all.stream().skip(1).allMatch(r -> r.size() == CsvReportWriter.COLUMNS.size()));
        }
    }

    @Test
    void csv_neutralisesSpreadsheetFormulas() {
        byte[] csv = new CsvReportWriter().bytes(SampleReports.withStrings("=HYPERLINK(\"x\")"));
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), text);
        assertFalse(text.contains(",\"=HYPERLINK"), text);
    }

    @Test
    void everyFormat_isStoredAndByteStableAcrossRenderings() {
        AuditReport report = lab.result().report();
        for (ReportWriter w : ReportWriters.standard().all()) {
            assertTrue(lab.files().containsKey(w.fileName()), w.fileName());
            assertTrue(java.util.Arrays.equals(w.bytes(report), lab.file(w.fileName())), w.fileName() + " is not byte-stable");
        }
        assertEquals(Map.of(), Map.of());
    }
}
