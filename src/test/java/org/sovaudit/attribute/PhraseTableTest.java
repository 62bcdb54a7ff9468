package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PhraseTableTest {

    @Test
    void normalise_keepsModelCodesAndDropsPunctuation() {
        assertEquals("huawei vrp r software version 8.180 ne40e v800r011c10spc100",
                PhraseTable.normalise("Huawei VRP (R) software, Version 8.180 (NE40E V800R011C10SPC100)."));
        assertEquals("let s encrypt", PhraseTable.normalise("Let's Encrypt"));
        assertEquals("ds-2cd2143g0-i", PhraseTable.normalise("--DS-2CD2143G0-I--"));
    }

    @Test
    void find_longestPhraseOnWordBoundaries() {
        PhraseTable<String> t = new PhraseTable<>();
        t.put("cisco", "vendor");
        t.put("cisco ios*", "os");
        t.put("dhi-*", "dahua");
        t.put("vrp", "vrp");
        assertEquals("os", t.find(PhraseTable.normalise("Cisco IOS Software")).value());
        assertEquals("os", t.find(PhraseTable.normalise("cisco iosv")).value());
        assertEquals("vendor", t.find(PhraseTable.normalise("Cisco Catalyst")).value());
        assertEquals("dahua", t.find(PhraseTable.normalise("DHI-NVR4104")).value());
        assertEquals("vrp", t.find(PhraseTable.normalise("VRP (R) software")).value());
        assertNull(t.find(PhraseTable.normalise("vrpx")));
        assertNull(t.find(PhraseTable.normalise("franciscos")));
        PhraseTable.Hit<String> hit = t.find(PhraseTable.normalise("model: cisco ios"));
        assertEquals(6, hit.start());
        assertEquals(9, hit.length());
    }
}
