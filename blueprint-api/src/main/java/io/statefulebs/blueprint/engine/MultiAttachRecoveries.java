package io.statefulebs.blueprint.engine;

import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.error.VerificationFailedException;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;

/** Carries out one {@link MultiAttachPolicy} for one diagnosis, refusing the destructive ones when unsafe. */
final class MultiAttachRecoveries {
    static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

    private MultiAttachRecoveries() {
    }

    /** Acts on the cluster as the policy says; returns what it did, in words for the report. */
    static String act(MultiAttachPolicy policy, MultiAttachDiagnosis d, ClusterBackend backend) {
        return switch (policy) {
            case WAIT -> "waited for " + d.volume() + " to be detached from " + nodeOrUnknown(d);
            case TAINT_OUT_OF_SERVICE -> {
                if (!d.nodeExists() || d.nodeReady()) {
                    throw new VerificationFailedException("refusing to taint node " + nodeOrUnknown(d) + " " + OUT_OF_SERVICE
                            + ": it " + (d.nodeExists() ? "is Ready, and the taint would evict healthy pods"
                            : "no longer exists; use MultiAttachPolicy.DELETE_STALE_ATTACHMENT or WAIT"));
                }
                backend.taintNode(d.attachedNode(), OUT_OF_SERVICE, "nodeshutdown", "NoExecute");
                yield "tainted NotReady node " + d.attachedNode() + " " + OUT_OF_SERVICE + "=nodeshutdown:NoExecute";
            }
            case DELETE_STALE_ATTACHMENT -> {
                if (d.nodeExists() || d.attachment().isEmpty()) {
                    throw new VerificationFailedException("refusing to delete the VolumeAttachment of " + d.volume() + ": "
                            + (d.attachment().isEmpty() ? "there is none" : "node " + d.attachedNode()
                            + " still exists and may still write to the volume; use TAINT_OUT_OF_SERVICE or WAIT"));
                }
                backend.deleteVolumeAttachment(d.attachment());
                yield "deleted stale VolumeAttachment " + d.attachment() + " of " + d.volume() + " (node " + d.attachedNode() + " is gone)";
            }
        };
    }

    private static String nodeOrUnknown(MultiAttachDiagnosis d) {
        return d.attachedNode().isEmpty() ? "its old node" : d.attachedNode();
    }
}
