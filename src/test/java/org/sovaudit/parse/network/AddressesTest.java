package org.sovaudit.parse.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.ObservationKind;

class AddressesTest {

    @Test
    void prefix_normalisesAndTurnsHostPrefixesIntoAddresses() {
        assertEquals(Optional.of(new Addresses.Source(ObservationKind.CIDR, "10.20.0.0/16")), Addresses.prefix("10.20.0.0/16"));
        assertEquals(Optional.of(new Addresses.Source(ObservationKind.IP_ADDRESS, "196.201.214.9")), Addresses.prefix("196.201.214.9/32"));
        assertEquals(Optional.of(new Addresses.Source(ObservationKind.CIDR, "2001:db8::/32")), Addresses.prefix("2001:DB8:0::/32"));
        assertEquals(Optional.empty(), Addresses.prefix("10.0.0.0/33"));
        assertEquals(Optional.empty(), Addresses.prefix("10.0.0.0/"));
        assertEquals(Optional.empty(), Addresses.prefix("bootflash:/nxos.bin"));
    }

    @Test
    void masked_readsNetmasksAndWildcards_andRefusesHoles() {
        assertEquals(Optional.of(new Addresses.Source(ObservationKind.CIDR, "10.20.0.0/16")), Addresses.masked("10.20.0.0", "0.0.255.255", true));
        assertEquals(Optional.of(new Addresses.Source(ObservationKind.CIDR, "10.20.1.0/24")), Addresses.masked("10.20.1.0", "255.255.255.0", false));
        assertEquals(Optional.of(new Addresses.Source(ObservationKind.IP_ADDRESS, "10.20.1.30")), Addresses.masked("10.20.1.30", "0", true));
        assertEquals(Optional.of(new Addresses.Source(ObservationKind.IP_ADDRESS, "10.20.1.30")), Addresses.masked("10.20.1.30", "0.0.0.0", true));
        assertEquals(Optional.empty(), Addresses.masked("10.0.0.0", "0.0.255.0", true), "a wildcard with holes is no prefix");
        assertEquals(Optional.empty(), Addresses.masked("10.0.0.300", "0.0.0.255", true));
    }

    @Test
    void asn_readsPlainAndAsdot_andBoundsTheRange() {
        assertEquals(OptionalLong.of(33771), Addresses.asn("33771"));
        assertEquals(OptionalLong.of(33771), Addresses.asn("AS33771"));
        assertEquals(OptionalLong.of(65546), Addresses.asn("1.10"));
        assertEquals(OptionalLong.of(4_294_967_295L), Addresses.asn("4294967295"));
        assertEquals(OptionalLong.empty(), Addresses.asn("4294967296"));
        assertEquals(OptionalLong.empty(), Addresses.asn("0"));
        assertEquals(OptionalLong.empty(), Addresses.asn("65100.1.7"));
        assertEquals(OptionalLong.empty(), Addresses.asn("external"));
    }

    @Test
    void publicAsn_excludesPrivateDocumentationAndReserved() {
        assertTrue(Addresses.publicAsn(33771));
        assertTrue(Addresses.publicAsn(4134));
        assertFalse(Addresses.publicAsn(65001));
        assertFalse(Addresses.publicAsn(64500));
        assertFalse(Addresses.publicAsn(23456));
        assertFalse(Addresses.publicAsn(4_200_000_001L));
    }

    @Test
    void maskLike_tellsMasksFromHosts() {
        assertTrue(Addresses.maskLike("255.255.255.0"));
        assertTrue(Addresses.maskLike("0.0.0.255"));
        assertTrue(Addresses.maskLike("254.0.0.0"));
        assertFalse(Addresses.maskLike("8.8.8.8"));
        assertFalse(Addresses.maskLike("196.201.214.9"));
    }

    @Test
    void defaultsAndZeros_inEverySpelling() {
        assertTrue(Addresses.isDefault("0.0.0.0/0"));
        assertTrue(Addresses.isDefault("::/0"));
        assertFalse(Addresses.isDefault("10.0.0.0/8"));
        assertTrue(Addresses.isZero("0.0.0.0"));
        assertTrue(Addresses.isZero("::"));
    }
}
