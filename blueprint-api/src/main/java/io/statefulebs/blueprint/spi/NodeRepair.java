package io.statefulebs.blueprint.spi;

/**
 * Optional capability: the destructive repairs of Multi-Attach recovery
 * ({@code TAINT_OUT_OF_SERVICE}, {@code DELETE_STALE_ATTACHMENT}). A backend without it can still run every other step.
 */
public interface NodeRepair {
    /** Puts a taint on a node (used for {@code node.kubernetes.io/out-of-service} after a node loss). */
    void taintNode(String node, String key, String value, String effect);

    /** Deletes a VolumeAttachment; returns whether it existed. */
    boolean deleteVolumeAttachment(String name);
}
