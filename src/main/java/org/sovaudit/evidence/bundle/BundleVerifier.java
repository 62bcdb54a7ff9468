package org.sovaudit.evidence.bundle;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.evidence.bundle.BundleVerification.Check;
import org.sovaudit.evidence.ledger.ConsistencyProof;
import org.sovaudit.evidence.ledger.TreeHead;

/**
 * Verifies an export bundle offline, with nothing but the bundle and what the reviewer brings: a
 * certificate they trust, a tree head they saw earlier, a consistency proof. Never throws: every
 * problem is a failed, named check. Reading is defensive (see {@link BundleReader}).
 *
 * <p>Checks of a bundle of this release ({@code sovaudit-bundle/2}), in order:
 * <ol>
 *   <li>{@code bundle readable}; {@code bundle files}: report.json, report.json.p7s, chain.pem,
 *       key-history.json, tree-head.json, inclusion-proof.json, consistency-proof.json, manifest.json
 *       and manifest.json.p7s are present, and nothing but renderings of the report besides;</li>
 *   <li>{@code manifest}: well-formed and canonical; {@code certificate chain}: chain.pem parses, each
 *       certificate is signed by the next and valid at the tree head's time;</li>
 *   <li>{@code manifest signature}: manifest.json.p7s is a valid detached CMS signature over
 *       manifest.json by chain.pem's first certificate; {@code manifest lists files}: exactly the
 *       files present; {@code sha256 <name>}: each file has the SHA-256 and size the manifest lists;</li>
 *   <li>{@code report signature}: report.json.p7s over report.json, by the same certificate;</li>
 *   <li>{@code key history}: each rotation was endorsed by the key before it, ending at the signer;</li>
 *   <li>{@code tree head}: signed by the signer's key; {@code inclusion proof}: its leaf records this
 *       report (audit id, SHA-256 of report.json, signer's key) and the RFC 9162 path leads from it to
 *       the tree head's root; {@code consistency proof}: well-formed, ends at the tree head's size;</li>
 *   <li>with a trusted certificate, {@code trusted certificate}: it is the signer's certificate, an
 *       issuer in its chain, or an earlier key of this appliance that endorsed the signer's key;</li>
 *   <li>with a previously seen tree head, {@code previous tree head}: it is signed by a key of this
 *       appliance, and the bundle's tree extends it (equal roots at equal sizes, otherwise an RFC 9162
 *       consistency proof: the bundle's own, when it starts at that size, or the one given).</li>
 * </ol>
 * Bundles of release 0.1 ({@code sovaudit-bundle/1}) get that release's checks
 * ({@link LegacyBundleChecks}); what each check proves and does not prove is in docs/verify.md.
 */
public final class BundleVerifier {

    static final String READABLE = "bundle readable";
    static final String FILES = "bundle files";
    static final String MANIFEST = "manifest";
    static final String MANIFEST_SIGNATURE = "manifest signature";
    static final String MANIFEST_LISTING = "manifest lists files";
    static final String SHA256_PREFIX = "sha256 ";
    static final String CHAIN = "certificate chain";
    static final String REPORT_SIGNATURE = "report signature";
    static final String KEY_HISTORY = "key history";
    static final String TREE_HEAD = "tree head";
    static final String INCLUSION = "inclusion proof";
    static final String CONSISTENCY = "consistency proof";
    static final String TRUSTED = "trusted certificate";
    static final String PREVIOUS_HEAD = "previous tree head";

    /**
     * What the reviewer brings besides the bundle; each may be null.
     *
     * @param trusted      a certificate the reviewer trusts: the appliance's (pinned), a CA's, or an
     *                     earlier appliance key's
     * @param previousHead a tree head of the same appliance the reviewer saw earlier
     * @param consistency  a consistency proof between the previous head's size and the bundle's tree
     *                     size ({@code sovaudit ledger consistency}), when the bundle's own does not start there
     */
    public record Options(X509Certificate trusted, TreeHead previousHead, ConsistencyProof consistency) {
        public static Options none() {
            return new Options(null, null, null);
        }

        public static Options trusting(X509Certificate trusted) {
            return new Options(trusted, null, null);
        }
    }

    private BundleVerifier() {
    }

    /** {@link #verify(Path, Options)} with only a trusted certificate (or none). */
    public static BundleVerification verify(Path zip, X509Certificate trusted) {
        return verify(zip, Options.trusting(trusted));
    }

    public static BundleVerification verify(Path zip, Options options) {
        Options o = options == null ? Options.none() : options;
        try {
            BundleReader.Entries entries = BundleReader.readEntries(zip);
            if (entries.problem() != null) {
                return new BundleVerification(List.of(new Check(READABLE, false, entries.problem())));
            }
            if (isV1(entries.files().get(BundleLayout.MANIFEST))) {
                List<Check> checks = new ArrayList<>(LegacyBundleChecks.checks(entries.files(), o.trusted(), entries.summary()));
                if (o.previousHead() != null) {
                    checks.add(new Check(PREVIOUS_HEAD, false, "a bundle of release 0.1 (" + BundleLayout.FORMAT_V1
                            + ") carries no tree head to compare with"));
                }
                return new BundleVerification(checks);
            }
            return new BundleVerification(BundleChecks.checks(entries.files(), o, entries.summary()));
        } catch (RuntimeException e) {
            // Every step handles its own failures; this keeps the promise never to throw if one is missed.
            return new BundleVerification(List.of(new Check(READABLE, false, "unexpected error: " + BundleReader.message(e))));
        }
    }

    /** Whether the manifest says release 0.1's format; anything unreadable is checked as this release's. */
    private static boolean isV1(byte[] manifest) {
        if (manifest == null) {
            return false;
        }
        try {
            JsonNode node = StrictJson.readStrict(manifest, BundleLayout.MAX_SMALL_FILE_BYTES);
            JsonNode format = node.get("format");
            return format != null && format.isTextual() && BundleLayout.FORMAT_V1.equals(format.textValue());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** One line per check: {@code PASS name: detail} or {@code FAIL name: detail}. */
    public static String describe(BundleVerification verification) {
        StringBuilder sb = new StringBuilder();
        for (Check check : verification.checks()) {
            sb.append(check.passed() ? "PASS " : "FAIL ").append(check.name()).append(": ").append(check.detail()).append('\n');
        }
        return sb.toString();
    }
}
