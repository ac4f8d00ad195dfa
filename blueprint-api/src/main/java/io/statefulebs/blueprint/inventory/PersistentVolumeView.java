package io.statefulebs.blueprint.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * A PersistentVolume as {@code kubectl get pv} shows it, plus its CSI driver and handle and its zone (from its node
 * affinity on {@code topology.ebs.csi.aws.com/zone} or {@code topology.kubernetes.io/zone}; empty when it has none).
 * {@code claimNamespace}/{@code claimName} are the claim it is (or was) bound to, empty when none; {@code createdAt} is
 * null where the backend does not know it (the simulator).
 */
public record PersistentVolumeView(String name, String phase, String reclaimPolicy, String storageClass, String capacity,
                                   String claimNamespace, String claimName, String driver, String volumeHandle, String zone,
                                   Instant createdAt) {
    public PersistentVolumeView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(reclaimPolicy, "reclaimPolicy");
        Objects.requireNonNull(zone, "zone");
    }

    public boolean released() {
        return "Released".equals(phase);
    }
}
