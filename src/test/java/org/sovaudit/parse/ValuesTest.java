package org.sovaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.sovaudit.model.ObservationKind;

class ValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "8.8.8.8", "255.255.255.255", "10.20.0.53"})
    void ipv4_valid_isKeptAsWritten(String ip) {
        assertEquals(Optional.of(ip), Values.ipv4(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4", "1..2.3", "a.b.c.d", "", " ", "1.2.3.4/24", "１.2.3.4"})
    void ipv4_invalid_isRefused(String ip) {
        assertEquals(Optional.empty(), Values.ipv4(ip));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "2001:db8::1, 2001:db8::1",
            "::, ::",
            "::1, ::1",
            "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "fe80::1%eth0, fe80::1",
            "::ffff:192.0.2.1, ::ffff:192.0.2.1",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
            "2400:3200:0:0:0:0:0:1, 2400:3200::1",
    })
    void ipv6_isWrittenInRfc5952Form(String input, String expected) {
        assertEquals(Optional.of(expected), Values.ipv6(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8::1::1", "2001:db8:1:1:1:1:1:1:1", "12345::1", "2001:db8::g", ":1:2", "1:2:", "fe80::1%", "[2001:db8::1]", "1:2:3:4:5:6:7"})
    void ipv6_invalid_isRefused(String ip) {
        assertEquals(Optional.empty(), Values.ipv6(ip));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "NTP.Aliyun.COM., ntp.aliyun.com",
            "mirrors.aliyun.com, mirrors.aliyun.com",
            "localhost, localhost",
            "xn--bcher-kva.example, xn--bcher-kva.example",
            "bücher.example, xn--bcher-kva.example",
            "a-b.c0.internal, a-b.c0.internal",
    })
    void hostname_isLowerCasedAndStripped(String input, String expected) {
        assertEquals(Optional.of(expected), Values.hostname(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-bad.example", "bad-.example", "under_score.example", "a..b", ".", "", "1.2.3.4", "999.1.1.1", "host:80", "has space.example", "*.example.com"})
    void hostname_invalid_isRefused(String name) {
        assertEquals(Optional.empty(), Values.hostname(name));
    }

    @Test
    void hostname_tooLong_isRefused() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, label); // 255 characters
        assertEquals(Optional.empty(), Values.hostname(name));
        assertEquals(Optional.empty(), Values.hostname("a".repeat(64) + ".example"));
        assertTrue(Values.hostname("a".repeat(63) + ".example").isPresent());
    }

    @Test
    void host_classifiesAddressesAndNames() {
        assertEquals(Optional.of(new Values.Host(ObservationKind.IP_ADDRESS, "8.8.8.8")), Values.host("8.8.8.8"));
        assertEquals(Optional.of(new Values.Host(ObservationKind.IP_ADDRESS, "2001:db8::1")), Values.host("[2001:DB8::1]"));
        assertEquals(Optional.of(new Values.Host(ObservationKind.HOSTNAME, "time.google.com")), Values.host("Time.Google.com."));
        assertEquals(Optional.empty(), Values.host("not a host"));
    }

    @Test
    void hostPort_splitsEveryForm() {
        assertEquals(new Values.HostPort(new Values.Host(ObservationKind.IP_ADDRESS, "2001:db8::1"), OptionalInt.of(123)),
                Values.hostPort("[2001:db8::1]:123").orElseThrow());
        assertEquals(OptionalInt.empty(), Values.hostPort("[2001:db8::1]").orElseThrow().port());
        assertEquals(OptionalInt.empty(), Values.hostPort("2001:db8::1").orElseThrow().port());
        assertEquals("2001:db8::1", Values.hostPort("2001:db8::1").orElseThrow().host().value());
        Values.HostPort named = Values.hostPort("NTP.example.org:123").orElseThrow();
        assertEquals("ntp.example.org", named.host().value());
        assertEquals(OptionalInt.of(123), named.port());
        assertEquals(OptionalInt.empty(), Values.hostPort("10.0.0.1").orElseThrow().port());
        assertFalse(Values.hostPort("host:0").isPresent());
        assertFalse(Values.hostPort("host:65536").isPresent());
        assertFalse(Values.hostPort("host:http").isPresent());
        assertFalse(Values.hostPort("[2001:db8::1]x").isPresent());
    }

    @Test
    void url_dropsCredentialsQueryAndFragment() {
        Values.WebUrl url = Values.url("HTTPS://deploy:S3cret@Apt.Corp.Internal:8443/debian/?token=abc#frag").orElseThrow();
        assertEquals("https", url.scheme());
        assertEquals("apt.corp.internal", url.host().value());
        assertEquals(OptionalInt.of(8443), url.port());
        assertEquals("/debian/", url.path());
        assertEquals("https://apt.corp.internal:8443/debian/", url.value());
        assertFalse(url.value().contains("S3cret"));
    }

    @Test
    void url_keepsSchemesWithPlusAndBracketedIpv6() {
        assertEquals("mirror+http://mirrors.corp.internal/list.txt",
                Values.url("mirror+http://mirrors.corp.internal/list.txt").orElseThrow().value());
        assertEquals("http://[2001:db8::1]:3142/debian", Values.url("http://[2001:DB8::1]:3142/debian").orElseThrow().value());
        assertEquals("http://10.0.0.1", Values.url("http://10.0.0.1").orElseThrow().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:/etc/apt/mirrors.txt", "cdrom:[Ubuntu]/", "mirror+file:/etc/x", "http://", "http:///path",
            "://host", "http://2001:db8::1/x", "http://bad_host/x", "not a url", "http://host:99999/"})
    void url_withoutValidHost_isRefused(String url) {
        assertEquals(Optional.empty(), Values.url(url));
    }

    @Test
    void looksLikeIpv4_recognisesAttemptedAddresses() {
        assertTrue(Values.looksLikeIpv4("10.0.0.256"));
        assertTrue(Values.looksLikeIpv4("8.8.8"));
        assertFalse(Values.looksLikeIpv4("8888"));
        assertFalse(Values.looksLikeIpv4("ntp.example"));
    }
}
