package org.sovaudit.parse.iac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class CloudZonesTest {

    @Test
    void region_eachCloudsZoneShape_namesItsRegion() {
        assertEquals(Optional.of("eu-west-1"), CloudZones.region("aws", "eu-west-1a"));
        assertEquals(Optional.of("us-east-1"), CloudZones.region("aws", "us-east-1-bos-1a"));
        assertEquals(Optional.of("us-gov-east-1"), CloudZones.region("aws", "us-gov-east-1b"));
        assertEquals(Optional.of("asia-east2"), CloudZones.region("google", "asia-east2-c"));
        assertEquals(Optional.of("cn-hangzhou"), CloudZones.region("alicloud", "cn-hangzhou-k"));
        assertEquals(Optional.of("ap-southeast-1"), CloudZones.region("alicloud", "ap-southeast-1a"));
        assertEquals(Optional.of("cn-north-4"), CloudZones.region("huaweicloud", "cn-north-4b"));
        assertEquals(Optional.of("ap-singapore"), CloudZones.region("tencentcloud", "ap-singapore-2"));
        assertEquals(Optional.of("ru-central1"), CloudZones.region("yandex", "ru-central1-d"));
        assertEquals(Optional.of("fsn1"), CloudZones.region("hcloud", "fsn1-dc14"));
        assertEquals(Optional.of("eu-frankfurt-1"), CloudZones.region("oci", "Abcd:EU-FRANKFURT-1-AD-2"));
        assertEquals(Optional.empty(), CloudZones.region("oci", "Abcd:PHX-AD-1"));
    }

    @Test
    void region_azureNumberedZoneOrUnknownCloud_namesNone() {
        assertEquals(Optional.empty(), CloudZones.region("azurerm", "2"));
        assertEquals(Optional.empty(), CloudZones.region("openstack", "nova"));
        assertEquals(Optional.empty(), CloudZones.region("aws", "${var.zone}"));
    }

    @Test
    void guess_sharedAwsShape_keepsRegionWithoutCloud() {
        assertEquals(Optional.of(new CloudZones.Zone("aws", "eu-north-1")), CloudZones.guess("eu-north-1c"));
        assertEquals(Optional.of(new CloudZones.Zone("", "us-east-1")), CloudZones.guess("us-east-1a"));
        assertEquals(Optional.of(new CloudZones.Zone("alicloud", "cn-zhangjiakou")), CloudZones.guess("cn-zhangjiakou-a"));
        assertEquals(Optional.of(new CloudZones.Zone("azurerm", "westeurope")), CloudZones.guess("westeurope-2"));
        assertEquals(Optional.empty(), CloudZones.guess("rack-7"));
        assertEquals(Optional.empty(), CloudZones.guess("office-1"));
    }

    @Test
    void arnRegion_partitionsAndGlobalServices() {
        assertEquals(Optional.of("cn-north-1"), CloudZones.arnRegion("arn:aws-cn:ecr:cn-north-1:111122223333:repository/app"));
        assertEquals(Optional.of("us-gov-west-1"), CloudZones.arnRegion("arn:aws-us-gov:sqs:us-gov-west-1:111122223333:q"));
        assertEquals(Optional.empty(), CloudZones.arnRegion("arn:aws:iam::111122223333:role/reader"));
        assertEquals(Optional.empty(), CloudZones.arnRegion("not an arn"));
    }
}
