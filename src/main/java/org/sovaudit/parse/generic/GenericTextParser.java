package org.sovaudit.parse.generic;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;

/**
 * The last resort, asked after every other parser: a text file that looks like configuration (at
 * most {@value #MAX_BYTES} bytes, no NUL byte, mostly printable) and holds at least one value is read
 * line by line with {@link HostTokens}; every host name, IP address, network and URL becomes an
 * observation with the role {@code unknown}. Documentation, source code, logs and lock files are
 * left alone (by name): their links and addresses are not settings, and lock files list every
 * package download (the registry they name is read from the package manager's own settings).
 */
public final class GenericTextParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 64 * 1024;

    private static final Set<String> SKIPPED_EXTENSIONS = Set.of(
            "md", "markdown", "rst", "adoc", "asciidoc", "html", "htm", "xhtml", "css", "scss", "less", "svg", "map",
            "js", "mjs", "cjs", "ts", "tsx", "jsx", "java", "kt", "scala", "groovy", "c", "h", "cc", "cpp", "hpp", "cs",
            "go", "rs", "py", "pyi", "rb", "php", "pl", "pm", "swift", "m", "lua", "r", "sql", "po", "pot", "log",
            "lock", "sum", "tex", "bib", "ipynb", "rtf");
    private static final Set<String> SKIPPED_NAMES = Set.of("package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml",
            "composer.lock", "gemfile.lock", "cargo.lock", "poetry.lock", "yarn.lock", "go.sum");
    private static final List<String> SKIPPED_PREFIXES = List.of("readme", "license", "licence", "copying", "notice",
            "authors", "contributors", "changelog", "changes", "history", "news", "third-party", "thirdparty");

    @Override
    public String id() {
        return "generic-text";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Any other text configuration (asked last): every host name, IP address, network and URL, role unknown";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        if (file.size() == 0 || file.size() > MAX_BYTES || skippedByName(file.name())) {
            return false;
        }
        String head = file.head(SNIFF_BYTES);
        if (!looksLikeText(head)) {
            return false;
        }
        for (String line : TextLines.split(head)) {
            if (!HostTokens.find(line).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        for (int i = 0; i < lines.size(); i++) {
            out.addUnexplained(i + 1, lines.get(i));
        }
        return out.build();
    }

    static boolean skippedByName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (SKIPPED_NAMES.contains(name)) {
            return true;
        }
        for (String prefix : SKIPPED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        int dot = name.lastIndexOf('.');
        return dot >= 0 && SKIPPED_EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** No NUL, and at least 95% printable characters, tabs and line breaks (bytes above 0x7F count as text). */
    static boolean looksLikeText(String head) {
        if (head.isEmpty()) {
            return false;
        }
        int control = 0;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                control++;
            }
        }
        return control * 20 <= head.length();
    }
}
