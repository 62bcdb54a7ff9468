package org.sovaudit.parse.ai;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Snippets;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.iac.Endpoints;
import org.sovaudit.parse.iac.tree.Tree;
import org.sovaudit.parse.iac.tree.TreeReader;

/**
 * Settings that hold inference endpoints and API base URLs: {@code .env} files
 * ({@code KEY=value}, {@code export KEY="value"}) and YAML or JSON application settings. A setting
 * is named by its key, or in YAML/JSON by its path of keys joined with {@code _}
 * ({@code llm.openai.base_url} reads as {@code LLM_OPENAI_BASE_URL}):
 * <ul>
 * <li>a URL under a name that speaks of AI ({@code OPENAI_BASE_URL}, {@code AZURE_OPENAI_ENDPOINT},
 * {@code DASHSCOPE_*}, {@code QIANFAN_*}, {@code DEEPSEEK_*}, {@code MODELSCOPE_*}, {@code XINFERENCE_*},
 * {@code LLM_*}, {@code *_INFERENCE_*} ...), or whose host or path is an inference API's
 * ({@link AiEndpoints}) whatever its name, is an AI endpoint; under a name of a database or store ({@code DATABASE_URL}, {@code REDIS_URL},
 * {@code *_DSN} of a database ...) its host as a storage location; any other URL, reduced to its origin
 * (paths of webhooks and DSNs can embed secrets), an API endpoint;</li>
 * <li>a model name under {@code *_MODEL}, {@code *_MODEL_NAME}, {@code *_MODEL_ID} or {@code model} of an AI
 * setting (or an Azure {@code *_DEPLOYMENT}), or under a bare {@code MODEL}, {@code MODEL_NAME},
 * {@code MODEL_ID}, {@code LLM_MODEL} ..., is an AI model.</li>
 * </ul>
 * Browser origins ({@code CORS_*}, {@code ALLOWED_ORIGINS}) are not services the application calls
 * and are skipped. Besides {@code .env}, {@code .env.*} and {@code *.env}, the templates written
 * without the dot ({@code env.example}, {@code env.sample} ...) are read.
 * Values are never recorded otherwise, so keys and tokens stay out of reports (URLs lose their
 * user information, snippets are redacted).
 */
public final class AiSettingsParser implements Parser {

