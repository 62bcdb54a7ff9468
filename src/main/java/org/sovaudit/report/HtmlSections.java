package org.sovaudit.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.sovaudit.model.AuditReport;
import org.sovaudit.model.AuditReport.ControlPlaneRole;
import org.sovaudit.model.AuditReport.Drift;
import org.sovaudit.model.AuditReport.LayerScore;
import org.sovaudit.model.AuditReport.LockIn;
import org.sovaudit.model.AuditReport.Party;
import org.sovaudit.model.AuditReport.Residency;
import org.sovaudit.model.Dependency;
import org.sovaudit.model.JurisdictionClass;
import org.sovaudit.model.Layer;

import static org.sovaudit.report.Html.esc;
import static org.sovaudit.report.Html.shown;

/**
 * The analytic sections of the HTML report: drift, the layer-by-jurisdiction heatmap, vendor-group
 * concentration, lock-in, the dependency graph (inline SVG), the control plane and data residency.
 * Everything is static markup: nothing needs a script to be read or printed.
 */
final class HtmlSections {

    private static final int MAX_GRAPH_GROUPS = 18;

    private HtmlSections() {
    }

    static void drift(StringBuilder h, Drift d) {
        h.append("<h2>Since the previous audit</h2>");
        if (d == null) {
            h.append("<p class=\"none\">This is the first audit of this scope.</p>\n");
            return;
        }
        h.append("<p>Compared with audit <code>").append(esc(d.previousAuditId())).append("</code> of ")
                .append(esc(d.previousCreatedAt())).append(": score ").append(d.previousScore()).append(" &rarr; ")
                .append(d.previousScore() + d.scoreDelta()).append(" (").append(signed(d.scoreDelta())).append("); ")
                .append(d.newFindings().size()).append(" new, ").append(d.resolvedFindings().size())
                .append(" resolved, ").append(d.newlyAccepted().size()).append(" newly accepted, ")
                .append(d.changedFindings().size()).append(" changed findings.</p>");
        if (!d.layerScoreDeltas().isEmpty()) {
            h.append("<p class=\"meta\">Layer scores: ");
            boolean first = true;
            for (Map.Entry<String, Integer> e : d.layerScoreDeltas().entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                h.append(first ? "" : ", ").append(esc(e.getKey())).append(' ').append(signed(e.getValue()));
                first = false;
            }
            h.append(first ? "unchanged" : "").append("</p>");
        }
        driftList(h, "New", d.newFindings());
        driftList(h, "Resolved", d.resolvedFindings());
        driftList(h, "Newly accepted by exception", d.newlyAccepted());
        if (!d.changedFindings().isEmpty()) {
            h.append("<h3>Changed severity</h3><ul>");
            for (AuditReport.DriftChange c : d.changedFindings()) {
                h.append("<li>").append(esc(c.fromSeverity())).append(" &rarr; ").append(esc(c.toSeverity()))
                        .append(": ").append(shown(c.title())).append("</li>");
            }
            h.append("</ul>");
        }
        h.append('\n');
    }

    private static void driftList(StringBuilder h, String label, List<AuditReport.DriftItem> items) {
        if (items.isEmpty()) {
            return;
        }
        h.append("<h3>").append(label).append("</h3><ul>");
        for (AuditReport.DriftItem i : items) {
            h.append("<li><span class=\"sev sev-").append(esc(i.severity())).append("\">").append(esc(i.severity()))
                    .append("</span> ").append(shown(i.title())).append("</li>");
        }
        h.append("</ul>");
    }

