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
    /**
     * Creates the view; {@code name}, {@code phase}, {@code reclaimPolicy} and {@code zone} must be non-null.
     *
     * @param name           the volume's name
     * @param phase          its phase, e.g. {@code Bound} or {@code Released}
     * @param reclaimPolicy  its reclaim policy, e.g. {@code Delete} or {@code Retain}
     * @param storageClass   its StorageClass
     * @param capacity       its capacity, e.g. {@code 10Gi}
     * @param claimNamespace the namespace of the claim it is (or was) bound to, empty when none
     * @param claimName      the name of that claim, empty when none
     * @param driver         its CSI driver
     * @param volumeHandle   its CSI volume handle
     * @param zone           its zone from its node affinity, empty when it has none
     * @param createdAt      when it was created, null where the backend does not know it
     */
    public PersistentVolumeView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(reclaimPolicy, "reclaimPolicy");
        Objects.requireNonNull(zone, "zone");
    }

    /** {@return whether the volume's phase is {@code Released}} */
    public boolean released() {
        return "Released".equals(phase);
    }
}
