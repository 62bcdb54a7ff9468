package org.sovaudit.parse.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the generic extractor takes from a line, and what it leaves alone. */
class HostTokensTest {

    private static String found(String line) {
        return HostTokens.find(line).stream().map(t -> t.kind().id() + ":" + t.value()).collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            upstream = https://user:S3cr3t@api.deepseek.com/v1?key=S3cr3t#x  | url:https://api.deepseek.com/v1
            endpoint: http://[2001:db8::10]:8080/metrics                   | url:http://[2001:db8::10]:8080/metrics
            server ntp.aliyun.com iburst                                    | hostname:ntp.aliyun.com
            target=10.20.1.15:514                                           | ip-address:10.20.1.15
            peers 2001:db8:0:0::53 and fe80::1%eth0                         | ip-address:2001:db8::53
            allow 10.0.0.0/8, 2001:db8::/32                                 | cidr:10.0.0.0/8 cidr:2001:db8::/32
            contact noc@telecom.example.ke                                  | hostname:telecom.example.ke
            git clone git@github.com:ministry/infra.git                     | hostname:github.com
            image: registry.cn-hangzhou.aliyuncs.com/ns/app:1.2             | hostname:registry.cn-hangzhou.aliyuncs.com
            relay [2001:db8::1]:25 then MAIL.Example.COM.                   | ip-address:2001:db8::1 hostname:mail.example.com
            名称 = 中国.中国                                                 | hostname:xn--fiqs8s.xn--fiqs8s
            """)
    void values_areFoundAndNormalised(String line, String expected) {
        assertEquals(expected, found(line));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # server 8.8.8.8
            ; nameserver 1.1.1.1
            // url = https://example.com/
            !  logging host 10.1.1.1
            include config.yaml and setup.py and main.tf and README.md
            load org.apache.commons.io and com.huaweicloud.sdk
            version 10.2.0.1 build 1.2.3.4
            mask 255.255.255.0 any 0.0.0.0 lo 127.0.0.1 ::1 mcast 224.0.0.251
            release 1.2.3 and 2.3.0rc1 and v1.2.3.4
            request.timeout.ms=30000
            cluster.name: logging-prod
            path /etc/ssl/certs/ca.com and ./local.net
            time 10:20:30 mac 00:1a:2b:3c:4d:5e
            proxy http://proxy:3128 and http://localhost/
            std::vector<int> a::b
            """)
    void nonValues_areLeftAlone(String line) {
        assertEquals("", found(line));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            server 10.0.0.1 # was 8.8.8.8                                  | ip-address:10.0.0.1
            db.host = db01.corp.example.com                                 | hostname:db01.corp.example.com
            ntp.example.com:123 is the clock                                | hostname:ntp.example.com
            """)
    void trailingCommentsAndKeys_areHandled(String line, String expected) {
        assertEquals(expected, found(line));
    }

    @org.junit.jupiter.api.Test
    void veryLongLine_isBounded() {
        String line = "x ".repeat(5000) + " 8.8.8.8";
        assertEquals(List.of(), HostTokens.find(line));
    }
}
