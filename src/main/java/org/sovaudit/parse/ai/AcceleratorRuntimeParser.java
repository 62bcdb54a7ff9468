package org.sovaudit.parse.ai;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
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

/**
 * The version files accelerator runtimes install, each read as the product the host runs for AI:
 * NVIDIA CUDA ({@code cuda/version.json}, or any {@code version.json} naming the "CUDA SDK": the {@code cuda} entry; {@code cuda/version.txt}:
 * "CUDA Version x"), Huawei CANN ({@code ascend_toolkit_install.info}, {@code ascend-toolkit/.../version.info}
 * and the other CANN packages' {@code version.info}: {@code version=}/{@code Version=}) and the
 * Ascend NPU driver ({@code Ascend/driver/version.info}), and AMD ROCm ({@code rocm/.info/version},
 * {@code version-dev}, {@code version-hip}...). Products are named as the conventions say:
 * "NVIDIA CUDA 12.4.1", "Huawei CANN 8.0.RC1", "Huawei Ascend NPU driver 24.1.rc1", "AMD ROCm 6.1.2".
 */
public final class AcceleratorRuntimeParser implements Parser {

    static final long MAX_BYTES = 256 * 1024;
    private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+_-]{0,40}");
    private static final Pattern CUDA_TXT = Pattern.compile("CUDA Version\\s+([0-9][0-9.]{0,20})");
    private static final Pattern KEY_VALUE = Pattern.compile("^\\s*([A-Za-z_]+)\\s*=\\s*(.*?)\\s*$");

    enum Kind { CUDA_JSON, CUDA_TXT, CANN, ASCEND_DRIVER, ROCM }

    @Override
    public String id() {
        return "accelerator-runtime";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "Accelerator runtime version files: NVIDIA CUDA, Huawei CANN and Ascend driver, AMD ROCm";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AI_FRAMEWORK);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return kind(file) != null;
    }

    static Kind kind(SourceFile file) {
        String path = "/" + file.path().toLowerCase(Locale.ROOT);
        String name = file.name().toLowerCase(Locale.ROOT);
        if (path.matches(".*/cuda(?:-[0-9.]+)?/version\\.json")
                || name.endsWith("version.json") && file.head(4096).contains("\"CUDA SDK\"")) {
            return Kind.CUDA_JSON;
        }
        if (path.matches(".*/cuda(?:-[0-9.]+)?/version\\.txt")) {
            return Kind.CUDA_TXT;
        }
        if (name.equals("ascend_toolkit_install.info") || name.equals("ascend_cann_install.info")
                || (name.equals("version.info") && (path.contains("/ascend-toolkit/") || path.contains("/cann")
                || path.contains("/nnae/") || path.contains("/nnrt/")))) {
            return Kind.CANN;
        }
        if (name.equals("version.info") && path.contains("/ascend/driver/")) {
            return Kind.ASCEND_DRIVER;
        }
        if (path.matches(".*/rocm(?:-[0-9.]+)?/\\.info/version(?:-[a-z]+)?")) {
            return Kind.ROCM;
        }
        return null;
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        Kind kind = kind(file);
        if (kind == null) {
            out.error(0, "not a known accelerator runtime version file");
            return out.build();
        }
        String text = file.text();
        List<String> lines = TextLines.split(text);
        switch (kind) {
            case CUDA_JSON -> {
                Tree.Node root = TreeReader.json(text, out);
                if (root instanceof Tree.MapNode map && map.map("cuda") != null && map.map("cuda").scalar("version") != null) {
                    Tree.Scalar v = map.map("cuda").scalar("version");
                    product("NVIDIA CUDA", v.text(), v.line(), lines, out);
                } else if (root != null) {
                    out.error(root.line(), "no cuda.version entry");
                }
            }
            case CUDA_TXT -> {
                boolean found = false;
                for (int i = 0; i < lines.size() && !found; i++) {
                    Matcher m = CUDA_TXT.matcher(lines.get(i));
                    if (m.find()) {
                        product("NVIDIA CUDA", m.group(1), i + 1, lines, out);
                        found = true;
                    }
                }
                if (!found) {
                    out.error(1, "no 'CUDA Version' line");
                }
            }
            case CANN -> keyed(lines, "Huawei CANN", out);
            case ASCEND_DRIVER -> keyed(lines, "Huawei Ascend NPU driver", out);
            case ROCM -> {
                String first = lines.isEmpty() ? "" : lines.get(0).strip();
                int dash = first.indexOf('-');
                product("AMD ROCm", dash > 0 ? first.substring(0, dash) : first, 1, lines, out);
            }
        }
        return out.build();
    }

    /** {@code version=8.0.RC1} (or {@code Version=}) in a key=value info file. */
    private static void keyed(List<String> lines, String product, ResultBuilder out) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = KEY_VALUE.matcher(lines.get(i));
            if (m.matches() && m.group(1).equalsIgnoreCase("version")) {
                product(product, m.group(2), i + 1, lines, out);
                return;
            }
        }
        out.error(0, "no version= line");
    }

    private static void product(String name, String version, int line, List<String> lines, ResultBuilder out) {
        String v = version.strip();
        if (!VERSION.matcher(v).matches()) {
            out.error(line, "'" + (v.length() > 40 ? v.substring(0, 40) : v) + "' is not a version");
            return;
        }
        out.add(ObservationKind.PRODUCT, name + " " + v, Role.AI_FRAMEWORK, line, TextLines.line(lines, line), "");
    }
}
