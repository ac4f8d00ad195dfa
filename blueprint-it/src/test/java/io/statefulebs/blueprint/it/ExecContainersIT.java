package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An exec names no container, so the API server runs a pod's only one; a pod with several is refused with 400 ("a
 * container name must be specified"), and only then does the backend read the pod and send the exec again for its
 * first container. The pod here is scheduling-gated (no node, and Karpenter leaves gated pods alone), so the real API
 * server refuses the second exec too, for another reason, one it gives only to an exec that names a valid container.
 */
class ExecContainersIT {
    private static final String NAMESPACE = "exec-containers";
    private static final String POD = "two-containers";
    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace(NAMESPACE);

    @Test
    void anExecInAPodWithSeveralContainersIsSentAgainForItsFirst() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withNamespace(NAMESPACE).withName(POD).endMetadata()
                .withNewSpec().addNewSchedulingGate().withName("statefulebs.io/never-scheduled").endSchedulingGate()
                .addNewContainer().withName("writer").withImage("public.ecr.aws/docker/library/centos").endContainer()
                .addNewContainer().withName("sidecar").withImage("public.ecr.aws/docker/library/centos").endContainer()
                .endSpec().build();
        // Applied, not created: a targeted failsafe run (-Dit.test) runs this class in two executions.
        cluster.client().pods().inNamespace(NAMESPACE).resource(pod).forceConflicts().serverSideApply();
        try (Fabric8Backend backend = cluster.newBackend(FeatureIdentity.WALKTHROUGH)) {
            assertThatThrownBy(() -> backend.exec(NAMESPACE, POD, List.of("cat", "/data/out.txt")))
                    .isInstanceOfSatisfying(BackendException.class,
                            e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID))
                    .hasMessage("exec cat /data/out.txt in Pod/" + NAMESPACE + "/" + POD + ": API server answered 400: pod "
                            + POD + " does not have a host assigned");
        } finally {
            cluster.client().pods().inNamespace(NAMESPACE).withName(POD).delete();
        }
    }
}
