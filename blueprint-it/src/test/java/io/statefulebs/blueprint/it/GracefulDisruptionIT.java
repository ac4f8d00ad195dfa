package io.statefulebs.blueprint.it;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.DisruptionOptions;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.ForbiddenException;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.testkit.WalkthroughFacts;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.EventView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Karpenter's graceful replacement on real components, through the fabric8 backend: {@code disruptNode()} deletes the
 * NodeClaim of the node under the three pods; real Karpenter taints and drains it, the real attach-detach controller
 * detaches the volume once the pods are gone, Karpenter terminates the node after its VolumeAttachments went, and
 * launches the node the replacements run on. Every replica is Ready again in the volume's zone within Karpenter e2e's 2
 * minutes (kwok has no EBS attach latency: the bound measures the control-plane path). The same facts are checked on
 * the simulator (blueprint-testkit's GracefulDisruptionScenarioTest) with {@link WalkthroughFacts}.
 */
class GracefulDisruptionIT {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulDisruptionIT.class);
    private static final String ZONE = "eu-west-2a";
    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace("disruption");

    @Test
    void karpenterReplacesTheNodeWithinTwoMinutes() {
        try (Fabric8Backend backend = cluster.newBackend(FeatureIdentity.DISRUPTION); BlueprintRun run = blueprint(backend)) {
            run.awaitReady(Duration.ofMinutes(5));
            String old = WalkthroughFacts.assertReadyAsTheWalkthroughShows(run, ZONE).node().name();

            DisruptionReport report = run.disruptNode();

            LOG.info("disrupted: {}\nevents:\n{}", report, String.join("\n", run.events().stream().map(EventView::toString).toList()));
            WalkthroughFacts.assertReplacedGracefully(run, report, old, ZONE, DisruptionOptions.DEFAULT_BOUND);
        }
    }

    @Test
    void theWalkthroughIdentityIsRefusedBeforeAnythingChanges() {
        try (Fabric8Backend backend = cluster.newBackend(FeatureIdentity.WALKTHROUGH); BlueprintRun run = blueprint(backend)) {
            run.awaitReady(Duration.ofMinutes(5));
            String node = run.workloadNodes().get(0).name();

            assertThatThrownBy(run::disruptNode).isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("'delete' on 'nodeclaims.karpenter.sh'")
                    .hasMessageContaining("stateful-ebs-blueprint-disruption");
            assertThat(run.workloadNodes()).extracting(n -> n.name()).containsExactly(node);
        }
    }

    private static BlueprintRun blueprint(Fabric8Backend backend) {
        return StatefulEbsBlueprint.builder().namespace(cluster.namespace()).zone(ZONE).replicas(3).backend(backend).deploy();
    }
}
