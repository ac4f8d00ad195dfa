package io.statefulebs.blueprint.engine;

import io.statefulebs.blueprint.spi.ClusterBackend;

import java.time.Duration;
import java.time.Instant;

/**
 * The one deadline of a step that has a timeout: the backend it calls through stops retrying at it, and each wait of
 * the step gets only the time left, so calls, retries and waits together never outlast the caller's timeout.
 */
final class StepDeadline {
    /** The shortest wait handed out once the deadline has passed: the wait then checks its condition once and ends. */
    private static final Duration AT_ONCE = Duration.ofMillis(1);

    private final ClusterBackend backend;
    private final Instant at;

    private StepDeadline(ClusterBackend backend, Instant at) {
        this.backend = backend;
        this.at = at;
    }

    static StepDeadline after(ClusterBackend backend, Duration timeout) {
        Instant at = backend.clock().instant().plus(timeout);
        return new StepDeadline(backend.within(at), at);
    }

    /** The backend bounded by the deadline. */
    ClusterBackend backend() {
        return backend;
    }

    /** The time left for a wait of the step. */
    Duration remaining() {
        Duration left = Duration.between(backend.clock().instant(), at);
        return left.compareTo(AT_ONCE) < 0 ? AT_ONCE : left;
    }
}
