package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.DisruptionOptions;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.view.DelayCause;
import io.statefulebs.blueprint.view.DisruptionReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * blueprint-it's GracefulDisruptionIT on the simulator, with the same facts ({@link WalkthroughFacts}): Karpenter
 * replaces the node under the three pods within Karpenter e2e's 2 minutes; a planted slow detach is classified.
 */
class GracefulDisruptionScenarioTest {
    private static final String ZONE = "eu-west-2a";
    private static final Duration BOUND = DisruptionOptions.DEFAULT_BOUND;
    private final SimulatedCluster cluster = new SimulatedCluster();

    private BlueprintRun readyRun() {
        return ReadyRuns.threeWritersIn(cluster, ZONE);
    }

    @Test
    void karpenterReplacesTheNodeWithinTwoMinutes() {
        try (BlueprintRun run = readyRun()) {
            String old = WalkthroughFacts.assertReadyAsTheWalkthroughShows(run, ZONE).node().name();

            DisruptionReport report = run.disruptNode();

            WalkthroughFacts.assertReplacedGracefully(run, report, old, ZONE, BOUND);
            assertThat(report.delays()).isEmpty();
        }
    }

    @Test
    void aSlowDetachIsNamedAsTheCause() {
        try (BlueprintRun run = readyRun()) {
            String old = WalkthroughFacts.assertReadyAsTheWalkthroughShows(run, ZONE).node().name();
            cluster.slowDetach(Duration.ofSeconds(90));

            DisruptionReport report = run.disruptNode(DisruptionOptions.builder().bound(Duration.ofMinutes(4)).build());

            WalkthroughFacts.assertReplacedGracefully(run, report, old, ZONE, Duration.ofMinutes(4));
            assertThat(report.causes()).contains(DelayCause.MULTI_ATTACH, DelayCause.AWAITING_VOLUME_DETACHMENT);
        }
    }
}
