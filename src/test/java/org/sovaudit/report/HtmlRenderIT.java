package org.sovaudit.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.testing.Examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report of a real audit, opened in headless Chromium (Debian's package; .ci/run installs
 * it): the browser builds the whole document, the graph is drawn, nothing runs, and it prints to PDF.
 */
class HtmlRenderIT {

    @TempDir
    Path dir;

    private static Path chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        throw new AssertionError("headless Chromium is needed for this test: apt-get install chromium");
    }

    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.log").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(dir.resolve("chromium.log")));
        return out;
    }

    @Test
    void report_rendersInChromium_andPrintsToPdf() throws Exception {
        Path html = dir.resolve("report.html");
        Files.write(html, Examples.of("ministry-lab").file("report.html"));
        String dom = chromium("--dump-dom", html.toUri().toString());
        assertTrue(dom.contains("Sovereignty audit: ministry-lab"), "title");
        for (String section : List.of("Summary", "Stack layers", "Layers by jurisdiction", "Vendor-group concentration",
                "Cross-layer lock-in", "Dependency graph", "Control plane", "Data residency", "Findings (")) {
            assertTrue(dom.contains(section), "section " + section);
        }
        assertTrue(dom.contains("<svg class=\"graph\"") && dom.contains("<path"), "the dependency graph");
        assertTrue(!dom.contains("<script"), "no script in the page");

        Path pdf = dir.resolve("report.pdf");
        chromium("--print-to-pdf=" + pdf, "--no-pdf-header-footer", html.toUri().toString());
        byte[] head = Files.readAllBytes(pdf);
        assertTrue(head.length > 10_000, "PDF size " + head.length);
        assertEquals("%PDF", new String(head, 0, 4, StandardCharsets.US_ASCII));

        Path png = dir.resolve("report.png");
        chromium("--window-size=1280,2000", "--screenshot=" + png, html.toUri().toString());
        assertTrue(Files.size(png) > 50_000, "screenshot size " + Files.size(png));
    }
}
