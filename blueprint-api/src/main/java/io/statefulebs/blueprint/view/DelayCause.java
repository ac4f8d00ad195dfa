package io.statefulebs.blueprint.view;

/** Why a graceful node replacement took longer than it should, as the events and attachment history show it. */
public enum DelayCause {
    /**
     * A replacement pod met {@code FailedAttachVolume} "Multi-Attach error": the volume was still attached to the old
     * node (its unmount or detach was slow).
     */
    MULTI_ATTACH,
    /**
     * An attach failed with EC2's {@code VolumeInUse}: the VolumeAttachment was gone but EBS still had the volume
     * attached to the old instance.
     */
    ATTACH_VOLUME_IN_USE,
    /**
     * The old node's termination waited on its VolumeAttachments (Karpenter's {@code AwaitingVolumeDetachment}, the
     * NodeClaim's {@code VolumesDetached} condition not True).
     */
    AWAITING_VOLUME_DETACHMENT,
    /**
     * A pod was not evicted: a PodDisruptionBudget refused the eviction, or the pod carries
     * {@code karpenter.sh/do-not-disrupt} (Karpenter's {@code FailedDraining}).
     */
    EVICTION_BLOCKED
}
