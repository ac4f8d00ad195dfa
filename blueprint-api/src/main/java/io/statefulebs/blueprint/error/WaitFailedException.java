package io.statefulebs.blueprint.error;

import io.statefulebs.blueprint.view.WaitDiagnostics;

/**
 * A wait ended early because the cluster reached a state from which success is impossible (for example no
 * NodePool can launch a node in the volume's zone). Thrown without waiting for the deadline.
 */
public class WaitFailedException extends WaitException {
    /**
     * An exception for a wait that cannot succeed.
     *
     * @param awaited what was awaited
     * @param reason why success is impossible
     * @param diagnostics what the cluster showed
     */
    public WaitFailedException(String awaited, String reason, WaitDiagnostics diagnostics) {
        super("gave up waiting for " + awaited + ": " + reason, awaited, reason, diagnostics);
    }
}
