package io.statefulebs.blueprint.error;

import io.statefulebs.blueprint.view.WaitDiagnostics;

import java.time.Duration;

/** A wait reached its deadline. The message says what was awaited, what was still missing and what the cluster showed. */
public class WaitTimedOutException extends WaitException {
    /** How long the wait was given. */
    private final Duration timeout;

    /**
     * An exception for a wait that reached its deadline.
     *
     * @param awaited what was awaited
     * @param timeout how long the wait was given
     * @param lastReason what was still missing
     * @param diagnostics what the cluster showed
     */
    public WaitTimedOutException(String awaited, Duration timeout, String lastReason, WaitDiagnostics diagnostics) {
        super("timed out after " + timeout + " waiting for " + awaited + ": " + lastReason, awaited, lastReason, diagnostics);
        this.timeout = timeout;
    }

    /** {@return how long the wait was given} */
    public Duration timeout() {
        return timeout;
    }
}