    static final long MAX_BYTES = 2L << 20;
    private static final int SNIFF_BYTES = 32 * 1024;
    private static final Pattern ENV_LINE = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]{0,127})\\s*=\\s*(.*)$");
    private static final Pattern AI_WORDS = Pattern.compile(
            "(?:^|_)(?:OPENAI|AZURE_OPENAI|DASHSCOPE|BAILIAN|QWEN|QIANFAN|ERNIE|WENXIN|ZHIPU|ZHIPUAI|GLM|BIGMODEL|MOONSHOT|KIMI|"
                    + "DEEPSEEK|ANTHROPIC|CLAUDE|GEMINI|GOOGLE_AI|MISTRAL|OLLAMA|VLLM|LLM|LLMS|EMBEDDING|EMBEDDINGS|INFERENCE|"
                    + "HF|HUGGINGFACE|HUGGINGFACEHUB|ARK|VOLC|VOLCENGINE|DOUBAO|HUNYUAN|SPARK|XUNFEI|MINIMAX|BAICHUAN|YI|"
                    + "COHERE|GROQ|TOGETHER|BEDROCK|VERTEX|VERTEXAI|TRITON|TGI|MODELARTS|PANGU|SENSENOVA|STEPFUN|AI|GPT|CHAT|"
                    + "COMPLETION|COMPLETIONS|RERANK|RERANKER|MODELSCOPE|XINFERENCE|SILICONFLOW|OPENROUTER|LOCALAI|LMSTUDIO|"
                    + "SGLANG|FASTCHAT|LONGCAT|XAI|GROK|PERPLEXITY|FIREWORKS)(?:_|$)");
    /** A model setting without a provider prefix ({@code MODEL_NAME=qwen-plus}): in settings it names the model served. */
    private static final Pattern BARE_MODEL_KEY = Pattern.compile("(?:LLM_|CHAT_|DEFAULT_)?MODEL(?:_NAME|_ID)?");
    /** Browser origins allowed to call the application: they are not services it calls. */
    private static final Pattern ORIGIN_KEY = Pattern.compile("(?:^|_)(?:CORS|ALLOWED_ORIGINS?|ALLOW_ORIGINS?|TRUSTED_ORIGINS?)(?:_|$)");
    private static final Pattern STORE_WORDS = Pattern.compile(
            "(?:^|_)(?:DATABASE|DB|REDIS|MONGO|MONGODB|POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|ELASTIC|ELASTICSEARCH|OPENSEARCH|"
                    + "MINIO|S3|OSS|OBS|COS|BUCKET|CLICKHOUSE|MILVUS|QDRANT|WEAVIATE|CHROMA|PGVECTOR|VECTOR|KAFKA|RABBITMQ|AMQP)(?:_|$)");
    private static final Pattern MODEL_KEY = Pattern.compile("(?:^|_)(?:MODEL(?:_NAME|_ID)?|DEPLOYMENT(?:_NAME)?)$");
    private static final Pattern MODEL_VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    private static final Pattern SNIFF = Pattern.compile(
            "(?i)(?:base_?url|api_?base|azure_endpoint|openai|dashscope|qianfan|deepseek|zhipu|moonshot|ollama|anthropic|"
                    + "inference_?(?:url|endpoint)|llm)");
    /** Templates of .env files written without the leading dot: env.example, env.sample ... */
    private static final Pattern ENV_TEMPLATE = Pattern.compile("env\\.(?:example|sample|template|dist|local|defaults?|tpl|tmpl)");
    private static final Pattern NON_WORD = Pattern.compile("[^A-Za-z0-9]+");
    private static final int MAX_DEPTH = 40;
    private static final int MAX_PATH = 512;

    @Override
    public String id() {
        return "ai-settings";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return ".env files and YAML/JSON settings: AI inference endpoints and models, API base URLs, data stores";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AI_ENDPOINT, Role.AI_MODEL, Role.API_ENDPOINT, Role.STORAGE_LOCATION);
    }

    @Override
    public boolean accepts(SourceFile file) {
        if (env(file)) {
            return true;
        }
        String name = file.name().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".yaml") && !name.endsWith(".yml") && !name.endsWith(".json")) {
            return false;
        }
        String head = file.head(SNIFF_BYTES);
        return head.contains("://") && SNIFF.matcher(head).find();
    }

    private static boolean env(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        return name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env") || ENV_TEMPLATE.matcher(name).matches();
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        if (env(file)) {
            envFile(lines, out);
        } else if (file.name().toLowerCase(Locale.ROOT).endsWith(".json")) {
            Tree.Node root = TreeReader.json(file.text(), out);
            if (root != null) {
                walk(root, "", 0, visited(), lines, out);
            }
        } else {
            TreeReader.yaml(lines, out, root -> walk(root, "", 0, visited(), lines, out));
        }
        return out.build();
    }

    private static void envFile(List<String> lines, ResultBuilder out) {
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            Matcher m = ENV_LINE.matcher(s);
            if (!m.matches()) {
                out.error(i + 1, "not a KEY=value line");
                continue;
            }
            setting(normalKey(m.group(1)), unquote(m.group(2)), i + 1, raw, out);
        }
    }

    /** A value without its quotes, or without a trailing {@code # comment} when unquoted. */
    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            int close = v.indexOf(v.charAt(0), 1);
            return close > 0 ? v.substring(1, close) : v.substring(1);
        }
        int comment = v.indexOf(" #");
        return comment >= 0 ? v.substring(0, comment).strip() : v;
    }

    /** Containers already visited: YAML aliases share nodes, and each is read once (no alias bomb). */
    private static Set<Tree.Node> visited() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static void walk(Tree.Node node, String path, int depth, Set<Tree.Node> visited, List<String> lines, ResultBuilder out) {
        if (depth > MAX_DEPTH || path.length() > MAX_PATH || !visited.add(node)) {
            return;
        }
        if (node instanceof Tree.MapNode map) {
            for (Map.Entry<String, Tree.Node> e : map.entries().entrySet()) {
                String key = path.isEmpty() ? normalKey(e.getKey()) : path + "_" + normalKey(e.getKey());
                if (e.getValue() instanceof Tree.Scalar s) {
                    setting(key, s.text(), s.line(), TextLines.line(lines, s.line()), out);
                } else {
                    walk(e.getValue(), key, depth + 1, visited, lines, out);
                }
            }
        } else if (node instanceof Tree.ListNode list) {
            for (Tree.Node item : list.items()) {
                if (item instanceof Tree.Scalar s) {
                    setting(path, s.text(), s.line(), TextLines.line(lines, s.line()), out);
                } else {
                    walk(item, path, depth + 1, visited, lines, out);
                }
            }
        }
    }

    /**
     * Classifies one setting by its name (an environment variable, or a path of keys joined with
     * {@code _}) and records what its value names. Shared with the deployment formats that carry
     * settings (compose {@code environment}, Kubernetes container {@code env} and ConfigMap data).
     */
    public static void setting(String name, String value, int line, String raw, ResultBuilder out) {
        String key = normalKey(name);
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || Endpoints.templated(v)) {
            return;
        }
        boolean ai = AI_WORDS.matcher(key).find();
        if (v.contains("://")) {
            if (ORIGIN_KEY.matcher(key).find() && !ai) {
                return;
            }
            Role role = ai || AiEndpoints.inference(v) ? Role.AI_ENDPOINT
                    : STORE_WORDS.matcher(key).find() ? Role.STORAGE_LOCATION : Role.API_ENDPOINT;
            if (role == Role.STORAGE_LOCATION) {
                // a store is its host; database URLs carry credentials and paths that name nobody
                Endpoints.addHost(out, v, role, line, raw, key);
            } else if (role == Role.API_ENDPOINT) {
                // other services' paths may embed secrets (webhook tokens): the origin is what names the party,
                // and the evidence keeps the origin only
                Values.url(v).ifPresent(u -> {
                    String origin = u.scheme() + "://" + u.host().authority() + (u.port().isPresent() ? ":" + u.port().getAsInt() : "");
                    boolean noPath = u.path().isEmpty() || u.path().equals("/");
                    String evidence = noPath ? raw : raw.replace(v, origin + "/" + Snippets.MASK);
                    out.add(ObservationKind.URL, origin, role, line, evidence, key);
                });
            } else {
                Values.url(v).ifPresent(u -> out.add(ObservationKind.URL, u.value(), role, line, raw, key));
            }
        } else if ((ai && MODEL_KEY.matcher(key).find() || BARE_MODEL_KEY.matcher(key).matches()) && MODEL_VALUE.matcher(v).matches()
                && v.chars().anyMatch(Character::isLetter)) {
            out.add(ObservationKind.AI_MODEL, v, Role.AI_MODEL, line, raw, key);
        }
    }

    private static String normalKey(String key) {
        return NON_WORD.matcher(key.strip()).replaceAll("_").toUpperCase(Locale.ROOT);
    }
}
