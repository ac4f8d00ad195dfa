package io.statefulebs.blueprint.spi;

/**
 * Optional capability: the destructive repairs of Multi-Attach recovery
 * ({@code TAINT_OUT_OF_SERVICE}, {@code DELETE_STALE_ATTACHMENT}). A backend without it can still run every other step.
 */
public interface NodeRepair {
    /**
     * Puts a taint on a node (used for {@code node.kubernetes.io/out-of-service} after a node loss).
     *
     * @param node the node's name
     * @param key the taint key
     * @param value the taint value
     * @param effect the taint effect, e.g. {@code NoExecute}
     */
    void taintNode(String node, String key, String value, String effect);

    /**
     * Deletes a VolumeAttachment; returns whether it existed.
     *
     * @param name the VolumeAttachment's name
     * @return whether it existed
     */
    boolean deleteVolumeAttachment(String name);
}
