package org.sovaudit.parse.pki;

import java.util.ArrayList;
import java.util.HashSet;
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
import org.sovaudit.parse.ai.AiEndpoints;
import org.sovaudit.parse.iac.Endpoints;

/**
 * The TLS settings and upstreams of web servers and proxies: nginx, Apache httpd and HAProxy.
 * <ul>
 * <li>Cipher settings ({@code ssl_ciphers}, {@code ssl_conf_command Ciphersuites}, {@code SSLCipherSuite},
 * {@code SSLProxyCipherSuite}, {@code SSLOpenSSLConfCmd}, {@code ssl-default-bind-ciphers},
 * {@code ssl-default-*-ciphersuites}, {@code ciphers}/{@code ciphersuites} on {@code bind} and
 * {@code server} lines): every enabled SM suite ({@code ECC-SM2-SM4-GCM-SM3}, {@code TLS_SM4_GCM_SM3})
 * and GOST suite, as written, as a crypto standard. Suites that are excluded ({@code !}, {@code -}) are not.</li>
 * <li>Upstreams the web tier calls: {@code proxy_pass}, {@code grpc_pass} and the {@code server}s of
 * {@code upstream} blocks (nginx), {@code ProxyPass}, {@code ProxyPassMatch}, {@code BalancerMember} and
 * a {@code RewriteRule} with the proxy flag {@code [P]} (Apache; the target up to its first back-reference),
 * backend {@code server} and {@code server-template} lines (HAProxy), as API endpoints, or as AI
 * endpoints when the target is an inference API ({@link AiEndpoints}: an LLM service's host, an
 * OpenAI-compatible path); a {@code proxy_pass} to a named upstream is reported through that
 * upstream's servers.</li>
 * <li>Resolvers ({@code resolver}, HAProxy {@code nameserver}) as DNS resolvers and remote log
 * targets ({@code syslog:server=}, HAProxy {@code log host:port}, an Apache {@code CustomLog} or
 * {@code ErrorLog} piped to {@code logger -n host} / {@code --server host}) as log sinks.</li>
 * <li>OCSP responders the server asks ({@code SSLOCSPDefaultResponder}, nginx
 * {@code ssl_stapling_responder} and {@code ssl_ocsp_responder}): run by a certificate authority,
 * as trust anchors.</li>
 * </ul>
 * Certificate and key paths are local files and name nobody. The dialect is told from the file's
 * name and content; nginx statements may span lines (they end with {@code ;}).
 */
public final class WebServerTlsParser implements Parser {

    static final long MAX_BYTES = 4L << 20;
    private static final int SNIFF_BYTES = 32 * 1024;
    private static final Pattern NGINX_CONTENT = Pattern.compile("(?m)^\\s*(?:server|http|upstream\\s+\\S+|location\\s+[^{]*)\\s*\\{|^\\s*(?:ssl_ciphers|proxy_pass|listen)\\s+[^;]*;");
    private static final Pattern APACHE_CONTENT = Pattern.compile("(?im)^\\s*(?:<VirtualHost\\b|SSLCipherSuite\\s|ProxyPass\\s|SSLEngine\\s)");
    private static final Pattern HAPROXY_CONTENT = Pattern.compile("(?m)^(?:frontend|backend|listen)\\s+\\S+");
    private static final Pattern HAPROXY_BIND = Pattern.compile("(?m)^\\s+(?:bind|server)\\s+\\S+");
    private static final Pattern CIPHER_SPLIT = Pattern.compile("[:,\\s]+");

    enum Dialect { NGINX, APACHE, HAPROXY }

    @Override
    public String id() {
        return "web-server-tls";
    }

    @Override
    public String version() {
        return "3";
    }

