package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.MultiAttachRecovery;
import io.statefulebs.blueprint.error.VerificationFailedException;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node-loss scenarios of blueprint-it's NodeLossIT on the simulator, with the same facts ({@link WalkthroughFacts}):
 * a terminated instance (the node object goes) recovers by deleting the stale attachment, a stopped one (the node
 * stays NotReady) by the out-of-service taint, and each refuses the other's policy.
 */
class NodeLossScenarioTest {
    private static final String ZONE = "eu-west-2a";
    private final SimulatedCluster cluster = new SimulatedCluster();

    private BlueprintRun readyRun() {
        return ReadyRuns.threeWritersIn(cluster, ZONE);
    }

    @Test
    void aTerminatedInstanceLeavesAStaleAttachmentThatDeletingRecovers() {
        try (BlueprintRun run = readyRun()) {
            String lost = WalkthroughFacts.assertReadyAsTheWalkthroughShows(run, ZONE).node().name();
            FileContent before = run.readFile();

            cluster.loseNode(lost);
            cluster.advance(Duration.ofMinutes(3));

            MultiAttachDiagnosis diagnosis = WalkthroughFacts.assertMultiAttachAfterNodeLoss(run, lost, false);
            assertThat(diagnosis.explanation()).contains("is gone");
            assertThatThrownBy(() -> run.recoverMultiAttach(MultiAttachPolicy.TAINT_OUT_OF_SERVICE, Duration.ofMinutes(1)))
                    .isInstanceOf(VerificationFailedException.class).hasMessageContaining("no longer exists");

            MultiAttachRecovery recovery = run.recoverMultiAttach(MultiAttachPolicy.DELETE_STALE_ATTACHMENT, Duration.ofMinutes(3));

            assertThat(recovery.actions()).singleElement().asString().contains("deleted stale VolumeAttachment " + diagnosis.attachment());
            WalkthroughFacts.assertRecoveredFromNodeLoss(run, recovery, MultiAttachPolicy.DELETE_STALE_ATTACHMENT, lost, ZONE, before);
        }
    }

    @Test
    void aStoppedInstanceNeedsTheOutOfServiceTaint() {
        try (BlueprintRun run = readyRun()) {
            String lost = WalkthroughFacts.assertReadyAsTheWalkthroughShows(run, ZONE).node().name();
            FileContent before = run.readFile();

            cluster.stopKubelet(lost);
            cluster.advance(Duration.ofMinutes(8));

            WalkthroughFacts.assertMultiAttachAfterNodeLoss(run, lost, true);
            assertThatThrownBy(() -> run.recoverMultiAttach(MultiAttachPolicy.DELETE_STALE_ATTACHMENT, Duration.ofMinutes(1)))
                    .isInstanceOf(VerificationFailedException.class).hasMessageContaining("still exists");

            MultiAttachRecovery recovery = run.recoverMultiAttach(MultiAttachPolicy.TAINT_OUT_OF_SERVICE, Duration.ofMinutes(3));

            assertThat(recovery.actions()).singleElement().asString().contains("node.kubernetes.io/out-of-service=nodeshutdown:NoExecute");
            WalkthroughFacts.assertRecoveredFromNodeLoss(run, recovery, MultiAttachPolicy.TAINT_OUT_OF_SERVICE, lost, ZONE, before);
            assertThat(run.pods()).noneMatch(p -> p.node().equals(lost));
        }
    }
}
