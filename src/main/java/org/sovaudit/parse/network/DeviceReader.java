package org.sovaudit.parse.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;
import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.ConfigTokenizer;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.Values;

/**
 * What a dialect uses to record what one device configuration names: hosts, URLs and prefixes in
 * their normal form, the device's own products, management ACLs and BGP neighbours (resolved when
 * the whole file is read), the generic extractor for commands no rule understands, and per-line
 * errors for malformed values. One reader per parse call; not for sharing between threads.
 */
public final class DeviceReader {

    private final ResultBuilder out;
    private final Map<String, ConfigLine> products = new LinkedHashMap<>();
    private final ManagementAcls acls = new ManagementAcls();
    private final BgpPeers bgp = new BgpPeers();

    public DeviceReader(ResultBuilder out) {
        this.out = out;
    }

    public ResultBuilder out() {
        return out;
    }

    public ManagementAcls acls() {
        return acls;
    }

    public BgpPeers bgp() {
        return bgp;
    }

    /** Records the layout problems the tokenizer found as file errors. */
    public void problems(List<ConfigTokenizer.Problem> problems) {
        for (ConfigTokenizer.Problem p : problems) {
            out.error(p.line(), p.reason());
        }
    }

    public void error(ConfigLine line, String reason) {
        out.error(line.number(), reason);
    }

    /** The command as errors name it: its first two words, lower-cased. */
    public static String label(ConfigLine line) {
        return line.size() < 2 ? line.keyword(0) : line.keyword(0) + " " + line.keyword(1);
    }

    /**
     * An IP address (IPv4, IPv6, bracketed IPv6) in {@code token}, which may carry a port
     * ({@code 10.0.0.1:514}). A token written like an IPv4 address that is not one is reported
     * as an error naming {@code command}.
     */
    public Optional<Values.Host> ip(ConfigLine line, String token, String command) {
        return ip(line, token, command, line);
    }

    /** {@link #ip(ConfigLine, String, String)}; a null {@code command} is named after {@code labelled} when needed. */
    private Optional<Values.Host> ip(ConfigLine line, String token, String command, ConfigLine labelled) {
        String t = clean(token);
        Optional<Values.HostPort> hp = Values.hostPort(t);
        if (hp.isPresent() && hp.get().host().ip()) {
            return Optional.of(hp.get().host());
        }
        String address = t.indexOf(':') == t.lastIndexOf(':') && t.indexOf(':') > 0 ? t.substring(0, t.indexOf(':')) : t;
        if (Values.looksLikeIpv4(address)) {
            out.error(line.number(), "'" + (command == null ? label(labelled) : command) + "' names '" + address
                    + "', which is not a valid IPv4 address");
        }
        return Optional.empty();
    }

    /**
     * An IP address, or a host name with at least one dot (a single word at a value position is
     * more likely the next keyword, such as {@code source-interface}, than a name).
     */
    public Optional<Values.Host> host(ConfigLine line, String token, String command) {
        Optional<Values.Host> ip = ip(line, token, command, line);
        if (ip.isPresent()) {
            return ip;
        }
        String t = clean(token);
        int colon = t.indexOf(':');
        if (colon > 0 && colon == t.lastIndexOf(':')) {
            t = t.substring(0, colon);
        }
        if (t.indexOf('.') <= 0 || Values.looksLikeIpv4(t)) {
            return Optional.empty();
        }
        return Values.hostname(t).map(name -> new Values.Host(ObservationKind.HOSTNAME, name));
    }

    /** Records the host in {@code token} (see {@link #host}); returns whether one was recorded. */
    public boolean add(ConfigLine line, String token, Role role, String context) {
        return add(line, token, role, context, null);
    }

    /** Records the host in {@code token} (see {@link #host}); errors name {@code command} (the line's first words when null). */
    public boolean add(ConfigLine line, String token, Role role, String context, String command) {
        Optional<Values.Host> host = host(line, token, command).filter(h -> !loopback(h));
        host.ifPresent(h -> out.add(h, role, line.number(), line.raw(), context));
        return host.isPresent();
    }

    /** Records the IP address in {@code token} (names are not accepted); returns whether one was recorded. */
    public boolean addIp(ConfigLine line, String token, Role role, String context) {
        Optional<Values.Host> host = ip(line, token, null, line).filter(h -> !loopback(h));
        host.ifPresent(h -> out.add(h, role, line.number(), line.raw(), context));
        return host.isPresent();
    }

    /** Records the URL in {@code token}, or the host when it is a host; returns whether one was recorded. */
    public boolean addUrlOrHost(ConfigLine line, String token, Role role, String context) {
        String t = clean(token);
        if (t.indexOf("://") > 0) {
            Optional<Values.WebUrl> url = Values.url(t);
            url.ifPresent(u -> out.add(ObservationKind.URL, u.value(), role, line.number(), line.raw(), context));
            return url.isPresent();
        }
        return add(line, t, role, context);
    }

    /**
     * Whether {@code host} is a loopback address (127.0.0.0/8, ::1): the device itself, such as the
     * built-in RADIUS server of Comware's {@code radius scheme system}, never a party.
     */
    static boolean loopback(Values.Host host) {
        return host.kind() == ObservationKind.IP_ADDRESS && (host.value().startsWith("127.") || host.value().equals("::1"));
    }

    /** Records a value of a known kind. */
    public void add(ConfigLine line, ObservationKind kind, String value, Role role, String context) {
        out.add(kind, value, role, line.number(), line.raw(), context);
    }

    /** Records a DNS search or default domain: named, but its role is not a party's ({@link Role#UNKNOWN}). */
    public void domain(ConfigLine line, String token) {
        String t = clean(token);
        if (t.indexOf('.') > 0 && !Values.looksLikeIpv4(t)) {
            Values.hostname(t).ifPresent(h -> out.add(ObservationKind.HOSTNAME, h, Role.UNKNOWN, line.number(), line.raw(), ""));
        }
    }

    /**
     * An AS number in {@code token}; a numeric token that is not a valid AS number is reported.
     * Returns 0 when there is none.
     */
    public long asn(ConfigLine line, String token) {
        OptionalLong asn = Addresses.asn(clean(token));
        if (asn.isEmpty() && Addresses.numeric(clean(token))) {
            out.error(line.number(), "'" + label(line) + "' names AS '" + clean(token) + "', which is not a valid AS number");
        }
        return asn.orElse(0);
    }

    /** A product of the device itself (model, software); the first line naming it is kept. */
    public void product(ConfigLine line, String value) {
        String v = value.strip().replaceAll("\\s+", " ");
        if (!v.isEmpty()) {
            products.putIfAbsent(v, line);
        }
    }

    /** Runs the generic extractor over words {@code from ..} of a command no rule understood. */
    public void leftovers(ConfigLine line, int from) {
        Leftovers.scan(line, from, out);
    }

    /** Records what needed the whole file: products, management ACL sources, BGP neighbours. */
    public void finish() {
        for (Map.Entry<String, ConfigLine> p : products.entrySet()) {
            out.add(ObservationKind.PRODUCT, p.getKey(), Role.NETWORK_DEVICE, p.getValue().number(), p.getValue().raw(), "");
        }
        acls.emit(out);
        bgp.emit(out);
    }

    /** {@code token} without surrounding quotes and trailing {@code ,} or {@code ;}. */
    static String clean(String token) {
        String t = ConfigLine.unquote(token);
        int end = t.length();
        while (end > 0 && (t.charAt(end - 1) == ',' || t.charAt(end - 1) == ';')) {
            end--;
        }
        return end == t.length() ? t : t.substring(0, end);
    }
}
