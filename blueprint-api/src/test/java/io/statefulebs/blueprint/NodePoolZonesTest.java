package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterChecks;
import io.statefulebs.blueprint.spi.PreflightRequest;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeRequirement;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The zones a cluster's NodePools offer a blueprint that names none. */
class NodePoolZonesTest {
    private static final String ZONE = "topology.kubernetes.io/zone";
    private static final StatefulEbsBlueprint BLUEPRINT = StatefulEbsBlueprint.builder().zone(Zones.firstAvailable()).build();

    private static NodePoolView pool(String name, String intent, List<NodeRequirement> requirements, List<String> subnets) {
        return new NodePoolView(name, Map.of("intent", intent), requirements, true, subnets);
    }

    private static List<String> zones(StatefulEbsBlueprint blueprint, NodePoolView... pools) {
        return new NodePoolZones(checks(List.of(pools)), blueprint).availableZones().stream().map(AvailabilityZone::name).toList();
    }

    private static ClusterChecks checks(List<NodePoolView> pools) {
        return new ClusterChecks() {
            @Override
            public List<Finding> preflight(PreflightRequest request) {
                return List.of();
            }

            @Override
            public List<NodePoolView> nodePools() {
                return pools;
            }
        };
    }

    @Test
    void theZoneRequirementsOfTheUsablePoolsNarrowedByTheirSubnets() {
        assertThat(zones(BLUEPRINT,
                pool("default", "apps", List.of(NodeRequirement.in(ZONE, List.of("eu-west-2c", "eu-west-2a", "eu-west-2b"))),
                        List.of("eu-west-2a", "eu-west-2c")),
                pool("batch", "batch", List.of(NodeRequirement.in(ZONE, List.of("eu-west-2b"))), List.of()),
                pool("subnets-only", "apps", List.of(), List.of("eu-west-2d"))))
                .containsExactly("eu-west-2a", "eu-west-2c", "eu-west-2d");
    }

    @Test
    void aNodeSelectorPinningAZoneOffersThatZoneWhereAPoolCanLaunch() {
        StatefulEbsBlueprint pinned = BLUEPRINT.toBuilder()
                .workload(w -> w.nodeSelector(Map.of("intent", "apps", ZONE, "eu-west-2b"))).build();

        assertThat(zones(pinned, pool("default", "apps", List.of(), List.of()))).containsExactly("eu-west-2b");
        assertThatThrownBy(() -> zones(pinned, pool("default", "apps", List.of(NodeRequirement.in(ZONE, List.of("eu-west-2a"))),
                List.of()))).isInstanceOf(PreflightFailedException.class).hasMessageContaining("[eu-west-2b]");
    }

    @Test
    void aUsablePoolThatNamesNoZoneLeavesTheChoiceToTheUser() {
        NodePoolView notIn = pool("anywhere", "apps", List.of(new NodeRequirement(ZONE, "NotIn", List.of("eu-west-2c"))), List.of());

        assertThatThrownBy(() -> zones(BLUEPRINT, pool("default", "apps", List.of(NodeRequirement.in(ZONE, List.of("eu-west-2a"))),
                List.of()), notIn))
                .isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining("NodePool anywhere allows every zone")
                .hasMessageContaining("name the zone");
    }

    @Test
    void aPoolThatCannotRunThePodsDoesNotCount() {
        NodePoolView notReady = new NodePoolView("broken", Map.of("intent", "apps"), List.of(), false, List.of());

        assertThat(zones(BLUEPRINT, notReady, pool("default", "apps", List.of(NodeRequirement.in(ZONE, List.of("eu-west-2b"))),
                List.of()))).containsExactly("eu-west-2b");
    }

    @Test
    void noPoolOrNoUsableZoneIsAPreflightFailureSayingWhy() {
        assertThatThrownBy(() -> zones(BLUEPRINT)).isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining("the cluster has no Karpenter NodePool");
        assertThatThrownBy(() -> zones(BLUEPRINT, pool("batch", "batch", List.of(NodeRequirement.in(ZONE, List.of("eu-west-2b"))),
                List.of()))).isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining("no NodePool can launch the pods in any zone the NodePools name ([eu-west-2b])");
    }

    @Test
    void theClustersOwnZoneListWinsAndABackendWithoutChecksHasNone() {
        io.statefulebs.blueprint.sim.SimulatedCluster simulated = io.statefulebs.blueprint.sim.SimulatedCluster.builder().build();

        assertThat(Zones.ofCluster(simulated, BLUEPRINT)).isSameAs(simulated);
        assertThatThrownBy(() -> Zones.ofCluster(null, BLUEPRINT)).isInstanceOf(NullPointerException.class).hasMessage("backend");
        ClusterBackend bare = Mockito.mock(ClusterBackend.class);
        Mockito.when(bare.name()).thenReturn("bare");
        assertThatThrownBy(() -> Zones.ofCluster(bare, BLUEPRINT)).isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining("the first available zone needs a zone source, and backend bare has none")
                .hasMessageContaining(".zoneSource(...)");
    }
}
