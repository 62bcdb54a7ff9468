package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    void metrics_nameTheCommittedModelAndHoldBothEvaluations() throws IOException {
        JsonNode metrics = new ObjectMapper().readTree(Path.of("models", "training-data", "metrics.json").toFile());
        assertEquals(OnnxAttributorTest.pinnedSha256(), metrics.get("modelSha256").asText());
        for (String set : new String[] {"heldOut", "unseen"}) {
            JsonNode e = metrics.get("evaluation").get(set);
            for (String system : new String[] {"kb", "kbAndModel"}) {
                double precision = e.get(system).get("precision").asDouble();
                double recall = e.get(system).get("recall").asDouble();
                assertTrue(precision > 0 && precision <= 1 && recall > 0 && recall <= 1, set + " " + system);
            }
        }
        assertTrue(metrics.get("modelBytes").asLong() <= 10L * 1024 * 1024);
    }

    @Test
    void modelCard_namesTheCommittedModelAndItsMeasuredFigures() throws IOException {
        String card = Files.readString(Path.of("models", "MODEL_CARD.md"), StandardCharsets.UTF_8);
        JsonNode metrics = new ObjectMapper().readTree(Path.of("models", "training-data", "metrics.json").toFile());
        assertTrue(card.contains(OnnxAttributorTest.pinnedSha256()), "MODEL_CARD.md must name the model's SHA-256");
        assertTrue(card.contains(metrics.get("kbSha256").asText()), "MODEL_CARD.md must name the knowledge base's SHA-256");
        for (String set : new String[] {"heldOut", "unseen"}) {
            JsonNode e = metrics.get("evaluation").get(set);
            for (String system : new String[] {"kb", "kbAndModel"}) {
                for (String figure : new String[] {"precision", "recall", "f1", "macroF1", "confidentWrongRate"}) {
                    String value = e.get(system).get(figure).asText();
                    assertTrue(card.contains(value), "MODEL_CARD.md must quote " + set + " " + system + " " + figure + " " + value);
                }
            }
        }
        JsonNode calibration = metrics.get("calibration");
        assertTrue(card.contains(calibration.get("testAfter").get("attributions").get("expectedCalibrationError").asText()),
                "MODEL_CARD.md must quote the calibration error");
    }

    @Test
    void heldOutRows_areTheTestHalfOfTheSplit() throws IOException {
        List<AttributionEval.Case> heldOut = AttributionEval.read(Path.of("models", "training-data", "held-out.tsv"));
        JsonNode metrics = new ObjectMapper().readTree(Path.of("models", "training-data", "metrics.json").toFile());
        assertEquals(metrics.get("split").get("testRows").asInt(), heldOut.size());
        assertEquals(metrics.get("evaluation").get("heldOut").get("rows").asInt(), heldOut.size());
    }
}
