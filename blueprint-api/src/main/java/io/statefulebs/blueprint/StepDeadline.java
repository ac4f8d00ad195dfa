package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spi.BoundedCalls;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.Wait;

import java.time.Duration;
import java.time.Instant;

/**
 * The one deadline of a step that has a timeout: the backend it calls through stops retrying at it, and each wait of
 * the step gets only the time left, so calls, retries and waits together never outlast the caller's timeout.
 * <p>A backend without {@link BoundedCalls} never blocks in a call (the simulated cluster):
 * time passes only in its waits, and on a simulated cluster shared by concurrent runs its clock also moves with the
 * other runs' waits, which must not eat this step's time. Each wait then gets the step's whole timeout.
 */
final class StepDeadline {
    private final ClusterBackend backend;
    private final Instant at;
    private final Duration timeout;
    private final boolean callsNeverBlock;

    private StepDeadline(ClusterBackend backend, Instant at, Duration timeout, boolean callsNeverBlock) {
        this.backend = backend;
        this.at = at;
        this.timeout = timeout;
        this.callsNeverBlock = callsNeverBlock;
    }

    static StepDeadline after(ClusterBackend backend, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        Instant at = backend.clock().instant().plus(timeout);
        if (backend instanceof BoundedCalls calls) {
            return new StepDeadline(calls.within(at), at, timeout, false);
        }
        return new StepDeadline(backend, at, timeout, true);
    }

    /** The backend bounded by the deadline. */
    ClusterBackend backend() {
        return backend;
    }

    /** The time left for a wait of the step. */
    Duration remaining() {
        return callsNeverBlock ? timeout : Wait.timeLeft(backend.clock(), at);
    }
}
