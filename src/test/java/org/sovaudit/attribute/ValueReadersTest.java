package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Package URLs, MAC addresses, distinguished names and the prefix structures built on them. */
class ValueReadersTest {

    @Test
    void purl_dropsVersionQualifiersAndSubpath_andDecodesNpmScopes() {
        Purl p = Purl.parse("pkg:npm/%40huaweicloud/huaweicloud-sdk-core@3.1.0?arch=x64#lib/index.js");
        assertEquals("npm", p.type());
        assertEquals("@huaweicloud/huaweicloud-sdk-core", p.path());
        assertEquals("huaweicloud-sdk-core", p.name());
        assertEquals("@huaweicloud", p.namespace());
        assertEquals("@alicloud/pop-core", Purl.parse("pkg:npm/@alicloud/pop-core@1.7.13").path(), "a raw scope is no version");
        assertEquals("com.aliyun.oss/aliyun-sdk-oss", Purl.parse("pkg:Maven/com.aliyun.oss/aliyun-sdk-oss@3.17.4").path());
        assertEquals("github.com/aliyun/alibaba-cloud-sdk-go",
                Purl.parse("pkg:golang/github.com/aliyun/alibaba-cloud-sdk-go@1.62.0").path());
        assertEquals("ubuntu/openssl", Purl.parse("pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15?arch=amd64&distro=jammy").path());
    }

    @Test
    void purl_normalisesPypiNamesAsPep503Says() {
        assertEquals("torch-npu", Purl.parse("pkg:pypi/Torch_NPU@2.1.0").path());
        assertEquals("alibabacloud-ecs20140526", Purl.parse("pkg:pypi/alibabacloud_ecs20140526").name());
        assertEquals("zope-interface", Purl.parse("pkg:pypi/zope..Interface").path());
    }

    @Test
    void purl_refusesWhatIsNoPackageUrl() {
        for (String s : List.of("", "boto3", "pkg:", "pkg:pypi", "pkg:pypi/", "pkg:/boto3", "pkg:py pi/boto3", "pkg:pypi/%zz",
                "https://pypi.org/project/boto3", "pkg:pypi/" + "a".repeat(2000))) {
            assertNull(Purl.parse(s), s);
        }
        assertNull(Purl.parse(null));
    }

    @Test
    void mac_readsEverySpelling_andKnowsLocalAndGroupAddresses() {
        long mac = 0x00E0FC123456L;
        for (String s : List.of("00:e0:fc:12:34:56", "00-E0-FC-12-34-56", "00e0.fc12.3456", "00E0FC123456", " 00:e0:fc:12:34:56 ")) {
            assertEquals(mac, Macs.parse(s), s);
        }
        for (String s : List.of("00:e0:fc:12:34", "00:e0:fc:12:34:56:78", "00:e0-fc:12:34:56", "00e0.fc1234.56", "0:e0:fc:12:34:56",
                "00:e0:fc:12:34:5g", "00:e0:fc:12:34:\u0665\u0666", "")) {
            assertEquals(-1, Macs.parse(s), s);
        }
        assertEquals(0x00E0FC, Macs.oui(mac));
        assertFalse(Macs.locallyAdministered(mac));
        assertTrue(Macs.locallyAdministered(Macs.parse("02:42:ac:11:00:02")), "docker bridge addresses are local");
        assertTrue(Macs.group(Macs.parse("01:00:5e:00:00:fb")));
        assertEquals(0x00E0FC, Macs.parseOui("00-e0-fc"));
        assertEquals("00E0FC", Macs.formatOui(0x00E0FC));
        assertEquals(-1, Macs.parseOui("00E0F"));
    }

