package org.sovaudit.parse.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.parse.ConfigLine;
import org.sovaudit.parse.ConfigSyntax;
import org.sovaudit.parse.ConfigTokenizer;
import org.sovaudit.parse.ResultBuilder;

class LeftoversTest {

    private static List<String> scan(String command) {
        ConfigSyntax syntax = ConfigSyntax.builder().quotedWords(true).build();
        ConfigLine line = ConfigTokenizer.tokenize(command, syntax).get(0);
        ResultBuilder out = new ResultBuilder("x.cfg");
        Leftovers.scan(line, 0, out);
        return Rows.withoutLines(out.build());
    }

    @Test
    void urlsAddressesAndNames_becomeUnknownReferences() {
        assertEquals(List.of("unknown ip-address 8.8.8.8"), scan("icmp-echo 8.8.8.8 source-interface Vlan99"));
        assertEquals(List.of("unknown hostname smtp.gmail.com"), scan("set server=smtp.gmail.com port=587"));
        assertEquals(List.of("unknown url https://ae1.juniper.net/junos/key_retrieval"), scan("url https://ae1.juniper.net/junos/key_retrieval"));
        assertEquals(List.of("unknown ip-address 2001:db8::53"), scan("probe 2001:db8::53"));
        assertEquals(List.of("unknown hostname 0.africa.pool.ntp.org"), scan("server 0.africa.pool.ntp.org"));
        assertEquals(List.of("unknown ip-address 41.204.161.18"), scan("add address=41.204.161.18/32 name=peer"));
        assertEquals(List.of("unknown ip-address 10.0.0.1", "unknown ip-address 10.0.0.2"), scan("servers=10.0.0.1,10.0.0.2"));
    }

    @Test
    void ownAddressesMasksPrefixesFilesAndMail_areNotReferences() {
        assertEquals(List.of(), scan("ospf 1 router-id 10.255.0.1"));
        assertEquals(List.of(), scan("network 10.0.0.0 0.0.0.255 area 0.0.0.0"));
        assertEquals(List.of(), scan("ip address 10.0.0.1 255.255.255.0"));
        assertEquals(List.of(), scan("prefix 10.0.0.0/8"));
        assertEquals(List.of(), scan("startup saved-configuration vrpcfg.zip"));
        assertEquals(List.of(), scan("contact noc@mfa.go.ke"));
        assertEquals(List.of(), scan("boot system bootflash:packages.conf"));
        assertEquals(List.of(), scan("mac 00:1c:73:00:00:99 time 09:12:44 rd 65000:99"));
        assertEquals(List.of(), scan("interface Eth-Trunk1.100"));
        assertEquals(List.of(), scan("add src-address=192.168.1.5 action=drop"));
    }

    @Test
    void likelyHostname_needsAnAlphabeticTopLabelThatIsNoFileExtension() {
        assertTrue(Leftovers.likelyHostname("time.google.com"));
        assertTrue(Leftovers.likelyHostname("0.pool.ntp.org"));
        assertFalse(Leftovers.likelyHostname("nxos.9.3.10.bin"));
        assertFalse(Leftovers.likelyHostname("config.yaml"));
        assertFalse(Leftovers.likelyHostname("inet.0"));
        assertFalse(Leftovers.likelyHostname("localhost"));
    }
}
