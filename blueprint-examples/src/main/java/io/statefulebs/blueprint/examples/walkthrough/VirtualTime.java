package io.statefulebs.blueprint.examples.walkthrough;

import java.time.Duration;

/**
 * Lets cluster time pass at once, as the simulated cluster can ({@code SimulatedCluster::advance}). A real cluster
 * has none, and the walkthrough then skips the step that waits for the writers' next lines.
 */
@FunctionalInterface
public interface VirtualTime {
    void advance(Duration duration);
}