    @Override
    public String description() {
        return "nginx, Apache httpd and HAProxy configuration: SM and GOST cipher suites, proxied upstreams and inference "
                + "APIs, resolvers, remote logs, OCSP responders";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.CRYPTO_STANDARD, Role.API_ENDPOINT, Role.AI_ENDPOINT, Role.DNS_RESOLVER, Role.LOG_SINK, Role.TRUST_ANCHOR);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return dialect(file) != null;
    }

    static Dialect dialect(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        String path = file.path().toLowerCase(Locale.ROOT);
        if (name.equals("haproxy.cfg") || (name.endsWith(".cfg") && path.contains("haproxy"))) {
            return Dialect.HAPROXY;
        }
        if (name.equals("nginx.conf") || (path.contains("nginx/") && (name.endsWith(".conf") || !name.contains(".")))) {
            return Dialect.NGINX;
        }
        if (name.equals("httpd.conf") || name.equals("apache2.conf") || name.equals("ssl.conf")
                || ((path.contains("apache2/") || path.contains("httpd/")) && name.endsWith(".conf"))) {
            return Dialect.APACHE;
        }
        if (!name.endsWith(".conf") && !name.endsWith(".cfg")) {
            return null;
        }
        // a network device's configuration (Junos curly syntax shares `http {` and `server ...;`
        // with nginx) belongs to its dialect, whatever its extension
        if (org.sovaudit.parse.network.DeviceDetection.of(file).isPresent()) {
            return null;
        }
        String head = file.head(SNIFF_BYTES);
        if (APACHE_CONTENT.matcher(head).find()) {
            return Dialect.APACHE;
        }
        if (HAPROXY_CONTENT.matcher(head).find() && HAPROXY_BIND.matcher(head).find()) {
            return Dialect.HAPROXY;
        }
        if (NGINX_CONTENT.matcher(head).find()) {
            return Dialect.NGINX;
        }
        return null;
    }

    /** One directive: its words (quotes removed) and the line it starts on. */
    private record Statement(List<String> words, int line) {
        String name() {
            return words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
        }

        String arg(int i) {
            return i < words.size() ? words.get(i) : "";
        }
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        Dialect dialect = dialect(file);
        if (dialect == null) {
            dialect = Dialect.NGINX;
        }
        switch (dialect) {
            case NGINX -> nginx(nginxStatements(lines, out), lines, out);
            case APACHE -> apache(lineStatements(lines, true), lines, out);
            case HAPROXY -> haproxy(lineStatements(lines, false), lines, out);
        }
        return out.build();
    }

    // ---- nginx ----

    private static void nginx(List<Statement> statements, List<String> lines, ResultBuilder out) {
        Set<String> upstreams = new HashSet<>();
        for (Statement s : statements) {
            if (s.name().equals("upstream") && s.words().size() >= 2) {
                upstreams.add(s.arg(1).toLowerCase(Locale.ROOT));
            }
        }
        String upstream = null;
        for (Statement s : statements) {
            String raw = TextLines.line(lines, s.line());
            switch (s.name()) {
                case "upstream" -> upstream = s.arg(1);
                case "}" -> upstream = null;
                case "server" -> {
                    if (upstream != null && s.words().size() >= 2) {
                        Endpoints.addHost(out, s.arg(1), upstreamRole(s.arg(1)), s.line(), raw, "upstream " + upstream);
                    }
                }
                case "ssl_ciphers", "proxy_ssl_ciphers", "grpc_ssl_ciphers" -> ciphers(s.words().subList(1, s.words().size()),
                        s.line(), raw, s.name(), out);
                case "ssl_conf_command" -> {
                    if (s.arg(1).equalsIgnoreCase("Ciphersuites") || s.arg(1).equalsIgnoreCase("CipherString")) {
                        ciphers(s.words().subList(2, s.words().size()), s.line(), raw, s.name() + " " + s.arg(1), out);
                    }
                }
                case "proxy_pass", "grpc_pass", "uwsgi_pass", "fastcgi_pass", "scgi_pass" -> {
                    String target = s.arg(1);
                    String host = hostOf(target);
                    if (!upstreams.contains(host)) {
                        String url = target.replaceFirst("^grpcs?://", "https://");
                        Endpoints.add(out, url, upstreamRole(url), s.line(), raw, s.name());
                    }
                }
                case "resolver" -> {
                    for (String w : s.words().subList(1, s.words().size())) {
                        if (!w.contains("=")) {
                            Values.hostPort(w).filter(hp -> hp.host().ip())
                                    .ifPresent(hp -> out.add(hp.host(), Role.DNS_RESOLVER, s.line(), raw, "resolver"));
                        }
                    }
                }
                case "ssl_stapling_responder", "ssl_ocsp_responder" ->
                        Endpoints.add(out, s.arg(1), Role.TRUST_ANCHOR, s.line(), raw, s.name());
                case "access_log", "error_log" -> {
                    String target = s.arg(1);
                    if (target.startsWith("syslog:")) {
                        for (String option : target.substring(7).split(",")) {
                            if (option.startsWith("server=")) {
                                String server = option.substring(7);
                                Endpoints.addHost(out, server.startsWith("unix:") ? "" : server, Role.LOG_SINK, s.line(), raw, s.name());
                            }
                        }
                    }
                }
                default -> {
                    // other directives name no outside party
                }
            }
        }
    }

    /** An upstream the web tier forwards to: an inference API is an AI endpoint, anything else an API endpoint. */
    private static Role upstreamRole(String target) {
        return AiEndpoints.inference(target) ? Role.AI_ENDPOINT : Role.API_ENDPOINT;
    }

    /** The host of {@code http://name:port/path} or {@code name:port}, lower-cased. */
    private static String hostOf(String target) {
        String t = target.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int end = t.length();
        for (char c : new char[]{'/', ':', '?'}) {
            int i = t.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return t.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** nginx statements: words up to {@code ;}, a block name up to <code>{</code>, and each <code>}</code>. */
    private static List<Statement> nginxStatements(List<String> lines, ResultBuilder out) {
        List<Statement> statements = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = 0;
        char quote = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                    continue;
                }
                if (c == '#') {
                    break;
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                    if (start == 0) {
                        start = n + 1;
                    }
                } else if (c == ';' || c == '{' || c == '}') {
                    flush(word, words);
                    if (!words.isEmpty()) {
                        statements.add(new Statement(List.copyOf(words), start));
                    }
                    if (c == '}') {
                        statements.add(new Statement(List.of("}"), n + 1));
                    }
                    words.clear();
                    start = 0;
                } else if (Character.isWhitespace(c)) {
                    flush(word, words);
                } else {
                    if (start == 0) {
                        start = n + 1;
                    }
                    word.append(c);
                }
            }
            if (quote == 0) {
                flush(word, words);
            } else {
                word.append(' ');
            }
        }
        if (quote != 0) {
            out.error(start, "quoted string opened at line " + start + " is not closed");
        }
        return statements;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    // ---- Apache httpd ----

    private static void apache(List<Statement> statements, List<String> lines, ResultBuilder out) {
        for (Statement s : statements) {
            String raw = TextLines.line(lines, s.line());
            switch (s.name()) {
                case "sslciphersuite", "sslproxyciphersuite" -> {
                    // an optional protocol selector (SSL, TLSv1.3) precedes the list
                    int from = s.words().size() > 2 ? 2 : 1;
                    ciphers(s.words().subList(from, s.words().size()), s.line(), raw, s.words().get(0), out);
                }
                case "sslopensslconfcmd" -> {
                    if (s.arg(1).equalsIgnoreCase("CipherString") || s.arg(1).equalsIgnoreCase("Ciphersuites")) {
                        ciphers(s.words().subList(2, s.words().size()), s.line(), raw, s.words().get(0) + " " + s.arg(1), out);
                    }
                }
                case "proxypass", "proxypassmatch" -> {
                    for (String w : s.words().subList(1, s.words().size())) {
                        if (w.contains("://")) {
                            Endpoints.add(out, w.replaceFirst("^balancer://.*", ""), upstreamRole(w), s.line(), raw, s.words().get(0));
                            break;
                        }
                    }
                }
                case "balancermember" -> Endpoints.add(out, s.arg(1), upstreamRole(s.arg(1)), s.line(), raw, "BalancerMember");
                case "sslocspdefaultresponder" -> Endpoints.add(out, s.arg(1), Role.TRUST_ANCHOR, s.line(), raw, s.words().get(0));
                case "customlog", "errorlog", "transferlog" -> pipedLogger(s.arg(1), s.line(), raw, s.words().get(0), out);
                case "rewriterule" -> {
                    // RewriteRule pattern substitution [flags]: with P the substitution is fetched by the proxy
                    if (s.words().size() >= 4 && proxyFlag(s.arg(3)) && s.arg(2).contains("://")) {
                        String target = s.arg(2).replaceFirst("(?:\\$|%\\{).*$", "");
                        Endpoints.add(out, target, upstreamRole(target), s.line(), raw, "RewriteRule [P]");
                    }
                }
                default -> {
                    // other directives name no outside party
                }
            }
        }
    }

    /**
     * A log piped to util-linux {@code logger} with a remote server ({@code -n host}, {@code --server host},
     * {@code --server=host}): that server receives the logs. A local pipe or file names nobody.
     */
    private static void pipedLogger(String target, int line, String raw, String directive, ResultBuilder out) {
        String t = target.strip();
        if (!t.startsWith("|")) {
            return;
        }
        String[] words = t.substring(t.startsWith("||") ? 2 : 1).strip().split("\\s+");
        if (words.length == 0 || !(words[0].equals("logger") || words[0].endsWith("/logger"))) {
            return;
        }
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            String server = null;
            if ((w.equals("-n") || w.equals("--server")) && i + 1 < words.length) {
                server = words[i + 1];
            } else if (w.startsWith("--server=")) {
                server = w.substring("--server=".length());
            }
            if (server != null) {
                Endpoints.addHost(out, server, Role.LOG_SINK, line, raw, directive + " logger");
                return;
            }
        }
    }

    /** Whether a RewriteRule flag list ({@code [P,L]}, {@code [proxy]}) holds the proxy flag. */
    private static boolean proxyFlag(String flags) {
        String list = flags.startsWith("[") && flags.endsWith("]") ? flags.substring(1, flags.length() - 1) : "";
        for (String flag : list.split(",")) {
            String f = flag.strip();
            if (f.equalsIgnoreCase("P") || f.equalsIgnoreCase("proxy")) {
                return true;
            }
        }
        return false;
    }

    // ---- HAProxy ----

    private static void haproxy(List<Statement> statements, List<String> lines, ResultBuilder out) {
        String section = "";
        for (Statement s : statements) {
            String raw = TextLines.line(lines, s.line());
            String name = s.name();
            switch (name) {
                case "global", "defaults", "frontend", "backend", "listen", "resolvers", "peers", "userlist", "cache", "program" ->
                        section = name;
                case "ssl-default-bind-ciphers", "ssl-default-bind-ciphersuites", "ssl-default-server-ciphers",
                     "ssl-default-server-ciphersuites" -> ciphers(s.words().subList(1, s.words().size()), s.line(), raw, name, out);
                case "bind", "server", "default-server" -> {
                    List<String> w = s.words();
                    for (int i = 1; i + 1 < w.size(); i++) {
                        String option = w.get(i).toLowerCase(Locale.ROOT);
                        if (option.equals("ciphers") || option.equals("ciphersuites")) {
                            ciphers(List.of(w.get(i + 1)), s.line(), raw, name + " " + option, out);
                        }
                    }
                    if (name.equals("server") && w.size() >= 3 && (section.equals("backend") || section.equals("listen"))) {
                        Endpoints.addHost(out, w.get(2), upstreamRole(w.get(2)), s.line(), raw, "backend server " + w.get(1));
                    }
                }
                case "server-template" -> {
                    // server-template <prefix> <count|range> <fqdn>[:port]: servers resolved from one name
                    List<String> w = s.words();
                    if (w.size() >= 4 && (section.equals("backend") || section.equals("listen")) && !w.get(3).startsWith("_")) {
                        Endpoints.addHost(out, w.get(3), upstreamRole(w.get(3)), s.line(), raw, "backend server-template " + w.get(1));
                    }
                }
                case "nameserver" -> {
                    if (s.words().size() >= 3) {
                        Values.hostPort(s.arg(2)).filter(hp -> hp.host().ip())
                                .ifPresent(hp -> out.add(hp.host(), Role.DNS_RESOLVER, s.line(), raw, "nameserver " + s.arg(1)));
                    }
                }
                case "log" -> {
                    String target = s.arg(1);
                    if (!target.equals("global") && !target.startsWith("/") && !target.startsWith("stdout") && !target.startsWith("stderr")) {
                        Endpoints.addHost(out, target.replaceFirst("^(?:udp|tcp)[46]?@", ""), Role.LOG_SINK, s.line(), raw, "log");
                    }
                }
                default -> {
                    // other keywords name no outside party
                }
            }
        }
    }

    /** Line-oriented statements (Apache, HAProxy): {@code #} comments, quotes, Apache {@code \} continuations. */
    private static List<Statement> lineStatements(List<String> lines, boolean continuations) {
        List<Statement> statements = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            int start = n + 1;
            StringBuilder text = new StringBuilder(lines.get(n));
            while (continuations && text.toString().stripTrailing().endsWith("\\") && n + 1 < lines.size()) {
                String t = text.toString().stripTrailing();
                text.setLength(0);
                text.append(t, 0, t.length() - 1).append(' ').append(lines.get(++n));
            }
            String s = text.toString().strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '#' && word.isEmpty()) {
                    break;
                } else if (Character.isWhitespace(c)) {
                    flush(word, words);
                } else if (c == '<' || c == '>') {
                    flush(word, words);
                } else {
                    word.append(c);
                }
            }
            flush(word, words);
            if (!words.isEmpty()) {
                statements.add(new Statement(words, start));
            }
        }
        return statements;
    }

    // ---- ciphers ----

    /** Records the enabled SM and GOST suites of a cipher list. */
    private static void ciphers(List<String> words, int line, String raw, String directive, ResultBuilder out) {
        for (String w : words) {
            for (String suite : CIPHER_SPLIT.split(w)) {
                if (suite.isEmpty() || suite.startsWith("!") || suite.startsWith("-")) {
                    continue;
                }
                String s = suite.startsWith("+") ? suite.substring(1) : suite;
                if (s.length() > 80) {
                    continue;
                }
                String upper = s.toUpperCase(Locale.ROOT);
                if (upper.contains("SM2") || upper.contains("SM3") || upper.contains("SM4") || upper.contains("GOST")
                        || upper.contains("KUZNYECHIK") || upper.contains("MAGMA")) {
                    out.add(ObservationKind.CRYPTO_ALGORITHM, upper, Role.CRYPTO_STANDARD, line, raw, directive);
                }
            }
        }
    }
}
