package org.sovaudit.parse;

/**
 * A problem in the parse stage that is not a per-file finding: a broken registry, or an input limit
 * crossed deep inside a parser. Parsers catch it at their boundary and report a
 * {@link org.sovaudit.model.FileError}; it never leaves {@link Parser#parse}.
 */
public class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    public ParseException(String message) {
        this(0, message);
    }

    /** A problem at a 1-based line of the file being read (0 when the whole file is meant). */
    public ParseException(int line, String message) {
        super(message);
        this.line = Math.max(0, line);
    }

    public ParseException(String message, Throwable cause) {
        super(message, cause);
        this.line = 0;
    }

    /** The 1-based line the problem was found at, or 0. */
    public int line() {
        return line;
    }
}
