package org.sovaudit.parse.identity;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Snippets;
import org.sovaudit.parse.TextLines;

/**
 * The RADIUS and TACACS+ servers a Linux host's PAM modules authenticate against:
 * {@code pam_radius_auth.conf} (and {@code raddb/server}, {@code pam_radius.conf}), one server a
 * line as {@code server[:port] secret [timeout [source-ip]]} (the directives {@code debug},
 * {@code vrf-name}, {@code priv-lvl} and {@code mapped_priv_user} of Debian's and Cumulus' builds
 * are settings, not servers), and {@code tacplus_servers} (and
 * {@code tacplus_nss.conf}, {@code pam_tacplus.conf}), {@code server=host[:port]} lines; and, in a
 * PAM service file ({@code pam.d/*}) that loads {@code pam_tacplus.so}, the {@code server=} options
 * of its module lines (SONiC and jump hosts configure TACACS+ inline). The shared secret never
 * reaches a snippet: it is masked in the evidence line. Comment lines start with {@code #}.
 */
public final class PamAaaConfParser implements Parser {

    static final long MAX_BYTES = 256L * 1024;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** A host, address or {@code [v6]} with an optional port: single-label names are valid, just internal. */
    private static final Pattern SERVER_SHAPE = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");

    private static final java.util.Set<String> RADIUS_DIRECTIVES = java.util.Set.of("debug", "vrf-name", "priv-lvl",
            "mapped_priv_user");

    @Override
    public String id() {
        return "pam-aaa-conf";
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "PAM RADIUS and TACACS+ client configuration (pam_radius_auth.conf, raddb/server, tacplus_servers)";
    }

    @Override
    public java.util.Set<Role> roles() {
        return java.util.Set.of(Role.AAA_SERVER);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return radius(file) || tacacs(file) || pamService(file);
    }

    private static boolean pamService(SourceFile file) {
        String path = "/" + file.path().toLowerCase(Locale.ROOT).replace('\\', '/');
        return path.contains("/pam.d/") && file.size() <= MAX_BYTES && file.head(SNIFF_BYTES).contains("pam_tacplus");
    }

    private static boolean radius(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        String path = file.path().toLowerCase(Locale.ROOT);
        return name.equals("pam_radius_auth.conf") || name.equals("pam_radius.conf")
                || (name.equals("server") && path.endsWith("raddb/server"));
    }

    private static boolean tacacs(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        return name.equals("tacplus_servers") || name.equals("tacplus_nss.conf") || name.equals("pam_tacplus.conf");
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        boolean radius = radius(file);
        boolean pam = !radius && !tacacs(file);
        List<String> lines = TextLines.split(file.text());
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            int number = i + 1;
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (pam) {
                tacplusModule(out, s, number, raw);
            } else if (radius) {
                String[] words = WHITESPACE.split(s);
                if (RADIUS_DIRECTIVES.contains(words[0].toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (words.length < 2) {
                    out.error(number, "a server line needs two fields: the server and its shared secret");
                    continue;
                }
                // the evidence keeps the server and the timeout; the shared secret is masked
                int at = raw.indexOf(words[1], raw.indexOf(words[0]) + words[0].length());
                String evidence = raw.substring(0, at) + Snippets.MASK + raw.substring(at + words[1].length());
                if (!Servers.addRadius(out, words[0], number, evidence) && !SERVER_SHAPE.matcher(words[0]).matches()) {
                    out.error(number, "'" + (words[0].length() > 100 ? words[0].substring(0, 100) + "..." : words[0])
                            + "' is not a server address");
                }
            } else if (s.regionMatches(true, 0, "server=", 0, 7)) {
                Servers.add(out, s.substring(7), number, raw, "tacacs+");
            }
        }
        return out.build();
    }

    /** The {@code server=} options of a PAM line that loads pam_tacplus; other modules are not read. */
    private static void tacplusModule(ResultBuilder out, String line, int number, String raw) {
        String[] words = WHITESPACE.split(line);
        boolean module = false;
        for (String word : words) {
            if (!module) {
                module = word.endsWith("pam_tacplus.so");
            } else if (word.regionMatches(true, 0, "server=", 0, 7)) {
                Servers.add(out, word.substring(7), number, raw, "pam_tacplus");
            }
        }
    }
}
