package org.sovaudit.evidence.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.StrictJson;
import org.sovaudit.evidence.bundle.BundleVerification.Check;
import org.sovaudit.evidence.ledger.ConsistencyProof;
import org.sovaudit.evidence.ledger.InclusionProof;
import org.sovaudit.evidence.ledger.LedgerLeaf;
import org.sovaudit.evidence.ledger.TreeHead;
import org.sovaudit.evidence.sign.CertificateChains;
import org.sovaudit.evidence.sign.Certificates;
import org.sovaudit.evidence.sign.CmsVerifier;
import org.sovaudit.evidence.sign.KeyHistory;
import org.sovaudit.evidence.sign.SignatureCheck;
import org.sovaudit.model.Digests;

/** The checks of a bundle of this release's format; see {@link BundleVerifier} for the list. */
final class BundleChecks {

    private BundleChecks() {
    }

    /** What the checks found out about the bundle's parts, shared between the checks. */
    private static final class Parts {
        Manifest manifest;
        String manifestProblem;
        List<X509Certificate> chain;
        String chainProblem;
        TreeHead head;
        String headProblem;
        KeyHistory.Verification history;
        ConsistencyProof consistency;
    }

    static List<Check> checks(Map<String, byte[]> files, BundleVerifier.Options options, String summary) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(BundleVerifier.READABLE, true, summary));
        checks.add(fileSet(files));
        Parts p = new Parts();

        byte[] manifestBytes = files.get(BundleLayout.MANIFEST);
        if (manifestBytes == null) {
            p.manifestProblem = BundleLayout.MANIFEST + " is missing";
        } else {
            try {
                p.manifest = Manifest.parse(manifestBytes);
            } catch (EvidenceException e) {
                p.manifestProblem = BundleReader.message(e);
            }
        }
        checks.add(p.manifest != null
                ? new Check(BundleVerifier.MANIFEST, true, BundleLayout.FORMAT + " of audit " + p.manifest.auditId + ", "
                        + p.manifest.files.size() + " files listed")
                : new Check(BundleVerifier.MANIFEST, false, p.manifestProblem));

        byte[] pem = files.get(BundleLayout.CHAIN);
        if (pem == null) {
            p.chainProblem = BundleLayout.CHAIN + " is missing";
        } else {
            try {
                p.chain = Certificates.chainFromPem(new String(pem, StandardCharsets.US_ASCII));
            } catch (RuntimeException e) {
                p.chainProblem = BundleLayout.CHAIN + " is unusable: " + BundleReader.message(e);
            }
        }
        byte[] headBytes = files.get(BundleLayout.TREE_HEAD);
        if (headBytes == null) {
            p.headProblem = BundleLayout.TREE_HEAD + " is missing";
        } else {
            try {
                p.head = TreeHead.fromJson(headBytes);
                if (!p.head.canonical(headBytes)) {
                    p.head = null;
                    p.headProblem = BundleLayout.TREE_HEAD + " is well-formed but not in canonical form";
                }
            } catch (RuntimeException e) {
                p.headProblem = BundleReader.message(e);
            }
        }
        checks.add(chainCheck(p));
        checks.add(signatureCheck(BundleVerifier.MANIFEST_SIGNATURE, BundleLayout.MANIFEST, manifestBytes,
                BundleLayout.MANIFEST_SIGNATURE, files.get(BundleLayout.MANIFEST_SIGNATURE), p));
        checks.add(manifestListing(p.manifest, files));
        for (String name : hashedNames(files, p.manifest)) {
            checks.add(fileHash(name, p.manifest, files));
        }
        byte[] report = files.get(BundleLayout.REPORT_JSON);
        checks.add(signatureCheck(BundleVerifier.REPORT_SIGNATURE, BundleLayout.REPORT_JSON, report,
                BundleLayout.SIGNATURE, files.get(BundleLayout.SIGNATURE), p));
        checks.add(keyHistory(files.get(BundleLayout.KEY_HISTORY), p));
        checks.add(treeHead(p));
        checks.add(inclusion(files.get(BundleLayout.INCLUSION_PROOF), report, p));
        checks.add(consistency(files.get(BundleLayout.CONSISTENCY_PROOF), p));
        if (options.trusted() != null) {
            checks.add(trusted(options.trusted(), p));
        }
        if (options.previousHead() != null) {
            checks.add(previousHead(options.previousHead(), options.consistency(), p));
        }
        return checks;
    }

    // ---------------------------------------------------------------- files and manifest

    private static Check fileSet(Map<String, byte[]> files) {
        Set<String> missing = new TreeSet<>(BundleLayout.REQUIRED);
        missing.removeAll(files.keySet());
        Set<String> unexpected = new TreeSet<>();
        for (String name : files.keySet()) {
            if (!BundleLayout.REQUIRED.contains(name) && !BundleLayout.isRendering(name)) {
                unexpected.add(name);
            }
        }
        List<String> renderings = files.keySet().stream()
                .filter(n -> BundleLayout.isRendering(n) && !BundleLayout.REPORT_JSON.equals(n)).toList();
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return new Check(BundleVerifier.FILES, true, "the report, " + renderings.size()
                    + " other renderings " + renderings + ", its signature, chain, key history, tree head, proofs and signed manifest");
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + missing);
        }
        if (!unexpected.isEmpty()) {
            parts.add("unexpected " + unexpected);
        }
        return new Check(BundleVerifier.FILES, false, String.join("; ", parts));
    }

    private static Check manifestListing(Manifest manifest, Map<String, byte[]> files) {
        if (manifest == null) {
            return new Check(BundleVerifier.MANIFEST_LISTING, false, "not checked: no usable manifest");
        }
        Set<String> present = new TreeSet<>(files.keySet());
        present.remove(BundleLayout.MANIFEST);
        present.remove(BundleLayout.MANIFEST_SIGNATURE);
        Set<String> listed = new TreeSet<>(manifest.files.keySet());
        Set<String> notPresent = new TreeSet<>(listed);
        notPresent.removeAll(present);
        Set<String> notListed = new TreeSet<>(present);
        notListed.removeAll(listed);
        if (notPresent.isEmpty() && notListed.isEmpty()) {
            return new Check(BundleVerifier.MANIFEST_LISTING, true, "lists exactly the " + present.size() + " files present");
        }
        List<String> parts = new ArrayList<>();
        if (!notPresent.isEmpty()) {
            parts.add("listed but not in the bundle " + notPresent);
        }
        if (!notListed.isEmpty()) {
            parts.add("in the bundle but not listed " + notListed);
        }
        return new Check(BundleVerifier.MANIFEST_LISTING, false, String.join("; ", parts));
    }

    /** The files to hash: every file present or listed, except the manifest and its signature, in bundle order. */
    private static List<String> hashedNames(Map<String, byte[]> files, Manifest manifest) {
        Set<String> names = new HashSet<>(files.keySet());
        if (manifest != null) {
            names.addAll(manifest.files.keySet());
        }
        names.addAll(List.of(BundleLayout.REPORT_JSON, BundleLayout.SIGNATURE, BundleLayout.CHAIN, BundleLayout.KEY_HISTORY,
                BundleLayout.TREE_HEAD, BundleLayout.INCLUSION_PROOF, BundleLayout.CONSISTENCY_PROOF));
        names.remove(BundleLayout.MANIFEST);
        names.remove(BundleLayout.MANIFEST_SIGNATURE);
        return names.stream().sorted(Comparator.comparingInt(BundleLayout::rank).thenComparing(n -> n)).toList();
    }

    private static Check fileHash(String name, Manifest manifest, Map<String, byte[]> files) {
        return ManifestFile.check(BundleVerifier.SHA256_PREFIX + name, name, manifest == null ? null : manifest.files(), files);
    }

    // ---------------------------------------------------------------- signatures and certificates

    private static Check chainCheck(Parts p) {
        if (p.chain == null) {
            return new Check(BundleVerifier.CHAIN, false, p.chainProblem);
        }
        X509Certificate signer = p.chain.getFirst();
        String who = signer.getSubjectX500Principal() + " (key id " + Certificates.keyId(signer) + ")";
        if (p.head == null) {
            return new Check(BundleVerifier.CHAIN, false, "not checked: no usable tree head to date the chain by");
        }
        List<String> problems = CertificateChains.problems(p.chain, p.head.timestamp());
        return problems.isEmpty()
                ? new Check(BundleVerifier.CHAIN, true, p.chain.size() + " certificate(s), valid at " + p.head.timestamp()
                        + "; signer " + who)
                : new Check(BundleVerifier.CHAIN, false, String.join("; ", problems));
    }

    private static Check signatureCheck(String check, String contentName, byte[] content, String signatureName,
                                        byte[] signature, Parts p) {
        if (content == null) {
            return new Check(check, false, contentName + " is missing");
        }
        if (signature == null) {
            return new Check(check, false, signatureName + " is missing");
        }
        if (p.chain == null) {
            return new Check(check, false, p.chainProblem);
        }
        SignatureCheck result = CmsVerifier.verify(content, signature, p.chain);
        return new Check(check, result.valid(), result.detail());
    }

    private static Check keyHistory(byte[] json, Parts p) {
        if (json == null) {
            return new Check(BundleVerifier.KEY_HISTORY, false, BundleLayout.KEY_HISTORY + " is missing");
        }
        if (p.chain == null) {
            return new Check(BundleVerifier.KEY_HISTORY, false, p.chainProblem);
        }
        try {
            p.history = KeyHistory.verify(KeyHistory.fromJson(json, BundleLayout.MAX_SMALL_FILE_BYTES), p.chain.getFirst());
            return new Check(BundleVerifier.KEY_HISTORY, p.history.valid(), p.history.detail());
        } catch (RuntimeException e) {
            return new Check(BundleVerifier.KEY_HISTORY, false, BundleReader.message(e));
        }
    }

    // ---------------------------------------------------------------- ledger

    private static Check treeHead(Parts p) {
        if (p.head == null) {
            return new Check(BundleVerifier.TREE_HEAD, false, p.headProblem);
        }
        if (p.chain == null) {
            return new Check(BundleVerifier.TREE_HEAD, false, p.chainProblem);
        }
        SignatureCheck signature = p.head.verify(p.chain.getFirst());
        return new Check(BundleVerifier.TREE_HEAD, signature.valid(), signature.valid()
                ? "size " + p.head.treeSize() + ", root " + p.head.rootHash() + ", " + signature.detail()
                : signature.detail());
    }

    private static Check inclusion(byte[] json, byte[] report, Parts p) {
        String check = BundleVerifier.INCLUSION;
        if (json == null) {
            return new Check(check, false, BundleLayout.INCLUSION_PROOF + " is missing");
        }
        InclusionProof proof;
        try {
            proof = InclusionProof.fromJson(json);
            if (!Arrays.equals(proof.toJson(), json)) {
                return new Check(check, false, BundleLayout.INCLUSION_PROOF + " is well-formed but not in canonical form");
            }
        } catch (RuntimeException e) {
            return new Check(check, false, BundleReader.message(e));
        }
        LedgerLeaf leaf = proof.leaf();
        List<String> problems = new ArrayList<>();
        if (leaf.kind() != LedgerLeaf.Kind.AUDIT) {
            problems.add("the leaf records a " + leaf.kind().id() + ", not an audit");
        }
        if (report == null) {
            problems.add(BundleLayout.REPORT_JSON + " is missing");
        } else {
            String actual = Digests.sha256Hex(report);
            if (!leaf.sha256().equals(actual)) {
                problems.add("the leaf's report hash is " + leaf.sha256() + ", report.json has " + actual);
            }
            String auditId;
            try {
                auditId = BundleReader.topLevelAuditId(report);
            } catch (IOException | RuntimeException e) {
                auditId = null;
            }
            if (!leaf.subject().equals(auditId)) {
                problems.add("the leaf records audit '" + leaf.subject() + "', report.json is audit '"
                        + (auditId == null ? "(none)" : BundleReader.printable(auditId)) + "'");
            }
        }
        if (p.manifest != null && !leaf.subject().equals(p.manifest.auditId)) {
            problems.add("the leaf records audit '" + leaf.subject() + "', the manifest names '" + p.manifest.auditId + "'");
        }
        if (p.chain != null && !leaf.keyId().equals(Certificates.keyId(p.chain.getFirst()))) {
            problems.add("the leaf names key " + leaf.keyId() + ", the signer is key " + Certificates.keyId(p.chain.getFirst()));
        }
        if (p.head == null) {
            problems.add("no usable tree head to check the path against");
        } else if (proof.treeSize() != p.head.treeSize()) {
            problems.add("the proof is for a tree of size " + proof.treeSize() + ", the tree head's size is " + p.head.treeSize());
        } else if (!proof.verify(p.head.rootHash())) {
            problems.add("the path of " + proof.path().size() + " hashes from leaf " + leaf.index()
                    + " does not lead to the tree head's root " + p.head.rootHash());
        }
        return problems.isEmpty()
                ? new Check(check, true, leaf.label() + " of " + proof.treeSize() + ", recorded " + leaf.recordedAt()
                        + "; RFC 9162 path of " + proof.path().size() + " hashes leads to the tree head's root")
                : new Check(check, false, String.join("; ", problems));
    }

    private static Check consistency(byte[] json, Parts p) {
        String check = BundleVerifier.CONSISTENCY;
        if (json == null) {
            return new Check(check, false, BundleLayout.CONSISTENCY_PROOF + " is missing");
        }
        try {
            p.consistency = ConsistencyProof.fromJson(json);
            if (!Arrays.equals(p.consistency.toJson(), json)) {
                p.consistency = null;
                return new Check(check, false, BundleLayout.CONSISTENCY_PROOF + " is well-formed but not in canonical form");
            }
        } catch (RuntimeException e) {
            return new Check(check, false, BundleReader.message(e));
        }
        if (p.head == null) {
            return new Check(check, false, "no usable tree head to match it with");
        }
        if (p.consistency.secondSize() != p.head.treeSize()) {
            return new Check(check, false, "the proof ends at size " + p.consistency.secondSize() + ", the tree head's size is "
                    + p.head.treeSize());
        }
        return new Check(check, true, p.consistency.firstSize() == 0
                ? "no earlier audit of this scope: nothing to prove"
                : "from size " + p.consistency.firstSize() + " (after the previous audit of this scope) to "
                        + p.consistency.secondSize() + "; checked against that audit's tree head with --previous-head");
    }

    private static Check trusted(X509Certificate trusted, Parts p) {
        String check = BundleVerifier.TRUSTED;
        if (p.chain == null) {
            return new Check(check, false, p.chainProblem);
        }
        Instant at = p.head != null ? p.head.timestamp() : null;
        SignatureCheck byChain = at == null ? SignatureCheck.failed("no usable tree head to date the chain by")
                : CertificateChains.trust(p.chain, trusted, at);
        if (byChain.valid()) {
            return new Check(check, true, byChain.detail());
        }
        if (p.history != null && p.history.valid()) {
            SignatureCheck byHistory = KeyHistory.trust(p.history, trusted);
            if (byHistory.valid()) {
                return new Check(check, true, byHistory.detail());
            }
        }
        return new Check(check, false, byChain.detail());
    }

    private static Check previousHead(TreeHead previous, ConsistencyProof given, Parts p) {
        String check = BundleVerifier.PREVIOUS_HEAD;
        if (p.head == null) {
            return new Check(check, false, "no usable tree head in the bundle to compare with");
        }
        X509Certificate signer = null;
        if (p.history != null && p.history.valid()) {
            signer = p.history.certificates().get(previous.keyId());
        } else if (p.chain != null && Certificates.keyId(p.chain.getFirst()).equals(previous.keyId())) {
            signer = p.chain.getFirst();
        }
        if (signer == null) {
            return new Check(check, false, "the previous tree head is signed by key " + previous.keyId()
                    + ", which is neither the signer's nor in this bundle's key history: not this appliance's head");
        }
        SignatureCheck signature = previous.verify(signer);
        if (!signature.valid()) {
            return new Check(check, false, "the previous tree head's signature is invalid: " + signature.detail());
        }
        long m = previous.treeSize();
        long n = p.head.treeSize();
        if (m == n) {
            return previous.rootHash().equals(p.head.rootHash())
                    ? new Check(check, true, "the same tree (size " + n + ", root " + n + " leaves alike)")
                    : new Check(check, false, "both heads are of size " + n + " but their roots differ ("
                            + previous.rootHash() + " and " + p.head.rootHash() + "): the ledger was rewritten");
        }
        long first = Math.min(m, n);
        long second = Math.max(m, n);
        ConsistencyProof proof = null;
        String source = null;
        if (given != null && given.firstSize() == first && given.secondSize() == second) {
            proof = given;
            source = "the consistency proof given";
        } else if (p.consistency != null && p.consistency.firstSize() == first && p.consistency.secondSize() == second) {
            proof = p.consistency;
            source = "the bundle's consistency proof";
        }
        if (proof == null) {
            return new Check(check, false, "no consistency proof from size " + first + " to size " + second
                    + (p.consistency == null ? "" : " (the bundle carries one from size " + p.consistency.firstSize() + ")")
                    + "; ask the appliance's operator for 'sovaudit ledger consistency " + first + " " + second
                    + " --out proof.json' and pass it with --consistency proof.json");
        }
        String firstRoot = m < n ? previous.rootHash() : p.head.rootHash();
        String secondRoot = m < n ? p.head.rootHash() : previous.rootHash();
        return proof.verify(firstRoot, secondRoot)
                ? new Check(check, true, "the tree of size " + second + " extends the tree of size " + first + " ("
                        + source + ", " + proof.path().size() + " hashes, verified per RFC 9162); previous head signed "
                        + previous.timestamp())
                : new Check(check, false, "the tree of size " + second + " does not extend the tree of size " + first
                        + ": " + source + " does not verify against the two roots: entries before " + first
                        + " were changed, removed or reordered, or the proof is wrong");
    }

    // ---------------------------------------------------------------- manifest

    /** A parsed manifest: the audit, and its files by name in listed order. */
    private record Manifest(String auditId, Map<String, ManifestFile> files) {
        private static final Set<String> KEYS = Set.of("auditId", "format", "files");
        private static final Set<String> FILE_KEYS = Set.of("name", "sha256", "size");

        static Manifest parse(byte[] bytes) {
            JsonNode node = StrictJson.readStrict(bytes, BundleLayout.MAX_SMALL_FILE_BYTES);
            StrictJson.requireExactKeys(node, KEYS, "the manifest");
            JsonNode format = node.get("format");
            if (!format.isTextual() || !BundleLayout.FORMAT.equals(format.textValue())) {
                throw new EvidenceException("the manifest format is " + BundleReader.abbreviate(format.toString())
                        + ", expected \"" + BundleLayout.FORMAT + "\" (or \"" + BundleLayout.FORMAT_V1 + "\")");
            }
            JsonNode auditId = node.get("auditId");
            if (!auditId.isTextual() || auditId.textValue().isEmpty() || auditId.textValue().length() > 128) {
                throw new EvidenceException("the manifest's auditId must be a string of 1 to 128 characters");
            }
            JsonNode list = node.get("files");
            if (!list.isArray()) {
                throw new EvidenceException("the manifest's files must be an array");
            }
            if (list.size() > BundleLayout.MAX_ENTRIES) {
                throw new EvidenceException("the manifest lists " + list.size() + " files, more than a bundle holds");
            }
            Map<String, ManifestFile> files = new LinkedHashMap<>();
            for (JsonNode file : list) {
                StrictJson.requireExactKeys(file, FILE_KEYS, "a manifest file entry");
                JsonNode name = file.get("name");
                JsonNode sha256 = file.get("sha256");
                JsonNode size = file.get("size");
                if (!name.isTextual() || BundleReader.nameProblem(name.textValue()) != null) {
                    throw new EvidenceException("the manifest lists an invalid file name " + BundleReader.abbreviate(name.toString()));
                }
                if (BundleLayout.MANIFEST.equals(name.textValue()) || BundleLayout.MANIFEST_SIGNATURE.equals(name.textValue())) {
                    throw new EvidenceException("the manifest lists itself or its signature");
                }
                if (files.containsKey(name.textValue())) {
                    throw new EvidenceException("the manifest lists " + name.textValue() + " twice");
                }
                if (!sha256.isTextual() || !Digests.isSha256Hex(sha256.textValue())) {
                    throw new EvidenceException("the manifest's sha256 of " + name.textValue()
                            + " is not 64 lower-case hex digits: " + BundleReader.abbreviate(sha256.toString()));
                }
                if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
                    throw new EvidenceException("the manifest's size of " + name.textValue()
                            + " is not a whole number of bytes: " + BundleReader.abbreviate(size.toString()));
                }
                files.put(name.textValue(), new ManifestFile(name.textValue(), sha256.textValue(), size.longValue()));
            }
            if (!Arrays.equals(bytes, BundleWriter.manifestJson(auditId.textValue(), List.copyOf(files.values())))) {
                throw new EvidenceException("the manifest is well-formed but not in canonical form (sorted keys, no whitespace)");
            }
            return new Manifest(auditId.textValue(), files);
        }
    }
}
