package org.sovaudit.parse.iac.openstack;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.iac.Endpoints;

/**
 * OpenStack service configuration files ({@code keystone.conf}, {@code nova.conf},
 * {@code neutron.conf}, {@code glance-api.conf}, {@code cinder.conf}, ... in oslo.config INI syntax).
 * Reported, with the section as context:
 * <ul>
 * <li>{@code transport_url} ({@code rabbit://user:pass@host1:5672,user:pass@host2:5672/vhost}): every
 * host of the message bus, credentials dropped, as API endpoints;</li>
 * <li>{@code connection} and {@code *_connection} database URLs: the database host as a storage
 * location;</li>
 * <li>{@code region_name} and {@code os_region_name}: the region, with context {@code openstack};</li>
 * <li>every other value that is a URL ({@code auth_url}, {@code www_authenticate_uri},
 * {@code endpoint_override}, {@code url}, {@code novncproxy_base_url}, ...) or a list of them
 * ({@code api_servers}), as API endpoints;</li>
 * <li>hosts in {@code *_host}, {@code *_hosts} and {@code *_servers} options with the role unknown
 * (not the service's own {@code bind_*}, {@code listen*} and {@code my_ip}).</li>
 * </ul>
 * A line that is neither a section header, an option, a continuation nor a comment is a file error.
 * Indentation follows oslo.config: an indented line continues the option above it until a blank
 * line; an indented line with no option to continue (a file indented throughout, or an indented
 * option after a section header or a blank line) makes oslo.config refuse the whole file, so it is
 * reported as a file error at that line, and from there every line is read with its indentation
 * ignored, so the references the file holds are still reported.
 */
public final class OpenStackConfParser implements Parser {

    static final long MAX_BYTES = 4L << 20;
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final Set<String> SERVICES = Set.of("keystone.conf", "nova.conf", "neutron.conf", "glance-api.conf",
            "glance.conf", "cinder.conf", "placement.conf", "heat.conf", "octavia.conf", "manila.conf", "designate.conf",
            "barbican.conf", "swift-proxy.conf", "proxy-server.conf", "ironic.conf", "magnum.conf", "aodh.conf",
            "ceilometer.conf", "gnocchi.conf", "metadata_agent.ini", "ml2_conf.ini", "neutron_lbaas.conf");
    private static final Pattern SECTION = Pattern.compile("^\\[([^\\]]{1,100})\\]\\s*$");
    private static final Pattern OPTION = Pattern.compile("^([A-Za-z0-9_.-]{1,100})\\s*[=:]\\s*(.*)$");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,63})");
    private static final Pattern SNIFF = Pattern.compile("(?m)^\\[(?:keystone_authtoken|DEFAULT|database|oslo_messaging_rabbit|placement|glance|neutron)\\]");
    private static final Pattern SNIFF_KEY = Pattern.compile("(?m)^\\s*(?:transport_url|www_authenticate_uri|auth_url|auth_type)\\s*=");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]{0,31})://");

    @Override
    public String id() {
        return "openstack-conf";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "OpenStack service configuration (keystone, nova, neutron, glance, cinder ... .conf): identity and API "
                + "endpoints, message bus hosts, databases, regions";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.API_ENDPOINT, Role.STORAGE_LOCATION, Role.CLOUD_REGION, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (SERVICES.contains(name)) {
            return true;
        }
        if (!name.endsWith(".conf") && !name.endsWith(".ini")) {
            return false;
        }
        String head = file.head(SNIFF_BYTES);
        return SNIFF.matcher(head).find() && SNIFF_KEY.matcher(head).find();
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        String section = "";
        boolean inOption = false;
        boolean refused = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String s = raw.strip();
            int number = i + 1;
            if (s.isEmpty()) {
                inOption = false; // a blank line ends a multi-line value
                continue;
            }
            if (s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && !refused) {
                if (inOption) {
                    continue; // a continuation of the previous option's value
                }
                // oslo.config stops here with "Unexpected continuation line" and the service does not start;
                // the options are still what the file asks for, so they are read with their indentation ignored
                out.error(number, "indented line with no option to continue: oslo.config refuses the whole file "
                        + "(Unexpected continuation line); its options are read as written");
                refused = true;
            }
            Matcher header = SECTION.matcher(s);
            if (header.matches()) {
                section = header.group(1).strip();
                inOption = false;
                continue;
            }
            Matcher option = OPTION.matcher(s);
            if (!option.matches()) {
                out.error(number, "not an option, section or comment");
                inOption = false;
                continue;
            }
            inOption = true;
            option(section, option.group(1).toLowerCase(Locale.ROOT), option.group(2).strip(), number, raw, out);
        }
        return out.build();
    }

    private static void option(String section, String key, String value, int line, String raw, ResultBuilder out) {
        if (value.isEmpty() || value.startsWith("<")) {
            return;
        }
        if (key.equals("transport_url")) {
            for (String host : transportHosts(value)) {
                Endpoints.addHost(out, host, Role.API_ENDPOINT, line, raw, section + " transport_url");
            }
        } else if (key.equals("connection") || key.endsWith("_connection")) {
            Endpoints.addHost(out, withoutUserInfo(value), Role.STORAGE_LOCATION, line, raw, section + " " + key);
        } else if (key.equals("region_name") || key.equals("os_region_name") || key.endsWith("_region_name")) {
            if (REGION.matcher(value).matches()) {
                out.add(ObservationKind.CLOUD_REGION, value, Role.CLOUD_REGION, line, raw, "openstack");
            }
        } else if (value.contains("://")) {
            for (String part : value.split("\\s*,\\s*")) {
                Endpoints.add(out, part, Role.API_ENDPOINT, line, raw, section + " " + key);
            }
        } else if (key.startsWith("bind") || key.startsWith("listen") || key.equals("my_ip") || key.equals("host")) {
            return; // the service's own addresses
        } else if (key.endsWith("_host") || key.endsWith("_hosts") || key.endsWith("_servers") || key.equals("api_servers")) {
            for (String part : value.split("\\s*,\\s*")) {
                Endpoints.addHost(out, part, key.equals("api_servers") ? Role.API_ENDPOINT : Role.UNKNOWN, line, raw,
                        section + " " + key);
            }
        }
    }

    /** The {@code host[:port]} parts of {@code driver://[user:pass@]host:port[,[user:pass@]host:port]/vhost?query}. */
    static List<String> transportHosts(String url) {
        Matcher scheme = SCHEME.matcher(url);
        if (!scheme.find()) {
            return List.of();
        }
        String rest = url.substring(scheme.end());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int query = authority.indexOf('?');
        if (query >= 0) {
            authority = authority.substring(0, query);
        }
        return java.util.Arrays.stream(authority.split(","))
                .map(part -> part.substring(part.lastIndexOf('@') + 1))
                .filter(part -> !part.isBlank())
                .toList();
    }

    /** A database URL with its user information removed ({@code mysql+pymysql://nova:pw@db/nova}). */
    private static String withoutUserInfo(String url) {
        Matcher scheme = SCHEME.matcher(url);
        if (!scheme.find()) {
            return url;
        }
        String rest = url.substring(scheme.end());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int at = authority.lastIndexOf('@');
        return url.substring(0, scheme.end()) + (at >= 0 ? rest.substring(at + 1) : rest);
    }
}
