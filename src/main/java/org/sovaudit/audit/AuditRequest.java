package org.sovaudit.audit;

import java.util.List;
import java.util.Objects;

import org.sovaudit.assess.Policy;
import org.sovaudit.collect.Collector;

/**
 * One audit to run: what to call it, where its files come from, and the policy to judge by.
 *
 * @param scope a name for what is audited (a site, a department); audits of the same scope are
 *              compared over time
 */
public record AuditRequest(String scope, List<Collector> sources, Policy policy) {
    private static final int MAX_SCOPE = 200;

    public AuditRequest {
        Objects.requireNonNull(policy, "policy");
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new AuditException("nothing to audit: give at least one directory, file or archive");
        }
        scope = scope == null ? "" : scope.strip();
        if (scope.isEmpty()) {
            scope = sources.getFirst().name();
        }
        if (scope.length() > MAX_SCOPE || scope.chars().anyMatch(Character::isISOControl)) {
            throw new AuditException("the scope must be at most " + MAX_SCOPE + " printable characters");
        }
    }
}
