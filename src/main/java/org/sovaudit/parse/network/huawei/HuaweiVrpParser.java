package org.sovaudit.parse.network.huawei;

import java.util.Set;

import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.ConfigTokenizer;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;

/**
 * Huawei VRP configurations and {@code display version} output, recognised by content whatever the
 * file is called: DNS servers, NTP servers and peers, syslog hosts, HWTACACS and RADIUS servers,
 * SNMP trap and inform targets, and the device's own model and software version.
 */
public final class HuaweiVrpParser implements Parser {

    static final long MAX_BYTES = 32L << 20;
    private static final int SNIFF_BYTES = 64 * 1024;

    @Override
    public String id() {
        return "huawei-vrp";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "Huawei VRP device configuration and display version: control-plane servers, model and software";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.DNS_RESOLVER, Role.NTP_SOURCE, Role.LOG_SINK, Role.AAA_SERVER, Role.SNMP_MANAGER,
                Role.NETWORK_DEVICE);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return VrpDialect.looksLikeVrp(file.head(SNIFF_BYTES));
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        VrpDialect.read(ConfigTokenizer.tokenize(file.text(), VrpDialect.SYNTAX), out);
        return out.build();
    }
}
