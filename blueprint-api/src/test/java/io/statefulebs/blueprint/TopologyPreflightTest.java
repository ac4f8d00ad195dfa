package io.statefulebs.blueprint;

import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.sim.NodePoolModel;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeRequirement;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The zone, the NodePools and the pods' needs are intersected before anything is applied. */
class TopologyPreflightTest {
    private static final StatefulEbsBlueprint BLUEPRINT = StatefulEbsBlueprint.builder().zone("eu-west-2a").build();

    private static NodePoolView pool(String name, List<NodeRequirement> extra, List<String> subnets) {
        List<NodeRequirement> requirements = new ArrayList<>(List.of(
                NodeRequirement.in("kubernetes.io/arch", List.of("amd64", "arm64")),
                NodeRequirement.in("karpenter.k8s.aws/instance-cpu", List.of("4", "8", "16", "32", "48", "64")),
                NodeRequirement.in("karpenter.sh/capacity-type", List.of("spot", "on-demand"))));
        requirements.addAll(extra);
        return new NodePoolView(name, Map.of("intent", "apps"), requirements, true, subnets);
    }

    @Test
    void theBlueprintsDefaultNodePoolFits() {
        assertThat(TopologyPreflight.check(BLUEPRINT, List.of(pool("default", List.of(), List.of())))).isEmpty();
    }

    @Test
    void unknownNodePoolsAreNotJudged() {
        assertThat(TopologyPreflight.check(BLUEPRINT, List.of())).isEmpty();
    }

    @Test
    void aZoneRequirementThatExcludesTheZoneIsNamed() {
        List<Finding> failures = TopologyPreflight.check(BLUEPRINT, List.of(pool("default",
                List.of(NodeRequirement.in("topology.kubernetes.io/zone", List.of("eu-west-2b", "eu-west-2c"))), List.of())));

        assertThat(failures).singleElement().asString()
                .contains("zone eu-west-2a")
                .contains("NodePool default: it requires topology.kubernetes.io/zone In [eu-west-2b, eu-west-2c]");
    }

    @Test
    void subnetsElsewhereExcludeTheZone() {
        assertThat(TopologyPreflight.check(BLUEPRINT, List.of(pool("default", List.of(), List.of("eu-west-2b")))))
                .singleElement().asString().contains("subnets only in [eu-west-2b], not in eu-west-2a");
    }

    @Test
    void aNodeSelectorNoTemplateSatisfiesIsNamed() {
        StatefulEbsBlueprint batch = BLUEPRINT.toBuilder().workload(w -> w.nodeSelector(Map.of("intent", "batch"))).build();
        StatefulEbsBlueprint gpu = BLUEPRINT.toBuilder().workload(w -> w.nodeSelector(Map.of("gpu", "true"))).build();

        assertThat(TopologyPreflight.check(batch, List.of(pool("default", List.of(), List.of()))))
                .singleElement().asString().contains("wants intent=batch but its nodes get intent=apps");
        assertThat(TopologyPreflight.check(gpu, List.of(pool("default", List.of(), List.of()))))
                .singleElement().asString().contains("never get label gpu");
    }

    @Test
    void aCpuRequestLargerThanAnyInstanceIsNamed() {
        StatefulEbsBlueprint huge = BLUEPRINT.toBuilder().workload(w -> w.cpuRequest("100")).build();

        assertThat(TopologyPreflight.check(huge, List.of(pool("default", List.of(), List.of()))))
                .singleElement().asString().contains("requests 100 CPU but its largest instance has 64");
    }

    @Test
    void capacityTypesAndArchitecturesCanRuleAPoolOut() {
        NodePoolView none = pool("none", List.of(
                new NodeRequirement("karpenter.sh/capacity-type", "NotIn", List.of("spot", "on-demand", "reserved")),
                new NodeRequirement("kubernetes.io/arch", "In", List.of("s390x"))), List.of());

        assertThat(TopologyPreflight.check(BLUEPRINT, List.of(none))).singleElement().asString()
                .contains("leaves no capacity type").contains("leaves no architecture");
    }

    @Test
    void onePoolThatFitsIsEnough() {
        NodePoolView elsewhere = pool("elsewhere", List.of(NodeRequirement.in("topology.kubernetes.io/zone", List.of("eu-west-2c"))), List.of());
        NodePoolView fits = pool("fits", List.of(), List.of("eu-west-2a"));

        assertThat(TopologyPreflight.check(BLUEPRINT, List.of(elsewhere, fits))).isEmpty();
    }

    @Test
    void aNotReadyPoolDoesNotCount() {
        NodePoolView pool = pool("default", List.of(), List.of());
        NodePoolView notReady = new NodePoolView("default", pool.templateLabels(), pool.requirements(), false, List.of());

        assertThat(TopologyPreflight.check(BLUEPRINT, List.of(notReady))).singleElement().asString().contains("not Ready");
    }

    @Test
    void deployStopsBeforeApplyingAnythingOnTheSimulatedCluster() {
        SimulatedCluster cluster = SimulatedCluster.builder()
                .nodePool(NodePoolModel.blueprintDefault().withRequirement(NodePoolModel.ZONE, "eu-west-2b", "eu-west-2c"))
                .build();

        assertThatThrownBy(() -> BLUEPRINT.toBuilder().runId("pre").backend(cluster).deploy())
                .isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining("nothing was applied")
                .hasMessageContaining("topology.kubernetes.io/zone In [eu-west-2b, eu-west-2c]");
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("pre"))).isEmpty();
    }
}
