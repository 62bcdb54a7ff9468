package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @Test
    void parse_readsV4AndV6Literals() {
        assertArrayEquals(new byte[]{8, 8, 4, 4}, IpAddresses.parse("8.8.4.4"));
        assertEquals("2001:db8::1", IpAddresses.format(IpAddresses.parse("2001:0db8:0:0:0:0:0:1")));
        assertEquals("::1", IpAddresses.format(IpAddresses.parse("[::1]")));
        assertEquals("fe80::1", IpAddresses.format(IpAddresses.parse("fe80::1%eth0")));
        assertEquals("::", IpAddresses.format(IpAddresses.parse("::")));
        assertEquals("1:0:1:0:1:0:1:0", IpAddresses.format(IpAddresses.parse("1:0:1:0:1:0:1:0")));
        assertEquals("2001:db8::1:0:0:1", IpAddresses.format(IpAddresses.parse("2001:db8:0:0:1:0:0:1")));
        assertEquals("64:ff9b::c000:201", IpAddresses.format(IpAddresses.parse("64:ff9b::192.0.2.1")));
        assertArrayEquals(new byte[]{10, 0, 0, 1}, IpAddresses.parse("::ffff:10.0.0.1"), "IPv4-mapped becomes IPv4");
    }

    @Test
    void parse_rejectsWhatIsNotALiteral() {
        for (String s : new String[]{"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.04444", "example.com", "1::2::3",
                "12345::", "1:2:3:4:5:6:7:8:9", "::g", "1.2.3.4:53", "x".repeat(100)}) {
            assertNull(IpAddresses.parse(s), s);
        }
    }

    @Test
    void parseNetwork_clearsHostBitsAndChecksPrefix() {
        assertEquals("10.0.0.0/8", IpAddresses.parseNetwork("10.1.2.3/8").toString());
        assertEquals("1.1.1.1/32", IpAddresses.parseNetwork("1.1.1.1").toString());
        assertEquals("2620:fe::/32", IpAddresses.parseNetwork("2620:fe::fe/32").toString());
        assertEquals("172.16.0.0/12", IpAddresses.parseNetwork("172.31.255.255/12").toString());
        assertNull(IpAddresses.parseNetwork("10.0.0.0/33"));
        assertNull(IpAddresses.parseNetwork("10.0.0.0/"));
        assertNull(IpAddresses.parseNetwork("10.0.0.0/-1"));
    }

    @Test
    void prefixTable_findsTheMostSpecificNetwork() {
        PrefixTable<String> t = new PrefixTable<>();
        t.put(IpAddresses.parseNetwork("10.0.0.0/8"), "eight");
        t.put(IpAddresses.parseNetwork("10.1.0.0/16"), "sixteen");
        assertEquals("sixteen", t.longest(IpAddresses.parse("10.1.2.3")).value());
        assertEquals("eight", t.longest(IpAddresses.parse("10.2.2.3")).value());
        assertEquals("10.1.0.0/16", t.longest(IpAddresses.parse("10.1.2.3")).network().toString());
        assertNull(t.longest(IpAddresses.parse("11.0.0.1")));
        assertEquals("eight", t.longest(IpAddresses.parse("10.1.0.0"), 12).value(), "a /12 is not inside the /16");
        assertNull(t.longest(IpAddresses.parse("::1")), "families are separate");
    }
}
