package io.statefulebs.blueprint.error;

import java.time.Duration;

/** A wait reached its deadline. The message says what was awaited, what was still missing and what the cluster showed. */
public class WaitTimedOutException extends BlueprintException {
    private final String awaited;
    private final String diagnostics;

    public WaitTimedOutException(String awaited, Duration timeout, String lastReason, String diagnostics) {
        super("timed out after " + timeout + " waiting for " + awaited + ": " + lastReason
                + (diagnostics.isBlank() ? "" : "\n" + diagnostics));
        this.awaited = awaited;
        this.diagnostics = diagnostics;
    }

    public String awaited() {
        return awaited;
    }

    public String diagnostics() {
        return diagnostics;
    }
}
