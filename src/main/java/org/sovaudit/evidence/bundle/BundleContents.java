package org.sovaudit.evidence.bundle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * What goes into one export bundle. The arrays are copied on the way in.
 *
 * @param reportJson      the canonical report, exactly the bytes that were signed
 * @param reportHtml      the report rendered for people
 * @param signature       detached CMS signature over {@code reportJson}, DER
 * @param certificatePem  the appliance certificate, PEM
 * @param ledgerEntryJson the report's ledger entry, canonical JSON
 * @param createdAt       the time every zip entry carries; zip (DOS) time keeps even seconds only
 *                        and covers 1980 to 2107
 */
public record BundleContents(byte[] reportJson, byte[] reportHtml, byte[] signature, String certificatePem,
                             byte[] ledgerEntryJson, Instant createdAt) {

    static final Instant EARLIEST = Instant.parse("1980-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2107-12-31T23:59:59Z");

    /** @throws IllegalArgumentException when a part is larger than a bundle may carry or createdAt is outside zip time */
    public BundleContents {
        Objects.requireNonNull(reportJson, "reportJson");
        Objects.requireNonNull(reportHtml, "reportHtml");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(ledgerEntryJson, "ledgerEntryJson");
        Objects.requireNonNull(createdAt, "createdAt");
        reportJson = reportJson.clone();
        reportHtml = reportHtml.clone();
        signature = signature.clone();
        ledgerEntryJson = ledgerEntryJson.clone();
        requireAtMost(BundleLayout.REPORT_JSON, reportJson.length);
        requireAtMost(BundleLayout.REPORT_HTML, reportHtml.length);
        requireAtMost(BundleLayout.SIGNATURE, signature.length);
        requireAtMost(BundleLayout.CERTIFICATE, certificatePem.getBytes(StandardCharsets.UTF_8).length);
        requireAtMost(BundleLayout.LEDGER_ENTRY, ledgerEntryJson.length);
        if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
            throw new IllegalArgumentException("createdAt " + createdAt + " is outside the time a zip entry can carry ("
                    + EARLIEST + " to " + LATEST + ")");
        }
    }

    private static void requireAtMost(String name, long size) {
        if (size > BundleLayout.maxBytes(name)) {
            throw new IllegalArgumentException(name + " is " + size + " bytes; a bundle carries at most "
                    + BundleLayout.maxBytes(name));
        }
    }
}
