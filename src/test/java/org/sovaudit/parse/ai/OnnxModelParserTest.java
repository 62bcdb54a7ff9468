package org.sovaudit.parse.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;

class OnnxModelParserTest {

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void string(ByteArrayOutputStream out, int field, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(out, (long) field << 3 | 2);
        varint(out, b.length);
        out.writeBytes(b);
    }

    private static ParseResult parse(byte[] bytes) {
        return new OnnxModelParser().parse(TestFiles.file("models/m.onnx", bytes));
    }

    @Test
    void producerAfterALargeGraph_isStillRead() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, 7 << 3 | 2);
        varint(out, 1 << 20);
        out.writeBytes(new byte[1 << 20]);
        string(out, 2, "skl2onnx");
        string(out, 3, "1.17.0");
        ParseResult r = parse(out.toByteArray());
        assertEquals(List.of("skl2onnx 1.17.0"), r.observations().stream().map(o -> o.value()).toList());
    }

    @Test
    void lengthPastTheEnd_isAnErrorAtLineZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, 7 << 3 | 2);
        varint(out, Integer.MAX_VALUE);
        ParseResult r = parse(out.toByteArray());
        assertEquals(0, r.errors().get(0).line());
        assertTrue(r.errors().get(0).reason().contains("past the end"), r.errors().get(0).reason());
    }

    @Test
    void overlongVarintAndGroups_areErrorsNotExceptions() {
        byte[] overlong = new byte[12];
        java.util.Arrays.fill(overlong, (byte) 0xFF);
        assertEquals(1, parse(overlong).errors().size());
        assertEquals(1, parse(new byte[]{(byte) (1 << 3 | 3)}).errors().size());
        assertEquals(1, parse(new byte[0]).errors().size());
    }

    @Test
    void metadataModelIds_becomeModels_otherPropertiesDoNot() {
        ByteArrayOutputStream prop = new ByteArrayOutputStream();
        string(prop, 1, "hf_model_id");
        string(prop, 2, "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B");
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        string(other, 1, "author");
        string(other, 2, "someone/else");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, 2, "pytorch");
        varint(out, 14 << 3 | 2);
        varint(out, prop.size());
        out.writeBytes(prop.toByteArray());
        varint(out, 14 << 3 | 2);
        varint(out, other.size());
        out.writeBytes(other.toByteArray());
        assertEquals(List.of("pytorch", "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"),
                parse(out.toByteArray()).observations().stream().map(o -> o.value()).toList());
    }
}
