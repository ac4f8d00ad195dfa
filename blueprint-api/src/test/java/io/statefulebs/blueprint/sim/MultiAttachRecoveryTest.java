package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.VerificationFailedException;
import io.statefulebs.blueprint.error.WaitTimedOutException;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.MultiAttachRecovery;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each recovery policy after each kind of node loss: what it does, what it refuses, how long it takes. */
class MultiAttachRecoveryTest {
    private final SimulatedCluster cluster = new SimulatedCluster();

    private BlueprintRun readyRun() {
        BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).deploy();
        run.awaitReady();
        return run;
    }

    /** Loses the instance under the workload and lets cluster time pass until replacements meet Multi-Attach. */
    private String loseInstance(BlueprintRun run) {
        String node = run.nodes().get(0).name();
        cluster.loseNode(node);
        cluster.advance(Duration.ofMinutes(3));
        assertThat(run.diagnoseMultiAttach()).isNotEmpty();
        return node;
    }

    @Test
    void waitingRecoversAfterTheSixMinuteForceDetach() {
        try (BlueprintRun run = readyRun()) {
            FileContent before = run.readFile();
            String lost = loseInstance(run);

            MultiAttachRecovery recovery = run.recoverMultiAttach(MultiAttachPolicy.WAIT, Duration.ofMinutes(10));

            assertThat(recovery.actions()).singleElement().asString().contains("waited").contains(lost);
            assertThat(recovery.timeToRecover()).isGreaterThan(Duration.ofMinutes(2));
            assertThat(run.readFile().startsWith(before)).isTrue();
        }
    }

    @Test
    void deletingTheStaleAttachmentRecoversAtTheControllersNextSync() {
        try (BlueprintRun run = readyRun()) {
            String lost = loseInstance(run);

            MultiAttachRecovery recovery = run.recoverMultiAttach(MultiAttachPolicy.DELETE_STALE_ATTACHMENT, Duration.ofMinutes(10));

            assertThat(recovery.diagnoses()).singleElement().satisfies(d -> assertThat(d.attachedNode()).isEqualTo(lost));
            assertThat(recovery.actions()).singleElement().asString().contains("deleted stale VolumeAttachment csi-");
            // the controller's reconcile sync (1 minute), the attach and the container start; far below the 6 minutes of WAIT
            assertThat(recovery.timeToRecover()).isLessThan(Duration.ofMinutes(2));
            assertThat(run.pods()).hasSize(3).allMatch(PodView::running);
        }
    }

    @Test
    void aDeletedAttachmentStillBlocksTheVolumeUntilTheControllersNextSync() {
        try (BlueprintRun run = readyRun()) {
            loseInstance(run);
            String attachment = run.diagnoseMultiAttach().get(0).attachment();
            String volume = run.claim().volumeName();

            assertThat(cluster.deleteVolumeAttachment(attachment)).isTrue();

            // The object is gone at once, but the controller counts the volume attached until it resyncs: no new
            // attachment starts meanwhile.
            cluster.advance(Duration.ofSeconds(1));
            assertThat(cluster.volumeAttachments()).noneMatch(a -> a.volumeName().equals(volume));
            assertThat(run.pods()).noneMatch(PodView::running);
            assertThat(run.diagnoseMultiAttach()).singleElement().satisfies(d -> {
                assertThat(d.attachment()).isEmpty();
                assertThat(d.explanation()).contains("no VolumeAttachment holds");
            });
            cluster.advance(EbsCsiModel.RECONCILE_SYNC);
            assertThat(cluster.volumeAttachments()).anyMatch(a -> a.volumeName().equals(volume));
            run.awaitReady(Duration.ofMinutes(2));
            assertThat(run.diagnoseMultiAttach()).isEmpty();
        }
    }

    @Test
    void taintingIsRefusedWhenTheNodeIsAlreadyGone() {
        try (BlueprintRun run = readyRun()) {
            loseInstance(run);

            assertThatThrownBy(() -> run.recoverMultiAttach(MultiAttachPolicy.TAINT_OUT_OF_SERVICE, Duration.ofMinutes(10)))
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("no longer exists")
                    .hasMessageContaining("DELETE_STALE_ATTACHMENT");
        }
    }

    @Test
    void aDeadKubeletNeedsTheOutOfServiceTaint() {
        try (BlueprintRun run = readyRun()) {
            FileContent before = run.readFile();
            String node = run.nodes().get(0).name();
            cluster.stopKubelet(node);
            cluster.advance(Duration.ofMinutes(8));

            assertThat(run.diagnoseMultiAttach()).singleElement().satisfies(d -> {
                assertThat(d.attachedNode()).isEqualTo(node);
                assertThat(d.nodeExists()).isTrue();
                assertThat(d.nodeReady()).isFalse();
                assertThat(d.explanation()).contains("TAINT_OUT_OF_SERVICE");
            });
            assertThatThrownBy(() -> run.recoverMultiAttach(MultiAttachPolicy.DELETE_STALE_ATTACHMENT, Duration.ofMinutes(10)))
                    .isInstanceOf(VerificationFailedException.class).hasMessageContaining("still exists");
            assertThatThrownBy(() -> run.awaitReady(Duration.ofMinutes(10)))
                    .isInstanceOf(WaitTimedOutException.class).hasMessageContaining("Terminating");

            MultiAttachRecovery recovery = run.recoverMultiAttach(MultiAttachPolicy.TAINT_OUT_OF_SERVICE, Duration.ofMinutes(10));

            assertThat(recovery.actions()).singleElement().asString().contains("node.kubernetes.io/out-of-service=nodeshutdown:NoExecute");
            assertThat(recovery.timeToRecover()).isLessThan(Duration.ofMinutes(1));
            assertThat(run.pods()).hasSize(3).allMatch(PodView::running);
            assertThat(run.readFile().startsWith(before)).isTrue();
        }
    }

    @Test
    void taintingAReadyNodeIsRefused() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster)
                .workload(w -> w.cpuRequest("40")).deploy()) {
            assertThatThrownBy(() -> run.awaitReady(Duration.ofMinutes(5))).isInstanceOf(WaitTimedOutException.class);

            assertThatThrownBy(() -> run.recoverMultiAttach(MultiAttachPolicy.TAINT_OUT_OF_SERVICE, Duration.ofMinutes(5)))
                    .isInstanceOf(VerificationFailedException.class).hasMessageContaining("is Ready");
        }
    }
}
