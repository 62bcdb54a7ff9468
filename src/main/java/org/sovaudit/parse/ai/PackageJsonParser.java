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
import org.sovaudit.parse.iac.Endpoints;
import org.sovaudit.parse.iac.tree.Tree;
import org.sovaudit.parse.iac.tree.TreeReader;
import org.sovaudit.parse.sbom.Purls;

/**
 * npm {@code package.json}: every entry of {@code dependencies}, {@code devDependencies},
 * {@code peerDependencies}, {@code optionalDependencies} becomes {@code pkg:npm/...} (the version only
 * when pinned exactly; aliases {@code npm:other@1.2.3} name the real package) with the role
 * ai-framework for AI frameworks and AI vendor SDKs, else software-package. Dependencies fetched from
 * a URL, git or GitHub ({@code github:user/repo}, {@code user/repo}) and
 * {@code publishConfig.registry} are package mirrors. Local ({@code file:}, {@code link:}) and
 * workspace dependencies name nobody.
 */
public final class PackageJsonParser implements Parser {

    static final long MAX_BYTES = 4L << 20;
    private static final List<String> SECTIONS = List.of("dependencies", "devDependencies", "peerDependencies", "optionalDependencies");
    private static final Pattern EXACT = Pattern.compile("^=?v?([0-9]+\\.[0-9]+\\.[0-9]+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)$");
    private static final Pattern NAME = Pattern.compile("^(?:@[a-z0-9][a-z0-9._~-]{0,213}/)?[a-z0-9._~-][a-z0-9._~-]{0,213}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GITHUB_SHORT = Pattern.compile("^(?:github:)?([A-Za-z0-9_.-]{1,100})/([A-Za-z0-9_.-]{1,100})(?:#.*)?$");

    @Override
    public String id() {
        return "package-json";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "npm package.json: JavaScript packages (AI frameworks and SDKs marked), git/URL sources and registries";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AI_FRAMEWORK, Role.SOFTWARE_PACKAGE, Role.PACKAGE_MIRROR);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return file.name().toLowerCase(Locale.ROOT).equals("package.json");
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
        if (!(root instanceof Tree.MapNode pkg)) {
            out.error(root.line(), "package.json is a JSON object");
            return out.build();
        }
        for (String section : SECTIONS) {
            Tree.MapNode deps = pkg.map(section);
            if (deps == null) {
                continue;
            }
            for (Map.Entry<String, Tree.Node> e : deps.entries().entrySet()) {
                if (e.getValue() instanceof Tree.Scalar spec) {
                    dependency(e.getKey(), spec, section, lines, out);
                }
            }
        }
        Tree.MapNode publish = pkg.map("publishConfig");
        if (publish != null && publish.scalar("registry") != null) {
            Tree.Scalar registry = publish.scalar("registry");
            Endpoints.add(out, registry.text(), Role.PACKAGE_MIRROR, registry.line(), TextLines.line(lines, registry.line()), "publishConfig");
        }
        return out.build();
    }

    private static void dependency(String name, Tree.Scalar spec, String section, List<String> lines, ResultBuilder out) {
        String s = spec.text().strip();
        String raw = TextLines.line(lines, spec.line());
        if (s.startsWith("file:") || s.startsWith("link:") || s.startsWith("workspace:") || s.startsWith("portal:")) {
            return;
        }
        String real = name;
        String version = s;
        if (s.startsWith("npm:")) {
            String alias = s.substring(4);
            int at = alias.lastIndexOf('@');
            real = at > 0 ? alias.substring(0, at) : alias;
            version = at > 0 ? alias.substring(at + 1) : "";
        }
        if (!NAME.matcher(real).matches()) {
            out.error(spec.line(), "'" + (real.length() > 60 ? real.substring(0, 60) : real) + "' is not an npm package name");
            return;
        }
        if (s.contains("://") || s.startsWith("git@")) {
            String url = s.startsWith("git+") ? s.substring(4) : s.startsWith("git@") ? "ssh://" + s.substring(4).replaceFirst(":", "/") : s;
            Endpoints.add(out, url.replaceFirst("#.*$", ""), Role.PACKAGE_MIRROR, spec.line(), raw, section);
            version = "";
        } else {
            java.util.regex.Matcher gh = GITHUB_SHORT.matcher(s);
            if (gh.matches() && !s.startsWith("@")) {
                Endpoints.add(out, "https://github.com/" + gh.group(1) + "/" + gh.group(2), Role.PACKAGE_MIRROR, spec.line(), raw, section);
                version = "";
            }
        }
        java.util.regex.Matcher exact = EXACT.matcher(version.strip());
        String scope = null;
        String bare = real;
        if (real.startsWith("@") && real.indexOf('/') > 0) {
            scope = real.substring(0, real.indexOf('/'));
            bare = real.substring(real.indexOf('/') + 1);
        }
        Role role = AiPackages.npm(real) ? Role.AI_FRAMEWORK : Role.SOFTWARE_PACKAGE;
        Purls.of("npm", scope, bare, exact.matches() ? exact.group(1) : null).ifPresent(p ->
                out.add(ObservationKind.PACKAGE, p, role, spec.line(), raw, section));
    }
}
