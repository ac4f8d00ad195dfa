package io.statefulebs.blueprint.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An EBS volume and its PersistentVolume: zone, files, and the node it is attached to. Guarded by the cluster's lock. */
final class SimVolume {
    final String name;
    final String zone;
    final String size;
    final String storageClass;
    final Map<String, StringBuilder> files = new LinkedHashMap<>();
    String claimKey;
    String attachedNode = "";
    String attachingTo = "";
    /** When it was last attached (the VolumeAttachment's age), null while detached. */
    Instant attachedAt;
    /** When an ungraceful detach happens (set once no pod on a lost node uses the volume). */
    Instant forceDetachAt;
    /**
     * Its VolumeAttachment was deleted while the attach-detach controller still counts it attached to
     * {@link #attachedNode}: it learns otherwise at its next reconcile sync, this instant.
     */
    Instant attachmentDeletedUntil;
    /** When a slow graceful detach (see {@code SimulatedCluster#slowDetach}) completes, null otherwise. */
    Instant detachAt;
    /** An attach that failed is retried only from this instant (the controller's backoff), null otherwise. */
    Instant attachRetryAt;

    SimVolume(String name, String zone, String size, String storageClass, String claimKey) {
        this.name = name;
        this.zone = zone;
        this.size = size;
        this.storageClass = storageClass;
        this.claimKey = claimKey;
    }
}
