package org.sovaudit.parse;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.host.AptSourcesParser;
import org.sovaudit.parse.host.NtpConfParser;
import org.sovaudit.parse.host.ResolvConfParser;
import org.sovaudit.parse.iac.terraform.TerraformParser;
import org.sovaudit.parse.k8s.KubernetesYamlParser;
import org.sovaudit.parse.network.arista.AristaEosParser;
import org.sovaudit.parse.network.cisco.CiscoIosParser;
import org.sovaudit.parse.network.cisco.CiscoNxosParser;
import org.sovaudit.parse.network.h3c.H3cComwareParser;
import org.sovaudit.parse.network.huawei.HuaweiVrpParser;
import org.sovaudit.parse.network.juniper.JuniperJunosParser;
import org.sovaudit.parse.network.mikrotik.MikrotikRouterOsParser;
import org.sovaudit.parse.network.zte.ZteZxrosParser;

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
                new KubernetesYamlParser(),     // *.yaml, *.yml with apiVersion and kind
                new AptSourcesParser(),         // sources.list, *.list, deb822 *.sources
                new NtpConfParser(),            // chrony.conf, ntp.conf, chrony *.sources
                new ResolvConfParser(),         // *resolv.conf, or resolv.conf-like content
                // network devices: by content, whatever the name; one DeviceDetection verdict, specific before generic
                new AristaEosParser(),
                new CiscoNxosParser(),
                new H3cComwareParser(),
                new ZteZxrosParser(),
                new JuniperJunosParser(),
                new MikrotikRouterOsParser(),
                new HuaweiVrpParser(),
                new CiscoIosParser()));
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
