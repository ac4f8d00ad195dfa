package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.WaitFailedException;
import io.statefulebs.blueprint.error.WaitTimedOutException;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ways the blueprint goes wrong in real clusters, each recognised and explained. */
class FailureScenariosTest {

    @Test
    void aNodePoolThatExcludesTheZoneFailsFastWithTheConflict() {
        SimulatedCluster cluster = SimulatedCluster.builder()
                .nodePool(NodePoolModel.blueprintDefault().withRequirement(NodePoolModel.ZONE, "eu-west-2b", "eu-west-2c"))
                .build();
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).preflight(false).deploy()) {
            Instant start = cluster.clock().instant();
            Duration timeout = Duration.ofMinutes(10);

            assertThatThrownBy(() -> run.awaitReady(timeout))
                    .isInstanceOf(WaitFailedException.class)
                    .hasMessageContaining("no instance type has the required offering")
                    .hasMessageContaining("topology.ebs.csi.aws.com/zone In [eu-west-2a]")
                    .hasMessageContaining("topology.kubernetes.io/zone In [eu-west-2b eu-west-2c]")
                    .hasMessageContaining("Pending");
            assertThat(cluster.clock().instant()).isBefore(start.plus(timeout));
            assertThat(run.pods()).hasSize(3).noneMatch(PodView::running);
            assertThat(run.nodes()).isEmpty();
        }
    }

    @Test
    void aZoneWithoutClusterSubnetsFailsFastToo() {
        SimulatedCluster cluster = SimulatedCluster.builder().region("eu-west-2", "eu-west-2b", "eu-west-2c").build();
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).preflight(false).deploy()) {
            assertThatThrownBy(run::awaitReady).isInstanceOf(WaitFailedException.class).hasMessageContaining("eu-west-2a");
        }
    }

    @Test
    void anUngracefulNodeLossShowsMultiAttachAndRecoversAfterTheForceDetach() {
        SimulatedCluster cluster = new SimulatedCluster();
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).deploy()) {
            run.awaitReady();
            FileContent before = run.readFile();
            ClaimView claim = run.claim();
            NodeView lost = run.nodes().get(0);
            Instant lossAt = cluster.clock().instant();

            cluster.loseNode(lost.name());
            cluster.advance(Duration.ofMinutes(3));

            List<MultiAttachDiagnosis> diagnoses = run.diagnoseMultiAttach();
            assertThat(diagnoses).singleElement().satisfies(d -> {
                assertThat(d.volume()).isEqualTo(claim.volumeName());
                assertThat(d.attachedNode()).isEqualTo(lost.name());
                assertThat(d.nodeExists()).isFalse();
                assertThat(d.waitingPods()).isNotEmpty();
                assertThat(d.explanation()).contains("is gone").contains("6 minutes").contains("DELETE_STALE_ATTACHMENT");
            });
            assertThat(run.events()).anySatisfy(e -> assertThat(e.message())
                    .startsWith("Multi-Attach error for volume \"" + claim.volumeName() + "\""));

            run.awaitReady(Duration.ofMinutes(10));

            assertThat(Duration.between(lossAt, cluster.clock().instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(6));
            assertThat(run.nodes()).singleElement().satisfies(n -> {
                assertThat(n.name()).isNotEqualTo(lost.name());
                assertThat(n.zone()).isEqualTo("eu-west-2a");
            });
            assertThat(run.events()).extracting(EventView::reason).contains("FailedAttachVolume", "SuccessfulAttachVolume");
            assertThat(run.diagnoseMultiAttach()).isEmpty();
            assertThat(run.readFile().startsWith(before)).isTrue();
        }
    }

    @Test
    void replicasTooBigForOneNodeHitMultiAttachAndTheStatefulSetAvoidsIt() {
        SimulatedCluster cluster = new SimulatedCluster();
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster)
                .workload(w -> w.cpuRequest("40")).deploy()) {
            assertThatThrownBy(() -> run.awaitReady(Duration.ofMinutes(10)))
                    .isInstanceOf(WaitTimedOutException.class)
                    .hasMessageContaining("1/3 pods Running")
                    .hasMessageContaining("Multi-Attach error");
            assertThat(run.workloadNodes()).hasSize(3).allSatisfy(n -> assertThat(n.zone()).isEqualTo("eu-west-2a"));
            assertThat(run.diagnoseMultiAttach()).singleElement().satisfies(d -> {
                assertThat(d.waitingPods()).hasSize(2);
                assertThat(d.nodeExists()).isTrue();
                assertThat(d.nodeReady()).isTrue();
                assertThat(d.explanation()).contains("share one ReadWriteOnce claim").contains("STATEFULSET");
            });
        }

        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster)
                .workload(w -> w.cpuRequest("40").kind(WorkloadKind.STATEFULSET)).deploy()) {
            run.awaitReady(Duration.ofMinutes(15));

            assertThat(run.claims()).hasSize(3).allSatisfy(c -> {
                assertThat(c.bound()).isTrue();
                assertThat(c.zone()).isEqualTo("eu-west-2a");
            });
            assertThat(run.claims()).extracting(ClaimView::volumeName).doesNotHaveDuplicates();
            assertThat(run.verifyZone().nodes()).hasSize(3);
            assertThat(run.diagnoseMultiAttach()).isEmpty();
            assertThat(run.failover().preserved()).isTrue();
        }
    }

    @Test
    void slowProvisioningStillConvergesWithinALongerWait() {
        SimulatedCluster cluster = SimulatedCluster.builder()
                .timings(SimTimings.defaults().slowerProvisioning(Duration.ofMinutes(4))).build();
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).deploy()) {
            assertThatThrownBy(() -> run.awaitReady(Duration.ofMinutes(2)))
                    .isInstanceOf(WaitTimedOutException.class)
                    .hasMessageContaining("claim ebs-claim Pending")
                    .hasMessageContaining("Nominated");
            run.awaitReady(Duration.ofMinutes(10));
            assertThat(run.pods()).allMatch(PodView::running);
        }
    }

    /** Found on the real tier: the PV controller's "Error saving claim" conflict is retried, and must not end the wait. */
    @Test
    void aProvisioningFailedThatIsOnlyAClaimSaveConflictIsWaitedOut() {
        SimulatedCluster cluster = new SimulatedCluster();
        cluster.conflictOnClaimSaves(3);
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET)).deploy()) {
            run.awaitReady(Duration.ofMinutes(10));

            assertThat(run.events()).filteredOn(e -> e.reason().equals("ProvisioningFailed"))
                    .isNotEmpty().allMatch(e -> e.message().contains("the object has been modified"));
            assertThat(run.claims()).hasSize(3).allMatch(c -> c.phase().equals("Bound"));
        }
    }
}
