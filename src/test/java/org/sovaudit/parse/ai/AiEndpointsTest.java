package org.sovaudit.parse.ai;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which targets are inference APIs, by host or by the paths OpenAI-compatible servers answer on. */
class AiEndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://api.openai.com/v1/", "https://contoso-ai.openai.azure.com/",
            "https://dashscope.aliyuncs.com/", "api.deepseek.com:443", "https://qianfan.baidubce.com/v2",
            "https://bedrock-runtime.eu-west-1.amazonaws.com", "http://10.20.0.16:8000/v1/chat/completions",
            "https://llm-gw.ministry.example/compatible-mode/v1"})
    void inferenceApis_areRecognised(String target) {
        assertTrue(AiEndpoints.inference(target), target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:3000", "https://search.ministry.example:9200/", "https://api.github.com/repos",
            "https://openai.com.attacker.example/", "not a url", ""})
    void otherTargets_areNot(String target) {
        assertFalse(AiEndpoints.inference(target), target);
    }
}
