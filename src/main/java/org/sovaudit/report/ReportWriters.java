package org.sovaudit.report;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The one registry of report formats, in the order they are listed and stored. */
public final class ReportWriters {

    private final List<ReportWriter> writers;

    ReportWriters(List<ReportWriter> writers) {
        Set<String> formats = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (ReportWriter w : writers) {
            if (!formats.add(w.format()) || !names.add(w.fileName())) {
                throw new ReportException("two report writers share the format or file name of '" + w.format() + "'");
            }
        }
        this.writers = List.copyOf(writers);
    }

    public static ReportWriters standard() {
        return new ReportWriters(List.of(
                new JsonReportWriter(),
                new HtmlReportWriter(),
                new SarifReportWriter(),
                new OscalReportWriter(),
                new CycloneDxReportWriter(),
                new CsvReportWriter()));
    }

    public List<ReportWriter> all() {
        return writers;
    }

    public Optional<ReportWriter> byFormat(String format) {
        return writers.stream().filter(w -> w.format().equalsIgnoreCase(format)).findFirst();
    }

    /** The format ids, for messages: "json, html, ...". */
    public String formats() {
        return String.join(", ", writers.stream().map(ReportWriter::format).toList());
    }
}
