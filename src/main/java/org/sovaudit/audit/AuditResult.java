package org.sovaudit.audit;

import org.sovaudit.evidence.ledger.LedgerEntry;
import org.sovaudit.model.AuditReport;

/**
 * A committed audit: the report, its canonical JSON and HTML renderings, the detached signature
 * over the JSON, the signing certificate and the ledger entry that records it.
 */
public record AuditResult(
        AuditReport report,
        byte[] reportJson,
        byte[] reportHtml,
        byte[] signature,
        String certificatePem,
        LedgerEntry ledgerEntry) {

    public String id() {
        return report.auditId();
    }
}
