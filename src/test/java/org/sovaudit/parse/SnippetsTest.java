package org.sovaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.sovaudit.model.Evidence;

class SnippetsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://user:secret@host/path                                     | https://user:****@host/path
            deb https://deploy:t0k3n@apt.corp.internal/debian bookworm main   | deb https://deploy:****@apt.corp.internal/debian bookworm main
            git clone https://ghp:abc@github.com/o/r.git                      | git clone https://ghp:****@github.com/o/r.git
            https://api.example.com/v1?user=a&token=abc123&x=1                | https://api.example.com/v1?user=a&token=****&x=1
            radius-server shared-key cipher %^%#abcDEF%^%#                    | radius-server shared-key cipher ****
            hwtacacs-server shared-key cipher S3cretPlain                     | hwtacacs-server shared-key cipher ****
            snmp-agent community read cipher %^%#x1y2z3%^%#                   | snmp-agent community read cipher ****
            snmp-agent community write private                                | snmp-agent community write ****
            local-user admin password irreversible-cipher $1a$abc$def$        | local-user admin password irreversible-cipher ****
            local-user admin password cipher OldPass123                       | local-user admin password cipher ****
            isis authentication-mode simple plain hunter2                     | isis authentication-mode simple plain ****
            ospf authentication-mode md5 1 cipher %@%#abc%@%#                 | ospf authentication-mode md5 1 cipher ****
            enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0                    | enable secret 5 ****
            username admin privilege 15 secret 9 $9$abcdefgh                  | username admin privilege 15 secret 9 ****
            tacacs-server key 7 0822455D0A16                                  | tacacs-server key 7 ****
            snmp-server community public RO                                   | snmp-server community **** RO
            snmp-server user u g v3 auth sha AuthPass1 priv aes 128 PrivPass2 | snmp-server user u g v3 auth sha **** priv aes 128 ****
            snmp-server host 192.0.2.10 source-interface mgmt0                | snmp-server host 192.0.2.10 source-interface mgmt0
            snmp-server host 192.0.2.10 traps version 2c TrapC0mm             | snmp-server host 192.0.2.10 traps version 2c ****
            snmp-server host mng 192.0.2.10 trap version 2c TrapC0mm          | snmp-server host mng 192.0.2.10 trap version 2c ****
            snmp-server host vrf mng 192.0.2.10 trap version 2c TrapC0mm      | snmp-server host vrf mng 192.0.2.10 trap version 2c ****
            crypto isakmp key SharedS3cret address 0.0.0.0                   | crypto isakmp key **** address 0.0.0.0
            pre-shared-key ascii-text "$9$abc"                                | pre-shared-key ascii-text ****
            set password "correct horse battery staple" now                   | set password **** now
            password=hunter2 user=admin                                       | password=**** user=admin
            DB_PASSWORD: hunter2                                              | DB_PASSWORD: ****
            Authorization: Bearer eyJhbGciOi                                  | Authorization: Bearer ****
            some text %^%#stray%^%# here                                      | some text **** here
            image: robot:p4ss@harbor.corp.internal/app:1                      | image: robot:****@harbor.corp.internal/app:1
            image: nginx@sha256:0123abcd                                      | image: nginx@sha256:0123abcd
            git@github.com:org/repo.git                                       | git@github.com:org/repo.git
            //registry.npmjs.org/:_authToken=npm_abcdef123456                 | //registry.npmjs.org/:_authToken=****
            //nexus.corp.internal/repository/npm/:_password=c2VjcmV0          | //nexus.corp.internal/repository/npm/:_password=****
            _auth=dXNlcjpwYXNz                                                | _auth=****
            <server><id>x</id><password>{abc}</password></server>             | <server><id>x</id><password>****</password></server>
            <apiKey type="plain">k-123</apiKey>                               | <apiKey type="plain">****</apiKey>
            httpHeaderValue1: Bearer abc.def.ghi                              | httpHeaderValue1: Bearer ****
            ldap_default_authtok = S3cret!                                    | ldap_default_authtok = ****
            aws_secret_access_key = wJalrXUtnFEMI/K7MDENG                     | aws_secret_access_key = ****
            bindpw secret123                                                  | bindpw ****
            rootpw {SSHA}abc                                                  | rootpw ****
            SENTRY_DSN=https://0123456789abcdef0123@o450000.ingest.sentry.io/42 | SENTRY_DSN=https://****@o450000.ingest.sentry.io/42
            git clone https://ghp_16CharsOrMore0123@github.com/o/r.git        | git clone https://****@github.com/o/r.git
            ldap_default_authtok_type = obfuscated_password                   | ldap_default_authtok_type = obfuscated_password
            https://deploy@apt.corp.internal/debian                           | https://deploy@apt.corp.internal/debian
            ssl_certificate /etc/nginx/tls/cert.pem                           | ssl_certificate /etc/nginx/tls/cert.pem
            """)
    void redact_hidesCredential(String input, String expected) {
        assertEquals(expected, Snippets.redact(input));
    }

    @Test
    void redact_keepsAddressesAndKeywordsThatAreNotSecrets() {
        String line = "hwtacacs-server authorization 10.20.2.20 vpn-instance mgmt";
        assertEquals(line, Snippets.redact(line));
        String ntp = "ntp-service unicast-server 10.20.0.123 authentication-keyid 1 vpn-instance mgmt";
        assertEquals(ntp, Snippets.redact(ntp));
        String apt = "deb [arch=amd64 signed-by=/usr/share/keyrings/docker.gpg] https://download.docker.com/linux/ubuntu jammy stable";
        assertEquals(apt, Snippets.redact(apt));
    }

    @Test
    void snippet_trimsAndReplacesControlCharacters() {
        assertEquals("dns server\uFFFD8.8.8.8", Snippets.snippet("  \tdns server\u00078.8.8.8\r "));
        assertEquals("a b", Snippets.snippet("a\tb"));
        assertEquals("", Snippets.snippet(null));
    }

    @Test
    void snippet_longLine_isCappedAndMarked() {
        String longLine = "description " + "x".repeat(500);
        String snippet = Snippets.snippet(longLine);
        assertEquals(Snippets.MAX_LENGTH, snippet.length());
        assertTrue(snippet.endsWith(Snippets.CUT_MARK));
        assertTrue(snippet.startsWith("description xxx"));
    }

    @Test
    void snippet_secretAcrossTheCap_isNotLeaked() {
        String line = "x".repeat(Snippets.MAX_LENGTH - 20) + " password SuperSecretValueThatRunsLong";
        assertFalse(Snippets.snippet(line).contains("SuperSecret"));
        String huge = "password " + "S".repeat(100_000);
        assertFalse(Snippets.snippet(huge).contains("SSSS"));
    }

    @Test
    void snippet_doesNotSplitSurrogatePairs() {
        String line = "a".repeat(Snippets.MAX_LENGTH - 2) + "\uD83D\uDE00tail";
        String snippet = Snippets.snippet(line);
        assertTrue(snippet.endsWith(Snippets.CUT_MARK));
        assertFalse(Character.isHighSurrogate(snippet.charAt(snippet.length() - 2)));
    }

    @Test
    void evidence_carriesPathLineAndRedactedSnippet() {
        Evidence e = Snippets.evidence("etc/x.conf", 7, "  community S3cret ");
        assertEquals("etc/x.conf", e.file());
        assertEquals(7, e.line());
        assertEquals("community ****", e.snippet());
    }

    @Test
    void everyWordTheTokenPassActsOn_holdsAStem_soThatTheLineFilterNeverSkipsASecret() throws Exception {
        for (String field : new String[] {"KEYWORDS", "SECRET_NAME_ENDINGS", "SECRET_KEY_QUALIFIERS", "SNMP_HOST_NO_COMMUNITY"}) {
            java.lang.reflect.Field f = Snippets.class.getDeclaredField(field);
            f.setAccessible(true);
            for (Object word : (java.util.Set<?>) f.get(null)) {
                String w = word.toString();
                boolean covered = Snippets.SECRET_STEMS.stream().anyMatch(w::contains) || field.equals("SNMP_HOST_NO_COMMUNITY")
                        || field.equals("SECRET_KEY_QUALIFIERS");
                assertTrue(covered, field + " word '" + w + "' holds no stem of SECRET_STEMS");
            }
        }
        assertFalse(Snippets.mayHoldSecret("ntp-service unicast-server 10.20.0.123 vpn-instance mgmt"));
        assertTrue(Snippets.mayHoldSecret("set system login user admin authentication encrypted-password X"));
        assertTrue(Snippets.mayHoldSecret("radius-server host 10.0.0.1 KEY 7 0822"), "case does not hide a keyword");
        assertTrue(Snippets.mayHoldSecret("x $9$abc"), "secret shapes are looked at");
    }
}
