package io.statefulebs.blueprint.examples.walkthrough;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step as it ran: start and end on the backend's clock (virtual on the simulated cluster), the wall-clock
 * time it took, and what happened (or why it failed, or why it was skipped). A failed step carries its
 * {@link StepError}.
 */
public record StepRecord(WalkthroughStep step, StepOutcome outcome, Instant startedAt, Instant endedAt,
                         Duration wallTime, String message, Optional<StepError> error) {
    public StepRecord {
        Objects.requireNonNull(error, "error");
        if (error.isPresent() != (outcome == StepOutcome.FAILED)) {
            throw new IllegalArgumentException("a step has an error exactly when it failed; outcome " + outcome + ", error " + error);
        }
    }

    public Duration clusterTime() {
        return Duration.between(startedAt, endedAt);
    }

    /**
     * The message in one line: its first line, plus the next one when the first only introduces it (as in
     * "preflight failed, nothing was applied:").
     */
    public String summary() {
        List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(2).toList();
        if (lines.isEmpty()) {
            return "";
        }
        return lines.get(0).endsWith(":") && lines.size() > 1 ? lines.get(0) + " " + lines.get(1) : lines.get(0);
    }

    public boolean failed() {
        return outcome == StepOutcome.FAILED;
    }
}
