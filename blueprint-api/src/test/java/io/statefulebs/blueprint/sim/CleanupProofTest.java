package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.BlueprintException;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.CleanupReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failure injected at each lifecycle step, then close(): nothing carrying the run's labels is left (listed, not
 * assumed), and no volume either.
 */
class CleanupProofTest {
    private static final List<Consumer<BlueprintRun>> STEPS = List.of(
            run -> run.awaitReady(),
            run -> run.verifyZone(),
            run -> run.readFile(),
            run -> run.failover(),
            run -> run.scale(0),
            run -> run.awaitNodesReleased(),
            run -> run.scale(3),
            run -> run.awaitReady());

    private final SimulatedCluster cluster = new SimulatedCluster();

    @ParameterizedTest(name = "{0} fails at step {1}")
    @CsvSource({
            "LIST, 0", "GET, 0", "LIST, 1", "EXEC, 2", "EXEC, 3", "DELETE, 3", "SCALE, 4", "LIST, 5", "SCALE, 6", "LIST, 7"})
    void aFailureAtAnyStepLeavesNothingAfterClose(ApiVerb verb, int failingStep) {
        String runId = "proof-" + verb.name().toLowerCase() + "-" + failingStep;
        List<String> volumes = new ArrayList<>();
        BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").runId(runId).backend(cluster).deploy();
        assertThatThrownBy(() -> {
            for (int step = 0; step < STEPS.size(); step++) {
                if (step == failingStep) {
                    cluster.failNext(verb, 1);
                }
                STEPS.get(step).accept(run);
                run.claims().forEach(c -> volumes.add(c.volumeName()));
            }
        }).isInstanceOf(BlueprintException.class).hasMessageContaining("injected fault");

        run.close();

        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun(runId))).isEmpty();
        assertThat(volumes.stream().filter(v -> !v.isEmpty()).map(ResourceRef::persistentVolume)).noneMatch(cluster::exists);
    }

    @Test
    void closeSurvivesTransientFailuresWithinItsDeadline() {
        BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").runId("transient").backend(cluster).deploy();
        run.awaitReady();
        cluster.failNext(ApiVerb.DELETE, "PersistentVolumeClaim/", 2);

        run.close();

        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("transient"))).isEmpty();
    }

    @Test
    void aFailureDuringCleanupCanBeRetried() {
        BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").runId("retry").backend(cluster).deploy();
        run.awaitReady();
        String volume = run.claim().volumeName();
        cluster.failNext(ApiVerb.DELETE, "PersistentVolumeClaim/", 3);

        assertThatThrownBy(run::close).isInstanceOf(BlueprintException.class).hasMessageContaining("injected fault")
                .hasMessageContaining("cleanup of run retry failed")
                .hasMessageContaining("Finish it with Cleanup.run(backend, \"default\", \"retry\", timeout) or run.cleanup()");
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("retry"))).isNotEmpty();

        CleanupReport report = run.cleanup();

        assertThat(report.clean()).isTrue();
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("retry"))).isEmpty();
        assertThat(cluster.exists(ResourceRef.persistentVolume(volume))).isFalse();
        run.close();
    }

    @Test
    void cleanupWaitsOutAClaimStillInUse() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").runId("busy").backend(cluster).deploy()) {
            run.awaitReady();
            cluster.advance(Duration.ofMinutes(10));
        }
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("busy"))).isEmpty();
    }
}
