package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The committed model, its pin, its metrics, its card and the knowledge base agree with each other. */
class ModelFilesTest {

    @Test
    void pin_isSixtyFourHexDigitsOfTheModel() throws IOException {
        String pin = OnnxAttributorTest.pinnedSha256();
        assertTrue(pin.matches("[0-9a-f]{64}"), pin);
        assertEquals(KbLoader.hex(KbLoader.sha256(Files.readAllBytes(OnnxAttributorTest.MODEL))), pin);
    }

    @Test
    void model_isAtMostTenMegabytes() throws IOException {
        assertTrue(Files.size(OnnxAttributorTest.MODEL) <= 10L * 1024 * 1024, "size " + Files.size(OnnxAttributorTest.MODEL));
    }

    @Test
    void model_wasTrainedOnTheCommittedKnowledgeBase() {
        KnowledgeBase kb = KnowledgeBase.loadDefault();
        try (OnnxAttributor model = OnnxAttributor.loadDefault(1, 1)) {
            assertEquals(kb.sha256(), model.metadata().get("kb-sha256"), "knowledge base changed: run bin/retrain");
            assertEquals(kb.version(), model.metadata().get("kb-version"));
            assertEquals(Features.VERSION, model.metadata().get("feature-version"));
        }
    }

    @Test
    void metrics_nameTheCommittedModel() throws IOException {
        JsonNode metrics = new ObjectMapper().readTree(Path.of("models", "training-data", "metrics.json").toFile());
        assertEquals(OnnxAttributorTest.pinnedSha256(), metrics.get("modelSha256").asText());
        double accuracy = metrics.get("heldOut").get("accuracy").asDouble();
        double macroF1 = metrics.get("heldOut").get("macroF1").asDouble();
        assertTrue(accuracy > 0 && accuracy <= 1 && macroF1 > 0 && macroF1 <= 1);
    }

    @Test
    void modelCard_namesTheCommittedModelAndItsHeldOutMetrics() throws IOException {
        String card = Files.readString(Path.of("models", "MODEL_CARD.md"), StandardCharsets.UTF_8);
        assertTrue(card.contains(OnnxAttributorTest.pinnedSha256()), "MODEL_CARD.md must name the model's SHA-256");
        JsonNode heldOut = new ObjectMapper().readTree(Path.of("models", "training-data", "metrics.json").toFile()).get("heldOut");
        assertTrue(card.contains(heldOut.get("accuracy").asText()), "MODEL_CARD.md must quote the held-out accuracy");
        assertTrue(card.contains(heldOut.get("macroF1").asText()), "MODEL_CARD.md must quote the held-out macro-F1");
    }
}
