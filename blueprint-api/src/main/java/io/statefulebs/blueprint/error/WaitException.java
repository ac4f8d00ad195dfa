package io.statefulebs.blueprint.error;

import io.statefulebs.blueprint.view.WaitDiagnostics;

/** A wait did not end well: it failed terminally or timed out. Carries what was awaited and what the cluster showed. */
public abstract class WaitException extends BlueprintException {
    private final String awaited;
    private final String reason;
    private final WaitDiagnostics diagnostics;

    protected WaitException(String headline, String awaited, String reason, WaitDiagnostics diagnostics) {
        super(headline + (diagnostics.describe().isBlank() ? "" : "\n" + diagnostics.describe()));
        this.awaited = awaited;
        this.reason = reason;
        this.diagnostics = diagnostics;
    }

    /** What was awaited, e.g. {@code the claim Bound and 3 pod(s) Running}. */
    public String awaited() {
        return awaited;
    }

    /** Why it failed, or what was still missing at the deadline. */
    public String reason() {
        return reason;
    }

    /** The pods, claims and latest events of the run when the wait ended. */
    public WaitDiagnostics diagnostics() {
        return diagnostics;
    }
}
