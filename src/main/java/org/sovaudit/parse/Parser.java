package org.sovaudit.parse;

import java.util.Set;

import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;

/**
 * Turns one format family into observations. Implementations are pure: no I/O beyond the bytes
 * given, no clock, no mutable state shared between calls, so that one instance serves every thread.
 */
public interface Parser {

    /** Stable identifier written into every report, e.g. {@code huawei-vrp}. */
    String id();

    /** Bumped whenever the observations produced for the same input change. */
    String version();

    /** One line for {@code sovaudit formats} and docs/formats.md. */
    String description();

    /** The roles this parser can assign; the formats table is generated from it. */
    Set<Role> roles();

    /**
     * Whether this parser reads the file, judged from its name and a cheap look at its content
     * (a router configuration named {@code backup.txt} is still a router configuration).
     */
    boolean accepts(SourceFile file);

    /**
     * Reads the file. Malformed input is reported as {@link org.sovaudit.model.FileError}s in the
     * result, never thrown; what could be read before the problem is kept.
     */
    ParseResult parse(SourceFile file);
}
