package io.statefulebs.blueprint.error;

/** The calling thread was interrupted during a wait; the interrupt flag is set again before this is thrown. */
public class BlueprintInterruptedException extends BlueprintException {
    /**
     * An exception naming what was awaited.
     *
     * @param awaited what the interrupted wait was for
     * @param cause the interrupt
     */
    public BlueprintInterruptedException(String awaited, InterruptedException cause) {
        super("interrupted while waiting for " + awaited, cause);
    }
}
