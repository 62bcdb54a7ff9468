package org.sovaudit.parse.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sovaudit.model.Role;
import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.ResultBuilder;

/**
 * Access lists and where they guard device management. A dialect records the sources every ACL
 * permits and the places an ACL is applied to management ({@code vty}, {@code ssh}, {@code snmp},
 * {@code http}); at the end, every permitted source of an applied ACL becomes a
 * {@link Role#MANAGEMENT_ACCESS} observation at the line that permits it, whatever the order the
 * configuration wrote them in. ACLs that guard nothing of management yield nothing.
 */
public final class ManagementAcls {

    /** Most sources remembered per file; an ACL longer than this is management noise, not a list of parties. */
    static final int MAX_SOURCES = 50_000;

    private record Entry(ConfigLine line, Addresses.Source source) {
    }

    private final Map<String, List<Entry>> permits = new LinkedHashMap<>();
    private final Map<String, Set<String>> uses = new LinkedHashMap<>();
    private int count;

    ManagementAcls() {
    }

    /** ACL {@code acl} permits {@code source}, written at {@code line}. */
    public void permit(String acl, ConfigLine line, Addresses.Source source) {
        if (count >= MAX_SOURCES) {
            return;
        }
        count++;
        permits.computeIfAbsent(acl, k -> new ArrayList<>()).add(new Entry(line, source));
    }

    /** ACL {@code acl} guards {@code use} ({@code vty}, {@code ssh}, {@code snmp}, ...). */
    public void apply(String acl, String use) {
        if (acl == null || acl.isEmpty()) {
            return;
        }
        uses.computeIfAbsent(acl, k -> new LinkedHashSet<>()).add(use);
    }

    void emit(ResultBuilder out) {
        for (Map.Entry<String, Set<String>> applied : uses.entrySet()) {
            List<Entry> entries = permits.get(applied.getKey());
            if (entries == null) {
                continue;
            }
            String context = String.join(", ", applied.getValue()) + " acl " + applied.getKey();
            for (Entry e : entries) {
                out.add(e.source().kind(), e.source().value(), Role.MANAGEMENT_ACCESS, e.line().number(), e.line().raw(), context);
            }
        }
    }
}
