package io.statefulebs.blueprint.error;

/** A check of the walkthrough did not hold (node outside the chosen zone, file content lost, objects left behind). */
public class VerificationFailedException extends BlueprintException {
    /**
     * An exception saying which check did not hold.
     *
     * @param message what did not hold
     */
    public VerificationFailedException(String message) {
        super(message);
    }
}
