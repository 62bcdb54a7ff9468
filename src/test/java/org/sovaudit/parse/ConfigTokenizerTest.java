package org.sovaudit.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConfigTokenizerTest {

    /** A VRP-like syntax; the view predicate names the commands that open views in flat scripts. */
    private static final ConfigSyntax SYNTAX = ConfigSyntax.builder()
            .comments("#", "!")
            .separators("#")
            .closeWords("quit")
            .endWords("return")
            .opensView(words -> Set.of("aaa", "interface", "domain").contains(words.get(0))
                    || (words.size() > 2 && words.get(1).equals("template")))
            .pagerMarkers("---- More ----")
            .prompt(java.util.regex.Pattern.compile("^\\[[^\\]]+\\]\\s*"), "[")
            .build();

    private static ConfigLine line(List<ConfigLine> lines, int number) {
        return lines.stream().filter(l -> l.number() == number).findFirst().orElseThrow();
    }

    @Test
    void indentedBlocks_childrenKnowTheirHeader() {
        List<ConfigLine> lines = ConfigTokenizer.tokenize("""
                !Software Version V800R021C10SPC600
                #
                hwtacacs-server template ACS
                 hwtacacs-server authentication 10.1.1.1
                 hwtacacs-server accounting 10.1.1.1
                #
                aaa
                 domain default
                  authentication-scheme tacacs
                 #
                 local-user admin level 3
                #
                dns server 8.8.8.8
                return
                """, SYNTAX);
        assertTrue(line(lines, 1).comment());
        assertTrue(line(lines, 2).comment());
        assertEquals("hwtacacs-server template ACS", line(lines, 4).parent().text());
        assertEquals(1, line(lines, 4).indent());
        assertEquals(List.of("hwtacacs-server", "authentication", "10.1.1.1"), line(lines, 4).words());
        assertEquals("domain default", line(lines, 9).parent().text());
        assertEquals(List.of("aaa", "domain default"), line(lines, 9).headers().stream().map(ConfigLine::text).toList());
        assertEquals("aaa", line(lines, 11).parent().text(), "a nested separator closes only the inner block");
        assertNull(line(lines, 13).parent());
        assertEquals("aaa", line(lines, 9).enclosing("aaa").text());
    }

    @Test
    void flatScript_nestsByViewsUntilQuit() {
        List<ConfigLine> lines = ConfigTokenizer.tokenize("""
                hwtacacs-server template NEWACS
                hwtacacs-server authentication 10.50.2.20
                hwtacacs-server accounting 10.50.2.20
                quit
                aaa
                domain default_admin
                hwtacacs-server NEWACS
                quit
                local-user admin level 3
                quit
                dns server 10.50.0.53
                """, SYNTAX);
        assertEquals("hwtacacs-server template NEWACS", line(lines, 2).parent().text());
        assertEquals("hwtacacs-server template NEWACS", line(lines, 3).parent().text());
        assertEquals("domain default_admin", line(lines, 7).parent().text());
        assertEquals("aaa", line(lines, 9).parent().text());
        assertNull(line(lines, 11).parent());
    }

    @Test
    void indentedFile_ignoresViewPredicate() {
        List<ConfigLine> lines = ConfigTokenizer.tokenize("""
                aaa
                 domain default
                 domain default_admin
                  authentication-scheme tacacs
                sysname X
                """, SYNTAX);
        assertEquals("aaa", line(lines, 3).parent().text(), "an empty view is a sibling, not a parent");
        assertEquals("domain default_admin", line(lines, 4).parent().text());
        assertNull(line(lines, 5).parent());
    }

    @Test
    void returnClosesEverything_andQuitClosesOneBlock() {
        List<ConfigLine> lines = ConfigTokenizer.tokenize("""
                aaa
                 domain default
                  x
                  quit
                 y
                return
                z
                """, SYNTAX);
        assertEquals("aaa", line(lines, 5).parent().text());
        assertNull(line(lines, 7).parent());
    }

    @Test
    void crlfTabsAndPagerPrompts_areTolerated() {
        String text = "interface\tGigabitEthernet0/0/1\r\n\tip address 10.0.0.1 255.255.255.0\r\n"
                + "  ---- More ----\u001B[42D                                          \u001B[42D info-center loghost 10.1.1.1\r\n"
                + "\r\n#\r\n";
        List<ConfigLine> lines = ConfigTokenizer.tokenize(text, SYNTAX);
        assertEquals(List.of("interface", "GigabitEthernet0/0/1"), line(lines, 1).words());
        assertEquals("interface\tGigabitEthernet0/0/1", line(lines, 1).raw());
        assertEquals("interface GigabitEthernet0/0/1", line(lines, 2).parent().text().replace('\t', ' '));
        ConfigLine pager = line(lines, 3);
        assertEquals("info-center loghost 10.1.1.1", pager.text());
        assertEquals(1, pager.indent());
        assertFalse(pager.raw().contains("More"));
        assertEquals(4, lines.size(), "blank lines are dropped, numbering is kept");
        assertEquals(5, lines.get(3).number());
    }

    @Test
    void cliPrompts_areRemovedBeforeCommands() {
        List<ConfigLine> lines = ConfigTokenizer.tokenize("""
                [~PE1] hwtacacs-server template T1
                [*PE1-hwtacacs-T1] hwtacacs-server authentication 10.1.6.6 49
                [*PE1-hwtacacs-T1] quit
                [*PE1] commit
                """, SYNTAX);
        assertEquals(List.of("hwtacacs-server", "authentication", "10.1.6.6", "49"), line(lines, 2).words());
        assertEquals("hwtacacs-server template T1", line(lines, 2).parent().text());
        assertNull(line(lines, 4).parent());
    }

    @Test
    void deepNesting_isBoundedAndDoesNotFail() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sb.append(" ".repeat(i)).append("level").append(i).append('\n');
        }
        List<ConfigLine> lines = ConfigTokenizer.tokenize(sb.toString(), SYNTAX);
        assertEquals(500, lines.size());
        assertTrue(lines.get(499).headers().size() <= ConfigTokenizer.MAX_DEPTH);
    }

    @Test
    void textLines_countLinesLikeEditors() {
        assertEquals(List.of("a", "b", "", "c"), TextLines.split("a\r\nb\r\r\n\nc"));
        assertEquals(List.of("a"), TextLines.split("a\n"));
        assertEquals(List.of(), TextLines.split(""));
        assertEquals(List.of("a\rb"), TextLines.split("a\rb"));
    }

    @Test
    void braces_statementsKnowTheirBlocks_commentsAndListsAndQuotesAreUnderstood() {
        ConfigSyntax braces = ConfigSyntax.builder().layout(ConfigSyntax.Layout.BRACES).build();
        ConfigTokenizer.Result r = ConfigTokenizer.read("""
                ## Last commit: 2024-03-18
                system {
                    /* two
                       lines */
                    name-server { 10.0.0.1; 10.0.0.2; }
                    login {
                        message "a; b { c }";
                    }
                    domain-search [ a.example b.example ];
                }
                """, braces);
        assertEquals(List.of(), r.problems());
        List<ConfigLine> lines = r.lines();
        ConfigLine first = lines.get(0);
        assertTrue(first.comment());
        assertEquals(1, first.number());
        ConfigLine ns1 = lines.stream().filter(l -> l.text().equals("10.0.0.1")).findFirst().orElseThrow();
        ConfigLine ns2 = lines.stream().filter(l -> l.text().equals("10.0.0.2")).findFirst().orElseThrow();
        assertEquals(5, ns1.number());
        assertEquals(5, ns2.number(), "statements sharing a line keep its number");
        assertEquals(List.of("system", "name-server"), ns1.headers().stream().map(ConfigLine::text).toList());
        ConfigLine message = lines.stream().filter(l -> l.keyword(0).equals("message")).findFirst().orElseThrow();
        assertEquals("\"a; b { c }\"", message.word(1));
        assertEquals("login", message.parent().text());
        ConfigLine search = lines.stream().filter(l -> l.keyword(0).equals("domain-search")).findFirst().orElseThrow();
        assertEquals(List.of("domain-search", "[", "a.example", "b.example", "]"), search.words());
        assertTrue(lines.stream().anyMatch(l -> l.comment() && l.text().startsWith("/*") && l.number() == 3));
    }

    @Test
    void braces_unbalancedBlocksAndQuotes_areProblemsWithTheirLines() {
        ConfigSyntax braces = ConfigSyntax.builder().layout(ConfigSyntax.Layout.BRACES).build();
        ConfigTokenizer.Result r = ConfigTokenizer.read("a {\n  b;\n}\n}\nc {\n  d \"open;\n", braces);
        assertEquals(List.of(4, 5, 6), r.problems().stream().map(ConfigTokenizer.Problem::line).sorted().toList(),
                r.problems().toString());
        assertTrue(r.lines().stream().anyMatch(l -> l.text().equals("b")));
    }

    @Test
    void continuationsAndSections_makeOneCommandInItsSection() {
        ConfigSyntax routerOs = ConfigSyntax.builder().comments("#").continuation('\\').sectionPrefix("/").quotedWords(true).build();
        List<ConfigLine> lines = ConfigTokenizer.tokenize("""
                # header
                /ip dns
                set servers=10.0.0.1 \\
                    allow-remote-requests=no comment="two words"
                /system identity
                set name=R1
                """, routerOs);
        ConfigLine dns = line(lines, 3);
        assertEquals(List.of("set", "servers=10.0.0.1", "allow-remote-requests=no", "comment=\"two words\""), dns.words());
        assertEquals("/ip dns", dns.parent().text());
        assertEquals("/system identity", line(lines, 6).parent().text());
        assertEquals(5, lines.size(), "the continued line is joined, numbering kept");
    }

    @Test
    void textBlocks_areSkipped_andAnUnclosedOneIsAProblem() {
        ConfigSyntax ios = ConfigSyntax.builder().comments("!").separators("!")
                .textBlock(words -> words.size() >= 3 && words.get(0).equals("banner") ? "^C" : null).build();
        ConfigTokenizer.Result closed = ConfigTokenizer.read("banner motd ^C\nntp server 1.2.3.4\n^C\nhostname R1\n", ios);
        assertEquals(List.of("banner motd ^C", "hostname R1"), closed.lines().stream().map(ConfigLine::text).toList());
        ConfigTokenizer.Result oneLine = ConfigTokenizer.read("banner motd ^Chello^C\nhostname R1\n", ios);
        assertEquals(2, oneLine.lines().size());
        ConfigTokenizer.Result open = ConfigTokenizer.read("banner motd ^C\nntp server 1.2.3.4\n", ios);
        assertEquals(List.of(new ConfigTokenizer.Problem(1, "text block (banner) opened here has no closing '^C'; "
                + "the lines after it are read as commands")), open.problems());
        assertEquals(2, open.lines().size(), "the lines after an unclosed banner are still read");
    }

    @Test
    void backspacePager_isRemovedAndTheLineKeepsItsIndent() {
        ConfigSyntax ios = ConfigSyntax.builder().comments("!").pagerMarkers("--More--").build();
        String bs = "\b".repeat(9);
        List<ConfigLine> lines = ConfigTokenizer.tokenize("interface Gi0/1\n --More-- " + bs + "         " + bs
                + " ip address 10.0.0.1 255.255.255.0\n", ios);
        assertEquals("ip address 10.0.0.1 255.255.255.0", line(lines, 2).text());
        assertEquals("interface Gi0/1", line(lines, 2).parent().text());
    }

    @Test
    void quotedWords_keepBlanksInsideQuotes() {
        assertEquals(List.of("set", "a=\"x y\"", "b"), ConfigTokenizer.words("set a=\"x y\" b", true));
        assertEquals(List.of("set", "a=\"x", "y\"", "b"), ConfigTokenizer.words("set a=\"x y\" b", false));
        assertEquals(List.of(), ConfigTokenizer.words("", true));
    }
}
