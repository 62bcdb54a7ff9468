package org.sovaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sovaudit model eval` reproduces, through the appliance's runtime, the figures committed with the model. */
class ModelCommandTest {

    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new Main(), args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void eval_printsBothSetsForBothSystems_asCommittedInMetrics() throws Exception {
        String[] text = run("--data-dir", dir.toString(), "model", "eval");
        assertEquals("0", text[0], text[2]);
        assertTrue(text[1].contains("held-out:") && text[1].contains("unseen:") && text[1].contains("kb+model")
                && text[1].contains("confident wrong rate") && text[1].contains("macro F1"), text[1]);
        assertTrue(text[1].contains("unseen cases: the model"), text[1]);

        String[] json = run("--data-dir", dir.toString(), "model", "eval", "--json");
        assertEquals("0", json[0], json[2]);
        JsonNode printed = new ObjectMapper().readTree(json[1]);
        JsonNode committed = new ObjectMapper().readTree(Path.of("models", "training-data", "metrics.json").toFile()).get("evaluation");
        assertEquals(committed.get("heldOut"), printed.get("heldOut"));
        assertEquals(committed.get("unseen"), printed.get("unseen"));
    }

    @Test
    void eval_withoutTheData_saysWhereItLooked() {
        String[] r = run("--data-dir", dir.toString(), "model", "eval", "--data", dir.resolve("nowhere").toString());
        assertEquals("3", r[0]);
        assertTrue(r[2].contains("held-out.tsv"), r[2]);
    }
}
