package org.sovaudit.parse.sbom;

import java.util.Locale;
import java.util.Optional;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;

/**
 * Package URLs in the form every parser reports them: {@code pkg:type/namespace/name@version}
 * without qualifiers or subpath, canonicalised by the package-url library (names lower-cased where
 * the ecosystem is case-insensitive, pypi's {@code _} as {@code -}).
 */
public final class Purls {

    /** Longest purl accepted, in characters. */
    public static final int MAX_LENGTH = 512;

    private Purls() {
    }

    /** {@code purl} in normal form, or empty when it is not a valid package URL. */
    public static Optional<String> normalize(String purl) {
        if (purl == null || purl.isBlank() || purl.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            PackageURL parsed = new PackageURL(purl.strip());
            return of(parsed.getType(), parsed.getNamespace(), parsed.getName(), parsed.getVersion());
        } catch (MalformedPackageURLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The purl of a package, or empty when the parts do not make one. */
    public static Optional<String> of(String type, String namespace, String name, String version) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String t = type.toLowerCase(Locale.ROOT);
        String ns = namespace;
        String n = name.strip();
        if (t.equals("pypi")) {
            n = n.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
        } else if (t.equals("npm")) {
            n = n.toLowerCase(Locale.ROOT);
            ns = ns == null ? null : ns.toLowerCase(Locale.ROOT);
        }
        try {
            String v = version == null || version.isBlank() ? null : version.strip();
            String s = new PackageURL(t, ns == null || ns.isBlank() ? null : ns, n, v, null, null).canonicalize();
            return s.length() > MAX_LENGTH ? Optional.empty() : Optional.of(s);
        } catch (MalformedPackageURLException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
