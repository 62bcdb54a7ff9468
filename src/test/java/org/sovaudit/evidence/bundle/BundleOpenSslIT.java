package org.sovaudit.evidence.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.evidence.Processes;
import org.sovaudit.evidence.Processes.Result;

/** A reviewer without our tool: unzip the bundle, then OpenSSL and sha256sum. */
class BundleOpenSslIT {

    @TempDir
    Path dir;

    @Test
    void extractedBundle_verifiesWithOpensslAndSha256sum() throws Exception {
        BundleFixture fixture = new BundleFixture(dir.resolve("appliance"), "audit-7");
        Path out = Files.createDirectory(dir.resolve("extracted"));
        Map<String, byte[]> entries = BundleFixture.entries(fixture.bundle());
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Files.write(out.resolve(e.getKey()), e.getValue());
        }

        Result cms = Processes.run(out, "openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", "report.json.p7s", "-content", "report.json", "-CAfile", "appliance.pem", "-purpose", "any",
                "-out", "/dev/null");
        Result sha = Processes.run(out, "sha256sum", "report.json", "report.html", "report.json.p7s", "appliance.pem",
                "ledger-entry.json");

        assertEquals(0, cms.exitCode(), cms.describe());
        assertEquals(0, sha.exitCode(), sha.describe());
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        for (String line : sha.stdout().strip().split("\n")) {
            String[] parts = line.split("  ");
            assertTrue(manifest.contains("{\"name\":\"" + parts[1] + "\",\"sha256\":\"" + parts[0] + "\""), line);
        }
    }

    @Test
    void extractedBundleWithEditedReport_isRejectedByOpenssl() throws Exception {
        BundleFixture fixture = new BundleFixture(dir.resolve("appliance"), "audit-7");
        Path out = Files.createDirectory(dir.resolve("extracted"));
        for (Map.Entry<String, byte[]> e : BundleFixture.entries(fixture.bundle()).entrySet()) {
            Files.write(out.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(out.resolve("report.json"), "{\"auditId\":\"audit-7\",\"findings\":[]}", StandardCharsets.UTF_8);

        Result cms = Processes.run(out, "openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", "report.json.p7s", "-content", "report.json", "-CAfile", "appliance.pem", "-purpose", "any",
                "-out", "/dev/null");

        assertNotEquals(0, cms.exitCode(), cms.describe());
    }
}
