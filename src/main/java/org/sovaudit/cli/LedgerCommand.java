package org.sovaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.sovaudit.audit.AuditException;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.evidence.ledger.ConsistencyProof;
import org.sovaudit.evidence.ledger.InclusionProof;
import org.sovaudit.evidence.ledger.LedgerLeaf;
import org.sovaudit.evidence.ledger.LedgerVerification;
import org.sovaudit.evidence.ledger.MerkleLedger;
import org.sovaudit.evidence.ledger.TreeHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sovaudit ledger head|prove|consistency|verify}: the appliance's Merkle-tree ledger. None
 * needs the key's passphrase. head, prove and consistency print JSON (or write it with --out), the
 * files a reviewer checks a bundle against.
 */
@Command(name = "ledger", description = "Inspect and verify the appliance's transparency ledger.",
        subcommands = {LedgerCommand.Head.class, LedgerCommand.Prove.class, LedgerCommand.Consistency.class,
                LedgerCommand.Verify.class})
final class LedgerCommand implements Runnable {

    /** Tree head and proof files larger than this are refused unread. */
    static final int MAX_JSON_FILE = 64 * 1024;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a ledger command is required: head, prove, consistency or verify");
    }

    Components.EvidenceStore open() {
        return Components.evidence(main.config(Map.of()), main.clock);
    }

    /** Prints {@code json} to standard output, or writes it to {@code out} and says so. */
    static void emit(PrintWriter w, byte[] json, Path out, String what) throws IOException {
        if (out == null) {
            w.println(new String(json, StandardCharsets.UTF_8));
        } else {
            Files.write(out, json);
            w.println(what + " written to " + out.toAbsolutePath());
        }
        w.flush();
    }

    /** Reads a file a reviewer or operator gives on the command line, bounded. */
    static byte[] readSmall(Path file, String what) throws IOException {
        try {
            if (Files.size(file) > MAX_JSON_FILE) {
                throw new AuditException(what + " " + file + " is larger than such a file can be (" + MAX_JSON_FILE + " bytes)");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AuditException(what + " not found: " + file);
        }
    }

    static TreeHead readHead(Path file) throws IOException {
        try {
            return TreeHead.fromJson(readSmall(file, "tree head file"));
        } catch (EvidenceException e) {
            throw new AuditException(file + ": " + e.getMessage());
        }
    }

    @Command(name = "head", description = "Print the latest signed tree head (JSON), to keep for later consistency checks.")
    static final class Head implements Callable<Integer> {
        @ParentCommand
        LedgerCommand ledger;

        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the tree head here instead of printing it.")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Components.EvidenceStore store = ledger.open()) {
                Optional<TreeHead> head = store.evidence().ledger().latestHead();
                if (head.isEmpty()) {
                    throw new AuditException("the ledger has no signed tree head yet: no audit was recorded by this release");
                }
                emit(spec.commandLine().getOut(), head.get().toJson(), out, "tree head of size " + head.get().treeSize());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "prove", description = "Print the inclusion proof of an audit's leaf (JSON), checked against the signed head.")
    static final class Prove implements Callable<Integer> {
        @ParentCommand
        LedgerCommand ledger;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "AUDIT-ID")
        String auditId;

        @Option(names = "--size", paramLabel = "N", description = "The tree size to prove inclusion in (default: the latest head's).")
        Long size;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the proof here instead of printing it.")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Components.EvidenceStore store = ledger.open()) {
                MerkleLedger l = store.evidence().ledger();
                LedgerLeaf leaf = l.auditLeaf(auditId).orElseThrow(() ->
                        new AuditException("no leaf records audit '" + auditId + "'"));
                long treeSize = size != null ? size : l.latestHead().map(TreeHead::treeSize).orElse(l.size());
                TreeHead head = l.head(treeSize).orElseThrow(() -> new AuditException("no signed tree head of size " + treeSize));
                InclusionProof proof;
                try {
                    proof = l.prove(leaf.index(), treeSize);
                } catch (EvidenceException e) {
                    throw new AuditException(e.getMessage());
                }
                if (!proof.verify(head.rootHash())) {
                    spec.commandLine().getErr().println("sovaudit: the proof of " + leaf.label()
                            + " does not lead to the signed root of size " + treeSize + "; run 'sovaudit ledger verify'");
                    return ExitCodes.FAILED;
                }
                emit(spec.commandLine().getOut(), proof.toJson(), out, "inclusion proof of " + leaf.label() + " in the tree of size " + treeSize);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "consistency", description = "Print the consistency proof between two tree sizes (JSON).")
    static final class Consistency implements Callable<Integer> {
        @ParentCommand
        LedgerCommand ledger;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "OLD-SIZE")
        long first;

        @Parameters(index = "1", paramLabel = "NEW-SIZE")
        long second;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the proof here instead of printing it.")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Components.EvidenceStore store = ledger.open()) {
                MerkleLedger l = store.evidence().ledger();
                ConsistencyProof proof;
                try {
                    proof = l.consistency(first, second);
                } catch (EvidenceException e) {
                    throw new AuditException(e.getMessage());
                }
                Optional<TreeHead> older = l.head(first);
                Optional<TreeHead> newer = l.head(second);
                if (older.isPresent() && newer.isPresent() && !proof.verify(older.get().rootHash(), newer.get().rootHash())) {
                    spec.commandLine().getErr().println("sovaudit: the proof does not verify against the signed heads of sizes "
                            + first + " and " + second + "; run 'sovaudit ledger verify'");
                    return ExitCodes.FAILED;
                }
                emit(spec.commandLine().getOut(), proof.toJson(), out, "consistency proof from size " + first + " to " + second);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", description = "Recompute the tree from the stored leaves, check every signed tree head and every"
            + " audit against its leaf; name any edited, reordered or deleted row.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        LedgerCommand ledger;

        @Spec
        CommandSpec spec;

        @Option(names = "--previous-head", paramLabel = "FILE",
                description = "A tree head exported earlier (tree-head.json of a bundle, or 'ledger head'); the ledger must"
                        + " be consistent with it. May be repeated.")
        List<Path> previousHeads = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            List<TreeHead> earlier = new ArrayList<>();
            for (Path p : previousHeads) {
                earlier.add(readHead(p));
            }
            try (Components.EvidenceStore store = ledger.open()) {
                LedgerVerification v = store.evidence().verifyLedger(earlier);
                var out = spec.commandLine().getOut();
                v.notes().forEach(n -> out.println("  " + n));
                if (v.ok()) {
                    out.println("ledger intact: " + v.entries() + " entries, every hash, tree head and audit recomputed");
                } else {
                    out.println("LEDGER BROKEN: " + v.problems().size() + " problem(s) in " + v.entries() + " entries");
                    v.problems().forEach(p -> out.println("  " + p));
                }
                out.flush();
                return v.ok() ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }
}
