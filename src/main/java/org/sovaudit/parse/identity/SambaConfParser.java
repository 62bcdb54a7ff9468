package org.sovaudit.parse.identity;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;

/**
 * Samba ({@code smb.conf}, FreeBSD's {@code smb4.conf}) as a domain member, NT4 domain client or
 * LDAP-backed server: in {@code [global]}, the domain controllers of {@code password server} and
 * the directory servers of {@code passdb backend = ldapsam:...}, of an {@code idmap config ... :
 * ldap_url} and of the old {@code idmap backend = ldap:...} are authentication servers; the WINS
 * servers ({@code wins server}) and an AD DC's upstream resolvers ({@code dns forwarder}) resolve
 * names; the AD {@code realm} is recorded as a domain with an unknown role. {@code *} (find the DCs
 * by DNS) and {@code None} name no server. Parameter names are case-, blank- and
 * underscore-insensitive as Samba reads them; comment lines start with {@code #} or {@code ;}; a
 * trailing backslash continues a line. Share sections are not read.
 */
public final class SambaConfParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int SNIFF_BYTES = 16 * 1024;
    private static final Set<String> NAMES = Set.of("smb.conf", "smb4.conf");
    private static final Pattern NAME_NOISE = Pattern.compile("[\\s_]+");
    private static final Pattern IDMAP_LDAP_URL = Pattern.compile("idmapconfig.+:ldapurl");
    /** The part of a passdb or idmap backend after its name: {@code ldapsam:"ldap://a ldap://b"}. */
    private static final Pattern LDAP_BACKEND = Pattern.compile("(?i)(ldapsam|ldap)\\s*:\\s*(.+)");
    /** Continued lines a parameter may span before the rest is ignored. */
    private static final int MAX_CONTINUATIONS = 64;

    @Override
    public String id() {
        return "smb-conf";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Samba configuration (smb.conf): password servers, LDAP backends, WINS servers and the AD realm";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AAA_SERVER, Role.DNS_RESOLVER, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (NAMES.contains(name)) {
            return true;
        }
        if (file.size() > SNIFF_BYTES || !name.endsWith(".conf")) {
            return false;
        }
        // an unnamed copy: a [global] section with Samba's own parameters
        String head = file.head(SNIFF_BYTES).toLowerCase(Locale.ROOT);
        return head.contains("[global]") && head.contains("workgroup")
                && (head.contains("security") || head.contains("passdb backend") || head.contains("server role"));
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        boolean global = true; // parameters before any section are global
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            int number = i + 1;
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            StringBuilder joined = new StringBuilder(s);
            for (int k = 0; joined.toString().endsWith("\\") && i + 1 < lines.size() && k < MAX_CONTINUATIONS; k++) {
                joined.setLength(joined.length() - 1);
                joined.append(' ').append(lines.get(++i).strip());
            }
            s = joined.toString();
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) {
                    out.error(number, "section header without a closing ']'");
                    continue;
                }
                global = s.substring(1, close).strip().equalsIgnoreCase("global");
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                out.error(number, "not a parameter: a line of smb.conf is a [section], a comment or name = value");
                continue;
            }
            if (!global) {
                continue;
            }
            String key = NAME_NOISE.matcher(s.substring(0, eq).toLowerCase(Locale.ROOT)).replaceAll("");
            String value = unquote(s.substring(eq + 1).strip());
            if (value.isEmpty()) {
                continue;
            }
            switch (key) {
                case "passwordserver" -> servers(out, value, number, raw, "samba password server");
                case "passdbbackend", "idmapbackend" -> {
                    var m = LDAP_BACKEND.matcher(value);
                    if (m.matches()) {
                        Servers.add(out, unquote(m.group(2).strip()), number, raw, "samba " + key(key));
                    }
                }
                case "winsserver" -> Servers.addAs(out, value, Role.DNS_RESOLVER, number, raw, "samba wins server");
                case "dnsforwarder" -> Servers.addAs(out, value, Role.DNS_RESOLVER, number, raw, "samba dns forwarder");
                case "realm" -> Values.hostname(value.toLowerCase(Locale.ROOT)).filter(d -> d.indexOf('.') > 0)
                        .ifPresent(d -> out.add(ObservationKind.HOSTNAME, d, Role.UNKNOWN, number, raw, "samba realm"));
                default -> {
                    if (IDMAP_LDAP_URL.matcher(key).matches()) {
                        Servers.add(out, value, number, raw, "samba idmap ldap_url");
                    }
                }
            }
        }
        return out.build();
    }

    private static void servers(ResultBuilder out, String value, int line, String raw, String context) {
        if (value.equals("*") || value.equalsIgnoreCase("none")) {
            return;
        }
        Servers.add(out, value.replace("*", " "), line, raw, context);
    }

    private static String key(String normalised) {
        return normalised.equals("passdbbackend") ? "passdb backend" : "idmap backend";
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1).strip() : value;
    }
}
