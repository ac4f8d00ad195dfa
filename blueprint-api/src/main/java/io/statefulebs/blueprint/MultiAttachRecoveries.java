package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.VerificationFailedException;
import io.statefulebs.blueprint.error.UnsupportedCapabilityException;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.NodeRepair;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;

/** Carries out one {@link MultiAttachPolicy} for one diagnosis, refusing the destructive ones when unsafe. */
final class MultiAttachRecoveries {
    static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

    private MultiAttachRecoveries() {
    }

    /**
     * What the policy writes, checked before anything is diagnosed or changed: any node or any VolumeAttachment, since
     * which one is known only after the diagnosis.
     */
    static AccessChecks access(MultiAttachPolicy policy) {
        return switch (policy) {
            case WAIT -> new AccessChecks();
            case TAINT_OUT_OF_SERVICE -> new AccessChecks().need("patch", new ResourceRef("v1", "Node", null, ""));
            case DELETE_STALE_ATTACHMENT -> new AccessChecks().need("delete",
                    new ResourceRef("storage.k8s.io/v1", "VolumeAttachment", null, ""));
        };
    }

    /** Acts on the cluster as the policy says; returns what it did, in words for the report. */
    static String act(MultiAttachPolicy policy, MultiAttachDiagnosis d, ClusterBackend backend) {
        return switch (policy) {
            case WAIT -> "waited for " + d.volume() + " to be detached from " + nodeOrUnknown(d);
            case TAINT_OUT_OF_SERVICE -> {
                if (!policy.appliesTo(d)) {
                    throw new VerificationFailedException("refusing to taint node " + nodeOrUnknown(d) + " " + OUT_OF_SERVICE
                            + ": it " + (d.nodeExists() ? "is Ready, and the taint would evict healthy pods"
                            : "no longer exists; use MultiAttachPolicy.DELETE_STALE_ATTACHMENT or WAIT"));
                }
                repair(backend, policy).taintNode(d.attachedNode(), OUT_OF_SERVICE, "nodeshutdown", "NoExecute");
                yield "tainted NotReady node " + d.attachedNode() + " " + OUT_OF_SERVICE + "=nodeshutdown:NoExecute";
            }
            case DELETE_STALE_ATTACHMENT -> {
                if (!policy.appliesTo(d)) {
                    throw new VerificationFailedException("refusing to delete the VolumeAttachment of " + d.volume() + ": "
                            + (d.attachment().isEmpty() ? "there is none" : "node " + d.attachedNode()
                            + " still exists and may still write to the volume; use TAINT_OUT_OF_SERVICE or WAIT"));
                }
                repair(backend, policy).deleteVolumeAttachment(d.attachment());
                yield "deleted stale VolumeAttachment " + d.attachment() + " of " + d.volume() + " (node " + d.attachedNode() + " is gone)";
            }
        };
    }

    /** The backend's node repairs; a backend without them cannot carry out a destructive policy. */
    private static NodeRepair repair(ClusterBackend backend, MultiAttachPolicy policy) {
        if (backend instanceof NodeRepair repair) {
            return repair;
        }
        throw new UnsupportedCapabilityException("recover by " + policy, backend.name(), "NodeRepair",
                "use MultiAttachPolicy.WAIT, which needs no repair");
    }

    private static String nodeOrUnknown(MultiAttachDiagnosis d) {
        return d.attachedNode().isEmpty() ? "its old node" : d.attachedNode();
    }
}
