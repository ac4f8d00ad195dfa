package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.DisruptionOptions;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.VerificationFailedException;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.view.DelayCause;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Karpenter's graceful replacement of the run's node on the simulated cluster: the drain, detach, termination, new node
 * and attach; each planted slow cause classified; each refusal leaving the NodeClaim untouched.
 */
class GracefulDisruptionTest {
    private final SimulatedCluster cluster = new SimulatedCluster();

    private BlueprintRun readyRun() {
        BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).deploy();
        run.awaitReady();
        return run;
    }

    @Test
    void replacesTheNodeWithinTheBoundAndKeepsTheFile() {
        try (BlueprintRun run = readyRun()) {
            String old = run.workloadNodes().get(0).name();

            DisruptionReport report = run.disruptNode();

            assertThat(report.oldNode()).isEqualTo(old);
            assertThat(report.nodeClaim()).startsWith("default-");
            assertThat(report.newNodes()).hasSize(1).doesNotContain(old);
            assertThat(report.zone()).isEqualTo("eu-west-2a");
            assertThat(report.withinBound()).as("%s", report).isTrue();
            assertThat(report.bound()).isEqualTo(Duration.ofMinutes(2));
            assertThat(report.delays()).isEmpty();
            assertThat(report.contentPreserved()).isTrue();
            assertThat(run.pods()).hasSize(3).allSatisfy(p -> assertThat(p.running()).isTrue())
                    .extracting(PodView::node).containsOnly(report.newNodes().get(0));
            assertThat(run.nodes()).extracting(n -> n.name()).doesNotContain(old);
            run.verifyZone();
        }
    }

    @Test
    void theStatefulSetVariantIsReplacedToo() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").workload(w -> w.kind(WorkloadKind.STATEFULSET))
                .backend(cluster).deploy()) {
            run.awaitReady();

            DisruptionReport report = run.disruptNode();

            assertThat(report.newNodes()).doesNotContain(report.oldNode());
            assertThat(report.contentPreserved()).isTrue();
            run.verifyZone();
        }
    }

    @Test
    void aSlowDetachIsClassifiedAsMultiAttachAndAwaitingVolumeDetachment() {
        try (BlueprintRun run = readyRun()) {
            cluster.slowDetach(Duration.ofMinutes(3));

            DisruptionReport report = run.disruptNode();

            assertThat(report.withinBound()).isFalse();
            assertThat(report.duration()).isGreaterThan(Duration.ofMinutes(3));
            assertThat(report.causes()).containsExactlyInAnyOrder(DelayCause.MULTI_ATTACH, DelayCause.AWAITING_VOLUME_DETACHMENT);
            assertThat(report.delays()).filteredOn(d -> d.cause() == DelayCause.MULTI_ATTACH).singleElement()
                    .satisfies(d -> assertThat(d.evidence()).anyMatch(e -> e.contains("Multi-Attach error for volume")));
            assertThat(report.delays()).filteredOn(d -> d.cause() == DelayCause.AWAITING_VOLUME_DETACHMENT).singleElement()
                    .satisfies(d -> assertThat(d.evidence()).anyMatch(e -> e.contains("Node/" + report.oldNode())
                            && e.contains("Awaiting deletion of bound volumeattachments")));
            assertThat(report.contentPreserved()).isTrue();
        }
    }

    @Test
    void anAttachRefusedWithVolumeInUseIsClassified() {
        try (BlueprintRun run = readyRun()) {
            cluster.failAttachWithVolumeInUse(4);

            DisruptionReport report = run.disruptNode();

            assertThat(report.withinBound()).isFalse();
            assertThat(report.causes()).containsExactly(DelayCause.ATTACH_VOLUME_IN_USE);
            assertThat(report.delays().get(0).evidence()).allMatch(e -> e.contains("FailedAttachVolume") && e.contains("VolumeInUse"));
        }
    }

    @Test
    void aRefusedEvictionIsClassified() {
        try (BlueprintRun run = readyRun()) {
            cluster.blockEvictions(Duration.ofMinutes(2));

            DisruptionReport report = run.disruptNode();

            assertThat(report.withinBound()).isFalse();
            assertThat(report.causes()).containsExactly(DelayCause.EVICTION_BLOCKED);
            assertThat(report.delays().get(0).evidence()).allMatch(e -> e.contains("FailedDraining") && e.contains("violates a PDB"));
        }
    }

    @Test
    void aLooseBoundTurnsTheSameSlowReplacementIntoAPass() {
        try (BlueprintRun run = readyRun()) {
            cluster.slowDetach(Duration.ofMinutes(3));

            DisruptionReport report = run.disruptNode(DisruptionOptions.builder().bound(Duration.ofMinutes(5)).build());

            assertThat(report.withinBound()).isTrue();
            assertThat(report.causes()).contains(DelayCause.MULTI_ATTACH);
        }
    }

    @Test
    void refusesANodeRunningAnotherWorkloadsPodsUnlessAllowed() {
        try (BlueprintRun run = readyRun()) {
            String node = run.workloadNodes().get(0).name();
            cluster.plant().foreignPod(node, "payments", "ledger-7d9f-abcde", "ReplicaSet")
                    .foreignPod(node, "kube-system", "ebs-csi-node-x2x4z", "DaemonSet");

            assertThatThrownBy(run::disruptNode).isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("refusing to disrupt node " + node)
                    .hasMessageContaining("Pod/payments/ledger-7d9f-abcde").hasMessageNotContaining("ebs-csi-node")
                    .hasMessageContaining("allowForeignPods(true)").hasMessageContaining("nothing was changed");
            assertThat(cluster.occupancy(node).nodeClaim()).hasValueSatisfying(c -> assertThat(c.deleting()).isFalse());

            DisruptionReport report = run.disruptNode(DisruptionOptions.builder().allowForeignPods(true).build());
            assertThat(report.oldNode()).isEqualTo(node);
        }
    }

    @Test
    void refusesUpFrontWhenAPodMayNotBeDisrupted() {
        try (BlueprintRun run = readyRun()) {
            PodView pod = run.pods().get(0);
            cluster.plant().podAnnotation("default", pod.name(), "karpenter.sh/do-not-disrupt", "true");

            assertThatThrownBy(run::disruptNode).isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("its drain could never finish")
                    .hasMessageContaining("Pod/default/" + pod.name() + " is annotated karpenter.sh/do-not-disrupt=true");
            assertThat(cluster.occupancy(pod.node()).nodeClaim()).hasValueSatisfying(c -> assertThat(c.deleting()).isFalse());
        }
    }

    @Test
    void refusesUpFrontWhenABudgetAllowsNoDisruption() {
        try (BlueprintRun run = readyRun()) {
            cluster.plant().disruptionBudget("default", "stateful-pdb", Map.of("app", "stateful"), 0);

            assertThatThrownBy(run::disruptNode).isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("PodDisruptionBudget default/stateful-pdb, which allows 0 disruptions now");
            assertThat(run.pods()).allSatisfy(p -> assertThat(p.running()).isTrue());
        }
    }

    @Test
    void aBudgetThatAllowsADisruptionDoesNotBlock() {
        try (BlueprintRun run = readyRun()) {
            cluster.plant().disruptionBudget("default", "stateful-pdb", Map.of("app", "stateful"), 1);

            assertThat(run.disruptNode().contentPreserved()).isTrue();
        }
    }

    @Test
    void refusesANodeThatRunsNoneOfTheRunsPods() {
        try (BlueprintRun run = readyRun()) {
            assertThatThrownBy(() -> run.disruptNode(DisruptionOptions.builder().node("ip-10-0-1-1.example").build()))
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("no pod of Deployment/default/stateful runs there");
        }
    }

    @Test
    void aTimeoutSaysWhatStillHoldsTheNode() {
        try (BlueprintRun run = readyRun()) {
            cluster.slowDetach(Duration.ofMinutes(20));

            assertThatThrownBy(() -> run.disruptNode(DisruptionOptions.builder().timeout(Duration.ofMinutes(5)).build()))
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("was not replaced within PT5M")
                    .hasMessageContaining("is still being deleted")
                    .hasMessageContaining("AWAITING_VOLUME_DETACHMENT");
            cluster.slowDetach(Duration.ZERO);
        }
    }

    @Test
    void optionsAreCheckedWhereTheyAreGiven() {
        assertThatThrownBy(() -> DisruptionOptions.builder().bound(null)).isInstanceOf(NullPointerException.class).hasMessage("bound");
        assertThatThrownBy(() -> DisruptionOptions.builder().bound(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bound=PT0S must be positive");
        assertThatThrownBy(() -> DisruptionOptions.builder().timeout(Duration.ofSeconds(-1))).hasMessageContaining("timeout=");
        assertThatThrownBy(() -> DisruptionOptions.builder().node(" ")).hasMessageContaining("node must not be blank");
        assertThatThrownBy(() -> DisruptionOptions.builder().bound(Duration.ofMinutes(20)).build())
                .hasMessageContaining("timeout=PT10M is shorter than bound=PT20M");
        try (BlueprintRun run = readyRun()) {
            assertThatThrownBy(() -> run.disruptNode(null)).isInstanceOf(NullPointerException.class).hasMessage("options");
        }
    }
}
