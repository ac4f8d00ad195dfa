package io.statefulebs.blueprint.spi;

import java.time.Instant;

/**
 * Capability of a backend whose calls block (on a network) and may retry: it can bound them by a step's deadline.
 * A backend without it promises that its calls never block and only its waits take time (the simulated cluster);
 * the engine then gives each wait of a step the step's whole timeout.
 */
public interface BoundedCalls {
    /**
     * This backend with every call, retry, exec and wait bounded by {@code deadline} on its clock: no retry starts,
     * and no call or wait lasts, past it. The view shares the backend's connections and caches: close the backend,
     * never the view. It offers the same capabilities as the backend.
     *
     * @param deadline the instant no call may last past
     * @return the bounded view of this backend
     */
    ClusterBackend within(Instant deadline);
}
