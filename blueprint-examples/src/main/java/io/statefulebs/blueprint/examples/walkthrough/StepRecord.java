package io.statefulebs.blueprint.examples.walkthrough;

import java.time.Duration;
import java.time.Instant;

/**
 * One step as it ran: start and end on the backend's clock (virtual on the simulated cluster), the wall-clock
 * time it took, and what happened (or why it failed, or why it was skipped).
 */
public record StepRecord(WalkthroughStep step, StepOutcome outcome, Instant startedAt, Instant endedAt,
                         Duration wallTime, String message) {
    public Duration clusterTime() {
        return Duration.between(startedAt, endedAt);
    }

    public boolean failed() {
        return outcome == StepOutcome.FAILED;
    }
}
