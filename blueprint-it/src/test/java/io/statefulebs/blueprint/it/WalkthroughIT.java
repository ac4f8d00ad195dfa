package io.statefulebs.blueprint.it;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.testkit.WalkthroughFacts;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.progress.StepStatus;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walkthrough of the blueprint's README, end to end, through the fabric8 backend on the local cluster: real
 * scheduler, PersistentVolume controller, Deployment controller, Karpenter and kwok; the harness's EBS provisioner.
 */
class WalkthroughIT {
    private static final Logger LOG = LoggerFactory.getLogger(WalkthroughIT.class);
    private static final String LINE = "Writing content every three minutes! Printing a random number: \\d{1,4}";
    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace("default");

    @Test
    void theWholeWalkthroughHolds() {
        List<StepEvent> steps = new ArrayList<>();
        String volume;
        try (Fabric8Backend backend = cluster.newBackend()) {
            try (BlueprintRun run = StatefulEbsBlueprint.builder()
                    .zone("eu-west-2a")
                    .replicas(3)
                    .backend(backend)
                    .listener(steps::add)
                    .deploy()) {
                assertThat(run.zone()).isEqualTo("eu-west-2a");

                run.awaitReady(Duration.ofMinutes(5));

                volume = WalkthroughFacts.assertReadyAsTheWalkthroughShows(run, "eu-west-2a").claim().volumeName();
                String node = run.workloadNodes().get(0).name();
                List<EventView> events = run.events();
                LOG.info("events after awaitReady:\n{}", String.join("\n", events.stream().map(EventView::toString).toList()));
                assertThat(events).anySatisfy(e -> assertThat(e.reason()).isEqualTo("ProvisioningSucceeded"));

                FileContent first = run.readFile();
                assertThat(first.lines()).hasSize(3).allSatisfy(l -> assertThat(l).matches(LINE));

                FailoverReport failover = run.failover(Duration.ofMinutes(3));
                assertThat(failover.preserved()).isTrue();
                assertThat(failover.replacementPod()).isNotEqualTo(failover.deletedPod());
                assertThat(failover.after().lines()).hasSizeGreaterThanOrEqualTo(4).startsWith(first.lines().toArray(String[]::new));

                run.scale(0).awaitNodesReleased(Duration.ofMinutes(3));
                assertThat(run.nodes()).isEmpty();
                assertThat(backend.exists(new ResourceRef("v1", "Node", null, node))).isFalse();

                run.scale(3).awaitReady(Duration.ofMinutes(5));
                assertThat(run.workloadNodes()).singleElement().satisfies(n -> {
                    assertThat(n.zone()).isEqualTo("eu-west-2a");
                    assertThat(n.name()).isNotEqualTo(node);
                });
                assertThat(run.claim().volumeName()).isEqualTo(volume);
                run.verifyZone();
                assertThat(run.readFile().lines()).startsWith(failover.after().lines().toArray(String[]::new));
            }
            assertThat(backend.listLabelled("default", OwnershipLabels.forRun(steps.get(0).runId()))).isEmpty();
            assertThat(backend.exists(ResourceRef.persistentVolume(volume))).isFalse();
        }
        LOG.info("steps:\n{}", String.join("\n", steps.stream().map(StepEvent::toString).toList()));
        assertThat(steps).filteredOn(s -> s.status() == StepStatus.FAILED).isEmpty();
        assertThat(steps).extracting(StepEvent::step).contains("preflight", "apply", "await-ready", "failover", "cleanup");
    }
}
