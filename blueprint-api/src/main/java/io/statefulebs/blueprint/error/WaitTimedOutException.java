package io.statefulebs.blueprint.error;

import io.statefulebs.blueprint.view.WaitDiagnostics;

import java.time.Duration;

/** A wait reached its deadline. The message says what was awaited, what was still missing and what the cluster showed. */
public class WaitTimedOutException extends WaitException {
    private final Duration timeout;

    public WaitTimedOutException(String awaited, Duration timeout, String lastReason, WaitDiagnostics diagnostics) {
        super("timed out after " + timeout + " waiting for " + awaited + ": " + lastReason, awaited, lastReason, diagnostics);
        this.timeout = timeout;
    }

    /** How long the wait was given. */
    public Duration timeout() {
        return timeout;
    }
}
