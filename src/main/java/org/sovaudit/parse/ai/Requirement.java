package org.sovaudit.parse.ai;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.sbom.Purls;

/**
 * One Python dependency as PEP 508 writes it ({@code name[extra]>=1,<2 ; marker},
 * {@code name @ https://...}) or pip's VCS form ({@code git+https://host/repo.git#egg=name}). The
 * version is kept only when pinned exactly ({@code ==1.2.3}, {@code ===1.2.3}).
 */
record Requirement(String name, String version, String url) {

    private static final Pattern PEP508 = Pattern.compile(
            "^([A-Za-z0-9](?:[A-Za-z0-9._-]{0,200}[A-Za-z0-9])?)\\s*(\\[[^\\]]{0,200}\\])?\\s*(.*)$");
    private static final Pattern PINNED = Pattern.compile("^===?\\s*([0-9A-Za-z][0-9A-Za-z.+!_-]{0,60})\\s*$");
    private static final Pattern EGG = Pattern.compile("[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]{0,200})");

    /** The requirement written in {@code spec}, or empty when it is none. */
    static Optional<Requirement> parse(String spec) {
        String s = spec.strip();
        int marker = s.indexOf(';');
        if (marker >= 0) {
            s = s.substring(0, marker).strip();
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.contains("://") && !s.contains(" @ ") && !s.contains("@ ")) {
            // a bare VCS or archive URL: its name, if any, is in #egg=
            Matcher egg = EGG.matcher(s);
            String name = egg.find() ? egg.group(1) : "";
            return Optional.of(new Requirement(name, "", s));
        }
        Matcher m = PEP508.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group(3).strip();
        if (rest.startsWith("@")) {
            return Optional.of(new Requirement(m.group(1), "", rest.substring(1).strip()));
        }
        if (!rest.isEmpty() && !rest.startsWith("=") && !rest.startsWith("<") && !rest.startsWith(">")
                && !rest.startsWith("~") && !rest.startsWith("!") && !rest.startsWith("(")) {
            return Optional.empty();
        }
        String constraint = rest.startsWith("(") && rest.endsWith(")") ? rest.substring(1, rest.length() - 1).strip() : rest;
        Matcher pinned = PINNED.matcher(constraint);
        return Optional.of(new Requirement(m.group(1), pinned.matches() ? pinned.group(1) : "", ""));
    }

    /** Records the package (ai-framework when it is one) and, for a direct URL, the place it is fetched from. */
    void report(ResultBuilder out, int line, String rawLine, String context) {
        if (!name.isEmpty()) {
            String normal = AiPackages.normalizePypi(name);
            Role role = AiPackages.pypi(normal) ? Role.AI_FRAMEWORK : Role.SOFTWARE_PACKAGE;
            Purls.of("pypi", null, normal, version).ifPresent(p -> out.add(ObservationKind.PACKAGE, p, role, line, rawLine, context));
        }
        if (!url.isEmpty()) {
            boolean vcs = url.startsWith("git+") || url.startsWith("hg+") || url.startsWith("svn+") || url.startsWith("bzr+");
            // a VCS URL names its revision after the last '@' of the path (repo.git@v1.2): not part of the address
            String u = vcs ? url.substring(url.indexOf('+') + 1).replaceFirst("@[^/@#]*(?=#|$)", "") : url;
            Values.url(u).ifPresent(v -> out.add(ObservationKind.URL, v.value(), Role.PACKAGE_MIRROR, line, rawLine, context));
        }
    }
}
