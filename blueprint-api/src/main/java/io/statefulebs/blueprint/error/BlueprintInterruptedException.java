package io.statefulebs.blueprint.error;

/** The calling thread was interrupted during a wait; the interrupt flag is set again before this is thrown. */
public class BlueprintInterruptedException extends BlueprintException {
    public BlueprintInterruptedException(String awaited, InterruptedException cause) {
        super("interrupted while waiting for " + awaited, cause);
    }
}
