package io.statefulebs.blueprint.spi;

import java.time.Clock;
import java.time.Instant;

import java.util.List;
import java.util.Map;

/**
 * The core a cluster must offer to run the blueprint: apply and delete plain manifests, list what carries a run's
 * labels, scale, exec, typed views ({@link ClusterView}) and a feed of changes that waits block on. Everything else is
 * an optional capability the engine detects with {@code instanceof}: {@link NodeRepair}, {@link ClusterChecks},
 * {@link ZoneSource}, {@link BoundedCalls} and (for the storage doctor) {@link ClusterInventory}. Implementations are thread-safe. Every failure is a
 * {@link io.statefulebs.blueprint.error.BlueprintException} (the backend's own exceptions only as causes).
 */
public interface ClusterBackend extends ClusterView, AutoCloseable {
    /** {@return a short name for messages and reports, e.g. {@code simulated} or {@code fabric8}} */
    String name();

    /** {@return the clock of the cluster: virtual on a simulated cluster, the system clock on a real one} */
    Clock clock();

    /**
     * Creates the object, which must not exist: when it does (someone else got there first) this fails with a
     * {@link io.statefulebs.blueprint.error.BackendException} of kind {@code CONFLICT} and changes nothing.
     *
     * @param manifest the object to create
     */
    void create(Manifest manifest);

    /**
     * Brings an existing object (or a new one) to the manifest's content. Idempotent.
     *
     * @param manifest the object's desired content
     */
    void apply(Manifest manifest);

    /**
     * Deletes the object (dependents too); returns whether it existed. Does not wait.
     *
     * @param ref the object
     * @return whether it existed
     */
    boolean delete(ResourceRef ref);

    /**
     * Deletes the object only while its resourceVersion is still {@code resourceVersion} (the one read when it was last
     * seen to be this run's); returns whether it existed. A changed object is left alone and this fails with a
     * {@link io.statefulebs.blueprint.error.BackendException} of kind {@code CONFLICT}. Does not wait.
     *
     * @param ref the object
     * @param resourceVersion the resourceVersion it must still have
     * @return whether it existed
     */
    boolean delete(ResourceRef ref, String resourceVersion);

    /**
     * The cluster as the backend already watches it, for reads that follow a wait (verifications, cleanup's last look):
     * answered from the caches of the backend's running watches where it has them, with no request, and straight from
     * the API server otherwise. It never starts a watch for one namespace (only one that every run of the backend shares)
     * and may lag the backend's own writes by the watch's delay: a caller that must see what it just wrote reads the
     * backend itself. A backend without watches returns itself, the default.
     *
     * @return the watched view (this backend when it keeps no watches)
     */
    default ClusterView watchedView() {
        return this;
    }

    /**
     * Sets the replica count of a {@link ManagedKind#scalable() scalable} workload.
     *
     * @param workload the Deployment or StatefulSet
     * @param replicas the new replica count
     */
    void scale(ResourceRef workload, int replicas);

    /**
     * Runs {@code command} in the pod's first container and captures its output.
     *
     * @param namespace the pod's namespace
     * @param pod the pod's name
     * @param command the command and its arguments
     * @return the command's output and exit code
     */
    ExecResult exec(String namespace, String pod, List<String> command);

    /**
     * Opens what one wait reads until {@code deadline} on {@link #clock()}: a view of the cluster (a cache kept current
     * by watches where the backend has one) and a signal of its changes. {@link Waiter} runs the wait loop over it;
     * {@code purpose} names the wait in messages about the backend's own trouble (a cache that did not sync).
     *
     * @param purpose what the wait is for, for messages
     * @param deadline when the wait ends at the latest
     * @return the view and change signal, to close after the wait
     */
    ClusterChanges changes(String purpose, Instant deadline);

    /** Releases what the backend opened itself; never closes a client the caller passed in. */
    @Override
    default void close() {
    }
}
