package io.statefulebs.blueprint.view;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An EBS volume as EC2 describes it: id, zone, size, type, state, creation time and tags. The tag accessors read what
 * the EBS CSI driver writes on the volumes it creates: {@value #CSI_VOLUME_NAME} (the PersistentVolume's name),
 * {@value #DRIVER_TAG}{@code =true}, and, when its provisioner runs with {@code --extra-create-metadata}, the
 * {@code kubernetes.io/created-for/...} tags naming the PersistentVolume and its claim.
 */
public record EbsVolumeView(String volumeId, String zone, long sizeGiB, String type, String state, Instant createdAt,
                            Map<String, String> tags) {
    /** The tag the EBS CSI driver sets on every volume it creates, to the PersistentVolume's name. */
    public static final String CSI_VOLUME_NAME = "CSIVolumeName";
    /** The tag the EBS CSI driver sets to {@code true} on every volume it creates. */
    public static final String DRIVER_TAG = "ebs.csi.aws.com/cluster";
    /** The PersistentVolume a volume was created for (external-provisioner's {@code --extra-create-metadata}). */
    public static final String CREATED_FOR_PV = "kubernetes.io/created-for/pv/name";
    /** The namespace of the claim a volume was created for ({@code --extra-create-metadata}). */
    public static final String CREATED_FOR_CLAIM_NAMESPACE = "kubernetes.io/created-for/pvc/namespace";
    /** The name of the claim a volume was created for ({@code --extra-create-metadata}). */
    public static final String CREATED_FOR_CLAIM = "kubernetes.io/created-for/pvc/name";

    /**
     * Creates the view, copying the tags (sorted by key); every argument must be non-null and the size positive.
     *
     * @param volumeId  the volume's id, e.g. {@code vol-0abc}
     * @param zone      its availability zone
     * @param sizeGiB   its size in GiB
     * @param type      its volume type, e.g. {@code gp3}
     * @param state     its state, e.g. {@code available} or {@code in-use}
     * @param createdAt when it was created
     * @param tags      its tags
     */
    public EbsVolumeView {
        Objects.requireNonNull(volumeId, "volumeId");
        Objects.requireNonNull(zone, "zone");
        if (sizeGiB <= 0) {
            throw new IllegalArgumentException("sizeGiB is " + sizeGiB + " for volume " + volumeId + ": EBS volumes have at least 1 GiB");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        tags = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(tags, "tags")));
    }

    /** {@return whether the volume is attached to nothing (EC2 state {@code available})} */
    public boolean available() {
        return "available".equals(state);
    }

    /** {@return whether the EBS CSI driver created the volume (its {@value #DRIVER_TAG} tag is {@code true})} */
    public boolean createdByCsiDriver() {
        return "true".equals(tags.get(DRIVER_TAG));
    }

    /** {@return the PersistentVolume the driver created the volume for, from its tags; empty when they name none} */
    public Optional<String> persistentVolumeName() {
        return Optional.ofNullable(tags.getOrDefault(CSI_VOLUME_NAME, tags.get(CREATED_FOR_PV))).filter(s -> !s.isBlank());
    }

    /** {@return the claim ({@code namespace/name}) the volume was created for, from its tags; empty when they name none} */
    public Optional<String> claim() {
        String namespace = tags.get(CREATED_FOR_CLAIM_NAMESPACE);
        String name = tags.get(CREATED_FOR_CLAIM);
        return namespace == null || name == null ? Optional.empty() : Optional.of(namespace + "/" + name);
    }
}
