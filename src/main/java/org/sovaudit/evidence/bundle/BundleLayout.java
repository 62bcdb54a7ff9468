package org.sovaudit.evidence.bundle;

import java.util.List;

/** The names, order and size limits of a bundle, shared by the writer and the verifier. */
final class BundleLayout {

    static final String FORMAT = "sovaudit-bundle/1";

    static final String REPORT_JSON = "report.json";
    static final String REPORT_HTML = "report.html";
    static final String SIGNATURE = "report.json.p7s";
    static final String CERTIFICATE = "appliance.pem";
    static final String LEDGER_ENTRY = "ledger-entry.json";
    static final String MANIFEST = "manifest.json";

    /** The files the manifest lists, in bundle order. */
    static final List<String> LISTED = List.of(REPORT_JSON, REPORT_HTML, SIGNATURE, CERTIFICATE, LEDGER_ENTRY);

    /** Every entry of a bundle, in order: the listed files, then the manifest. */
    static final List<String> ENTRIES = List.of(REPORT_JSON, REPORT_HTML, SIGNATURE, CERTIFICATE, LEDGER_ENTRY, MANIFEST);

    /** The largest report (JSON or HTML) a bundle carries. */
    static final int MAX_REPORT_BYTES = 64 * 1024 * 1024;
    /** The largest small file (signature, certificate, ledger entry, manifest). */
    static final int MAX_SMALL_FILE_BYTES = 256 * 1024;
    /** More entries than this and the verifier stops reading. */
    static final int MAX_ENTRIES = 16;
    /** The most the verifier reads from all entries together. */
    static final long MAX_TOTAL_BYTES = 2L * MAX_REPORT_BYTES + 4L * MAX_SMALL_FILE_BYTES;
    /** A bundle file larger than this is refused unread. */
    static final long MAX_BUNDLE_BYTES = MAX_TOTAL_BYTES + 1024 * 1024;

    private BundleLayout() {
    }

    /** The most bytes the named entry may hold. */
    static int maxBytes(String name) {
        return REPORT_JSON.equals(name) || REPORT_HTML.equals(name) ? MAX_REPORT_BYTES : MAX_SMALL_FILE_BYTES;
    }
}
