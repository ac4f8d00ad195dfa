package io.statefulebs.blueprint.it;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.view.NodeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale to 0, consolidation removes the empty node, scale to 3: Karpenter launches a new node in the volume's zone
 * (the bound volume's node affinity, not just the StorageClass, now pins the pods), in a zone other than the first.
 */
class ScaleZoneStickinessIT {
    private static final String NAMESPACE = "stickiness";
    private static final String ZONE = "eu-west-2c";
    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace(NAMESPACE);

    @Test
    void scaleToZeroReleasesTheNodeAndScaleUpReturnsToTheVolumesZone() {
        try (Fabric8Backend backend = cluster.newBackend();
             BlueprintRun run = StatefulEbsBlueprint.builder().namespace(NAMESPACE).zone(ZONE).replicas(3)
                     .storage(s -> s.storageClassName("storage-gp3-sticky"))
                     .backend(backend).deploy()) {
            run.awaitReady(Duration.ofMinutes(5));
            String volume = run.claim().volumeName();
            List<NodeView> before = run.workloadNodes();
            assertThat(before).isNotEmpty().allSatisfy(n -> {
                assertThat(n.zone()).isEqualTo(ZONE);
                assertThat(n.initialized()).isTrue();
            });

            run.scale(0).awaitNodesReleased(Duration.ofMinutes(3));
            List<String> gone = before.stream().map(NodeView::name).toList();
            assertThat(run.nodes()).extracting(NodeView::name).doesNotContainAnyElementsOf(gone);
            assertThat(run.claim().phase()).isEqualTo("Bound");

            run.scale(3).awaitReady(Duration.ofMinutes(5));
            assertThat(run.workloadNodes()).isNotEmpty().allSatisfy(n -> {
                assertThat(n.zone()).isEqualTo(ZONE);
                assertThat(n.name()).isNotIn(gone);
            });
            assertThat(run.claim().volumeName()).isEqualTo(volume);
            assertThat(run.verifyZone().zone()).isEqualTo(ZONE);
        }
    }
}
