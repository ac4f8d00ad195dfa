package io.statefulebs.blueprint.doctor;

import java.util.List;

/** The names of the doctor's checks, as {@link io.statefulebs.blueprint.view.Finding#check()} carries them. */
public final class DoctorChecks {
    /** A Pending pod with volumes: why it cannot be placed, or what it waits for. */
    public static final String PLACEMENT = "pending-placement";
    /** Pods with {@code FailedAttachVolume} Multi-Attach errors, with the recovery that applies. */
    public static final String MULTI_ATTACH = "multi-attach";
    /** A VolumeAttachment on a node that is gone or NotReady. */
    public static final String STALE_ATTACHMENT = "stale-attachment";
    /** A NodeClaim being deleted that waits for its volumes to detach. */
    public static final String VOLUME_DETACH = "volume-detach";
    /** A node at its CSINode attach limit. */
    public static final String ATTACH_CAPACITY = "attach-capacity";
    /** A NodePool whose nodes leave fewer free attachment slots than its pending pods' volumes need. */
    public static final String ATTACH_HEADROOM = "attach-headroom";
    /** A ReadWriteOnce claim shared by several replicas of one workload. */
    public static final String SHARED_RWO_CLAIM = "shared-rwo-claim";
    /** A StorageClass whose provisioner has no CSIDriver. */
    public static final String CSI_DRIVER = "csi-driver";
    /** An EBS StorageClass with {@code Immediate} binding. */
    public static final String IMMEDIATE_BINDING = "immediate-binding";
    /** Stateful pods Karpenter may disrupt without a budget or {@code karpenter.sh/do-not-disrupt}. */
    public static final String DISRUPTION = "disruption";
    /** gp3 parameters EC2 rejects or the driver adjusts. */
    public static final String GP3_PARAMETERS = "gp3-parameters";
    /** A Released volume kept by reclaim policy Retain. */
    public static final String RETAINED_VOLUME = "retained-volume";
    /** An available EBS volume the CSI driver created whose PersistentVolume is gone (needs AWS lookups). */
    public static final String LEFT_BEHIND_VOLUME = "left-behind-volume";

    /** Every check, in this order. */
    public static final List<String> ALL = List.of(PLACEMENT, MULTI_ATTACH, STALE_ATTACHMENT, VOLUME_DETACH, ATTACH_CAPACITY,
            ATTACH_HEADROOM, SHARED_RWO_CLAIM, CSI_DRIVER, IMMEDIATE_BINDING, DISRUPTION, GP3_PARAMETERS, RETAINED_VOLUME,
            LEFT_BEHIND_VOLUME);

    private DoctorChecks() {
    }
}
