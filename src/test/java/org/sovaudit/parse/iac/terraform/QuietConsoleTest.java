package org.sovaudit.parse.iac.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;

class QuietConsoleTest {

    @Test
    void hcl4jPrintsNothing_whileOtherOutputOfTheThreadStillGoesThrough() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream before = System.out;
        PrintStream beforeErr = System.err;
        PrintStream gate = QuietConsole.filtered(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setOut(gate);
        System.setErr(gate);
        ParseResult result;
        try {
            // hcl4j's lexer prints "Conditional Matched:" and "Operation Matched:" for these
            result = new TerraformParser().parse(TestFiles.file("main.tf", """
                    provider "aws" {
                      region = var.eu ? "eu-west-1" : "af-south-1"
                      max_retries = 2 + 3
                    }
                    """));
            System.out.println("printed by the appliance");
        } finally {
            System.setOut(before);
            System.setErr(beforeErr);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("Matched"), out);
        assertEquals("printed by the appliance" + System.lineSeparator(), out);
        assertTrue(result.errors().isEmpty(), result.errors().toString());
    }

    @Test
    void nestedQuietStretches_endOnlyAtTheOutermost() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream gate = QuietConsole.filtered(new PrintStream(captured, true, StandardCharsets.UTF_8));
        boolean outer = QuietConsole.enter();
        boolean inner = QuietConsole.enter();
        gate.print("inner");
        QuietConsole.leave(inner);
        gate.print("outer");
        QuietConsole.leave(outer);
        gate.print("after");
        assertTrue(outer);
        assertFalse(inner);
        assertEquals("after", captured.toString(StandardCharsets.UTF_8));
    }
}
