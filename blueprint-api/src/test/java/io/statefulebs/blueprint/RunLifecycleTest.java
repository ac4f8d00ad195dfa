package io.statefulebs.blueprint;

import io.statefulebs.blueprint.sim.ApiVerb;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.InvalidSpecException;
import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.progress.StepStatus;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.view.CleanupReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a run leaves behind, and what its listeners hear, when things go right and wrong. */
class RunLifecycleTest {
    private final SimulatedCluster cluster = new SimulatedCluster();

    private StatefulEbsBlueprint.Builder blueprint(String runId) {
        return StatefulEbsBlueprint.builder().zone("eu-west-2a").runId(runId).backend(cluster);
    }

    @Test
    void aFailureHalfwayThroughApplyLeavesNothingBehind() {
        cluster.failNext(ApiVerb.CREATE, "Deployment/", 1);

        assertThatThrownBy(() -> blueprint("half").deploy())
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("create Deployment/default/stateful");

        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("half"))).isEmpty();
    }

    @Test
    void aFailedPreflightAppliesNothing() {
        assertThatThrownBy(() -> blueprint("pre").storage(s -> s.provisioner("ebs.csi.eks.amazonaws.com")).deploy())
                .isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining("ebs.csi.eks.amazonaws.com");
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("pre"))).isEmpty();
    }

    @Test
    void invalidInputFailsBeforeTheBackendIsTouched() {
        assertThatThrownBy(() -> blueprint("bad").replicas(-3).deploy()).isInstanceOf(InvalidSpecException.class);
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("bad"))).isEmpty();
    }

    @Test
    void anotherProcessCanCleanUpAKeptRunByItsId() {
        String volume;
        try (BlueprintRun run = blueprint("kept").deploy()) {
            run.awaitReady();
            volume = run.claim().volumeName();
            run.keep();
        }
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("kept"))).isNotEmpty();

        CleanupReport report = Cleanup.run(cluster, "default", "kept", Duration.ofMinutes(5));

        assertThat(report.clean()).isTrue();
        assertThat(report.deleted()).contains("StorageClass/storage-gp3", "PersistentVolumeClaim/default/ebs-claim",
                "Deployment/default/stateful");
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("kept"))).isEmpty();
        assertThat(cluster.exists(io.statefulebs.blueprint.spi.ResourceRef.persistentVolume(volume))).isFalse();
        assertThat(Cleanup.run(cluster, "default", "kept", Duration.ofMinutes(5)).deleted()).isEmpty();
    }

    @Test
    void cleanupIsIdempotentAndCloseAfterCleanupIsQuiet() {
        BlueprintRun run = blueprint("twice").deploy();
        run.awaitReady();

        CleanupReport first = run.cleanup();
        CleanupReport second = run.cleanup();
        run.close();

        assertThat(first.clean()).isTrue();
        assertThat(second).isSameAs(first);
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("twice"))).isEmpty();
    }

    @Test
    void listenersHearEveryStepStartAndEndWithClusterTime() {
        List<StepEvent> events = new ArrayList<>();
        try (BlueprintRun run = blueprint("heard").listener(events::add).deploy()) {
            run.awaitReady();
        }

        assertThat(events).allSatisfy(e -> assertThat(e.runId()).isEqualTo("heard"));
        assertThat(events).extracting(e -> e.step() + ":" + e.status()).containsExactly(
                "resolve-zone:STARTED", "resolve-zone:PASSED", "preflight:STARTED", "preflight:PASSED", "ownership:STARTED", "ownership:PASSED",
                "apply:STARTED", "apply:PASSED", "await-ready:STARTED", "await-ready:PASSED",
                "cleanup:STARTED", "cleanup:PASSED");
        StepEvent ready = events.stream().filter(e -> e.step().equals("await-ready") && e.status() == StepStatus.PASSED)
                .findFirst().orElseThrow();
        assertThat(ready.clusterElapsed()).isGreaterThan(Duration.ofMinutes(1));
        assertThat(ready.message()).contains("3 pod(s) Running");
    }

    @Test
    void aFailedStepIsReportedAsFailed() {
        List<StepEvent> events = new ArrayList<>();
        try (BlueprintRun run = blueprint("fails").listener(events::add).deploy()) {
            run.awaitReady();
            cluster.failNext(ApiVerb.EXEC, 1);
            assertThatThrownBy(run::readFile).isInstanceOf(BackendException.class);
        }
        assertThat(events).anySatisfy(e -> {
            assertThat(e.step()).isEqualTo("read-file");
            assertThat(e.status()).isEqualTo(StepStatus.FAILED);
            assertThat(e.message()).contains("injected fault");
        });
    }

    @Test
    void scalingOutsideTheBoundsIsRejectedBeforeTheCluster() {
        try (BlueprintRun run = blueprint("scale").deploy()) {
            assertThatThrownBy(() -> run.scale(101)).isInstanceOf(InvalidSpecException.class).hasMessageContaining("replicas");
            assertThatThrownBy(run::awaitNodesReleased).isInstanceOf(IllegalStateException.class).hasMessageContaining("scale(0)");
        }
    }
}
