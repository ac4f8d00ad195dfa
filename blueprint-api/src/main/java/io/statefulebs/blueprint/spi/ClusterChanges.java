package io.statefulebs.blueprint.spi;

import java.time.Instant;

/**
 * What one wait reads and how it learns that the cluster changed: {@link Waiter} reads {@link #version()}, evaluates
 * its condition against {@link #view()}, and if not done blocks in {@link #awaitChange(long, Instant)}. Reading the
 * version before evaluating means a change during the evaluation is never missed.
 */
public interface ClusterChanges extends AutoCloseable {
    /** {@return the cluster as this wait sees it} */
    ClusterView view();

    /**
     * When the wait ends at the latest: the deadline it was opened with, or earlier when the backend is bounded by a
     * step's deadline ({@link BoundedCalls}).
     *
     * @return the wait's deadline
     */
    Instant deadline();

    /** {@return a counter that moves whenever the cluster may have changed} */
    long version();

    /**
     * Blocks until {@link #version()} moves past {@code seen} or {@code deadline} passes on the backend's clock;
     * returns whether it moved. A simulated cluster lets its virtual clock jump to its next event instead of blocking
     * (to the deadline when no event comes before it).
     *
     * @param seen the last version the caller saw
     * @param deadline when to stop waiting
     * @return whether the version moved
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitChange(long seen, Instant deadline) throws InterruptedException;

    /**
     * {@return the backend's own trouble worth adding to a timeout's reason (a watch that keeps failing), empty if
     * none}
     */
    default String troubles() {
        return "";
    }

    /** Releases what the wait opened (nothing, for most backends). */
    @Override
    default void close() {
    }
}
