package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed knowledge-base files fail loading with a message naming the file and the field. */
class KbLoaderTest {

    @TempDir
    Path dir;

    @BeforeEach
    void copyKnowledgeBase() throws IOException {
        Path source = KnowledgeBaseTest.KB_DIR;
        try (Stream<Path> files = Files.walk(source)) {
            files.forEach(p -> {
                try {
                    Path target = dir.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private void replace(String file, String from, String to) throws IOException {
        Path p = dir.resolve(file);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + " does not contain " + from);
        Files.writeString(p, text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)),
                StandardCharsets.UTF_8);
    }

    private String failure() {
        return assertThrows(AttributionException.class, () -> KnowledgeBase.load(dir)).getMessage();
    }

    private void assertNames(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + message + "' should name '" + part + "'");
        }
    }

    @Test
    void copy_loadsWithTheSameHash() {
        assertEquals(KnowledgeBase.loadDefault().sha256(), KnowledgeBase.load(dir).sha256());
    }

    @Test
    void editedFile_changesTheHash() throws IOException {
        replace("vendors/africa.yaml", "ASN AS33771", "ASN AS33771.");
        KnowledgeBase edited = KnowledgeBase.load(dir);
        assertTrue(!edited.sha256().equals(KnowledgeBase.loadDefault().sha256()));
    }

