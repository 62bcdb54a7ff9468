package org.sovaudit.model;

import java.util.List;

/** What a parser found in one file: observations and per-file errors. */
public record ParseResult(List<Observation> observations, List<FileError> errors) {
    public ParseResult {
        observations = List.copyOf(observations);
        errors = List.copyOf(errors);
    }

    public static ParseResult of(List<Observation> observations) {
        return new ParseResult(observations, List.of());
    }

    public static ParseResult failed(FileError error) {
        return new ParseResult(List.of(), List.of(error));
    }
}
