package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;

import java.util.List;

/**
 * Recognises the attach-detach controller's {@code FailedAttachVolume} "Multi-Attach error for volume "pvc-..."
 * events on a run's current pods and explains each (the logic is {@link MultiAttachDiagnoses}, shared with the doctor).
 */
final class MultiAttachDetector {
    private MultiAttachDetector() {
    }

    static List<MultiAttachDiagnosis> diagnose(RunScope scope, ClusterView cluster) {
        return MultiAttachDiagnoses.of(scope.workload().toString(), scope.pods(cluster), cluster.events(scope.namespace()),
                cluster.volumeAttachments(), cluster.nodes());
    }
}
