package org.sovaudit.serve;

import io.helidon.http.Status;

/** A request the server refuses, with the status to answer and a message that names the problem. */
final class HttpProblem extends RuntimeException {
    private final transient Status status;

    HttpProblem(Status status, String message) {
        super(message);
        this.status = status;
    }

    Status status() {
        return status;
    }
}