    @Test
    void distinguishedName_keyIgnoresOrderSpacingAndCase() {
        String bc = "C=CN,O=China Financial Certification Authority,CN=CFCA EV ROOT";
        String rfc = "CN=CFCA EV ROOT, O=China Financial Certification Authority, C=CN";
        assertEquals(DistinguishedNames.key(bc), DistinguishedNames.key(rfc));
        assertEquals(DistinguishedNames.key(bc), DistinguishedNames.key("c=cn, o=china  financial certification authority,cn=cfca ev root"));
        assertEquals(DistinguishedNames.key("O=DigiCert\\, Inc.,C=US"), DistinguishedNames.key("C=US, O=DigiCert\\, Inc."));
        assertTrue(!DistinguishedNames.key("O=DigiCert\\, Inc.").equals(DistinguishedNames.key("O=DigiCert,O=Inc.")),
                "an escaped comma stays inside its value");
        assertNull(DistinguishedNames.key("CFCA EV ROOT"));
        assertEquals("CN", DistinguishedNames.value(rfc, "c"));
        assertEquals(List.of("China Financial Certification Authority", "CFCA EV ROOT"),
                DistinguishedNames.values(bc, List.of("O", "CN")));
    }

    @Test
    void prefixTrie_prefersTheLongestEntry_andExactAtEqualLength() {
        PrefixTrie<String> t = new PrefixTrie<>();
        t.put("aws-", true, "prefix aws-");
        t.put("aws-cdk-", true, "prefix aws-cdk-");
        t.put("aws-cdk-lib", false, "exact aws-cdk-lib");
        t.put("aws-cdk-lib", true, "prefix aws-cdk-lib");
        assertEquals("prefix aws-", t.find("aws-sam"));
        assertEquals("prefix aws-cdk-", t.find("aws-cdk-core"));
        assertEquals("exact aws-cdk-lib", t.find("aws-cdk-lib"));
        assertEquals("prefix aws-cdk-lib", t.find("aws-cdk-lib2"));
        assertNull(t.find("aws"));
        assertEquals(4, t.size());
    }

    @Test
    void packagePattern_readsExactPrefixAndAnyDistribution() {
        PackageTable.Pattern exact = PackageTable.Pattern.parse("pkg:pypi/Torch_NPU");
        assertEquals("torch-npu", exact.key());
        assertFalse(exact.prefix());
        PackageTable.Pattern scope = PackageTable.Pattern.parse("pkg:npm/@alicloud/*");
        assertEquals("@alicloud/", scope.key());
        assertTrue(scope.prefix());
        PackageTable.Pattern any = PackageTable.Pattern.parse("pkg:deb/*/cuda-*");
        assertTrue(any.anyNamespace());
        assertEquals("cuda-", any.key());
        for (String bad : List.of("pypi/boto3", "pkg:pypi", "pkg:pypi/*/boto3", "pkg:pypi/bo*to3", "pkg:pypi/boto3@1.0")) {
            assertNull(PackageTable.Pattern.parse(bad), bad);
        }
    }

    @Test
    void packageTable_letsAVendorPackageNameBeatItsDistribution() {
        PackageTable<String> t = new PackageTable<>();
        t.put(PackageTable.Pattern.parse("pkg:deb/ubuntu/*"), "canonical");
        t.put(PackageTable.Pattern.parse("pkg:deb/*/cuda-*"), "nvidia");
        t.put(PackageTable.Pattern.parse("pkg:pypi/boto3"), "aws");
        assertEquals("canonical", t.find(Purl.parse("pkg:deb/ubuntu/openssl@3.0.2")));
        assertEquals("nvidia", t.find(Purl.parse("pkg:deb/ubuntu/cuda-toolkit-12-4@12.4.1")));
        assertEquals("nvidia", t.find(Purl.parse("pkg:deb/debian/cuda-drivers")));
        assertNull(t.find(Purl.parse("pkg:rpm/rhel/cuda-drivers")), "another type");
        assertEquals("aws", t.find(Purl.parse("pkg:pypi/boto3@1.34.0")));
        assertNull(t.find(Purl.parse("pkg:pypi/boto3-stubs@1.34.0")));
        assertNull(t.find(null));
    }
}
