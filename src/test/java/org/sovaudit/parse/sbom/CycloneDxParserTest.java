package org.sovaudit.parse.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;

class CycloneDxParserTest {

    @Test
    void externalEntities_areRefusedBeforeParsing() {
        ParseResult r = new CycloneDxParser().parse(TestFiles.file("bom.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE bom [<!ENTITY x SYSTEM "http://attacker.example/x">]>
                <bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components/></bom>
                """));
        assertEquals(List.of(), r.observations());
        assertTrue(r.errors().get(0).reason().contains("document type"));
    }

    @Test
    void repeatedPurls_standOnSuccessiveLines() {
        ParseResult r = new CycloneDxParser().parse(TestFiles.file("bom.json", """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
                  {"type": "library", "name": "a", "purl": "pkg:npm/a@1"},
                  {"type": "library", "name": "a", "purl": "pkg:npm/a@1", "supplier": {"name": "Other"}}
                ]}
                """));
        assertEquals(List.of(2, 3), r.observations().stream().map(o -> o.where().line()).toList());
        assertEquals(List.of("", "Other"), r.observations().stream().map(Observation::context).toList());
    }

    @Test
    void notABom_isAnErrorWithItsLine() {
        ParseResult r = new CycloneDxParser().parse(TestFiles.file("bom.json", "{\n \"components\": 5\n}\n"));
        assertEquals(1, r.errors().size());
    }
}
