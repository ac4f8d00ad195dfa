package io.statefulebs.blueprint.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Karpenter node (from its NodeClaim's launch on). Mutable; guarded by the cluster's lock. */
final class SimNode {
    final String name;
    final String nodeClaim;
    final InstanceType type;
    final String capacityType;
    final String zone;
    final Map<String, String> labels = new LinkedHashMap<>();
    boolean registered;
    Instant registeredAt;
    boolean ready;
    /** The instance is gone (ungraceful loss); the node object may linger until Karpenter notices. */
    boolean lost;
    /** The kubelet stopped answering (the instance lives on): pods there can neither run nor terminate. */
    boolean kubeletDown;
    /** Tainted node.kubernetes.io/out-of-service: its volumes may be detached without unmounting. */
    boolean outOfService;
    /** Its NodeClaim was deleted: tainted {@code karpenter.sh/disrupted:NoSchedule} while Karpenter drains it. */
    boolean draining;
    Instant emptySince;

    SimNode(String name, String nodeClaim, InstanceType type, String capacityType, String zone) {
        this.name = name;
        this.nodeClaim = nodeClaim;
        this.type = type;
        this.capacityType = capacityType;
        this.zone = zone;
    }

    boolean schedulable() {
        return registered && ready && !lost && !draining;
    }
}
