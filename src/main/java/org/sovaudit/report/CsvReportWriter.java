package org.sovaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.sovaudit.model.AuditReport;
import org.sovaudit.model.Finding;

/**
 * The findings as CSV for spreadsheets (RFC 4180, UTF-8, a header row), open findings then
 * accepted ones. A cell that a spreadsheet would read as a formula (starting with = + - @, a tab
 * or a carriage return) is prefixed with an apostrophe: configuration values are not trusted.
 */
public final class CsvReportWriter implements ReportWriter {

    static final List<String> COLUMNS = List.of("status", "severity", "rule", "title", "layer", "role", "kind", "value",
            "context", "jurisdiction_class", "vendor", "group", "jurisdiction", "attribution", "confidence",
            "occurrences", "first_evidence", "remediation", "fingerprint", "accepted_until", "justification");

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String fileName() {
        return "report.csv";
    }

    @Override
    public String mediaType() {
        return "text/csv; charset=UTF-8";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        COLUMNS.forEach(schema::addColumn);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (var seq = MAPPER.writer(schema.build()).writeValues(w)) {
            for (Finding f : report.findings()) {
                seq.write(row("open", f, "", ""));
            }
            for (AuditReport.AcceptedFinding a : report.accepted()) {
                seq.write(row("accepted", a.finding(), a.expires(), a.justification()));
            }
            seq.flush();
        }
        w.flush();
    }

    private static List<String> row(String status, Finding f, String until, String justification) {
        var a = f.attribution();
        return List.of(status, f.severity().id(), f.ruleId(), cell(f.title()), f.layer().id(), f.role().id(),
                f.kind().id(), cell(f.value()), cell(f.context()), f.jurisdictionClass().id(), cell(a.vendorName()),
                a.group(), a.jurisdiction(), CanonicalJson.enumId(a.method()), String.valueOf(a.confidence()),
                String.valueOf(f.occurrences()), cell(f.evidence().isEmpty() ? "" : f.evidence().getFirst().where()),
                cell(f.remediation()), f.fingerprint(), until, cell(justification));
    }

    /** Neutralises spreadsheet formulas: a leading = + - @ tab or CR gets an apostrophe in front. */
    static String cell(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }
}
