package org.sovaudit.report;

import java.io.IOException;
import java.io.OutputStream;

import org.sovaudit.model.AuditReport;

/** Writes the one report model in one format. */
public interface ReportWriter {

    /** The format's id as used by {@code --format}, e.g. {@code json}. */
    String format();

    /** The media type of what {@link #write} produces. */
    String mediaType();

    void write(AuditReport report, OutputStream out) throws IOException;
}
