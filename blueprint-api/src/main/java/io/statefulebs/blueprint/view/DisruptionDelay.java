package io.statefulebs.blueprint.view;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One cause that slowed a graceful node replacement, with the events that show it.
 *
 * @param cause what slowed it
 * @param firstSeen when the first event of it was recorded
 * @param lastSeen when the last one was
 * @param evidence the events, as {@code reason (xCOUNT) Kind/name: message}
 */
public record DisruptionDelay(DelayCause cause, Instant firstSeen, Instant lastSeen, List<String> evidence) {
    /**
     * Copies the evidence.
     *
     * @param cause what slowed it
     * @param firstSeen its first event's time
     * @param lastSeen its last event's time
     * @param evidence the events
     */
    public DisruptionDelay {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        evidence = List.copyOf(evidence);
    }
}
