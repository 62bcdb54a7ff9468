package org.sovaudit.cli;

import org.sovaudit.assess.PolicyException;
import org.sovaudit.attribute.AttributionException;
import org.sovaudit.audit.AuditException;
import org.sovaudit.collect.CollectException;
import org.sovaudit.evidence.EvidenceException;
import org.sovaudit.report.ReportException;
import org.sovaudit.store.StoreException;

/** The command's exit codes, and the one mapping from exceptions to them. */
final class ExitCodes {
    /** Done, and every check passed. */
    static final int OK = 0;
    /** Done, but a verification failed (bundle, ledger, expected findings). */
    static final int FAILED = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;
    /** The input was wrong: a missing path, an unreadable archive, an invalid policy or audit id. */
    static final int BAD_INPUT = 3;
    /** The appliance's own state is wrong: database, keys, knowledge base or model. */
    static final int APPLIANCE = 4;
    /** A defect in sovaudit itself. */
    static final int INTERNAL = 70;

    private ExitCodes() {
    }

    static int of(Throwable e) {
        if (e instanceof PolicyException || e instanceof CollectException || e instanceof AuditException
                || e instanceof ReportException || e instanceof java.nio.file.NoSuchFileException) {
            return BAD_INPUT;
        }
        if (e instanceof StoreException || e instanceof AttributionException || e instanceof EvidenceException) {
            return APPLIANCE;
        }
        return INTERNAL;
    }
}
