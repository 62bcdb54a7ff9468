package org.sovaudit.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.sovaudit.model.Evidence;
import org.sovaudit.model.FileError;
import org.sovaudit.model.Observation;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.generic.HostTokens;

/**
 * Collects what a parser finds in one file. Builds redacted evidence for every observation, drops
 * exact repeats (same kind, value, role, line and context), and bounds what one file can produce:
 * after {@value #MAX_OBSERVATIONS} observations or {@value #MAX_ERRORS} errors the rest is counted
 * in one closing error. Results come out in line order. Error reasons are redacted and capped too, since library messages may quote
 * the input. One builder per parse call; not for sharing between threads.
 */
public final class ResultBuilder {

    public static final int MAX_OBSERVATIONS = 100_000;
    public static final int MAX_ERRORS = 1_000;
    private static final int MAX_REASON = 300;

    private record Key(ObservationKind kind, String value, Role role, int line, String context) {
    }

    private final String path;
    private final List<Observation> observations = new ArrayList<>();
    private final Set<Key> seen = new HashSet<>();
    private final List<FileError> errors = new ArrayList<>();
    private int droppedObservations;
    private int droppedErrors;
    /** The evidence last built, reused while observations come from the same line (redaction is the costly part). */
    private int lastLine = -1;
    private String lastRaw;
    private Evidence lastEvidence;

    public ResultBuilder(String path) {
        this.path = path;
    }

    /** The logical path of the file being read. */
    public String path() {
        return path;
    }

    /**
     * Records one observation. {@code value} must already be normalised and free of credentials
     * (see {@link Values}); {@code rawLine} is the source line, redacted here for the snippet.
     */
    public void add(ObservationKind kind, String value, Role role, int line, String rawLine, String context) {
        String ctx = context == null ? "" : context;
        if (!seen.add(new Key(kind, value, role, line, ctx))) {
            return;
        }
        if (observations.size() >= MAX_OBSERVATIONS) {
            droppedObservations++;
            return;
        }
        observations.add(new Observation(kind, value, role, evidence(line, rawLine), ctx));
    }

    private Evidence evidence(int line, String rawLine) {
        if (line != lastLine || lastEvidence == null || !java.util.Objects.equals(rawLine, lastRaw)) {
            lastEvidence = Snippets.evidence(path, line, rawLine);
            lastLine = line;
            lastRaw = rawLine;
        }
        return lastEvidence;
    }

    /** Records a classified host (IP address or host name). */
    public void add(Values.Host host, Role role, int line, String rawLine, String context) {
        add(host.kind(), host.value(), role, line, rawLine, context);
    }

    /**
     * Records, with the role {@link Role#UNKNOWN}, every host name, IP address, network and URL on a
     * line this parser does not understand, so that no value is lost; the generic extractor's rules
     * decide what counts ({@link HostTokens}: comments skipped, precision kept). A parser that calls
     * this declares {@link Role#UNKNOWN} among its roles.
     *
     * @param rawLine the line as read; its values are extracted, and it is redacted for the snippet
     */
    public void addUnexplained(int line, String rawLine) {
        for (HostTokens.Token token : HostTokens.find(rawLine)) {
            add(token.kind(), token.value(), Role.UNKNOWN, line, rawLine, "");
        }
    }

    /** Records a problem at a 1-based line (0 for the whole file). */
    public void error(int line, String reason) {
        if (errors.size() >= MAX_ERRORS) {
            droppedErrors++;
            return;
        }
        errors.add(new FileError(path, Math.max(0, line), cleanReason(reason)));
    }

    /** The observations and errors in line order (stable: same-line entries keep their order). */
    public ParseResult build() {
        List<Observation> ordered = new ArrayList<>(observations);
        ordered.sort(Comparator.comparingInt(o -> o.where().line()));
        List<FileError> all = new ArrayList<>(errors);
        all.sort(Comparator.comparingInt(FileError::line));
        if (droppedObservations > 0) {
            all.add(FileError.wholeFile(path, "more than " + MAX_OBSERVATIONS + " observations; "
                    + droppedObservations + " not recorded"));
        }
        if (droppedErrors > 0) {
            all.add(FileError.wholeFile(path, droppedErrors + " further errors not recorded"));
        }
        return new ParseResult(ordered, all);
    }

    /**
     * The result for a file larger than {@code maxBytes}, or null when it is within the limit:
     * the parser reads nothing of it.
     */
    public static ParseResult tooLarge(SourceFile file, long maxBytes) {
        if (file.size() <= maxBytes) {
            return null;
        }
        return ParseResult.failed(FileError.wholeFile(file.path(),
                "file of " + file.size() + " bytes is larger than the " + maxBytes + " bytes this format allows; not read"));
    }

    /** A library message made fit for a report: first line only, redacted, capped. */
    static String cleanReason(String reason) {
        String r = reason == null || reason.isBlank() ? "unreadable" : reason.strip();
        int nl = r.indexOf('\n');
        if (nl > 0) {
            r = r.substring(0, nl).strip();
        }
        return Snippets.cap(Snippets.redact(Snippets.printable(r)), MAX_REASON);
    }
}
