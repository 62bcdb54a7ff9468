package org.sovaudit.parse.network;

import java.util.List;

import org.sovaudit.model.ParseResult;

/** Observations as short comparable rows: {@code role kind value line context}. */
public final class Rows {

    private Rows() {
    }

    public static List<String> of(ParseResult result) {
        return result.observations().stream()
                .map(o -> (o.role().id() + " " + o.kind().id() + " " + o.value() + " " + o.where().line() + " " + o.context()).strip())
                .toList();
    }

    /** The rows without line numbers, for comparing two spellings of one configuration. */
    public static List<String> withoutLines(ParseResult result) {
        return result.observations().stream()
                .map(o -> (o.role().id() + " " + o.kind().id() + " " + o.value() + " " + o.context()).strip())
                .sorted()
                .toList();
    }
}
