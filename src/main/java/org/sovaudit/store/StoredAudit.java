package org.sovaudit.store;

/**
 * One committed audit as stored: the signed report bytes and what a bundle needs beside them.
 *
 * @param certificatePem the certificate of the key that signed this report (kept per audit, so that
 *                       bundles stay verifiable after the appliance key changes)
 * @param summaryJson    the report's summary section, for listings without loading the report
 */
public record StoredAudit(
        String id,
        String scope,
        String createdAt,
        String reportSha256,
        byte[] reportJson,
        byte[] reportHtml,
        byte[] signature,
        String certificatePem,
        String summaryJson) {
}
