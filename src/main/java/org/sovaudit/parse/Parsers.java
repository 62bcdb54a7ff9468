package org.sovaudit.parse;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.ai.AcceleratorRuntimeParser;
import org.sovaudit.parse.ai.AiSettingsParser;
import org.sovaudit.parse.ai.HuggingFaceConfigParser;
import org.sovaudit.parse.ai.OnnxModelParser;
import org.sovaudit.parse.ai.PackageJsonParser;
import org.sovaudit.parse.ai.PipRequirementsParser;
import org.sovaudit.parse.ai.PyprojectParser;
import org.sovaudit.parse.generic.GenericTextParser;
import org.sovaudit.parse.host.ApkRepositoriesParser;
import org.sovaudit.parse.host.AptSourcesParser;
import org.sovaudit.parse.host.ContainerRegistriesParser;
import org.sovaudit.parse.host.DockerDaemonParser;
import org.sovaudit.parse.host.DpkgStatusParser;
import org.sovaudit.parse.host.EtcHostsParser;
import org.sovaudit.parse.host.MavenSettingsParser;
import org.sovaudit.parse.host.NpmrcParser;
import org.sovaudit.parse.host.NtpConfParser;
import org.sovaudit.parse.host.OsReleaseParser;
import org.sovaudit.parse.host.PackageEnvParser;
import org.sovaudit.parse.host.PipConfParser;
import org.sovaudit.parse.host.ProcNetRouteParser;
import org.sovaudit.parse.host.ProcNetTcpParser;
import org.sovaudit.parse.host.ResolvConfParser;
import org.sovaudit.parse.identity.IpaDefaultConfParser;
import org.sovaudit.parse.identity.Krb5ConfParser;
import org.sovaudit.parse.identity.LdapClientConfParser;
import org.sovaudit.parse.identity.PamAaaConfParser;
import org.sovaudit.parse.identity.SambaConfParser;
import org.sovaudit.parse.identity.SssdConfParser;
import org.sovaudit.parse.host.RpmDbParser;
import org.sovaudit.parse.host.RsyslogConfParser;
import org.sovaudit.parse.host.SyslogNgConfParser;
import org.sovaudit.parse.host.SystemdConfParser;
import org.sovaudit.parse.host.YumReposParser;
import org.sovaudit.parse.iac.cloudinit.CloudInitParser;
import org.sovaudit.parse.iac.compose.ComposeParser;
import org.sovaudit.parse.iac.docker.DockerfileParser;
import org.sovaudit.parse.iac.openstack.OpenStackConfParser;
import org.sovaudit.parse.iac.terraform.TerraformJsonParser;
import org.sovaudit.parse.iac.terraform.TerraformParser;
import org.sovaudit.parse.inventory.ArpTableParser;
import org.sovaudit.parse.inventory.DhcpLeasesParser;
import org.sovaudit.parse.inventory.NeighborsParser;
import org.sovaudit.parse.inventory.NmapXmlParser;
import org.sovaudit.parse.k8s.KubernetesYamlParser;
import org.sovaudit.parse.network.arista.AristaEosParser;
import org.sovaudit.parse.network.cisco.CiscoIosParser;
import org.sovaudit.parse.network.cisco.CiscoNxosParser;
import org.sovaudit.parse.network.h3c.H3cComwareParser;
import org.sovaudit.parse.network.huawei.HuaweiVrpParser;
import org.sovaudit.parse.network.juniper.JuniperJunosParser;
import org.sovaudit.parse.network.mikrotik.MikrotikRouterOsParser;
import org.sovaudit.parse.network.zte.ZteZxrosParser;
import org.sovaudit.parse.pki.CertificateParser;
import org.sovaudit.parse.pki.WebServerTlsParser;
import org.sovaudit.parse.sbom.CycloneDxParser;
import org.sovaudit.parse.sbom.SpdxJsonParser;

/**
 * The one registry of parsers, in the order they are asked whether they read a file: those that
 * decide by file name and extension first, those that decide by content alone last, so a specific
 * parser always wins over a generic one. A new format is one line in {@link #standard()}.
 */
public final class Parsers {

    private final List<Parser> parsers;

    Parsers(List<Parser> parsers) {
        Set<String> ids = new HashSet<>();
        for (Parser parser : parsers) {
            if (!ids.add(parser.id())) {
                throw new ParseException("two parsers share the id '" + parser.id() + "'");
            }
        }
        this.parsers = List.copyOf(parsers);
    }

