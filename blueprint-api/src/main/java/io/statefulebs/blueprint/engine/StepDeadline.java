package io.statefulebs.blueprint.engine;

import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.Wait;

import java.time.Duration;
import java.time.Instant;

/**
 * The one deadline of a step that has a timeout: the backend it calls through stops retrying at it, and each wait of
 * the step gets only the time left, so calls, retries and waits together never outlast the caller's timeout.
 */
final class StepDeadline {
    private final ClusterBackend backend;
    private final Instant at;

    private StepDeadline(ClusterBackend backend, Instant at) {
        this.backend = backend;
        this.at = at;
    }

    static StepDeadline after(ClusterBackend backend, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        Instant at = backend.clock().instant().plus(timeout);
        return new StepDeadline(backend.within(at), at);
    }

    /** The backend bounded by the deadline. */
    ClusterBackend backend() {
        return backend;
    }

    /** The time left for a wait of the step. */
    Duration remaining() {
        return Wait.timeLeft(backend.clock(), at);
    }
}
