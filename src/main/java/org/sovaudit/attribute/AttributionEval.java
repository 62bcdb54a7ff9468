package org.sovaudit.attribute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.sovaudit.model.Attribution;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/**
 * Measures attribution on labelled cases, the knowledge base alone beside the knowledge base with
 * the model, through the same {@link Attributions} an audit uses. A case's label is a vendor-group
 * id or {@code none}; a system's answer is the group it attributes (any other outcome, including a
 * jurisdiction from the country-code rule, counts as {@code none}).
 *
 * <p>Per group: precision (right answers among the rows it was given), recall (among the rows that
 * are the group's) and F1. Macro figures average the groups that have rows in the set (precision:
 * those a system named at least once). Micro precision and recall count every attribution and every
 * vendor row. A <em>confident wrong answer</em> is an attribution to a group that is not the row's,
 * including any attribution of a {@code none} row: the error a reviewer would not see flagged.
 */
public final class AttributionEval {

    /** Rows a case file may hold. */
    static final int MAX_CASES = 200_000;

    private AttributionEval() {
    }

    /** One labelled case; {@code unit} is what the held-out split kept together. */
    public record Case(String label, Subject subject, String unit) {
    }

    /** Scores of one group. Precision is NaN when the system never named the group. */
    public record GroupScore(int support, int predicted, int correct, double precision, double recall, double f1) {
    }

    /** Scores of one system on one set. */
    public record Scores(String system, int rows, int vendorRows, int attributed, int correct, int confidentWrong,
                         double precision, double recall, double f1, double macroPrecision, double macroRecall,
                         double macroF1, int groupsInSet, Map<String, GroupScore> groups) {

        /** Share of all rows answered with a wrong group. */
        public double confidentWrongRate() {
            return rows == 0 ? 0 : (double) confidentWrong / rows;
        }
    }

    /** The knowledge base alone and with the model, on one set. */
    public record Comparison(String set, int rows, int kbMatched, double threshold, Scores kbOnly, Scores kbAndModel) {
    }

    /**
     * Reads a case file: tab-separated label, kind, role, value, context and an optional unit;
     * '#' starts a comment line. Fails naming the line.
     */
    public static List<Case> read(Path file) {
        List<String> lines;
        try {
            if (Files.size(file) > 64L * 1024 * 1024) {
                throw new AttributionException(file + ": larger than 64 MiB");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AttributionException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 5 || cols.length > 6 || cols[0].isBlank() || cols[3].isBlank()) {
                throw new AttributionException(file + ":" + (i + 1) + ": expected label, kind, role, value, context[, unit]");
            }
            try {
                Subject s = new Subject(ObservationKind.fromId(cols[1]), cols[3].strip(), Role.fromId(cols[2]), cols[4].strip());
                out.add(new Case(cols[0].strip(), s, cols.length == 6 ? cols[5].strip() : file.getFileName() + ":" + (i + 1)));
            } catch (IllegalArgumentException e) {
                throw new AttributionException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
            if (out.size() > MAX_CASES) {
                throw new AttributionException(file + ": more than " + MAX_CASES + " cases");
            }
        }
        return out;
    }

    /**
     * Runs both systems on the cases. {@code kb} is the knowledge base to measure with (for the
     * held-out split, one without the held-out indicators).
     */
    public static Comparison compare(String set, List<Case> cases, KnowledgeBase kb, OnnxAttributor model, double threshold) {
        List<Subject> subjects = new ArrayList<>(cases.size());
        for (Case c : cases) {
            subjects.add(c.subject());
        }
        Map<Subject, Attribution> alone = Attributions.create(kb, null, threshold, Set.of()).attribute(subjects);
        Map<Subject, Attribution> with = Attributions.create(kb, model, threshold, Set.of()).attribute(subjects);
        int matched = 0;
        List<String> aloneAnswers = new ArrayList<>();
        List<String> withAnswers = new ArrayList<>();
        for (Case c : cases) {
            Attribution a = alone.get(c.subject());
            if (a.method() == Attribution.Method.KB) {
                matched++;
            }
            aloneAnswers.add(answer(a));
            withAnswers.add(answer(with.get(c.subject())));
        }
        return new Comparison(set, cases.size(), matched, threshold, score("kb", cases, aloneAnswers),
                score("kb+model", cases, withAnswers));
    }

    private static String answer(Attribution a) {
        return a.attributed() && !a.group().isEmpty() ? a.group() : OnnxAttributor.NONE;
    }

    static Scores score(String system, List<Case> cases, List<String> answers) {
        Map<String, int[]> counts = new TreeMap<>(); // support, predicted, correct
        int vendorRows = 0;
        int attributed = 0;
        int correct = 0;
        int wrong = 0;
        for (int i = 0; i < cases.size(); i++) {
            String label = cases.get(i).label();
            String answer = answers.get(i);
            boolean vendor = !label.equals(OnnxAttributor.NONE);
            boolean named = !answer.equals(OnnxAttributor.NONE);
            if (vendor) {
                vendorRows++;
                counts.computeIfAbsent(label, k -> new int[3])[0]++;
            }
            if (named) {
                attributed++;
                counts.computeIfAbsent(answer, k -> new int[3])[1]++;
                if (answer.equals(label)) {
                    correct++;
                    counts.get(answer)[2]++;
                } else {
                    wrong++;
                }
            }
        }
        Map<String, GroupScore> groups = new LinkedHashMap<>();
        double sumP = 0;
        int nP = 0;
        double sumR = 0;
        double sumF = 0;
        int inSet = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            double p = c[1] == 0 ? Double.NaN : (double) c[2] / c[1];
            double r = c[0] == 0 ? Double.NaN : (double) c[2] / c[0];
            double f = Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? 0 : 2 * p * r / (p + r);
            groups.put(e.getKey(), new GroupScore(c[0], c[1], c[2], p, r, f));
            if (c[0] > 0) {
                inSet++;
                sumR += r;
                sumF += f;
                if (!Double.isNaN(p)) {
                    sumP += p;
                    nP++;
                }
            }
        }
        double precision = attributed == 0 ? Double.NaN : (double) correct / attributed;
        double recall = vendorRows == 0 ? Double.NaN : (double) correct / vendorRows;
        double f1 = Double.isNaN(precision) || Double.isNaN(recall) || precision + recall == 0 ? 0
                : 2 * precision * recall / (precision + recall);
        return new Scores(system, cases.size(), vendorRows, attributed, correct, wrong, precision, recall, f1,
                nP == 0 ? Double.NaN : sumP / nP, inSet == 0 ? Double.NaN : sumR / inSet,
                inSet == 0 ? Double.NaN : sumF / inSet, inSet, groups);
    }

