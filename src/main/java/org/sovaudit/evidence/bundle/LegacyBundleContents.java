package org.sovaudit.evidence.bundle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * What goes into an export bundle of release 0.1's format ({@code sovaudit-bundle/1}): the
 * appliance still writes it for audits that release recorded, so that exporting them again gives
 * the same bytes. The arrays are copied on the way in.
 *
 * @param reportJson      the canonical report, exactly the bytes that were signed
 * @param reportHtml      the report rendered for people
 * @param signature       detached CMS signature over {@code reportJson}, DER
 * @param certificatePem  the appliance certificate, PEM
 * @param ledgerEntryJson the report's ledger entry, canonical JSON
 * @param createdAt       the time every zip entry carries; zip (DOS) time keeps even seconds only
 *                        and covers 1980 to 2107
 */
public record LegacyBundleContents(byte[] reportJson, byte[] reportHtml, byte[] signature, String certificatePem,
                                   byte[] ledgerEntryJson, Instant createdAt) {

    /** @throws IllegalArgumentException when a part is larger than a bundle may carry or createdAt is outside zip time */
    public LegacyBundleContents {
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
        requireAtMost(BundleLayout.V1_REPORT_JSON, reportJson.length);
        requireAtMost(BundleLayout.V1_REPORT_HTML, reportHtml.length);
        requireAtMost(BundleLayout.V1_SIGNATURE, signature.length);
        requireAtMost(BundleLayout.V1_CERTIFICATE, certificatePem.getBytes(StandardCharsets.UTF_8).length);
        requireAtMost(BundleLayout.V1_LEDGER_ENTRY, ledgerEntryJson.length);
        if (createdAt.isBefore(BundleWriter.EARLIEST) || createdAt.isAfter(BundleWriter.LATEST)) {
            throw new IllegalArgumentException("createdAt " + createdAt + " is outside the time a zip entry can carry ("
                    + BundleWriter.EARLIEST + " to " + BundleWriter.LATEST + ")");
        }
    }

    private static void requireAtMost(String name, long size) {
        if (size > BundleLayout.maxBytes(name)) {
            throw new IllegalArgumentException(name + " is " + size + " bytes; a bundle carries at most "
                    + BundleLayout.maxBytes(name));
        }
    }
}
