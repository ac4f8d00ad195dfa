package io.statefulebs.blueprint.it;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safer variant on a real API server: a StatefulSet with one claim per replica (the simulator once accepted a
 * rendering the API server refused), every claim Bound in the zone, the failover keeps the replica's content, and it
 * scales down (the StatefulSet's patch, as the walkthrough's identity).
 */
class StatefulSetVariantIT {
    private static final String NAMESPACE = "statefulset";
    private static final String ZONE = "eu-west-2b";
    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace(NAMESPACE);

    @Test
    void everyReplicaGetsItsOwnClaimInTheZoneAndKeepsItsContent() {
        try (Fabric8Backend backend = cluster.newBackend();
             BlueprintRun run = StatefulEbsBlueprint.builder().namespace(NAMESPACE).zone(ZONE).replicas(2)
                     .storage(s -> s.storageClassName("storage-gp3-statefulset"))
                     .workload(w -> w.kind(WorkloadKind.STATEFULSET))
                     .backend(backend).deploy()) {
            run.awaitReady(Duration.ofMinutes(5));

            assertThat(run.claims()).extracting(ClaimView::name).containsExactly("ebs-claim-stateful-0", "ebs-claim-stateful-1");
            assertThat(run.claims()).allSatisfy(c -> {
                assertThat(c.bound()).isTrue();
                assertThat(c.zone()).isEqualTo(ZONE);
            });
            assertThat(run.verifyZone().claims()).hasSize(2);
            FailoverReport failover = run.failover(Duration.ofMinutes(5));
            assertThat(failover.preserved()).isTrue();
            assertThat(failover.replacementPod()).isEqualTo(failover.deletedPod());

            run.scale(1).awaitReady(Duration.ofMinutes(3));
            assertThat(run.pods()).extracting(PodView::name).containsExactly("stateful-0");
        }
    }
}
