package org.sovaudit.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportWriterTest {

    private static final String HOSTILE = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&amp;\u0007";

    @Test
    void render_escapesEveryConfigDerivedString() {
        String html = new HtmlReportWriter().render(SampleReports.withStrings(HOSTILE));
        assertFalse(html.contains("<script"), "a script element leaked into the page");
        assertFalse(html.contains("<img"), "an img element leaked into the page");
        assertFalse(html.contains("\u0007"), "a control character leaked into the page");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;"));
    }

    @Test
    void render_isSelfContained() {
        String html = new HtmlReportWriter().render(SampleReports.withStrings("dns.example.net"));
        assertFalse(html.contains("src="), "external or inline resource reference");
        assertFalse(html.contains("http://") || html.contains("https://"), "a link to the network");
        assertFalse(html.contains("<link"), "an external stylesheet");
        assertTrue(html.contains("Content-Security-Policy"));
        assertTrue(html.contains("Foreign DNS resolver: dns.example.net"));
    }

    @Test
    void render_cutsOverlongValuesVisibly() {
        String html = new HtmlReportWriter().render(SampleReports.withStrings("a".repeat(5000)));
        assertFalse(html.contains("a".repeat(401)));
        assertTrue(html.contains("&hellip;"));
    }
}