    /** Every parser of this release, specific before generic. */
    public static Parsers standard() {
        return new Parsers(List.of(
                new TerraformParser(),          // *.tf, *.tofu
                new TerraformJsonParser(),      // *.tfstate, terraform show -json output
                new CycloneDxParser(),          // *.cdx.json, *.cdx.xml, bom.json, bom.xml, or CycloneDX content
                new SpdxJsonParser(),           // *.spdx.json, or JSON with spdxVersion
                new HuggingFaceConfigParser(),  // config.json with architectures/model_type, generation_config.json
                new OnnxModelParser(),          // *.onnx
                new PipRequirementsParser(),    // requirements*.txt, requirements/*.txt, constraints*.txt, *.in
                new PyprojectParser(),          // pyproject.toml
                new PackageJsonParser(),        // package.json
                new AcceleratorRuntimeParser(), // cuda/version.json|txt, CANN and Ascend version.info, rocm/.info/version
                new KubernetesYamlParser(),     // *.yaml, *.yml with apiVersion and kind
                new CloudInitParser(),          // #cloud-config user data, cloud.cfg, cloud.cfg.d/*.cfg
                new ComposeParser(),            // compose.yaml, docker-compose*.yml, or YAML with services and images
                new OpenStackConfParser(),      // keystone.conf, nova.conf ... or oslo.config INI with OpenStack sections
                new DockerfileParser(),         // Dockerfile, Containerfile, Dockerfile.*, *.dockerfile
                new CertificateParser(),        // *.pem, *.crt, *.cer, *.der, *.p7b, *.p12, *.pfx, *.jks, or PEM certificate blocks
                new WebServerTlsParser(),       // nginx.conf, httpd.conf, haproxy.cfg, or their content in *.conf / *.cfg
                new AptSourcesParser(),         // sources.list, *.list, deb822 *.sources
                new SystemdConfParser(),        // timesyncd.conf, resolved.conf, journal-upload.conf, their .conf.d
                new NtpConfParser(),            // chrony.conf, ntp.conf, chrony *.sources
                new SssdConfParser(),           // sssd.conf, sssd/conf.d/*.conf, or [sssd] with [domain/...]
                new Krb5ConfParser(),           // krb5.conf, krb5.conf.d/*, or [realms] content
                new LdapClientConfParser(),     // ldap.conf, nslcd.conf, pam_ldap.conf, or *.conf with uri ldap and base dc=
                new PamAaaConfParser(),         // pam_radius_auth.conf, raddb/server, tacplus_servers
                new IpaDefaultConfParser(),     // ipa/default.conf, or *.conf with [global], xmlrpc_uri and realm
                new SambaConfParser(),          // smb.conf, smb4.conf, or *.conf with [global] and Samba parameters
                new ResolvConfParser(),         // *resolv.conf, or resolv.conf-like content
                new EtcHostsParser(),           // hosts
                new YumReposParser(),           // *.repo, yum.conf, dnf.conf
                new ApkRepositoriesParser(),    // apk/repositories
                new SyslogNgConfParser(),       // syslog-ng.conf, syslog-ng/*.conf, or @version: first
                new RsyslogConfParser(),        // rsyslog.conf, rsyslog.d/*.conf, syslog.conf, forwarding *.conf
                new DockerDaemonParser(),       // daemon.json
                new ContainerRegistriesParser(), // containerd config.toml, certs.d hosts.toml, registries.conf
                new PipConfParser(),            // pip.conf, pip.ini
                new NpmrcParser(),              // .npmrc, npmrc
                new MavenSettingsParser(),      // *settings.xml with <settings>
                new PackageEnvParser(),         // go.env, go/env, etc/environment, profile.d/*.sh, go env output
                new OsReleaseParser(),          // os-release, lsb-release
                new DpkgStatusParser(),         // dpkg status database, by content
                new RpmDbParser(),              // rpmdb.sqlite (rpm/Packages: reported as unsupported)
                new ProcNetRouteParser(),       // /proc/net/route and ipv6_route, by content
                new ProcNetTcpParser(),         // /proc/net/tcp and tcp6, by content
                new DhcpLeasesParser(),         // *.leases, Kea lease CSV
                new NmapXmlParser(),            // <nmaprun, whatever the name
                new NeighborsParser(),          // LLDP/CDP neighbour outputs, by content
                new ArpTableParser(),           // ARP and neighbour tables, by content
                new AiSettingsParser(),         // .env, *.env, or YAML/JSON settings naming AI endpoints (after every YAML/JSON format)
                // network devices: by content, whatever the name; one DeviceDetection verdict, specific before generic
                new AristaEosParser(),
                new CiscoNxosParser(),
                new H3cComwareParser(),
                new ZteZxrosParser(),
                new JuniperJunosParser(),
                new MikrotikRouterOsParser(),
                new HuaweiVrpParser(),
                new CiscoIosParser(),
                new GenericTextParser()));      // last: any other text configuration, role unknown
    }

    public List<Parser> all() {
        return parsers;
    }

    /** The first parser that reads {@code file}, or empty when none does. */
    public Optional<Parser> forFile(SourceFile file) {
        for (Parser parser : parsers) {
            if (parser.accepts(file)) {
                return Optional.of(parser);
            }
        }
        return Optional.empty();
    }
}
