package org.sovaudit.audit;

import org.sovaudit.evidence.ledger.LedgerLeaf;
import org.sovaudit.evidence.ledger.TreeHead;
import org.sovaudit.model.AuditReport;

/**
 * A committed audit: the report, its canonical JSON and HTML renderings, the detached signature
 * over the JSON, the signing certificate, the ledger leaf that records it and the tree head signed
 * right after it was appended.
 */
public record AuditResult(
        AuditReport report,
        byte[] reportJson,
        byte[] reportHtml,
        byte[] signature,
        String certificatePem,
        LedgerLeaf leaf,
        TreeHead treeHead) {

    public String id() {
        return report.auditId();
    }
}
