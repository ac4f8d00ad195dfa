package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.view.NodePoolView;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cluster must offer the blueprint: apply and delete plain manifests, wait on conditions, typed views,
 * exec, scale. Implementations are thread-safe. Every failure is a {@link io.statefulebs.blueprint.error.BlueprintException}
 * (the backend's own exceptions only as causes). New operations are added as default methods.
 */
public interface ClusterBackend extends ClusterView, AutoCloseable {
    /** A short name for messages and reports, e.g. {@code simulated} or {@code fabric8}. */
    String name();

    /** The clock of the cluster: virtual on a simulated cluster, the system clock on a real one. */
    Clock clock();

    /** The zones this backend knows of, when it knows them (a simulated cluster does; a kubeconfig does not). */
    default Optional<ZoneSource> zoneSource() {
        return Optional.empty();
    }

    /**
     * Checks the cluster can run {@code blueprint} before anything is applied; returns one line per failed
     * check saying what is missing and how to fix it, empty when all pass.
     */
    default List<String> preflight(StatefulEbsBlueprint blueprint) {
        return List.of();
    }

    /**
     * Karpenter NodePools, with their node class's subnet zones where known; empty when the backend cannot read
     * them (the topology preflight is then skipped).
     */
    default List<NodePoolView> nodePools() {
        return List.of();
    }

    /** Puts a taint on a node (used for {@code node.kubernetes.io/out-of-service} after a node loss). */
    default void taintNode(String node, String key, String value, String effect) {
        throw new BackendException("taint node " + node, "backend " + name() + " cannot taint nodes");
    }

    /** Deletes a VolumeAttachment; returns whether it existed. */
    default boolean deleteVolumeAttachment(String name) {
        throw new BackendException("delete VolumeAttachment " + name, "backend " + name() + " cannot delete VolumeAttachments");
    }

    /**
     * This backend with every call and every wait bounded by {@code deadline} on {@link #clock()}: no retry starts, and no
     * call or wait lasts, past it. The engine hands each step that has a timeout such a view, so the step's calls, retries
     * and waits share its one deadline. The view shares the backend's connections and caches: close the backend, never
     * the view. Backends whose calls neither retry nor block (the simulated cluster) return themselves; the engine then
     * gives each wait of a step the step's whole timeout, as only waits take time.
     */
    default ClusterBackend within(Instant deadline) {
        return this;
    }

    /** Creates the object or brings it to the manifest's content. Idempotent. */
    void apply(Manifest manifest);

    /** Deletes the object (dependents too, in the foreground); returns whether it existed. Does not wait. */
    boolean delete(ResourceRef ref);

    /** Every object in {@code namespace} (and cluster-scoped) of the kinds the library creates carrying all {@code labels}. */
    List<ResourceRef> listLabelled(String namespace, Map<String, String> labels);

    /** Sets the replica count of a Deployment or StatefulSet. */
    void scale(ResourceRef workload, int replicas);

    /** Runs {@code command} in the pod's first container and captures its output. */
    ExecResult exec(String namespace, String pod, List<String> command);

    /**
     * Blocks until the wait's condition is satisfied (returns its value), fails terminally
     * ({@link io.statefulebs.blueprint.error.WaitFailedException}) or its timeout passes on {@link #clock()}
     * ({@link io.statefulebs.blueprint.error.WaitTimedOutException}). Re-evaluates on cluster changes, not by
     * sleeping; honours interrupts ({@link io.statefulebs.blueprint.error.BlueprintInterruptedException}).
     */
    <T> T await(Wait<T> wait);

    /** Releases what the backend opened itself; never closes a client the caller passed in. */
    @Override
    default void close() {
    }
}