    /** The comparison as a text report: totals, then one line per group, both systems side by side. */
    public static String format(Comparison c) {
        StringBuilder sb = new StringBuilder();
        Scores a = c.kbOnly();
        Scores b = c.kbAndModel();
        sb.append(String.format(Locale.ROOT, "%s: %d cases (%d of a vendor group, %d none), threshold %.2f; "
                        + "the knowledge base matched %d%n", c.set(), c.rows(), a.vendorRows(), c.rows() - a.vendorRows(),
                c.threshold(), c.kbMatched()));
        sb.append(String.format(Locale.ROOT, "  %-34s %10s %10s%n", "", "kb", "kb+model"));
        row(sb, "attributed", a.attributed(), b.attributed());
        row(sb, "right", a.correct(), b.correct());
        row(sb, "confident wrong answers", a.confidentWrong(), b.confidentWrong());
        row(sb, "confident wrong rate", a.confidentWrongRate(), b.confidentWrongRate());
        row(sb, "micro precision", a.precision(), b.precision());
        row(sb, "micro recall", a.recall(), b.recall());
        row(sb, "micro F1", a.f1(), b.f1());
        row(sb, "macro precision", a.macroPrecision(), b.macroPrecision());
        row(sb, "macro recall (" + a.groupsInSet() + " groups)", a.macroRecall(), b.macroRecall());
        row(sb, "macro F1", a.macroF1(), b.macroF1());
        sb.append(String.format(Locale.ROOT, "  %-24s %5s | %-17s | %-17s%n", "per group", "rows", "kb  P / R / F1",
                "kb+model  P / R / F1"));
        Set<String> names = new TreeSet<>(a.groups().keySet());
        names.addAll(b.groups().keySet());
        for (String g : names) {
            GroupScore x = a.groups().getOrDefault(g, new GroupScore(0, 0, 0, Double.NaN, Double.NaN, 0));
            GroupScore y = b.groups().getOrDefault(g, new GroupScore(0, 0, 0, Double.NaN, Double.NaN, 0));
            sb.append(String.format(Locale.ROOT, "  %-24s %5d | %s %s %s | %s %s %s%n", g, Math.max(x.support(), y.support()),
                    num(x.precision()), num(x.recall()), num(x.f1()), num(y.precision()), num(y.recall()), num(y.f1())));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double a, double b) {
        sb.append(String.format(Locale.ROOT, "  %-34s %10s %10s%n", name, num(a), num(b)));
    }

    private static void row(StringBuilder sb, String name, int a, int b) {
        sb.append(String.format(Locale.ROOT, "  %-34s %10d %10d%n", name, a, b));
    }

    /** Four decimals, or {@code -} for an undefined figure. */
    public static String num(double v) {
        return Double.isNaN(v) ? "     -" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The comparison as plain maps and lists (for metrics.json); figures as four-decimal strings. */
    public static Map<String, Object> toMap(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", c.set());
        m.put("rows", c.rows());
        m.put("kbMatched", c.kbMatched());
        m.put("threshold", num(c.threshold()).strip());
        m.put("kb", scores(c.kbOnly()));
        m.put("kbAndModel", scores(c.kbAndModel()));
        return m;
    }

    private static Map<String, Object> scores(Scores s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", s.rows());
        m.put("vendorRows", s.vendorRows());
        m.put("attributed", s.attributed());
        m.put("correct", s.correct());
        m.put("confidentWrong", s.confidentWrong());
        m.put("confidentWrongRate", num(s.confidentWrongRate()).strip());
        m.put("precision", num(s.precision()).strip());
        m.put("recall", num(s.recall()).strip());
        m.put("f1", num(s.f1()).strip());
        m.put("macroPrecision", num(s.macroPrecision()).strip());
        m.put("macroRecall", num(s.macroRecall()).strip());
        m.put("macroF1", num(s.macroF1()).strip());
        m.put("groupsInSet", s.groupsInSet());
        Map<String, Object> groups = new LinkedHashMap<>();
        for (Map.Entry<String, GroupScore> e : s.groups().entrySet()) {
            GroupScore g = e.getValue();
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("support", g.support());
            gm.put("predicted", g.predicted());
            gm.put("correct", g.correct());
            gm.put("precision", num(g.precision()).strip());
            gm.put("recall", num(g.recall()).strip());
            gm.put("f1", num(g.f1()).strip());
            groups.put(e.getKey(), gm);
        }
        m.put("groups", groups);
        return m;
    }
}
