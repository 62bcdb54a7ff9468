package org.sovaudit.parse.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;

class AiSettingsParserTest {

    private static ParseResult env(String text) {
        return new AiSettingsParser().parse(TestFiles.file(".env", text));
    }

    @Test
    void webhookPaths_neverReachValueOrSnippet() {
        ParseResult r = env("ALERT_WEBHOOK_URL=https://hooks.example.com/services/T1/B2/tok3nPart\n");
        Observation o = r.observations().get(0);
        assertEquals("https://hooks.example.com", o.value());
        assertFalse(o.where().snippet().contains("tok3nPart"), o.where().snippet());
    }

    @Test
    void apiKeys_areNeverValues() {
        ParseResult r = env("OPENAI_API_KEY=sk-abc123\nDASHSCOPE_API_KEY=\"sk-def456\"\nOPENAI_MODEL=gpt-4o\n");
        assertEquals(List.of("gpt-4o"), r.observations().stream().map(Observation::value).toList());
    }

    @Test
    void yamlPaths_nameTheSetting() {
        ParseResult r = new AiSettingsParser().parse(TestFiles.file("config/app.yaml",
                "llm:\n  qianfan:\n    base_url: https://qianfan.baidubce.com/v2\ncache:\n  redis_url: redis://cache.example.org:6379\n"));
        assertEquals(List.of("ai-endpoint https://qianfan.baidubce.com/v2 LLM_QIANFAN_BASE_URL",
                        "storage-location cache.example.org CACHE_REDIS_URL"),
                r.observations().stream().map(o -> o.role().id() + " " + o.value() + " " + o.context()).toList());
    }

    @Test
    void quotedValuesAndExport_areUnderstood_andTemplatesSkipped() {
        ParseResult r = env("export DEEPSEEK_BASE_URL='https://api.deepseek.com' # provider\nLLM_BASE_URL=${UPSTREAM}/v1\n");
        assertEquals(List.of("https://api.deepseek.com"), r.observations().stream().map(Observation::value).toList());
    }

    @Test
    void endpointWithoutAPath_keepsItsSnippetAsWritten() {
        ParseResult r = env("PAYMENTS_API_URL=https://payments.example.org/\n");
        Observation o = r.observations().get(0);
        assertEquals("https://payments.example.org", o.value());
        assertEquals("PAYMENTS_API_URL=https://payments.example.org/", o.where().snippet());
    }
}
