package org.sovaudit.store;

/** One rendering of a report as stored and exported: {@code report.sarif}, its media type, its bytes. */
public record ReportFile(String name, String mediaType, byte[] content) {
}
