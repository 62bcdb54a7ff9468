package org.sovaudit.assess;

import java.util.Set;

import org.sovaudit.model.Role;

/**
 * One assessment rule: which roles it judges, why a foreign party in that role matters, and what
 * a local or multi-vendor alternative looks like.
 */
public record Rule(String id, String title, Set<Role> roles, String why, String remediation) {
    public Rule {
        roles = Set.copyOf(roles);
    }
}
