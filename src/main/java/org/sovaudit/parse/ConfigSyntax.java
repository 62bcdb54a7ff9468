package org.sovaudit.parse;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How one vendor's device configuration is laid out, for {@link ConfigTokenizer}.
 *
 * @param commentPrefixes a line whose trimmed text starts with one of these is a comment
 *                        ({@code #} and {@code !} in Huawei VRP, {@code !} in Cisco IOS)
 * @param separators      comments that consist of the marker alone ({@code #}, {@code !}) end every
 *                        block opened at their indentation or deeper
 * @param closeWords      a line made of one of these words closes the block it stands in
 *                        ({@code quit}, {@code exit}, {@code exit-address-family}); lower case
 * @param endWords        a line made of one of these words closes every block ({@code return},
 *                        {@code end}); lower case
 * @param opensView       whether a command (its words) enters a configuration view; such a line also
 *                        takes the lines after it at the same indentation as children, so flat
 *                        scripts that rely on {@code quit} still nest (used only until a deeper
 *                        indented child shows the file is indented)
 * @param pagerMarkers    terminal pager prompts captured with the output ({@code ---- More ----});
 *                        the text after the prompt (and after its cursor-control codes) is kept
 * @param prompt          a CLI prompt that precedes commands in captured terminal sessions
 *                        ({@code [~PE1-aaa]}, {@code <PE1>}), removed from the start of a line;
 *                        null when the dialect has none
 */
public record ConfigSyntax(
        Set<String> commentPrefixes,
        Set<String> separators,
        Set<String> closeWords,
        Set<String> endWords,
        Predicate<List<String>> opensView,
        Set<String> pagerMarkers,
        Pattern prompt) {

    public ConfigSyntax {
        commentPrefixes = Set.copyOf(commentPrefixes);
        separators = Set.copyOf(separators);
        closeWords = lower(closeWords);
        endWords = lower(endWords);
        Objects.requireNonNull(opensView, "opensView");
        pagerMarkers = Set.copyOf(pagerMarkers);
    }

    private static Set<String> lower(Set<String> words) {
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
