package org.sovaudit.parse.ai;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A short list of well-known AI frameworks, inference runtimes and AI vendor SDKs by package name,
 * so that dependency parsers can give them the role ai-framework. The list decides only the role;
 * which vendor stands behind a package is the knowledge base's to say.
 */
final class AiPackages {

    /** PyPI names, normalised (lower case, {@code -} for {@code _} and {@code .}). */
    private static final Set<String> PYPI = Set.of(
            "torch", "torchvision", "torchaudio", "torch-npu", "tensorflow", "tensorflow-gpu", "tensorflow-cpu", "keras",
            "jax", "jaxlib", "flax", "mindspore", "mindspore-lite", "mindformers", "paddlepaddle", "paddlepaddle-gpu",
            "paddlenlp", "paddleocr", "mxnet", "oneflow", "megengine", "onnx", "onnxruntime", "onnxruntime-gpu",
            "tensorrt", "tensorrt-llm", "triton", "xformers", "deepspeed", "accelerate", "transformers", "diffusers",
            "sentence-transformers", "peft", "trl", "vllm", "sglang", "lmdeploy", "llama-cpp-python", "ctransformers",
            "openai", "anthropic", "mistralai", "cohere", "google-generativeai", "google-genai", "google-cloud-aiplatform",
            "vertexai", "boto3-bedrock", "dashscope", "qianfan", "zhipuai", "erniebot", "modelscope", "volcengine-python-sdk",
            "ollama", "groq", "together", "replicate", "huggingface-hub", "langchain", "langchain-core",
            "langchain-community", "langchain-openai", "langchain-anthropic", "llama-index", "llama-index-core",
            "haystack-ai", "semantic-kernel", "autogen", "pyautogen", "crewai", "litellm", "cann", "te", "hccl",
            "tokenizers", "safetensors", "tiktoken", "sentencepiece", "timm", "bitsandbytes", "flash-attn",
            "flashinfer-python", "auto-gptq", "autoawq", "optimum", "mistral-common", "openai-harmony", "mlx", "mlx-lm",
            "openvino", "intel-extension-for-pytorch", "ipex-llm", "amd-quark", "ultralytics", "llamafactory");

    /** PyPI name prefixes of vendor SDK families. */
    private static final List<String> PYPI_PREFIXES = List.of("langchain-", "llama-index-", "nvidia-", "tensorflow-", "optimum-", "tencentcloud-sdk-python-hunyuan",
            "alibabacloud-bailian", "volcengine-ark", "dashscope-");

    /** npm names (scoped ones with their scope). */
    private static final Set<String> NPM = Set.of(
            "openai", "@anthropic-ai/sdk", "@google/generative-ai", "@google/genai", "@google-cloud/aiplatform",
            "@tensorflow/tfjs", "@tensorflow/tfjs-node", "@tensorflow/tfjs-node-gpu", "onnxruntime-node", "onnxruntime-web",
            "onnxruntime-common", "@huggingface/inference", "@huggingface/transformers", "@xenova/transformers", "langchain",
            "ai", "@mistralai/mistralai", "cohere-ai", "ollama", "groq-sdk", "@baiducloud/qianfan", "@alicloud/dashscope",
            "zhipuai-sdk-nodejs-v4", "@volcengine/ark-sdk", "@azure/openai", "@aws-sdk/client-bedrock-runtime",
            "llamaindex", "replicate");

    /** npm scopes whose every package is an AI SDK. */
    private static final List<String> NPM_SCOPES = List.of("@langchain/", "@ai-sdk/", "@llamaindex/");

    private AiPackages() {
    }

    static boolean pypi(String normalisedName) {
        String n = normalisedName.toLowerCase(Locale.ROOT);
        return PYPI.contains(n) || PYPI_PREFIXES.stream().anyMatch(n::startsWith);
    }

    static boolean npm(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return NPM.contains(n) || NPM_SCOPES.stream().anyMatch(n::startsWith);
    }

    /** A PyPI name in the form the index compares them (PEP 503): lower case, runs of {@code -_.} as one {@code -}. */
    static String normalizePypi(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }
}
