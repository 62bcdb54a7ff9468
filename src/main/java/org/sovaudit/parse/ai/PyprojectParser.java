package org.sovaudit.parse.ai;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.iac.Endpoints;
import org.sovaudit.parse.sbom.Purls;

/**
 * {@code pyproject.toml}, read with Jackson TOML. Dependencies become package URLs as in
 * requirements files (ai-framework for AI frameworks and SDKs): PEP 621 {@code project.dependencies}
 * and {@code project.optional-dependencies}, PEP 735 {@code dependency-groups},
 * {@code build-system.requires}, and Poetry's {@code tool.poetry.dependencies} and group
 * dependencies (a bare version string is an exact pin; {@code git}/{@code url} sources are
 * mirrors). Package indexes are mirrors: {@code tool.poetry.source}, {@code tool.uv.index},
 * {@code tool.uv.index-url}/{@code extra-index-url}, {@code tool.pdm.source}. Jackson's TOML tree
 * has no line numbers, so each value is found in the text.
 */
public final class PyprojectParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final TomlMapper TOML = new TomlMapper(TomlFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1 << 20).build())
            .build());
    private static final Pattern EXACT = Pattern.compile("^=?=?\\s*([0-9][0-9A-Za-z.+!_-]{0,60})$");
    private static final Pattern TOML_LINE = Pattern.compile("line:? (\\d+)|at line (\\d+)|\\[(\\d+):\\d+\\]");

    @Override
    public String id() {
        return "pyproject-toml";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "pyproject.toml (PEP 621, Poetry, uv, PDM): Python packages (AI frameworks and SDKs marked), package indexes";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AI_FRAMEWORK, Role.SOFTWARE_PACKAGE, Role.PACKAGE_MIRROR);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return file.name().toLowerCase(Locale.ROOT).equals("pyproject.toml");
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
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JacksonException e) {
            out.error(line(e), "TOML: " + firstLine(e.getOriginalMessage()));
            return out.build();
        } catch (IOException | RuntimeException e) {
            out.error(0, "TOML: " + e.getMessage());
            return out.build();
        }
        if (root == null || !root.isObject()) {
            return out.build();
        }
        Finder finder = new Finder(lines);
        JsonNode project = root.path("project");
        specs(project.path("dependencies"), finder, out, "project");
        for (Iterator<Map.Entry<String, JsonNode>> it = project.path("optional-dependencies").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            specs(e.getValue(), finder, out, "optional " + e.getKey());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("dependency-groups").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            specs(e.getValue(), finder, out, "group " + e.getKey());
        }
        specs(root.path("build-system").path("requires"), finder, out, "build-system");
        JsonNode poetry = root.path("tool").path("poetry");
        poetryDependencies(poetry.path("dependencies"), finder, out, "poetry");
        poetryDependencies(poetry.path("dev-dependencies"), finder, out, "poetry dev");
        for (Iterator<Map.Entry<String, JsonNode>> it = poetry.path("group").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            poetryDependencies(e.getValue().path("dependencies"), finder, out, "poetry group " + e.getKey());
        }
        for (JsonNode source : poetry.path("source")) {
            mirror(source.path("url").asText(""), finder, out, "poetry source");
        }
        JsonNode uv = root.path("tool").path("uv");
        mirror(uv.path("index-url").asText(""), finder, out, "uv");
        for (JsonNode u : uv.path("extra-index-url")) {
            mirror(u.asText(""), finder, out, "uv");
        }
        for (JsonNode index : uv.path("index")) {
            mirror(index.path("url").asText(""), finder, out, "uv index");
        }
        for (JsonNode source : root.path("tool").path("pdm").path("source")) {
            mirror(source.path("url").asText(""), finder, out, "pdm source");
        }
        return out.build();
    }

    private static void specs(JsonNode list, Finder finder, ResultBuilder out, String context) {
        for (JsonNode spec : list) {
            if (spec.isTextual()) {
                int line = finder.quoted(spec.asText());
                Requirement.parse(spec.asText()).ifPresent(r -> r.report(out, line, finder.raw(line), context));
            }
        }
    }

    private static void poetryDependencies(JsonNode table, Finder finder, ResultBuilder out, String context) {
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equalsIgnoreCase("python")) {
                continue;
            }
            JsonNode value = e.getValue();
            String version = value.isTextual() ? value.asText() : value.path("version").asText("");
            Matcher exact = EXACT.matcher(version.strip());
            int line = finder.key(name);
            String normal = AiPackages.normalizePypi(name);
            Role role = AiPackages.pypi(normal) ? Role.AI_FRAMEWORK : Role.SOFTWARE_PACKAGE;
            Purls.of("pypi", null, normal, exact.matches() ? exact.group(1) : null).ifPresent(p ->
                    out.add(ObservationKind.PACKAGE, p, role, line, finder.raw(line), context));
            for (String key : List.of("git", "url")) {
                String url = value.path(key).asText("");
                if (!url.isEmpty()) {
                    Endpoints.add(out, url.startsWith("git+") ? url.substring(4) : url, Role.PACKAGE_MIRROR, line, finder.raw(line), context);
                }
            }
        }
    }

    private static void mirror(String url, Finder finder, ResultBuilder out, String context) {
        if (!url.isEmpty()) {
            int line = finder.quoted(url);
            Endpoints.add(out, url, Role.PACKAGE_MIRROR, line, finder.raw(line), context);
        }
    }

    private static int line(JacksonException e) {
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            return at.getLineNr();
        }
        Matcher m = TOML_LINE.matcher(String.valueOf(e.getOriginalMessage()));
        if (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    return Integer.parseInt(m.group(g));
                }
            }
        }
        return 0;
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable" : message;
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    /** Finds where values stand in the text, in order, since the TOML tree has no lines. */
    private static final class Finder {
        private final List<String> lines;
        private final Map<String, Integer> last = new java.util.HashMap<>();

        Finder(List<String> lines) {
            this.lines = lines;
        }

        int quoted(String value) {
            int q = find("\"" + value + "\"");
            return q > 0 ? q : find("'" + value + "'");
        }

        int key(String name) {
            Pattern p = Pattern.compile("^\\s*[\"']?" + Pattern.quote(name) + "[\"']?\\s*=");
            int from = last.getOrDefault("key " + name, 0);
            for (int i = from; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    last.put("key " + name, i + 1);
                    return i + 1;
                }
            }
            return 0;
        }

        private int find(String needle) {
            int from = last.getOrDefault(needle, 0);
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).contains(needle)) {
                    last.put(needle, i + 1);
                    return i + 1;
                }
            }
            return 0;
        }

        String raw(int line) {
            return TextLines.line(lines, line);
        }
    }
}
