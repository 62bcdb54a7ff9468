package org.sovaudit.store;

/** One line of the audit list: enough to choose an audit without loading its report. */
public record AuditListing(String id, String scope, String createdAt, String reportSha256, String summaryJson) {
}
