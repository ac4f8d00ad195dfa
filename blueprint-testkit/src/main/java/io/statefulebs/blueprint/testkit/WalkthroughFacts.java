package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the walkthrough shows once the default blueprint is ready, checked the same way on every backend: three pods
 * Running on one node, the claim Bound (4Gi, RWO, storage-gp3) in the zone, and the node Karpenter launched there
 * (default NodePool, spot m7g.xlarge, labelled intent=apps and initialized).
 */
public final class WalkthroughFacts {
    private WalkthroughFacts() {
    }

    /** The claim and the node the checks found, for the steps that follow. */
    public record Ready(ClaimView claim, NodeView node) {
    }

    /**
     * Asserts what the walkthrough shows once the default blueprint is ready.
     *
     * @param run the ready run
     * @param zone the chosen zone
     * @return the claim and node found
     */
    public static Ready assertReadyAsTheWalkthroughShows(BlueprintRun run, String zone) {
        List<PodView> pods = run.pods();
        assertThat(pods).hasSize(3).allSatisfy(p -> assertThat(p.running()).isTrue());
        assertThat(pods).extracting(PodView::node).containsOnly(pods.get(0).node());
        ClaimView claim = run.claim();
        assertThat(claim.phase()).isEqualTo("Bound");
        assertThat(claim.capacity()).isEqualTo("4Gi");
        assertThat(claim.accessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.storageClass()).isEqualTo("storage-gp3");
        assertThat(claim.zone()).isEqualTo(zone);
        List<NodeView> nodes = run.workloadNodes();
        assertThat(nodes).singleElement().satisfies(n -> {
            assertThat(n.zone()).isEqualTo(zone);
            assertThat(n.nodePool()).isEqualTo("default");
            assertThat(n.capacityType()).isEqualTo("spot");
            assertThat(n.instanceType()).isEqualTo("m7g.xlarge");
            assertThat(n.ready()).isTrue();
            assertThat(n.labels()).containsEntry("intent", "apps").containsEntry("karpenter.sh/initialized", "true")
                    .containsEntry("topology.ebs.csi.aws.com/zone", zone);
        });
        assertThat(run.nodes()).extracting(NodeView::name).contains(nodes.get(0).name());
        assertThat(run.verifyZone().nodes()).hasSize(1);
        return new Ready(claim, nodes.get(0));
    }
}