    /** Rows: layers with outside dependencies; columns: jurisdictions, home first, then trusted, international, foreign by weight, unknown. */
    static void heatmap(StringBuilder h, AuditReport r) {
        Map<String, JurisdictionClass> columns = new LinkedHashMap<>();
        Map<String, Double> columnWeight = new TreeMap<>();
        Map<Layer, Map<String, Integer>> cells = new TreeMap<>();
        for (Dependency d : r.dependencies()) {
            if (!d.jurisdictionClass().external()) {
                continue;
            }
            String col = d.jurisdictionClass() == JurisdictionClass.UNKNOWN ? "?" : d.attribution().jurisdiction();
            columns.putIfAbsent(col, d.jurisdictionClass());
            columnWeight.merge(col, 1.0, Double::sum);
            cells.computeIfAbsent(d.layer(), l -> new TreeMap<>()).merge(col, 1, Integer::sum);
        }
        h.append("<h2>Layers by jurisdiction</h2>");
        if (cells.isEmpty()) {
            h.append("<p class=\"none\">No outside dependencies.</p>\n");
            return;
        }
        List<String> order = new ArrayList<>(columns.keySet());
        order.sort(Comparator.comparingInt((String c) -> rank(columns.get(c)))
                .thenComparing(c -> -columnWeight.get(c)).thenComparing(c -> c));
        int max = cells.values().stream().flatMap(m -> m.values().stream()).max(Integer::compare).orElse(1);
        h.append("<table class=\"heat\"><thead><tr><th>Layer</th>");
        for (String c : order) {
            h.append("<th title=\"").append(esc(columns.get(c).id())).append("\">").append(esc(c.equals("?") ? "unknown" : c))
                    .append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (Map.Entry<Layer, Map<String, Integer>> row : cells.entrySet()) {
            h.append("<tr><td>").append(esc(row.getKey().id())).append("</td>");
            for (String c : order) {
                int n = row.getValue().getOrDefault(c, 0);
                if (n == 0) {
                    h.append("<td class=\"num\"></td>");
                    continue;
                }
                double alpha = 0.15 + 0.85 * n / max;
                h.append("<td class=\"num cell-").append(columns.get(c).id()).append("\" style=\"--a:")
                        .append(String.format(Locale.ROOT, "%.2f", alpha)).append("\">").append(n).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table><p class=\"meta\">Cells count distinct outside dependencies; colour: ")
                .append("<span class=\"key cell-domestic\">domestic</span> <span class=\"key cell-trusted\">trusted</span> ")
                .append("<span class=\"key cell-international\">international</span> ")
                .append("<span class=\"key cell-foreign\">foreign</span> <span class=\"key cell-unknown\">unknown</span>.</p>\n");
    }

    /** Each vendor group's share of the weighted outside dependencies across all layers. */
    static void concentration(StringBuilder h, AuditReport r) {
        Map<String, double[]> weight = new TreeMap<>();
        Map<String, AuditReport.GroupShare> any = new TreeMap<>();
        double total = 0;
        for (LayerScore l : r.layers()) {
            for (AuditReport.GroupShare g : l.groups()) {
                weight.computeIfAbsent(g.group(), k -> new double[1])[0] += g.weight();
                any.putIfAbsent(g.group(), g);
                total += g.weight();
            }
        }
        h.append("<h2>Vendor-group concentration</h2>");
        if (weight.isEmpty()) {
            h.append("<p class=\"none\">No attributed outside dependencies.</p>\n");
            return;
        }
        List<String> groups = new ArrayList<>(weight.keySet());
        groups.sort(Comparator.comparing((String g) -> -weight.get(g)[0]).thenComparing(g -> g));
        h.append("<table><thead><tr><th>Vendor group</th><th>Jurisdiction</th><th>Share of outside dependencies (weighted)</th></tr></thead><tbody>");
        for (String g : groups) {
            AuditReport.GroupShare s = any.get(g);
            double share = weight.get(g)[0] / total;
            h.append("<tr><td>").append(shown(g)).append(s.name().isEmpty() ? "" : " <span class=\"meta\">(" + shown(s.name()) + ")</span>")
                    .append("</td><td><span class=\"key cell-").append(s.jurisdictionClass().id()).append("\">")
                    .append(esc(s.jurisdiction())).append("</span></td><td><span class=\"bar wide\"><i class=\"b-")
                    .append(s.jurisdictionClass().id()).append("\" style=\"width:").append(Math.round(share * 100))
                    .append("%\"></i></span> ").append(String.format(Locale.ROOT, "%.1f%%", share * 100)).append("</td></tr>");
        }
        h.append("</tbody></table><p class=\"meta\">Per-layer concentration (Herfindahl-Hirschman index) is in the layers table.</p>\n");
    }

    static void lockIn(StringBuilder h, List<LockIn> lockIn, AuditReport.Scores scores) {
        h.append("<h2>Cross-layer lock-in</h2>");
        List<LockIn> spanning = lockIn.stream().filter(l -> l.layers().size() > 1).toList();
        if (spanning.isEmpty()) {
            h.append("<p class=\"none\">No foreign vendor group spans more than one layer.</p>\n");
            return;
        }
        h.append("<table><thead><tr><th>Vendor group</th><th>Layers</th><th>Adjacent stack layers</th><th>Index</th></tr></thead><tbody>");
        for (LockIn l : spanning) {
            h.append("<tr><td>").append(shown(l.group())).append(" <span class=\"meta\">(").append(shown(l.name()))
                    .append(", ").append(esc(l.jurisdiction())).append(")</span></td><td>");
            for (Layer layer : l.layers()) {
                h.append("<span class=\"chip\">").append(esc(layer.id())).append("</span> ");
            }
            h.append("</td><td class=\"num\">").append(l.adjacentRun()).append("</td><td><span class=\"bar\"><i style=\"width:")
                    .append(Math.round(l.index() * 100)).append("%\"></i></span> ")
                    .append(String.format(Locale.ROOT, "%.2f", l.index())).append("</td></tr>");
        }
        h.append("</tbody></table>");
        if (!scores.topLockInGroup().isEmpty()) {
            h.append("<p class=\"meta\">The most integrated group, ").append(shown(scores.topLockInGroup()))
                    .append(", takes ").append(String.format(Locale.ROOT, "%.1f", scores.lockInPenalty()))
                    .append(" points off the overall score.</p>");
        }
        h.append('\n');
    }

    /** Layers on the left, vendor groups on the right, one curve per (layer, group) pair, thicker with more dependencies. */
    static void graph(StringBuilder h, AuditReport r) {
        Map<Layer, Map<String, Integer>> edges = new TreeMap<>();
        Map<String, Integer> groupTotal = new TreeMap<>();
        Map<String, JurisdictionClass> groupClass = new TreeMap<>();
        for (Dependency d : r.dependencies()) {
            if (!d.attribution().attributed() || !d.jurisdictionClass().external()) {
                continue;
            }
            String g = d.attribution().group().isEmpty() ? "jurisdiction:" + d.attribution().jurisdiction()
                    : d.attribution().group();
            edges.computeIfAbsent(d.layer(), l -> new TreeMap<>()).merge(g, 1, Integer::sum);
            groupTotal.merge(g, 1, Integer::sum);
            groupClass.putIfAbsent(g, d.jurisdictionClass());
        }
        h.append("<h2>Dependency graph</h2>");
        if (edges.isEmpty()) {
            h.append("<p class=\"none\">No attributed outside dependencies.</p>\n");
            return;
        }
        List<String> groups = new ArrayList<>(groupTotal.keySet());
        groups.sort(Comparator.comparing((String g) -> -groupTotal.get(g)).thenComparing(g -> g));
        if (groups.size() > MAX_GRAPH_GROUPS) {
            groups = groups.subList(0, MAX_GRAPH_GROUPS);
        }
        List<Layer> layers = new ArrayList<>(edges.keySet());
        int rows = Math.max(layers.size(), groups.size());
        int rowHeight = 30;
        int height = rows * rowHeight + 20;
        int width = 760;
        int left = 170;
        int right = 560;
        Map<Layer, Integer> ly = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            ly.put(layers.get(i), 20 + (int) ((i + 0.5) * (double) (rows * rowHeight) / layers.size()));
        }
        Map<String, Integer> gy = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            gy.put(groups.get(i), 20 + (int) ((i + 0.5) * (double) (rows * rowHeight) / groups.size()));
        }
        h.append("<svg class=\"graph\" role=\"img\" aria-label=\"Layers and the vendor groups they depend on\" ")
                .append("viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"100%\">");
        for (Map.Entry<Layer, Map<String, Integer>> e : edges.entrySet()) {
            int y1 = ly.get(e.getKey());
            for (Map.Entry<String, Integer> g : e.getValue().entrySet()) {
                Integer y2 = gy.get(g.getKey());
                if (y2 == null) {
                    continue;
                }
                int mid = (left + right) / 2;
                h.append("<path class=\"e-").append(groupClass.get(g.getKey()).id()).append("\" d=\"M").append(left)
                        .append(' ').append(y1).append(" C").append(mid).append(' ').append(y1).append(' ').append(mid)
                        .append(' ').append(y2).append(' ').append(right).append(' ').append(y2)
                        .append("\" stroke-width=\"").append(Math.min(12, 1 + g.getValue())).append("\"><title>")
                        .append(esc(e.getKey().id())).append(" \u2192 ").append(shown(g.getKey())).append(": ")
                        .append(g.getValue()).append("</title></path>");
            }
        }
        for (Map.Entry<Layer, Integer> e : ly.entrySet()) {
            h.append("<circle cx=\"").append(left).append("\" cy=\"").append(e.getValue()).append("\" r=\"5\" class=\"n-layer\"/>")
                    .append("<text x=\"").append(left - 10).append("\" y=\"").append(e.getValue() + 4)
                    .append("\" text-anchor=\"end\">").append(esc(e.getKey().id())).append("</text>");
        }
        for (Map.Entry<String, Integer> e : gy.entrySet()) {
            h.append("<circle cx=\"").append(right).append("\" cy=\"").append(e.getValue()).append("\" r=\"5\" class=\"n-")
                    .append(groupClass.get(e.getKey()).id()).append("\"/>")
                    .append("<text x=\"").append(right + 10).append("\" y=\"").append(e.getValue() + 4).append("\">")
                    .append(shown(e.getKey())).append(" (").append(groupTotal.get(e.getKey())).append(")</text>");
        }
        h.append("</svg>");
        if (groupTotal.size() > groups.size()) {
            h.append("<p class=\"meta\">The ").append(groups.size()).append(" groups with the most dependencies of ")
                    .append(groupTotal.size()).append(" are drawn.</p>");
        }
        h.append('\n');
    }

