package org.sovaudit.parse;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.Evidence;

/**
 * Builds the evidence snippet of a configuration line: trimmed, control characters replaced,
 * credentials redacted, and capped at {@value #MAX_LENGTH} characters (a cut snippet ends with
 * {@value #CUT_MARK}). Snippets go into reports that leave the appliance, so redaction errs on the
 * side of hiding too much.
 *
 * <p>Redacted are: the password part of URL user information ({@code https://user:****@host},
 * also without a scheme: {@code user:****@registry/image}), key-shaped user information without a
 * password ({@code https://****@o1.ingest.sentry.io}), the content of XML elements named like
 * credentials ({@code <password>****</password>}),
 * query parameters named like credentials ({@code ?token=****}), the value after a credential
 * keyword ({@code password}, {@code cipher}, {@code community}, {@code shared-key}, {@code bindpw},
 * compound names such as {@code ldap_default_authtok} or {@code aws_secret_access_key}, ... also in
 * the forms {@code key=value}, {@code key: value} and {@code //registry/:_authToken=value}), skipping modifiers that sit between a keyword and
 * its secret ({@code password irreversible-cipher ****}, {@code key 7 ****},
 * {@code community read cipher ****}, {@code authentication-key 6 md5 clear ****}), the name of a
 * RouterOS SNMP community ({@code /snmp community ... name=****}), and anything shaped like an
 * encrypted secret of Huawei, H3C, Juniper or Cisco ({@code %^%#...}, {@code $1a$...},
 * {@code $c$3$...}, {@code $h$6$...}, {@code $9$...}, {@code $8$...}) wherever it stands.
 */
public final class Snippets {

    /** Longest snippet kept, in characters, including the cut mark. */
    public static final int MAX_LENGTH = 200;

    /** Appended to a snippet that was cut. */
    public static final String CUT_MARK = "\u2026";

    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /** Longest stretch of a line looked at before redaction; the rest can never reach the snippet. */
    private static final int SCAN_LIMIT = 4 * MAX_LENGTH;

    /** Words after which the next value is a secret. */
    private static final Set<String> KEYWORDS = Set.of(
            "password", "passwd", "pass", "passphrase", "secret", "key", "cipher", "simple", "community",
            "token", "pre-shared-key", "shared-key", "auth-key", "authentication-key", "key-string",
            "irreversible-cipher", "encrypted-password", "psk", "wpa-psk", "api-key", "apikey", "api_key",
            "access-key", "access_key", "secret-key", "secret_key", "private-key", "credential", "credentials",
            "auth", "priv", "auth-password", "priv-password", "message-digest-key", "bearer",
            "client-secret", "client_secret", "securityname", "bindpw", "rootpw", "authtok", "server-key");

    /**
     * Last segments of compound setting names whose value is a secret when written {@code name value}
     * or {@code name = value} ({@code ldap_default_authtok}, {@code db-password}); a name ending in
     * {@code _key} counts when the segment before names a secret ({@code aws_secret_access_key}).
     */
    private static final Set<String> SECRET_NAME_ENDINGS = Set.of(
            "_password", "_passwd", "_secret", "_token", "_authtok", "_apikey", "-password", "-secret", "-token");
    private static final Set<String> SECRET_KEY_QUALIFIERS = Set.of("_access", "_secret", "_api", "_private");

    /** Words between the address and the community in {@code snmp-server host ADDRESS [vrf V] [traps] [version 2c] COMMUNITY}. */
    private static final Set<String> SNMP_HOST_MODIFIERS = Set.of(
            "traps", "informs", "trap", "inform", "version", "1", "2c", "3", "auth", "noauth", "priv");

    /** Words in an {@code snmp-server host} line that take a value that is no secret. */
    private static final Set<String> SNMP_HOST_PAIRED = Set.of("vrf", "use-vrf", "udp-port");

    /** Words after the address of an {@code snmp-server host} line that carry no community at all. */
    private static final Set<String> SNMP_HOST_NO_COMMUNITY = Set.of("source-interface", "filter-vrf");

