package io.statefulebs.blueprint.error;

import io.statefulebs.blueprint.view.WaitDiagnostics;

/** A wait did not end well: it failed terminally or timed out. Carries what was awaited and what the cluster showed. */
public abstract class WaitException extends BlueprintException {
    /** What was awaited. */
    private final String awaited;
    /** Why the wait failed, or what was still missing at the deadline. */
    private final String reason;
    /** What the cluster showed when the wait ended. */
    private final WaitDiagnostics diagnostics;

    /**
     * An exception whose message is the headline followed by the diagnostics.
     *
     * @param headline the first line of the message
     * @param awaited what was awaited
     * @param reason why it failed, or what was still missing
     * @param diagnostics what the cluster showed
     */
    protected WaitException(String headline, String awaited, String reason, WaitDiagnostics diagnostics) {
        super(headline + (diagnostics.describe().isBlank() ? "" : "\n" + diagnostics.describe()));
        this.awaited = awaited;
        this.reason = reason;
        this.diagnostics = diagnostics;
    }

    /** {@return what was awaited, e.g. {@code the claim Bound and 3 pod(s) Running}} */
    public String awaited() {
        return awaited;
    }

    /** {@return why it failed, or what was still missing at the deadline} */
    public String reason() {
        return reason;
    }

    /** {@return the pods, claims and latest events of the run when the wait ended} */
    public WaitDiagnostics diagnostics() {
        return diagnostics;
    }
}