    static void controlPlane(StringBuilder h, List<ControlPlaneRole> roles) {
        h.append("<h2>Control plane</h2>");
        if (roles.isEmpty()) {
            h.append("<p class=\"none\">No control-plane settings were found.</p>\n");
            return;
        }
        h.append("<table><thead><tr><th>Role</th><th>Parties</th><th>Foreign</th><th>Who</th></tr></thead><tbody>");
        for (ControlPlaneRole c : roles) {
            h.append("<tr><td>").append(esc(c.role().id())).append("</td><td class=\"num\">").append(c.parties())
                    .append("</td><td class=\"num\">").append(c.foreign()).append("</td><td>");
            for (Party p : c.partiesSeen()) {
                h.append("<span class=\"key cell-").append(p.jurisdictionClass().id()).append("\">").append(shown(p.value()));
                if (!p.name().isEmpty()) {
                    h.append(" &middot; ").append(shown(p.name())).append(' ').append(esc(p.jurisdiction()));
                }
                h.append("</span> ");
            }
            h.append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    static void residency(StringBuilder h, List<Residency> residency) {
        h.append("<h2>Data residency</h2>");
        if (residency.isEmpty()) {
            h.append("<p class=\"none\">No cloud regions or storage locations were found.</p>\n");
            return;
        }
        h.append("<table><thead><tr><th>Where</th><th>Role</th><th>Provider</th><th>Provider's jurisdiction</th>")
                .append("<th>Location</th></tr></thead><tbody>");
        for (Residency r : residency) {
            h.append("<tr><td><code>").append(shown(r.value())).append("</code>")
                    .append(r.context().isEmpty() ? "" : " <span class=\"meta\">(" + shown(r.context()) + ")</span>")
                    .append("</td><td>").append(esc(r.role().id())).append("</td><td>").append(shown(r.providerName()))
                    .append("</td><td><span class=\"key cell-").append(r.jurisdictionClass().id()).append("\">")
                    .append(esc(r.providerJurisdiction())).append("</span></td><td>")
                    .append(r.location().isEmpty() ? "<span class=\"none\">not known</span>" : esc(r.location()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    /** Column order of the heatmap: domestic, trusted, international, foreign, unknown. */
    private static int rank(JurisdictionClass c) {
        return switch (c) {
            case DOMESTIC -> 0;
            case TRUSTED -> 1;
            case INTERNATIONAL -> 2;
            case FOREIGN -> 3;
            case UNKNOWN, INTERNAL -> 4;
        };
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : String.valueOf(n);
    }
}
