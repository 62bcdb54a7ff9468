package org.sovaudit.report;

import java.io.IOException;
import java.io.OutputStream;

import org.sovaudit.model.AuditReport;

/** The canonical JSON report: the form that is signed and recorded. */
public final class JsonReportWriter implements ReportWriter {

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String fileName() {
        return "report.json";
    }

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        out.write(CanonicalJson.bytes(report));
    }
}
