package io.statefulebs.blueprint;

import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.sim.ApiVerb;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spi.ClusterBackend;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Null and impossible input fails at the call that received it; a failing listener never leaves objects behind. */
class StrictInputTest {
    private final SimulatedCluster cluster = new SimulatedCluster();

    @Test
    void aNullFailsAtTheBuilderCallNamingTheParameter() {
        StatefulEbsBlueprint.Builder builder = StatefulEbsBlueprint.builder();

        assertThatThrownBy(() -> builder.namespace(null)).isInstanceOf(NullPointerException.class).hasMessage("namespace");
        assertThatThrownBy(() -> builder.zone((String) null)).isInstanceOf(NullPointerException.class).hasMessage("zoneName");
        assertThatThrownBy(() -> builder.runId(null)).isInstanceOf(NullPointerException.class).hasMessage("runId");
        assertThatThrownBy(() -> builder.label("team", null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> builder.storage(s -> s.size(null))).isInstanceOf(NullPointerException.class).hasMessage("size");
        assertThatThrownBy(() -> builder.workload(w -> w.image(null))).isInstanceOf(NullPointerException.class).hasMessage("image");
        assertThatThrownBy(() -> DeployOptions.builder().listener(null)).isInstanceOf(NullPointerException.class).hasMessage("listener");
    }

    @Test
    void aNullBackendNeverFallsBackToTheSimulatedCluster() {
        assertThatThrownBy(() -> StatefulEbsBlueprint.builder().backend((ClusterBackend) null))
                .isInstanceOf(NullPointerException.class).hasMessage("backend");
        assertThatThrownBy(() -> DeployOptions.builder().backend(null))
                .isInstanceOf(NullPointerException.class).hasMessage("backend");
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheRunNorLeaveObjects() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").runId("noisy").backend(cluster)
                .listener(event -> {
                    throw new IllegalStateException("listener bug");
                }).deploy()) {
            run.awaitReady();
            assertThat(run.pods()).hasSize(3);
        }
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("noisy"))).isEmpty();
    }

    @Test
    void simulatorFaultHooksRejectWhatTheyCannotHonour() {
        assertThatThrownBy(() -> cluster.failNext(ApiVerb.EXEC, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("times must be 0 or more");
        assertThatThrownBy(() -> cluster.failNext(null, 1)).isInstanceOf(NullPointerException.class).hasMessage("verb");
        assertThatThrownBy(() -> cluster.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }
}
