package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.view.EventView;

import java.util.List;

/**
 * Optional capability: asks Karpenter to replace a node gracefully by deleting its NodeClaim (Karpenter then taints
 * and drains the node, waits for its VolumeAttachments to go, and terminates it), and reads what the engine needs to
 * decide whether that is safe and, afterwards, why it was slow. Without it {@code disruptNode} fails with
 * {@link io.statefulebs.blueprint.error.UnsupportedCapabilityException}.
 */
public interface NodeDisruption {
    /**
     * What runs on the node and what could keep its drain from finishing: its NodeClaim, every pod bound to it (all
     * namespaces, with annotations and owners) and the PodDisruptionBudgets of those pods' namespaces.
     *
     * @param node the node's name
     * @return the node's occupancy; its NodeClaim is empty when Karpenter did not launch the node
     */
    NodeOccupancy occupancy(String node);

    /**
     * Deletes the NodeClaim (Karpenter's finalizer keeps it while the node drains). Does not wait.
     *
     * @param nodeClaim the NodeClaim's name
     * @return whether it existed
     */
    boolean deleteNodeClaim(String nodeClaim);

    /**
     * The events about a node or its NodeClaim, oldest first: Karpenter's {@code FailedDraining},
     * {@code AwaitingVolumeDetachment}, {@code DisruptionTerminating} (events of cluster-scoped objects live in the
     * {@code default} namespace on Kubernetes).
     *
     * @param node the node's name
     * @param nodeClaim the NodeClaim's name
     * @return the events about either
     */
    List<EventView> nodeEvents(String node, String nodeClaim);
}
