package org.sovaudit.evidence.bundle;

import java.util.List;
import java.util.regex.Pattern;

/** The names, order and size limits of bundles, shared by the writer and the verifier. */
final class BundleLayout {

    /** The format this release writes. */
    static final String FORMAT = "sovaudit-bundle/2";
    /** The format of release 0.1, still verified (and still written for the audits it recorded). */
    static final String FORMAT_V1 = "sovaudit-bundle/1";

    static final String REPORT_JSON = "report.json";
    static final String SIGNATURE = "report.json.p7s";
    static final String CHAIN = "chain.pem";
    static final String KEY_HISTORY = "key-history.json";
    static final String TREE_HEAD = "tree-head.json";
    static final String INCLUSION_PROOF = "inclusion-proof.json";
    static final String CONSISTENCY_PROOF = "consistency-proof.json";
    static final String MANIFEST = "manifest.json";
    static final String MANIFEST_SIGNATURE = "manifest.json.p7s";

    /** The renderings of the report, in bundle order after report.json; others matching {@link #RENDERING} follow sorted. */
    static final List<String> RENDERINGS = List.of("report.html", "report.sarif", "report.oscal.json", "report.cdx.json",
            "report.csv");
    /** What a rendering of the report may be called. */
    static final Pattern RENDERING = Pattern.compile("report\\.[a-z0-9]{1,16}(\\.[a-z0-9]{1,16})?");

    /** The evidence files, in bundle order after the renderings and before the manifest. */
    static final List<String> EVIDENCE = List.of(SIGNATURE, CHAIN, KEY_HISTORY, TREE_HEAD, INCLUSION_PROOF, CONSISTENCY_PROOF);

    /** Every file a bundle must hold besides the renderings other than report.json. */
    static final List<String> REQUIRED = List.of(REPORT_JSON, SIGNATURE, CHAIN, KEY_HISTORY, TREE_HEAD, INCLUSION_PROOF,
            CONSISTENCY_PROOF, MANIFEST, MANIFEST_SIGNATURE);

    // Release 0.1's layout.
    static final String V1_REPORT_JSON = "report.json";
    static final String V1_REPORT_HTML = "report.html";
    static final String V1_SIGNATURE = "report.json.p7s";
    static final String V1_CERTIFICATE = "appliance.pem";
    static final String V1_LEDGER_ENTRY = "ledger-entry.json";
    static final List<String> V1_LISTED = List.of(V1_REPORT_JSON, V1_REPORT_HTML, V1_SIGNATURE, V1_CERTIFICATE, V1_LEDGER_ENTRY);
    static final List<String> V1_ENTRIES = List.of(V1_REPORT_JSON, V1_REPORT_HTML, V1_SIGNATURE, V1_CERTIFICATE,
            V1_LEDGER_ENTRY, MANIFEST);

    /** The largest report rendering a bundle carries. */
    static final int MAX_REPORT_BYTES = 64 * 1024 * 1024;
    /** The largest small file (signatures, certificates, proofs, manifest). */
    static final int MAX_SMALL_FILE_BYTES = 256 * 1024;
    /** More entries than this and the verifier stops reading. */
    static final int MAX_ENTRIES = 32;
    /** The most the verifier reads from all entries together. */
    static final long MAX_TOTAL_BYTES = 4L * MAX_REPORT_BYTES + 16L * MAX_SMALL_FILE_BYTES;
    /** A bundle file larger than this is refused unread. */
    static final long MAX_BUNDLE_BYTES = MAX_TOTAL_BYTES + 1024 * 1024;

    private BundleLayout() {
    }

    /** The most bytes the named entry may hold. */
    static int maxBytes(String name) {
        return isRendering(name) ? MAX_REPORT_BYTES : MAX_SMALL_FILE_BYTES;
    }

    /** Whether {@code name} is report.json or another rendering of the report. */
    static boolean isRendering(String name) {
        return RENDERING.matcher(name).matches() && !SIGNATURE.equals(name);
    }

    /** Bundle order: report.json, the known renderings, other renderings by name, the evidence files, the manifest. */
    static int rank(String name) {
        if (REPORT_JSON.equals(name)) {
            return 0;
        }
        int known = RENDERINGS.indexOf(name);
        if (known >= 0) {
            return 1 + known;
        }
        if (isRendering(name)) {
            return 100;
        }
        int evidence = EVIDENCE.indexOf(name);
        if (evidence >= 0) {
            return 200 + evidence;
        }
        return MANIFEST.equals(name) ? 300 : MANIFEST_SIGNATURE.equals(name) ? 301 : 400;
    }
}
