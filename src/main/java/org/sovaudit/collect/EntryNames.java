package org.sovaudit.collect;

/** Checks and normalises the names of archive entries so that none can escape the archive's root. */
final class EntryNames {
    private static final int MAX_NAME = 1024;

    private EntryNames() {
    }

    /**
     * Returns the entry name as a relative '/'-separated path without {@code .} segments.
     *
     * @throws IllegalArgumentException naming the problem, for absolute names, {@code ..} segments,
     *                                  control characters or over-long names
     */
    static String normalise(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("entry without a name; not read");
        }
        if (raw.length() > MAX_NAME) {
            throw new IllegalArgumentException("entry name longer than " + MAX_NAME + " characters; not read");
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i))) {
                throw new IllegalArgumentException("entry name contains control characters; not read");
            }
        }
        String name = raw.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("absolute entry name; refused");
        }
        StringBuilder sb = new StringBuilder();
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException("entry name climbs out of the archive with '..'; refused");
            }
            sb.append(sb.isEmpty() ? "" : "/").append(segment);
        }
        return sb.toString();
    }

    /** The name with control characters replaced, safe to put in an error message. */
    static String printable(String raw) {
        if (raw == null) {
            return "(unnamed)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length() && i < 200; i++) {
            char c = raw.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }
}
