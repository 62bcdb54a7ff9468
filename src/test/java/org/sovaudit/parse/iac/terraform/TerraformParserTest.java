package org.sovaudit.parse.iac.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.parse.TestFiles;

class TerraformParserTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "hashicorp/aws, hashicorp/aws",
            "HuaweiCloud/HuaweiCloud, huaweicloud/huaweicloud",
            "registry.terraform.io/hashicorp/aws, hashicorp/aws",
            "registry.opentofu.org/hashicorp/aws, registry.opentofu.org/hashicorp/aws",
            "tf.corp.internal:8443/ministry/net, tf.corp.internal:8443/ministry/net",
    })
    void sourceAddress_isNormalised(String source, String expected) {
        assertEquals(Optional.of(expected), TerraformParser.sourceAddress(source));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "a/b/c/d", "hashicorp/", "/aws", "bad host/ns/type", "ns/ty pe", "ns/-type"})
    void sourceAddress_invalid_isRefused(String source) {
        assertEquals(Optional.empty(), TerraformParser.sourceAddress(source));
    }

    @Test
    void hcl4jLine_readsTheLexerMessage() {
        assertEquals(34, TerraformParser.hcl4jLine("Illegal character <(=) - state: 14> found on line: 34 col: 50"));
        assertEquals(0, TerraformParser.hcl4jLine("Error Parsing Numerical Value in HCL Attribute"));
        assertEquals(0, TerraformParser.hcl4jLine(null));
    }

    @Test
    void safeParser_registersNoLookupOrFunction_andEvaluatesNone() throws Exception {
        SafeHclParser parser = new SafeHclParser();
        assertEquals(0, parser.registered());
        Map<String, Object> parsed = parser.parse("locals {\n  t = timestamp()\n  u = uuid()\n}\n", Boolean.FALSE);
        Map<?, ?> locals = (Map<?, ?>) parsed.get("locals");
        assertNull(locals.get("t"), "timestamp() must not be evaluated: parsing is pure");
        assertNull(locals.get("u"), "uuid() must not be evaluated: parsing is pure");
    }

    @Test
    void regionOfProviderWithDeclaredSource_takesTheSourceTypeAsContext() {
        ParseResult result = new TerraformParser().parse(TestFiles.file("main.tf", """
                terraform {
                  required_providers {
                    hw = { source = "huaweicloud/huaweicloud" }
                  }
                }
                provider "hw" {
                  region = "af-south-1"
                }
                """));
        assertEquals(2, result.observations().size());
        assertEquals("huaweicloud/huaweicloud", result.observations().get(0).value());
        assertEquals("af-south-1", result.observations().get(1).value());
        assertEquals("huaweicloud", result.observations().get(1).context());
        assertEquals(7, result.observations().get(1).where().line());
        assertEquals("region = \"af-south-1\"", result.observations().get(1).where().snippet());
    }

    @Test
    void tooLargeFile_isRefusedWithAnError() {
        byte[] big = new byte[(int) TerraformParser.MAX_BYTES + 1];
        ParseResult result = new TerraformParser().parse(TestFiles.file("big.tf", big));
        assertEquals(1, result.errors().size());
        assertEquals(0, result.errors().get(0).line());
    }

    @Test
    void largeFile_isReadItemByItem_withHcl4jFaultsAtTheirLineInTheFile() {
        StringBuilder tf = new StringBuilder("""
                provider "aws" {
                  region = "eu-west-1"
                }
                """);
        int line = 4;
        int faultLine = 0;
        for (int i = 0; i < 3000; i++) {
            boolean fault = i == 2500;
            tf.append("resource \"aws_s3_bucket\" \"b").append(i).append("\" {\n")
                    .append("  bucket = \"logs-").append(i).append(fault ? "\";\n" : "\"\n")
                    .append("}\n");
            if (fault) {
                faultLine = line + 1;
            }
            line += 3;
        }
        tf.append("provider \"aws\" {\n  alias  = \"za\"\n  region = \"af-south-1\"\n}\n");
        ParseResult result = new TerraformParser().parse(TestFiles.file("big.tf", tf.toString()));
        assertEquals(1, result.errors().size(), result.errors().toString());
        assertEquals(faultLine, result.errors().get(0).line());
        assertTrue(result.errors().get(0).reason().contains("line: " + faultLine), result.errors().get(0).reason());
        List<String> regions = result.observations().stream().filter(o -> o.role() == Role.CLOUD_REGION)
                .map(o -> o.value() + "@" + o.where().line()).toList();
        assertEquals(List.of("eu-west-1@2", "af-south-1@" + (line + 2)), regions);
    }
}
