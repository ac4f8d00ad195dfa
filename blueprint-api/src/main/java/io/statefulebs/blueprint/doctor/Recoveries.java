package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The Multi-Attach recoveries whose precondition holds for a diagnosis, in words for a finding's fix. */
final class Recoveries {
    private Recoveries() {
    }

    static String applicable(MultiAttachDiagnosis diagnosis) {
        return Arrays.stream(MultiAttachPolicy.values()).filter(p -> p.appliesTo(diagnosis)).map(p -> switch (p) {
            case WAIT -> "WAIT (Kubernetes force-detaches after maxWaitForUnmountDuration, 6 minutes, once nothing on the node uses it)";
            case TAINT_OUT_OF_SERVICE -> "TAINT_OUT_OF_SERVICE (kubectl taint node " + diagnosis.attachedNode()
                    + " node.kubernetes.io/out-of-service=nodeshutdown:NoExecute, only if the instance is really down)";
            case DELETE_STALE_ATTACHMENT -> "DELETE_STALE_ATTACHMENT (kubectl delete volumeattachment " + diagnosis.attachment()
                    + "; its node is gone)";
        }).collect(Collectors.joining("; or ", "recovery (MultiAttachPolicy): ", ""));
    }
}
