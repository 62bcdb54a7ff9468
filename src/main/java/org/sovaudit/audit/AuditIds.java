package org.sovaudit.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Audit identifiers: sortable by time, unguessable, safe in paths and URLs. */
public final class AuditIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditIds() {
    }

    /** Ids like {@code 20261129T081656Z-3f9a1c0d}: the clock's time and 32 random bits. */
    public static Supplier<String> timeBased(Clock clock) {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] b = new byte[4];
            random.nextBytes(b);
            return STAMP.format(clock.instant()) + "-" + HexFormat.of().formatHex(b);
        };
    }

    public static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** Returns the id, or throws naming what a valid id looks like. */
    public static String require(String id) {
        if (!valid(id)) {
            throw new AuditException("invalid audit id: expected 1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        return id;
    }
}