    /** Words that sit between a keyword and its secret: encodings, algorithms, access modes. */
    private static final Set<String> MODIFIERS = Set.of(
            "read", "write", "read-write", "ro", "rw", "plain", "encrypted", "hashed", "ascii", "hex",
            "ascii-text", "hexadecimal", "md5", "sha", "sha1", "sha2", "sha224", "sha256", "sha384", "sha512",
            "hmac-sha256", "hmac-md5", "aes", "aes128", "aes192", "aes256", "des", "des56", "3des", "128", "192",
            "256", "basic", "=", ":", "irreversible", "simple", "hash", "clear", "cleartext");

    /**
     * Encrypted-secret shapes: Huawei cipher text, Huawei irreversible hashes, Juniper and Cisco
     * type 8/9 {@code $9$}/{@code $8$}, crypt hashes, H3C Comware {@code $c$} cipher and {@code $h$} hash.
     */
    private static final Pattern SECRET_SHAPE = Pattern.compile(
            "^[\"']?(?:%\\^%#|%@%#|%\\$%\\$|@%@%|\\$1[a-z]\\$|\\$9\\$|\\$[1256]\\$|\\$[57]y?\\$|\\$8\\$|\\$[ch]\\$).*");

    /**
     * {@code scheme://TOKEN@}: user information without a password that is shaped like a key (at
     * least 16 letters, digits, {@code _} or {@code -}, with letters and digits both), such as the
     * key of a Sentry DSN or a token in a clone URL.
     */
    private static final Pattern URL_TOKEN_USER = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]{0,31}://)(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,256}@");

    /** An XML element whose name names a credential: {@code <password>...</password>}, {@code <apiKey>}. */
    private static final Pattern XML_SECRET = Pattern.compile(
            "(?i)(<([a-z0-9_.:-]{0,40}?(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|"
                    + "private[_-]?key|credentials?|authtok))(?:\\s[^<>]{0,200})?>)([^<]*)(</\\2\\s*>)");

    /** {@code scheme://user:password@} */
    private static final Pattern URL_USERINFO = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]{0,31}://)([^/@\\s:?#]*):([^/@\\s?#]*)@");

    /** {@code user:password@host/...} without a scheme (registry references, scp-style addresses). */
    private static final Pattern BARE_USERINFO = Pattern.compile(
            "(^|[\\s\"'=,])([A-Za-z0-9._~-]{1,64}):([^\\s@/:\"']{1,256})@(?=[A-Za-z0-9.-]+[/:])");

    /** {@code ?token=...} and {@code &password=...} inside URLs. */
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)([?&;][a-z0-9_.-]{0,40}?(?:password|passwd|pass|secret|token|key|signature|sig|credential|auth))=([^&#\\s\"']*)");

    /** A {@code key=value} or {@code key:value} token whose key names a credential. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)^((?:[^\\s=]{0,200}?[/:])?[\"']?[a-z0-9_.-]{0,40}?(?:password|passwd|passphrase|secret|token|community|"
                    + "api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key|shared-key|pre-shared-key|auth-key|credentials?|"
                    + "psk|authorization|_auth|authtok|httpheadervalue[0-9]{0,3})"
                    + "[\"']?\\s*[=:])(.*)$");

    private Snippets() {
    }

    /**
     * The evidence for one line of a file: {@code rawLine} trimmed, redacted and capped.
     *
     * @param path    logical path of the file
     * @param line    1-based line number, or 0 for the whole file
     * @param rawLine the line as read (may be null or empty for whole-file evidence)
     */
    public static Evidence evidence(String path, int line, String rawLine) {
        return new Evidence(path, line, snippet(rawLine));
    }

    /** {@code rawLine} trimmed, with control characters replaced, credentials redacted, and capped. */
    public static String snippet(String rawLine) {
        if (rawLine == null || rawLine.isEmpty()) {
            return "";
        }
        String text = printable((rawLine.length() > SCAN_LIMIT ? rawLine.substring(0, SCAN_LIMIT) : rawLine).strip()).strip();
        return cap(redact(text), MAX_LENGTH);
    }

    /**
     * {@code text} with every credential this class knows of replaced by {@value #MASK}. Each
     * pattern runs only on text holding the characters it needs ({@code ://} and {@code @},
     * {@code =}), so a line without them costs no regular expression.
     */
    public static String redact(String text) {
        String s = text;
        boolean at = s.indexOf('@') >= 0;
        if (at && s.indexOf("://") >= 0) {
            s = URL_USERINFO.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + ":" + MASK + "@"));
        }
        if (at && s.indexOf("://") >= 0) {
            s = URL_TOKEN_USER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        }
        if (s.indexOf('<') >= 0 && s.indexOf("</") >= 0) {
            s = XML_SECRET.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(4)));
        }
        if (at && s.indexOf(':') >= 0) {
            s = BARE_USERINFO.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + ":" + MASK + "@"));
        }
        if (s.indexOf('=') >= 0 && (s.indexOf('?') >= 0 || s.indexOf('&') >= 0 || s.indexOf(';') >= 0)) {
            s = QUERY_SECRET.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=" + MASK));
        }
        return mayHoldSecret(s) ? redactTokens(s) : s;
    }

    /**
     * Stems one of which every word the token pass acts on contains (keywords, compound secret names,
     * credential keys, the SNMP forms); with the characters that start an encrypted-secret shape
     * ({@code % @ $}) they let a line that holds none of them skip the token pass.
     */
    static final List<String> SECRET_STEMS = List.of("pass", "secret", "key", "cipher", "simple", "community", "token",
            "psk", "credential", "auth", "priv", "bearer", "securityname", "bindpw", "rootpw", "snmp", "httpheadervalue");

    /** Whether the token pass could mask anything in {@code text}. */
    static boolean mayHoldSecret(String text) {
        if (text.indexOf('%') >= 0 || text.indexOf('@') >= 0 || text.indexOf('$') >= 0) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String stem : SECRET_STEMS) {
            if (lower.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} cut to at most {@code max} characters (code-point safe), marked when cut. */
    public static String cap(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - CUT_MARK.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + CUT_MARK;
    }

    /** Control characters (and lone surrogates) replaced by U+FFFD, tabs by spaces. */
    static String printable(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char replacement;
            if (c == '\t') {
                replacement = ' ';
            } else if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
                replacement = '\uFFFD';
            } else if (Character.isSurrogate(c) && !validSurrogate(text, i)) {
                replacement = '\uFFFD';
            } else {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length()).append(text, 0, i);
            }
            sb.append(replacement);
        }
        return sb == null ? text : sb.toString();
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static String redactTokens(String text) {
        // RouterOS names an SNMP community with name=: /snmp community set [ find default=yes ] name=...
        boolean snmpCommunity = text.indexOf("snmp community") >= 0;
        // IOS, NX-OS, EOS and ZXROS write the trap community after the address: snmp-server host A [..] COMMUNITY
        int snmpHost = text.regionMatches(true, 0, "snmp-server host ", 0, 17) ? 0 : -1;
        boolean skipValue = false;
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        boolean pending = false;
        char openQuote = 0;
        int length = text.length();
        int pos = 0;
        while (pos < length) {
            // tokens are runs of characters that are not white space in the sense of \s
            while (pos < length && isSpace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= length) {
                break;
            }
            int start = pos;
            while (pos < length && !isSpace(text.charAt(pos))) {
                pos++;
            }
            String token = text.substring(start, pos);
            if (openQuote != 0) {
                // inside a quoted secret that spans several words: hide every word up to the closing quote
                last = pos;
                if (token.indexOf(openQuote) >= 0) {
                    openQuote = 0;
                }
                continue;
            }
            out.append(text, last, start);
            last = pos;
            if (snmpHost >= 0) {
                String word = token.toLowerCase(Locale.ROOT);
                if (snmpHost >= 3 && !skipValue && SNMP_HOST_NO_COMMUNITY.contains(word)) {
                    // NX-OS writes a host's source interface on a line of its own: no community follows
                    out.append(token);
                    snmpHost = -1;
                } else if (snmpHost == 2 && (skipValue || word.equals("mng") || SNMP_HOST_PAIRED.contains(word))) {
                    // ZXROS may name the management VRF before the address: snmp-server host mng A ..., host vrf V A ...
                    skipValue = !skipValue && SNMP_HOST_PAIRED.contains(word);
                    out.append(token);
                } else if (snmpHost < 3 || skipValue || SNMP_HOST_PAIRED.contains(word) || SNMP_HOST_MODIFIERS.contains(word)) {
                    skipValue = !skipValue && snmpHost >= 3 && SNMP_HOST_PAIRED.contains(word);
                    snmpHost++;
                    out.append(token);
                } else {
                    out.append(MASK);
                    snmpHost = -1;
                }
                continue;
            }
            if (secretShaped(token)) {
                out.append(MASK);
                pending = false;
                continue;
            }
            String word = bare(token);
            if (pending) {
                if (KEYWORDS.contains(word) || MODIFIERS.contains(word) || isSingleDigit(word)) {
                    out.append(token);
                    continue;
                }
                out.append(MASK);
                openQuote = unclosedQuote(token);
                pending = false;
                continue;
            }
            if (snmpCommunity && token.regionMatches(true, 0, "name=", 0, 5)) {
                out.append(token, 0, 5).append(MASK);
                openQuote = unclosedQuote(token.substring(5));
                continue;
            }
            Matcher kv = credentialKey(token) ? KEY_VALUE.matcher(token) : null;
            if (kv != null && kv.matches()) {
                String value = kv.group(2);
                out.append(kv.group(1));
                if (value.isEmpty()) {
                    pending = true;
                } else {
                    out.append(MASK);
                    openQuote = unclosedQuote(value);
                }
                continue;
            }
            out.append(token);
            if (isKeyword(word)) {
                pending = true;
            }
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    /** Whether {@code word} (lower case) is a word after which the next value is a secret. */
    private static boolean isKeyword(String word) {
        if (KEYWORDS.contains(word)) {
            return true;
        }
        int sep = Math.max(word.lastIndexOf('_'), word.lastIndexOf('-'));
        if (sep <= 0) {
            return false;
        }
        String last = word.substring(sep);
        if (SECRET_NAME_ENDINGS.contains(last)) {
            return true;
        }
        if (!last.equals("_key")) {
            return false;
        }
        int before = word.lastIndexOf('_', sep - 1);
        return before > 0 && SECRET_KEY_QUALIFIERS.contains(word.substring(before, sep));
    }

    /** Stems one of which every credential name of {@link #KEY_VALUE} contains. */
    private static final String[] CREDENTIAL_STEMS = {
        "pass", "secret", "token", "community", "key", "credential", "psk", "auth", "httpheadervalue"};

    /**
     * Whether {@code token} is written {@code key=...} or {@code key:...} with a key that may name
     * a credential: the cheap test before {@link #KEY_VALUE}, whose names all contain a stem.
     */
    private static boolean credentialKey(String token) {
        // key=value, where the key may hold ':' (an .npmrc scope: //registry/:_authToken=...); else key:value
        int end = token.indexOf('=');
        if (end < 0) {
            end = token.indexOf(':');
        }
        if (end < 0) {
            return false;
        }
        boolean lower = true;
        for (int i = 0; i < end && lower; i++) {
            char c = token.charAt(i);
            lower = c < 'A' || c > 'Z';
        }
        // the first occurrence of a stem lies in the key when the key holds it at all
        String key = lower ? token : token.substring(0, end).toLowerCase(Locale.ROOT);
        for (String stem : CREDENTIAL_STEMS) {
            int at = key.indexOf(stem);
            if (at >= 0 && at + stem.length() <= end) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Whether {@code token} has the shape of encrypted secret text ({@link #SECRET_SHAPE}). */
    private static boolean secretShaped(String token) {
        int i = token.isEmpty() || (token.charAt(0) != '"' && token.charAt(0) != '\'') ? 0 : 1;
        if (i >= token.length()) {
            return false;
        }
        char c = token.charAt(i);
        return (c == '%' || c == '@' || c == '$') && SECRET_SHAPE.matcher(token).matches();
    }

    /** The word lower-cased, without surrounding quotes and trailing punctuation. */
    private static String bare(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && "\"'([{".indexOf(token.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && "\"',;)]}".indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        boolean upper = false;
        for (int i = start; i < end && !upper; i++) {
            char c = token.charAt(i);
            upper = (c >= 'A' && c <= 'Z') || c > 0x7F;
        }
        String word = start == 0 && end == token.length() ? token : token.substring(start, end);
        return upper ? word.toLowerCase(Locale.ROOT) : word;
    }

    private static boolean isSingleDigit(String word) {
        return word.length() == 1 && word.charAt(0) >= '0' && word.charAt(0) <= '9';
    }

    /** The quote character a token opens without closing, or 0. */
    private static char unclosedQuote(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        char q = token.charAt(0);
        if (q != '"' && q != '\'') {
            return 0;
        }
        return token.length() > 1 && token.indexOf(q, 1) > 0 ? 0 : q;
    }
}
