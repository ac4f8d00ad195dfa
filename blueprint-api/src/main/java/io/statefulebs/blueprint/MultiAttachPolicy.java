package io.statefulebs.blueprint;

import io.statefulebs.blueprint.view.MultiAttachDiagnosis;

import java.util.Objects;

/**
 * How {@link BlueprintRun#recoverMultiAttach} gets a volume released after a node loss. Only {@link #WAIT} is
 * safe in every case; the others act on the cluster and refuse unless their precondition holds.
 */
public enum MultiAttachPolicy {
    /** Let Kubernetes force-detach after maxWaitForUnmountDuration (6 minutes) and wait for the pods. */
    WAIT,
    /**
     * Taint the NotReady node {@code node.kubernetes.io/out-of-service=nodeshutdown:NoExecute} (non-graceful node
     * shutdown): its pods are deleted and its volumes detached at once. Refused for a Ready or missing node.
     */
    TAINT_OUT_OF_SERVICE,
    /**
     * Delete the VolumeAttachment that still names a node object that no longer exists; the attach-detach controller
     * notices at its next reconcile sync ({@code --attach-detach-reconcile-sync-period}, 1 minute by default) and
     * attaches the volume to the new node. Refused while the node exists.
     */
    DELETE_STALE_ATTACHMENT;

    /**
     * Whether this policy may act on {@code diagnosis}: {@link #WAIT} always; {@link #TAINT_OUT_OF_SERVICE} for a
     * node that exists and is NotReady; {@link #DELETE_STALE_ATTACHMENT} for an attachment whose node is gone.
     *
     * @param diagnosis what blocks the volume
     * @return whether the policy's precondition holds
     */
    public boolean appliesTo(MultiAttachDiagnosis diagnosis) {
        Objects.requireNonNull(diagnosis, "diagnosis");
        return switch (this) {
            case WAIT -> true;
            case TAINT_OUT_OF_SERVICE -> diagnosis.nodeExists() && !diagnosis.nodeReady();
            case DELETE_STALE_ATTACHMENT -> !diagnosis.nodeExists() && !diagnosis.attachment().isEmpty();
        };
    }
}
