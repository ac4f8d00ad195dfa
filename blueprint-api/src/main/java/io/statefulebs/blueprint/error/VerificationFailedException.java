package io.statefulebs.blueprint.error;

/** A check of the walkthrough did not hold (node outside the chosen zone, file content lost, objects left behind). */
public class VerificationFailedException extends BlueprintException {
    public VerificationFailedException(String message) {
        super(message);
    }
}
