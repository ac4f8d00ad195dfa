package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.progress.StepStatus;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The walkthrough of the blueprint's README, end to end, with its facts checked at every step. */
class WalkthroughScenarioTest {
    private final SimulatedCluster cluster = new SimulatedCluster();
    private final List<StepEvent> steps = new ArrayList<>();

    @Test
    void theWholeWalkthroughHolds() {
        String volume;
        try (BlueprintRun run = StatefulEbsBlueprint.builder()
                .zone(Zones.firstAvailable())
                .replicas(3)
                .backend(cluster)
                .listener(steps::add)
                .deploy()) {
            assertThat(run.zone()).isEqualTo("eu-west-2a");
            assertThat(run.claim().phase()).isEqualTo("Pending");
            assertThat(run.events()).anySatisfy(e -> assertThat(e.reason()).isEqualTo("WaitForFirstConsumer"));

            run.awaitReady(Duration.ofMinutes(5));

            WalkthroughFacts.Ready ready = WalkthroughFacts.assertReadyAsTheWalkthroughShows(run, "eu-west-2a");
            volume = ready.claim().volumeName();
            assertThat(run.nodes()).singleElement().isEqualTo(ready.node());

            FileContent first = run.readFile();
            assertThat(first.lines()).hasSize(3).allSatisfy(l ->
                    assertThat(l).matches("Writing content every three minutes! Printing a random number: \\d{1,4}"));

            cluster.advance(Duration.ofMinutes(3));
            FailoverReport failover = run.failover();
            assertThat(failover.preserved()).isTrue();
            assertThat(failover.replacementPod()).isNotEqualTo(failover.deletedPod());
            assertThat(failover.after().lines()).hasSizeGreaterThanOrEqualTo(7).startsWith(first.lines().toArray(String[]::new));

            String node = ready.node().name();
            run.scale(0).awaitNodesReleased();
            assertThat(run.nodes()).isEmpty();
            assertThat(cluster.exists(new ResourceRef("v1", "Node", null, node))).isFalse();

            run.scale(3).awaitReady();
            assertThat(run.nodes()).singleElement().satisfies(n -> {
                assertThat(n.zone()).isEqualTo("eu-west-2a");
                assertThat(n.name()).isNotEqualTo(node);
            });
            assertThat(run.claim().volumeName()).isEqualTo(volume);
            run.verifyZone();
            assertThat(run.readFile().lines()).startsWith(failover.after().lines().toArray(String[]::new));
        }
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun(steps.get(0).runId()))).isEmpty();
        assertThat(cluster.exists(ResourceRef.persistentVolume(volume))).isFalse();
        assertThat(steps).filteredOn(s -> s.status() == StepStatus.FAILED).isEmpty();
        assertThat(steps).extracting(StepEvent::step).contains("apply", "await-ready", "failover", "cleanup");
        Duration clusterTime = Duration.between(steps.get(0).clusterTime(), steps.get(steps.size() - 1).clusterTime());
        assertThat(clusterTime).isGreaterThan(Duration.ofMinutes(5));
    }
}
