package io.statefulebs.blueprint.view;

import java.time.Instant;
import java.util.List;

/**
 * A PersistentVolumeClaim as {@code kubectl get pvc} shows it, plus the zone of its volume (empty until bound).
 * {@code volumeName} and {@code capacity} are empty until the claim is bound.
 */
public record ClaimView(String namespace, String name, String phase, String volumeName, String capacity,
                        List<String> accessModes, String storageClass, String zone, Instant createdAt) {
    public ClaimView {
        accessModes = List.copyOf(accessModes);
    }

    public boolean bound() {
        return "Bound".equals(phase);
    }
}
