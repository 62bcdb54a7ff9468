package org.sovaudit.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.sovaudit.model.AuditReport;

/** Writes the one report model in one format; every format is written from the same report. */
public interface ReportWriter {

    /** The format's id as used by {@code --format}, e.g. {@code sarif}. */
    String format();

    /** The file name in bundles and downloads, e.g. {@code report.sarif}. */
    String fileName();

    /** The media type of what {@link #write} produces. */
    String mediaType();

    void write(AuditReport report, OutputStream out) throws IOException;

    /** The rendering as bytes. */
    default byte[] bytes(AuditReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
