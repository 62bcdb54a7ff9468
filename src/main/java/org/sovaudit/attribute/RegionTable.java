package org.sovaudit.attribute;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The knowledge base's region table: per cloud vendor, its region ids and where they are. One hash
 * map per vendor; an id ending in {@code *} stands for the id followed by a number ({@code gra*}
 * finds {@code GRA11} and {@code gra}). Ids are read case-insensitively. Immutable once built.
 */
final class RegionTable {

    /** Region ids longer than this are not looked up. */
    static final int MAX_ID = 64;
    /** Host labels with more hyphen-separated words than this are not searched for a region id. */
    private static final int MAX_WORDS = 8;

    static final RegionTable EMPTY = new RegionTable(Map.of());

    private final Map<String, Map<String, RegionLocation>> byVendor;
    private final int size;

    /** @param byVendor vendor id, then lower-case region id (a trailing {@code *} for a number) to its location */
    RegionTable(Map<String, Map<String, RegionLocation>> byVendor) {
        Map<String, Map<String, RegionLocation>> copy = new HashMap<>();
        int n = 0;
        for (Map.Entry<String, Map<String, RegionLocation>> e : byVendor.entrySet()) {
            copy.put(e.getKey(), Map.copyOf(e.getValue()));
            n += e.getValue().size();
        }
        this.byVendor = Map.copyOf(copy);
        this.size = n;
    }

    /** Where {@code regionId} of the vendor's cloud is; null when the table does not know it. */
    RegionLocation find(String vendorId, String regionId) {
        Map<String, RegionLocation> regions = byVendor.get(vendorId);
        if (regions == null || regionId == null) {
            return null;
        }
        String id = regionId.strip();
        if (id.isEmpty() || id.length() > MAX_ID) {
            return null;
        }
        id = id.toLowerCase(Locale.ROOT);
        RegionLocation exact = regions.get(id);
        if (exact != null) {
            return exact;
        }
        int end = id.length();
        while (end > 0 && Character.isDigit(id.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? null : regions.get(id.substring(0, end) + "*");
    }

    /**
     * The region a host of the vendor's names in one of its labels, whole ({@code s3.eu-west-1.amazonaws.com})
     * or as a run of hyphen-separated words ({@code oss-cn-hangzhou-internal.aliyuncs.com}); the longest
     * run wins, then the leftmost label. Null when none.
     */
    RegionLocation inHost(String vendorId, String host) {
        Map<String, RegionLocation> regions = byVendor.get(vendorId);
        if (regions == null || host == null) {
            return null;
        }
        RegionLocation best = null;
        int bestLength = 0;
        for (String label : Names.labels(host)) {
            List<String> words = List.of(label.split("-", -1));
            if (words.size() > MAX_WORDS) {
                continue;
            }
            for (int from = 0; from < words.size(); from++) {
                for (int to = words.size(); to > from; to--) {
                    String run = String.join("-", words.subList(from, to));
                    if (run.length() <= bestLength) {
                        continue;
                    }
                    RegionLocation hit = find(vendorId, run);
                    if (hit != null) {
                        best = hit;
                        bestLength = run.length();
                    }
                }
            }
        }
        return best;
    }

    /** Whether the table knows regions of the vendor. */
    boolean covers(String vendorId) {
        return byVendor.containsKey(vendorId);
    }

    /** The vendors the table knows. */
    Set<String> vendors() {
        return byVendor.keySet();
    }

    /** Number of region entries. */
    int size() {
        return size;
    }
}
