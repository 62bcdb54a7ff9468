package org.sovaudit.parse.ai;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.iac.tree.Tree;
import org.sovaudit.parse.iac.tree.TreeReader;
import org.sovaudit.parse.sbom.Purls;

/**
 * Hugging Face model configurations: {@code config.json} and {@code generation_config.json} as
 * saved by transformers. Reported as AI models: every {@code architectures} entry (context
 * {@code model_type=<type>}), the {@code model_type} itself when no architecture is named, a
 * {@code _name_or_path} that is a hub model id ({@code org/name}, not a local path), and the code
 * {@code auto_map} points at: the hub repository of {@code repo--module.Class} references, else the
 * model class of the remote code (its configuration and tokenizer classes name no model). The
 * {@code transformers_version} that wrote the file is reported as the package
 * {@code pkg:pypi/transformers@<version>} with the role ai-framework. Besides {@code config.json},
 * a JSON file under another name ({@code qwen2_1_5b_config.json}) is read when its content is a
 * model configuration: {@code architectures} and {@code model_type} with a transformers setting.
 */
public final class HuggingFaceConfigParser implements Parser {

    static final long MAX_BYTES = 4L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+-]{0,40}");
    private static final Pattern TRANSFORMERS_KEYS = Pattern.compile(
            "\"(?:transformers_version|torch_dtype|hidden_size|num_hidden_layers|vocab_size|_name_or_path)\"\\s*:");
    /** auto_map entries whose class is the configuration or tokenizer, not a model. */
    private static final Set<String> NOT_MODELS = Set.of("AutoConfig", "AutoTokenizer", "AutoProcessor", "AutoImageProcessor",
            "AutoFeatureExtractor");

    @Override
    public String id() {
        return "huggingface-config";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "Hugging Face model configuration (config.json, generation_config.json): architectures, model ids, "
                + "remote code, transformers version";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AI_MODEL, Role.AI_FRAMEWORK);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (name.equals("generation_config.json")) {
            return true;
        }
        String head = file.head(SNIFF_BYTES);
        if (name.equals("config.json")) {
            return head.contains("\"architectures\"") || head.contains("\"model_type\"") || head.contains("\"_name_or_path\"");
        }
        return name.endsWith(".json") && head.stripLeading().startsWith("{") && head.contains("\"architectures\"")
                && head.contains("\"model_type\"") && TRANSFORMERS_KEYS.matcher(head).find();
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        String text = file.text();
        List<String> lines = TextLines.split(text);
        Tree.Node root = TreeReader.json(text, out);
        if (root == null) {
            return out.build();
        }
        if (!(root instanceof Tree.MapNode config)) {
            out.error(root.line(), "a model configuration is a JSON object");
            return out.build();
        }
        String modelType = config.text("model_type").strip();
        String context = modelType.isEmpty() ? "" : "model_type=" + modelType;
        List<Tree.Scalar> architectures = Tree.scalars(config.get("architectures"));
        for (Tree.Scalar a : architectures) {
            if (NAME.matcher(a.text().strip()).matches()) {
                out.add(ObservationKind.AI_MODEL, a.text().strip(), Role.AI_MODEL, a.line(), raw(lines, a), context);
            }
        }
        Tree.Scalar type = config.scalar("model_type");
        if (architectures.isEmpty() && type != null && NAME.matcher(modelType).matches()) {
            out.add(ObservationKind.AI_MODEL, modelType, Role.AI_MODEL, type.line(), raw(lines, type), "model_type");
        }
        Tree.Scalar nameOrPath = config.scalar("_name_or_path");
        if (nameOrPath != null && MODEL_ID.matcher(nameOrPath.text().strip()).matches()) {
            out.add(ObservationKind.AI_MODEL, nameOrPath.text().strip(), Role.AI_MODEL, nameOrPath.line(), raw(lines, nameOrPath),
                    "_name_or_path");
        }
        Tree.MapNode autoMap = config.map("auto_map");
        if (autoMap != null) {
            for (Map.Entry<String, Tree.Node> e : autoMap.entries().entrySet()) {
                for (Tree.Scalar ref : Tree.scalars(e.getValue())) {
                    autoMapEntry(e.getKey(), ref, lines, out);
                }
            }
        }
        Tree.Scalar transformers = config.scalar("transformers_version");
        if (transformers != null && VERSION.matcher(transformers.text().strip()).matches()) {
            Purls.of("pypi", null, "transformers", transformers.text().strip()).ifPresent(p ->
                    out.add(ObservationKind.PACKAGE, p, Role.AI_FRAMEWORK, transformers.line(), raw(lines, transformers),
                            "transformers_version"));
        }
        return out.build();
    }

    /** {@code "repo/id--module.Class"} names its hub repository; {@code "module.Class"} only its class. */
    private static void autoMapEntry(String key, Tree.Scalar ref, List<String> lines, ResultBuilder out) {
        String r = ref.text().strip();
        int dashes = r.indexOf("--");
        String context = "auto_map " + key;
        if (dashes > 0 && MODEL_ID.matcher(r.substring(0, dashes)).matches()) {
            out.add(ObservationKind.AI_MODEL, r.substring(0, dashes), Role.AI_MODEL, ref.line(), raw(lines, ref), context);
            return;
        }
        if (NOT_MODELS.contains(key.strip())) {
            return;
        }
        int dot = r.lastIndexOf('.');
        String cls = dot >= 0 ? r.substring(dot + 1) : r;
        if (NAME.matcher(cls).matches()) {
            out.add(ObservationKind.AI_MODEL, cls, Role.AI_MODEL, ref.line(), raw(lines, ref), context);
        }
    }

    private static String raw(List<String> lines, Tree.Node node) {
        return TextLines.line(lines, node.line());
    }
}
