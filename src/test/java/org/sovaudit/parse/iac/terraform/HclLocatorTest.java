package org.sovaudit.parse.iac.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class HclLocatorTest {

    @Test
    void blocksAttributesAndObjectItems_haveTheirLines() {
        HclLocator.Located located = HclLocator.locate("""
                # comment with provider "fake" {
                terraform {
                  required_providers {
                    hc = { source = "huaweicloud/huaweicloud", version = "1.0" }
                    aws = {
                      // the AWS provider
                      source = "hashicorp/aws"
                    }
                  }
                }
                /* provider "commented" {
                   region = "x" } */
                provider "aws" { region = "eu-west-1" }
                provider aws {
                  alias  = "two"
                  region = "us-east-1"   # trailing comment
                }
                """);
        assertNull(located.fault());
        List<HclLocator.Node> body = located.body();
        assertEquals(3, body.size());
        HclLocator.Node terraform = body.get(0);
        assertEquals(2, terraform.line());
        HclLocator.Node required = terraform.blocks("required_providers").get(0);
        HclLocator.Node hc = required.attribute("hc");
        assertEquals(4, hc.attribute("source").line());
        assertEquals("huaweicloud/huaweicloud", hc.attribute("source").literal());
        assertEquals(7, required.attribute("aws").attribute("source").line());
        HclLocator.Node oneLine = body.get(1);
        assertEquals(List.of("aws"), oneLine.labels());
        assertEquals(13, oneLine.attribute("region").line());
        assertEquals("eu-west-1", oneLine.attribute("region").literal());
        HclLocator.Node bare = body.get(2);
        assertEquals(List.of("aws"), bare.labels());
        assertEquals(16, bare.attribute("region").line());
        assertEquals("us-east-1", bare.attribute("region").literal());
    }

    @Test
    void nonLiteralValues_haveNoLiteral() {
        HclLocator.Located located = HclLocator.locate("""
                provider "a" {
                  r1 = var.region
                  r2 = "${var.region}"
                  r3 = "eu-${var.x}-1"
                  r4 = lower("EU")
                  r5 = "a" == "b" ? "x" : "y"
                  r6 = <<EOT
                eu-west-1
                EOT
                  r7 = "$${literal}"
                  r8 = "tab\\there"
                }
                """);
        assertNull(located.fault());
        HclLocator.Node p = located.body().get(0);
        for (String name : List.of("r1", "r2", "r3", "r4", "r5", "r6")) {
            assertNull(p.attribute(name).literal(), name);
        }
        assertEquals("${literal}", p.attribute("r7").literal());
        assertEquals("tab\there", p.attribute("r8").literal());
        assertEquals(10, p.attribute("r7").line(), "heredoc lines are counted");
    }

    @Test
    void templatesWithNestedStringsAndBraces_doNotConfuseStructure() {
        HclLocator.Located located = HclLocator.locate("""
                locals {
                  a = "${lookup({ "k" = "}" }, "k", "{")}"
                  b = [for s in ["x", "y"] : upper(s)]
                  c = { for k, v in var.m : k => v if v != "" }
                  d = { (var.key) = "v", "quoted" = 1, plain: 2 }
                  e = var.a == var.b ? { x = 1 } : { x = 2 }
                }
                provider "p" {
                  region = "r-1"
                }
                """);
        assertNull(located.fault());
        assertEquals(9, located.body().get(1).attribute("region").line());
        assertEquals(3, located.body().get(0).attribute("d").children().size());
    }

    @Test
    void faults_nameTheirLine() {
        assertFault("provider \"a\" {\n  region = \"x\"\n", 1, "not closed");
        assertFault("a {\n}\n}\n", 3, "unexpected '}'");
        assertFault("a {\n  b = \"open\n}\n", 2, "string");
        assertFault("a {\n  b = [1, 2\n}\n", 2, "not closed");
        assertFault("/* open\ncomment\n", 1, "comment");
        assertFault("a {\n  b = <<EOT\ntext\n}\n", 2, "heredoc");
        assertFault("a {\n  b = \"${var.x\"\n}\n", 2, "not closed");
        assertFault("\"a\" = 1\n", 1, "expected an attribute or block");
        assertFault("a {\n  b =\n}\n", 2, "no value");
        assertFault("a {\n  b = 1 c = 2\n}\n", 2, "a line of its own");
        assertFault("x = { (var.k = 1 }\n", 1, "not closed");
    }

    @Test
    void deepNesting_isAFaultNotAStackOverflow() {
        HclLocator.Located blocks = HclLocator.locate("a {\n".repeat(10_000));
        assertNotNull(blocks.fault());
        assertTrue(blocks.fault().getMessage().contains("deeper"), blocks.fault().getMessage());
        HclLocator.Located values = HclLocator.locate("a = " + "[".repeat(10_000) + "\n");
        assertTrue(values.fault().getMessage().contains("deeper"), values.fault().getMessage());
    }

    @Test
    void unclosedBlock_keepsWhatItHeld() {
        HclLocator.Located located = HclLocator.locate("provider \"a\" {\n  region = \"r-1\"\n");
        assertNotNull(located.fault());
        assertEquals("r-1", located.body().get(0).attribute("region").literal());
    }

    private static void assertFault(String source, int line, String part) {
        HclLocator.Located located = HclLocator.locate(source);
        assertNotNull(located.fault(), source);
        assertEquals(line, located.fault().line(), located.fault().getMessage());
        assertTrue(located.fault().getMessage().contains(part), located.fault().getMessage());
    }

    @Test
    void listOfPlainStrings_hasItsElementsWithTheirLines_expressionsAndNestedListsDoNot() {
        HclLocator.Located located = HclLocator.locate("""
                resource "x" "y" {
                  a = ["192.0.2.1", "192.0.2.2"]
                  b = [
                    "198.51.100.1",
                    var.other,
                    "pre-${var.x}",
                    ["nested"],
                    "203.0.113.9" # last
                  ]
                  c = [for s in ["x"] : s]
                  d = concat(["z"], var.more)
                }
                """);
        HclLocator.Node block = located.body().get(0);
        assertEquals(List.of("192.0.2.1@2", "192.0.2.2@2"), elements(block.attribute("a")));
        assertEquals(List.of("198.51.100.1@4", "203.0.113.9@8"), elements(block.attribute("b")));
        assertEquals(List.of(), elements(block.attribute("c")));
        assertEquals(List.of(), elements(block.attribute("d")));
    }

    private static List<String> elements(HclLocator.Node attribute) {
        return attribute.children().stream().map(c -> c.literal() + "@" + c.line()).toList();
    }
}
