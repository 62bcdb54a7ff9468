package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/** The figures `sovaudit model eval` prints, worked out by hand on small sets. */
class AttributionEvalTest {

    static AttributionEval.Case c(String label, String value) {
        return new AttributionEval.Case(label, new Subject(ObservationKind.HOSTNAME, value, Role.UNKNOWN), value);
    }

    @Test
    void score_countsPrecisionRecallAndConfidentWrongAnswers() {
        List<AttributionEval.Case> cases = List.of(c("huawei", "a"), c("huawei", "b"), c("alibaba", "c"), c("none", "d"), c("none", "e"));
        List<String> answers = List.of("huawei", "none", "huawei", "alibaba", "none");
        AttributionEval.Scores s = AttributionEval.score("x", cases, answers);
        assertEquals(5, s.rows());
        assertEquals(3, s.vendorRows());
        assertEquals(3, s.attributed());
        assertEquals(1, s.correct());
        assertEquals(2, s.confidentWrong(), "alibaba named huawei, and a none row named alibaba");
        assertEquals(0.4, s.confidentWrongRate(), 1e-9);
        assertEquals(1.0 / 3, s.precision(), 1e-9);
        assertEquals(1.0 / 3, s.recall(), 1e-9);
        AttributionEval.GroupScore huawei = s.groups().get("huawei");
        assertEquals(2, huawei.support());
        assertEquals(2, huawei.predicted());
        assertEquals(0.5, huawei.precision(), 1e-9);
        assertEquals(0.5, huawei.recall(), 1e-9);
        AttributionEval.GroupScore alibaba = s.groups().get("alibaba");
        assertEquals(0.0, alibaba.precision(), 1e-9, "named once, wrongly");
        assertEquals(0.0, alibaba.recall(), 1e-9);
        assertEquals(2, s.groupsInSet());
        assertEquals((0.5 + 0.0) / 2, s.macroRecall(), 1e-9);
        assertEquals((0.5 + 0.0) / 2, s.macroF1(), 1e-9);
    }

    @Test
    void score_leavesPrecisionUndefinedForAGroupNeverNamed() {
        AttributionEval.Scores s = AttributionEval.score("x", List.of(c("huawei", "a"), c("zte", "b")), List.of("huawei", "none"));
        assertTrue(Double.isNaN(s.groups().get("zte").precision()));
        assertEquals(1.0, s.macroPrecision(), 1e-9, "only groups named at least once count");
        assertEquals(0.5, s.macroRecall(), 1e-9);
        assertTrue(AttributionEval.format(new AttributionEval.Comparison("t", 2, 0, 0.7, s, s)).contains("zte"));
    }

    @Test
    void compare_runsTheKnowledgeBaseAloneAndWithTheModel() {
        KnowledgeBase kb = KnowledgeBase.loadDefault();
        try (OnnxAttributor model = OnnxAttributor.loadDefault(1, 16)) {
            AttributionEval.Comparison cmp = AttributionEval.compare("t",
                    List.of(c("alibaba", "mirrors.aliyun.com"), c("huawei", "myhuaweicloud.net"), c("none", "portal.example-ministry.org")),
                    kb, model, 0.7);
            assertEquals(1, cmp.kbMatched());
            assertEquals(1, cmp.kbOnly().correct());
            assertEquals(2, cmp.kbAndModel().correct(), "the model adds the unlisted Huawei Cloud domain");
            assertEquals(0, cmp.kbAndModel().confidentWrong());
            String text = AttributionEval.format(cmp);
            assertTrue(text.contains("kb+model") && text.contains("confident wrong"), text);
            assertEquals("0.7000", AttributionEval.toMap(cmp).get("threshold"));
        }
    }

    @Test
    void read_namesTheBadLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("cases.tsv");
        Files.writeString(f, "# comment\nhuawei\thostname\tunknown\tvrp.example\t\nzte\tno-such-kind\tunknown\tx\t\n", StandardCharsets.UTF_8);
        AttributionException e = assertThrows(AttributionException.class, () -> AttributionEval.read(f));
        assertTrue(e.getMessage().contains("cases.tsv:3"), e.getMessage());
        Files.writeString(f, "huawei\thostname\tunknown\n", StandardCharsets.UTF_8);
        assertTrue(assertThrows(AttributionException.class, () -> AttributionEval.read(f)).getMessage().contains(":1"));
    }
}