    @Test
    void vendorWithoutSource_namesFileAndField() throws IOException {
        replace("vendors/africa.yaml", "    source: \"Official domain kenet.or.ke (Kenya Education Network, the national research and education network, incl. its mirrors); ASN AS36914\"\n", "");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].source", "missing");
    }

    @Test
    void misspeltIndicatorField_isAnError() throws IOException {
        replace("vendors/africa.yaml", "    domains: [kenet.or.ke]", "    domians: [kenet.or.ke]");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].domians", "unknown field");
    }

    @Test
    void badCidr_namesTheEntry() throws IOException {
        replace("vendors/europe.yaml", "cidrs: [9.9.9.9/32,", "cidrs: [9.9.9.9/33,");
        assertNames(failure(), "vendors/europe.yaml", "vendors[15].cidrs[0]", "9.9.9.9/33");
    }

    @Test
    void cidrWithHostBits_isAnError() throws IOException {
        replace("vendors/europe.yaml", "cidrs: [9.9.9.9/32,", "cidrs: [9.9.9.9/24,");
        assertNames(failure(), "vendors/europe.yaml", "vendors[15].cidrs[0]", "host bits");
    }

    @Test
    void indicatorOfTwoVendors_isAnError() throws IOException {
        replace("vendors/africa.yaml", "domains: [kenet.or.ke]", "domains: [kenet.or.ke, aliyun.com]");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].domains[1]", "already belongs to vendor 'alibaba-cloud'");
    }

    @Test
    void unknownGroup_isAnError() throws IOException {
        replace("vendors/africa.yaml", "group: kenet", "group: kenya-net");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].group", "unknown group 'kenya-net'");
    }

    @Test
    void unknownJurisdiction_isAnError() throws IOException {
        replace("vendors/africa.yaml", "jurisdiction: KE\n    layers: [connectivity]\n    source: \"Official domain kenet",
                "jurisdiction: XX\n    layers: [connectivity]\n    source: \"Official domain kenet");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].jurisdiction", "unknown jurisdiction 'XX'");
    }

    @Test
    void unknownLayer_isAnError() throws IOException {
        replace("vendors/africa.yaml", "layers: [connectivity]\n    source: \"Official domain kenet",
                "layers: [backbone]\n    source: \"Official domain kenet");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].layers[0]", "backbone");
    }

    @Test
    void brokenYaml_namesTheFile() throws IOException {
        replace("groups.yaml", "  - {id: kenet,", "  - {id: [kenet,");
        assertNames(failure(), "groups.yaml", "not valid YAML");
    }

    @Test
    void unquotedNorway_isReadAsBooleanAndRefused() throws IOException {
        replace("jurisdictions.yaml", "{code: \"NO\",", "{code: NO,");
        assertNames(failure(), "jurisdictions.yaml", "jurisdictions[", "].code", "boolean");
    }

    @Test
    void missingListedFile_namesIt() throws IOException {
        Files.delete(dir.resolve("vendors/russia.yaml"));
        assertNames(failure(), "vendors/russia.yaml", "missing");
    }

    @Test
    void listedFileOutsideTheDirectory_isRefused() throws IOException {
        replace("kb.yaml", "  - vendors/russia.yaml", "  - ../russia.yaml");
        assertNames(failure(), "kb.yaml", "vendors[3]", "relative path");
    }

    @Test
    void addressTable_withAValueThatIsNoJurisdiction_orNotGzip_orNamedOtherwise_isRefused() throws IOException {
        Path countries = dir.resolve("generated/address-countries.txt.gz");
        try (java.io.OutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(countries))) {
            gz.write("4 1 2 KE\n4 3 4 Q1\n".getBytes(StandardCharsets.UTF_8));
        }
        assertNames(failure(), "generated/address-countries.txt.gz", "'Q1'", "jurisdiction");
        Files.writeString(countries, "4 1 2 KE\n", StandardCharsets.UTF_8);
        assertNames(failure(), "generated/address-countries.txt.gz", "gzip");
        replace("kb.yaml", "asns: generated/address-asns.txt.gz", "asns: generated/address-asns.csv");
        assertNames(failure(), "kb.yaml", ".txt.gz");
    }

    @Test
    void groupWithoutVendor_isAnError() throws IOException {
        replace("groups.yaml", "  - {id: kenet,", "  - {id: orphan, name: \"Orphan\", jurisdiction: \"KE\"}\n  - {id: kenet,");
        assertNames(failure(), "groups.yaml", "'orphan' has no vendor");
    }

    @Test
    void badOui_isAnError() throws IOException {
        replace("generated/ouis.yaml", "ouis: [\"", "ouis: [\"00E0F\", \"");
        assertNames(failure(), "generated/ouis.yaml", "indicators[0].ouis[0]", "six hex digits");
    }

    @Test
    void ouiOfTwoVendors_isAnError() throws IOException {
        replace("vendors/africa.yaml", "domains: [kenet.or.ke]", "domains: [kenet.or.ke]\n    ouis: [\"00E0FC\"]");
        assertNames(failure(), "generated/ouis.yaml", "already belongs to vendor 'kenet'");
    }

    @Test
    void indicatorFileNamingAnUnknownVendor_isAnError() throws IOException {
        replace("generated/ouis.yaml", "  - vendor: huawei\n", "  - vendor: huawei-devices\n");
        assertNames(failure(), "generated/ouis.yaml", "indicators[0].vendor", "unknown vendor 'huawei-devices'");
    }

    @Test
    void badPackagePattern_isAnError() throws IOException {
        replace("vendors/africa.yaml", "domains: [kenet.or.ke]", "domains: [kenet.or.ke]\n    packages: [\"pypi/kenet-tools\"]");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].packages[0]", "pkg:TYPE");
    }

    @Test
    void anyNamespacePattern_isOnlyForDistributionPackages() throws IOException {
        replace("vendors/africa.yaml", "domains: [kenet.or.ke]", "domains: [kenet.or.ke]\n    packages: [\"pkg:pypi/*/kenet\"]");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].packages[0]", "pkg:pypi/*/kenet");
    }

    @Test
    void cryptoPhraseWithSeparators_isAnError() throws IOException {
        replace("vendors/china.yaml", "crypto: [sm1, sm2,", "crypto: [sm1, sm2-gcm,");
        assertNames(failure(), "vendors/china.yaml", "crypto[1]", "separator");
    }

    @Test
    void badCaSubject_isAnError() throws IOException {
        replace("vendors/africa.yaml", "domains: [kenet.or.ke]", "domains: [kenet.or.ke]\n    ca-subjects: [\"KENET Root\"]");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].ca-subjects[0]", "distinguished name");
    }

    @Test
    void regionOfTwoVendors_isAnError() throws IOException {
        replace("vendors/africa.yaml", "domains: [kenet.or.ke]", "domains: [kenet.or.ke]\n    regions: [cn-hangzhou]");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].regions[0]", "already belongs to vendor 'alibaba-cloud'");
    }

    @Test
    void publicBenefitMustBeABoolean() throws IOException {
        replace("vendors/africa.yaml", "    public-benefit: true\n", "    public-benefit: \"maybe\"\n");
        assertNames(failure(), "vendors/africa.yaml", "vendors[1].public-benefit", "true or false");
    }

    @Test
    void badProductPhrase_isAnError() throws IOException {
        replace("vendors/asia-pacific.yaml", "products: [samsung*]", "products: [\"sam*sung\"]");
        assertNames(failure(), "vendors/asia-pacific.yaml", "vendors[0].products[0]", "sam*sung");
    }

    @Test
    void regionOfAnUnknownCountry_isAnError() throws IOException {
        replace("regions.yaml", "af-south-1: [\"ZA\", \"Cape Town\"]", "af-south-1: [\"XX\", \"Cape Town\"]");
        assertNames(failure(), "regions.yaml", "providers[0].regions.af-south-1", "'XX'");
    }

    @Test
    void regionTableOfAnUnknownVendor_isAnError() throws IOException {
        replace("regions.yaml", "  - vendor: hetzner\n", "  - vendor: hetzner-cloud\n");
        assertNames(failure(), "regions.yaml", "vendor", "unknown vendor 'hetzner-cloud'");
    }

    @Test
    void regionWithoutCity_isAnError() throws IOException {
        replace("regions.yaml", "fsn1: [\"DE\", \"Falkenstein\"]", "fsn1: [\"DE\"]");
        assertNames(failure(), "regions.yaml", "regions.fsn1", "city");
    }

    @Test
    void upperCaseRegionId_isAnError() throws IOException {
        replace("regions.yaml", "fsn1: [", "FSN1: [");
        assertNames(failure(), "regions.yaml", "FSN1", "lower-case");
    }

    @Test
    void regionListedTwice_isAnError() throws IOException {
        replace("regions.yaml", "      nbg1: [", "      fsn1: [\"DE\", \"Falkenstein\"]\n      nbg1: [");
        assertNames(failure(), "regions.yaml", "fsn1");
    }

    @Test
    void knowledgeBaseWithoutRegionTable_loadsWithNoLocations() throws IOException {
        replace("kb.yaml", "regions: regions.yaml\n", "");
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertEquals(0, kb.regionCount());
        assertTrue(kb.region("aws", "af-south-1").isEmpty());
    }
}
