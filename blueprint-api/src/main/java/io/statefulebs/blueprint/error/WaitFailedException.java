package io.statefulebs.blueprint.error;

/**
 * A wait ended early because the cluster reached a state from which success is impossible (for example no
 * NodePool can launch a node in the volume's zone). Thrown without waiting for the deadline.
 */
public class WaitFailedException extends BlueprintException {
    private final String awaited;
    private final String diagnostics;

    public WaitFailedException(String awaited, String reason, String diagnostics) {
        super("gave up waiting for " + awaited + ": " + reason + (diagnostics.isBlank() ? "" : "\n" + diagnostics));
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
