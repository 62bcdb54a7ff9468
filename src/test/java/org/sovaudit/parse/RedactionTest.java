package org.sovaudit.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.sovaudit.model.FileError;
import org.sovaudit.model.Observation;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.SourceFile;

/**
 * The fixtures plant credentials (every planted secret contains {@code S3cr3t}, Huawei cipher text
 * is wrapped in {@code %^%#}): none may reach an observation's value, snippet or context, nor an
 * error reason, and no fixture line may keep one in its snippet.
 */
class RedactionTest {

    private static final String MARK = "s3cr3t";
    private static final Pattern CIPHER = Pattern.compile("%\\^%#|%@%#|\\$1[a-z]\\$");

    @Test
    void fixtures_plantEnoughSecretsForThisTestToMean_something() {
        long withSecrets = TestFiles.fixtureCases().stream()
                .filter(c -> c.input().text().toLowerCase(Locale.ROOT).contains(MARK))
                .count();
        assertTrue(withSecrets >= 6, "only " + withSecrets + " fixtures carry planted secrets");
    }

    @Test
    void parsedFixtures_carryNoCredential() {
        for (TestFiles.FixtureCase fixture : TestFiles.fixtureCases()) {
            SourceFile input = fixture.input();
            Parser parser = Parsers.standard().forFile(input).orElseThrow();
            ParseResult result = parser.parse(input);
            for (Observation o : result.observations()) {
                assertClean(fixture + " value", o.value());
                assertClean(fixture + " snippet", o.where().snippet());
                assertClean(fixture + " context", o.context());
            }
            for (FileError e : result.errors()) {
                assertClean(fixture + " error", e.reason());
            }
        }
    }

    @Test
    void everyFixtureLine_hasItsSecretsRedactedInSnippets() {
        int checked = 0;
        for (TestFiles.FixtureCase fixture : TestFiles.fixtureCases()) {
            List<String> lines = TextLines.split(fixture.input().text());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.toLowerCase(Locale.ROOT).contains(MARK) || CIPHER.matcher(line).find()) {
                    assertClean(fixture + ":" + (i + 1), Snippets.snippet(line));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 15, "only " + checked + " secret-bearing lines checked");
    }

    /** The secret shapes of the network dialects, each as the device writes it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // Cisco IOS / IOS-XE: type 5, 7, 8, 9 and keys written after "key 7"
            "enable secret 9 $9$S3cr3tSalt$AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd",
            "enable secret 5 $1$S3cr$AbCdEfGhIjKlMnOpQr",
            "username netadmin privilege 15 secret 8 $8$S3cr3tSalt$AbCdEfGhIjKlMnOpQrStUvWx",
            "username backup password 7 S3cr3t0822455D0A16",
            "tacacs-server host 10.20.2.20 key 7 S3cr3t0822455D0A16544541",
            " key 7 S3cr3t094F471A1A0A464058",
            " client 192.0.2.12 server-key 7 S3cr3t0822455D0A16",
            "snmp-server community S3cr3tRO RO 10",
            "snmp-server host 10.20.1.30 vrf Mgmt-vrf version 2c S3cr3tTrap",
            "snmp-server host 10.20.1.30 S3cr3tTrap config snmp",
            "snmp-server host 10.20.1.30 traps version 2c S3cr3tTrap udp-port 1162",
            " snmp-agent target-host trap address udp-domain 10.20.1.30 params securityname S3cr3tName v2c",
            "crypto isakmp key S3cr3tPsk address 196.201.214.77",
            " neighbor 196.201.214.1 password 7 S3cr3t1511021F0725",
            " ip ospf message-digest-key 1 md5 7 S3cr3t0822455D0A16",
            // Cisco NX-OS
            "tacacs-server host 10.20.2.20 key 7 \"S3cr3tNx0s\"",
            "username admin password 5 $5$S3cr3t$AbCdEfGhIjKlMnOpQrStUvWxYz  role network-admin",
            "snmp-server user nms network-operator auth md5 0xS3cr3t1122 priv 0xS3cr3t3344 localizedkey",
            // Arista EOS
            "username admin privilege 15 role network-admin secret sha512 $6$S3cr3tSalt$AbCdEfGhIjKlMnOp",
            "enable password sha512 $6$S3cr3tSalt$AbCdEfGhIjKlMnOp",
            "tacacs-server host 10.20.2.20 vrf MGMT key 7 S3cr3t070C285F4D06",
            // Juniper Junos, curly and set
            "        encrypted-password \"$6$S3cr3tSalt$AbCdEfGhIjKlMnOp\"; ## SECRET-DATA",
            "        secret \"$9$S3cr3tQz6CuOIcyK8X-dsYgJDi.z3n/9p0\"; ## SECRET-DATA",
            "set system tacplus-server 10.20.2.20 secret \"$9$S3cr3tQz6CuOIcyK8X\"",
            "set snmp community S3cr3tRO clients 10.20.0.0/16",
            "    community S3cr3tRO {",
            // MikroTik RouterOS
            "add address=10.20.2.10 secret=S3cr3tRadius service=login",
            "/user add group=full name=netops password=S3cr3tRouterOs",
            "/snmp community set [ find default=yes ] addresses=10.20.0.0/16 name=S3cr3tComm",
            "set enabled=yes trap-community=S3cr3tTrap trap-target=10.20.1.30",
            "add name=wg0 private-key=\"S3cr3tWgKeyAbCdEf=\"",
            // H3C Comware
            " local-user admin class manage password hash $h$6$S3cr3tSalt$AbCdEfGhIjKl==",
            " key authentication cipher $c$3$S3cr3tCipherText==",
            " primary authentication 10.20.2.20 key simple S3cr3tPlain",
            " snmp-agent community read cipher $c$3$S3cr3tCommunity== acl 2001",
            // ZTE ZXROS
            "    password encrypted *21*S3cr3tZteCipherText",
            "ntp authentication-key 6 md5 clear S3cr3tNtp",
            "tacacs-server host 10.20.2.20 key S3cr3tZte",
            "snmp-server community S3cr3tRO view AllView ro ipv4-access-list 1301"})
    void networkDeviceSecrets_areRedacted(String line) {
        String snippet = Snippets.snippet(line);
        assertClean(line, snippet);
        assertTrue(snippet.contains(Snippets.MASK), snippet);
    }

    private static void assertClean(String where, String text) {
        assertFalse(text.toLowerCase(Locale.ROOT).contains(MARK), where + " leaks a secret: " + text);
        assertFalse(CIPHER.matcher(text).find(), where + " leaks cipher text: " + text);
    }
}
