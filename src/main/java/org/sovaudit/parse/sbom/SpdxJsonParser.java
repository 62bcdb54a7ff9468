package org.sovaudit.parse.sbom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.iac.tree.Tree;
import org.sovaudit.parse.iac.tree.TreeReader;

/**
 * SPDX 2.x documents in JSON ({@code *.spdx.json}). For every package: its package URL (an
 * {@code externalRefs} entry of type {@code purl}) as a package with the supplier as context
 * ({@code supplier}, else {@code originator}, without the {@code Organization:}/{@code Person:}
 * prefix; nothing for {@code NOASSERTION}); a package without a purl but with a named supplier as a
 * product "supplier name version"; and its {@code downloadLocation}, when it is a URL, as the
 * package mirror the code came from.
 *
 * <p>SPDX 3 documents (JSON-LD: {@code @context} of spdx.org/rdf/3..., elements in {@code @graph})
 * are read the same way from their {@code software_Package} elements: {@code software_packageUrl}
 * (or an {@code externalIdentifier} of type {@code packageUrl}), the name of the agent
 * {@code suppliedBy} refers to, {@code software_packageVersion} and {@code software_downloadLocation}.
 */
public final class SpdxJsonParser implements Parser {

    static final long MAX_BYTES = TreeReader.MAX_BYTES;
    /** SPDX 3 element types that can supply a package. */
    private static final Set<String> AGENTS = Set.of("Organization", "Person", "Agent", "SoftwareAgent");
    private static final int SNIFF_BYTES = 4096;

    @Override
    public String id() {
        return "spdx-json";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "SPDX 2.x and 3 SBOM (JSON, JSON-LD): packages with package URLs and suppliers, download locations";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.SOFTWARE_PACKAGE, Role.PACKAGE_MIRROR);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (name.endsWith(".spdx.json")) {
            return true;
        }
        String head = file.head(SNIFF_BYTES);
        return name.endsWith(".json") && (head.contains("\"spdxVersion\"") || head.contains("spdx.org/rdf/3"));
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
        if (root instanceof Tree.MapNode doc && doc.list("@graph") != null && doc.text("@context").contains("spdx.org/rdf/3")) {
            spdx3(doc.list("@graph"), lines, out);
            return out.build();
        }
        if (!(root instanceof Tree.MapNode doc) || !doc.text("spdxVersion").startsWith("SPDX-2")) {
            out.error(root.line(), "not an SPDX document: no spdxVersion SPDX-2.x and no SPDX 3 @graph");
            return out.build();
        }
        Tree.ListNode packages = doc.list("packages");
        if (packages == null) {
            return out.build();
        }
        for (Tree.Node node : packages.items()) {
            if (node instanceof Tree.MapNode pkg) {
                spdxPackage(pkg, lines, out);
            }
        }
        return out.build();
    }

    /** The packages of an SPDX 3 graph, their suppliers resolved through the agents' ids. */
    private static void spdx3(Tree.ListNode graph, List<String> lines, ResultBuilder out) {
        Map<String, String> agents = new HashMap<>();
        for (Tree.Node node : graph.items()) {
            if (node instanceof Tree.MapNode e && AGENTS.contains(e.text("type")) && !e.text("spdxId").isEmpty()) {
                agents.put(e.text("spdxId"), party(e.text("name")));
            }
        }
        for (Tree.Node node : graph.items()) {
            if (!(node instanceof Tree.MapNode e) || !e.text("type").equals("software_Package")) {
                continue;
            }
            String supplier = agents.getOrDefault(e.text("software_suppliedBy"), agents.getOrDefault(e.text("suppliedBy"), ""));
            Tree.Scalar purl = e.scalar("software_packageUrl");
            Tree.ListNode ids = e.list("externalIdentifier");
            if (purl == null && ids != null) {
                for (Tree.Node i : ids.items()) {
                    if (i instanceof Tree.MapNode id && id.text("externalIdentifierType").equals("packageUrl")
                            && id.scalar("identifier") != null) {
                        purl = id.scalar("identifier");
                        break;
                    }
                }
            }
            report(supplier, purl == null ? List.of() : List.of(purl), e.scalar("name"), e.text("software_packageVersion"),
                    e.scalar("software_downloadLocation"), lines, out);
        }
    }

    private static void spdxPackage(Tree.MapNode pkg, List<String> lines, ResultBuilder out) {
        String supplier = party(pkg.text("supplier"));
        if (supplier.isEmpty()) {
            supplier = party(pkg.text("originator"));
        }
        List<Tree.Scalar> purls = new ArrayList<>();
        Tree.ListNode refs = pkg.list("externalRefs");
        if (refs != null) {
            for (Tree.Node r : refs.items()) {
                if (r instanceof Tree.MapNode ref && ref.text("referenceType").equalsIgnoreCase("purl")
                        && ref.scalar("referenceLocator") != null) {
                    purls.add(ref.scalar("referenceLocator"));
                }
            }
        }
        report(supplier, purls, pkg.scalar("name"), pkg.text("versionInfo"), pkg.scalar("downloadLocation"), lines, out);
    }

    /** One package of either version: its purls (else a supplier's product) and where it was downloaded from. */
    private static void report(String supplier, List<Tree.Scalar> purls, Tree.Scalar name, String versionInfo, Tree.Scalar download,
                               List<String> lines, ResultBuilder out) {
        boolean reported = false;
        for (Tree.Scalar locator : purls) {
            Optional<String> purl = Purls.normalize(locator.text());
            if (purl.isPresent()) {
                out.add(ObservationKind.PACKAGE, purl.get(), Role.SOFTWARE_PACKAGE, locator.line(),
                        TextLines.line(lines, locator.line()), supplier);
                reported = true;
            }
        }
        if (!reported && !supplier.isEmpty() && name != null && !name.text().isBlank()) {
            String version = versionInfo.strip();
            String product = supplier + " " + name.text().strip() + (version.isEmpty() ? "" : " " + version);
            out.add(ObservationKind.PRODUCT, product.length() > 200 ? product.substring(0, 200) : product, Role.SOFTWARE_PACKAGE,
                    name.line(), TextLines.line(lines, name.line()), supplier);
        }
        if (download != null) {
            String d = download.text().strip();
            if (!d.equals("NOASSERTION") && !d.equals("NONE")) {
                // a VCS location names its revision after the last '@' of the path (repo.git@v1.2)
                Values.url(d.startsWith("git+") ? d.substring(4).replaceFirst("@[^/@#]*(?=#|$)", "") : d).ifPresent(u -> out.add(ObservationKind.URL, u.value(),
                        Role.PACKAGE_MIRROR, download.line(), TextLines.line(lines, download.line()), "downloadLocation"));
            }
        }
    }

    /** {@code Organization: Name (email)}, {@code Person: Name <email>} or {@code Person: Name} as the bare name; "" for NOASSERTION. */
    static String party(String field) {
        String f = field.strip();
        if (f.isEmpty() || f.equals("NOASSERTION") || f.equals("NONE")) {
            return "";
        }
        int colon = f.indexOf(':');
        if (colon > 0 && (f.startsWith("Organization") || f.startsWith("Person") || f.startsWith("Tool"))) {
            f = f.substring(colon + 1).strip();
        }
        for (String open : new String[]{" (", " <"}) {
            int cut = f.indexOf(open);
            if (cut > 0) {
                f = f.substring(0, cut).strip();
            }
        }
        return f.length() > 200 ? f.substring(0, 200) : f;
    }
}
