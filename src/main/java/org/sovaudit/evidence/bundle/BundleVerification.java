package org.sovaudit.evidence.bundle;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link BundleVerifier#verify}: every check made, in order, passed or not.
 *
 * @param checks the checks; a bundle that cannot be read at all has one, the failed {@code bundle readable}
 */
public record BundleVerification(List<Check> checks) {
    public BundleVerification {
        checks = List.copyOf(checks);
    }

    /** Whether there was something to check and every check passed. */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    /**
     * One named check.
     *
     * @param detail what was found; for a failed hash check, the expected and the actual value in hex
     */
    public record Check(String name, boolean passed, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
