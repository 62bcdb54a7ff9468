package org.sovaudit.parse.ai;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.sovaudit.parse.Values;

/**
 * Whether a URL is an inference API, whatever the setting or directive that holds it is called:
 * the public hosts of the large-model services (OpenAI and Azure OpenAI, Alibaba DashScope and
 * Bailian, Baidu Qianfan, Zhipu, Moonshot, DeepSeek, Volcengine Ark, Tencent Hunyuan, iFlytek
 * Spark, MiniMax, SiliconFlow, Anthropic, Google Gemini, Mistral, Groq, OpenRouter, Hugging Face
 * inference, AWS Bedrock runtime ...), and any host under the paths OpenAI-compatible servers answer on
 * ({@code /v1/chat/completions}, {@code /v1/embeddings}, DashScope's {@code /compatible-mode/}).
 * Shared by the settings parser and the web servers' {@code proxy_pass} rules.
 */
public final class AiEndpoints {

    /** Exact hosts, or suffixes when they start with a dot. */
    private static final List<String> HOSTS = List.of(
            "api.openai.com", ".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com",
            "dashscope.aliyuncs.com", "dashscope-intl.aliyuncs.com", "dashscope-us.aliyuncs.com", "bailian.aliyuncs.com",
            "qianfan.baidubce.com", "aip.baidubce.com", "open.bigmodel.cn", "api.z.ai", "api.moonshot.cn", "api.moonshot.ai",
            "api.deepseek.com", "ark.cn-beijing.volces.com", ".ark.volces.com", "hunyuan.tencentcloudapi.com",
            "api.hunyuan.cloud.tencent.com", "spark-api-open.xf-yun.com", "spark-api.xf-yun.com", "api.minimax.chat",
            "api.minimaxi.com", "api.siliconflow.cn", "api.siliconflow.com", "api.lingyiwanwu.com", "api.baichuan-ai.com",
            "api.stepfun.com", "api-inference.modelscope.cn", "api.sensenova.cn", "api.anthropic.com",
            "generativelanguage.googleapis.com", "aiplatform.googleapis.com", "api.mistral.ai", "api.groq.com",
            "openrouter.ai", "api.together.xyz", "api.cohere.ai", "api.cohere.com", "api.x.ai", "api.perplexity.ai",
            "api-inference.huggingface.co", "router.huggingface.co", ".endpoints.huggingface.cloud",
            "api.fireworks.ai", "api.longcat.chat");
    private static final Pattern COMPATIBLE_PATH = Pattern.compile(
            "(?i).*(?:/v1/(?:chat/)?completions|/v1/embeddings|/compatible-mode/v1|/api/paas/v4|/v1/messages)(?:/.*)?");

    private AiEndpoints() {
    }

    /** Whether {@code target} (a URL, or a {@code host[:port]} without scheme) is served by an inference API. */
    public static boolean inference(String target) {
        String t = target == null ? "" : target.strip();
        if (!t.isEmpty() && !t.contains("://")) {
            t = "https://" + t;
        }
        return Values.url(t).map(AiEndpoints::inference).orElse(false);
    }

    static boolean inference(Values.WebUrl url) {
        String host = url.host().value().toLowerCase(Locale.ROOT);
        if (host.startsWith("bedrock-runtime.") && host.endsWith(".amazonaws.com")) {
            return true;
        }
        for (String h : HOSTS) {
            if (h.startsWith(".") ? host.endsWith(h) : host.equals(h)) {
                return true;
            }
        }
        return COMPATIBLE_PATH.matcher(url.path()).matches();
    }
}
