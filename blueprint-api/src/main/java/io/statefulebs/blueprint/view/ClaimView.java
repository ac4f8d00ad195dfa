package io.statefulebs.blueprint.view;

import java.time.Instant;
import java.util.List;

/**
 * A PersistentVolumeClaim as {@code kubectl get pvc} shows it, plus the size it requests and the zone of its volume
 * (empty until bound). {@code volumeName} and {@code capacity} are empty until the claim is bound.
 */
public record ClaimView(String namespace, String name, String phase, String volumeName, String capacity, String requested,
                        List<String> accessModes, String storageClass, String zone, Instant createdAt) {
    /**
     * Copies the access modes.
     *
     * @param namespace the namespace
     * @param name the claim's name
     * @param phase Pending, Bound or Lost
     * @param volumeName the bound volume, empty until bound
     * @param capacity the volume's capacity, empty until bound
     * @param requested the size the claim requests ({@code spec.resources.requests.storage}), empty when not set
     * @param accessModes the access modes
     * @param storageClass the StorageClass name
     * @param zone the volume's zone, empty until bound
     * @param createdAt when the claim was created
     */
    public ClaimView {
        accessModes = List.copyOf(accessModes);
    }

    /** {@return whether the claim is Bound} */
    public boolean bound() {
        return "Bound".equals(phase);
    }
}
