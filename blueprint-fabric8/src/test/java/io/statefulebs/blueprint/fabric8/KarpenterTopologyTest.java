package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.DeployOptions;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeRequirement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statefulebs.blueprint.fabric8.KarpenterFixture.ec2NodeClass;
import static io.statefulebs.blueprint.fabric8.KarpenterFixture.ec2NodeClassRef;
import static io.statefulebs.blueprint.fabric8.KarpenterFixture.nodePool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NodePools read from the cluster, and the engine's topology preflight on them through a real deploy. */
class KarpenterTopologyTest extends MockClusterTest {
    private static final String NS = "blueprint";
    private static final String ZONE = "eu-west-2a";
    private static final List<String> ZONE_IN_B = List.of("topology.kubernetes.io/zone", "In", "eu-west-2b");

    @Test
    void mapsLabelsRequirementsReadinessAndTheNodeClassSubnetZones() {
        KarpenterFixture.create(client, ec2NodeClass("default", List.of("eu-west-2a", "eu-west-2b", "eu-west-2a")));
        KarpenterFixture.create(client, nodePool("default", Map.of("intent", "apps"),
                List.of(List.of("karpenter.sh/capacity-type", "In", "spot", "on-demand"),
                        List.of("karpenter.k8s.aws/instance-cpu", "Lt", "9")), ec2NodeClassRef("default"), true));
        KarpenterFixture.create(client, nodePool("missing-class", Map.of(), List.of(), ec2NodeClassRef("gone"), false));
        KarpenterFixture.create(client, nodePool("other-provider", Map.of(), List.of(),
                Map.of("group", "karpenter.azure.com", "kind", "AKSNodeClass", "name", "default"), true));
        KarpenterFixture.create(client, nodePool("no-class", Map.of(), List.of(), null, true));

        List<NodePoolView> pools = backend.nodePools();

        assertThat(pools).extracting(NodePoolView::name)
                .containsExactly("default", "missing-class", "no-class", "other-provider");
        assertThat(pools.get(0)).isEqualTo(new NodePoolView("default", Map.of("intent", "apps"), List.of(
                new NodeRequirement("karpenter.sh/capacity-type", "In", List.of("spot", "on-demand")),
                new NodeRequirement("karpenter.k8s.aws/instance-cpu", "Lt", List.of("9"))),
                true, List.of("eu-west-2a", "eu-west-2b")));
        assertThat(pools.subList(1, 4)).allSatisfy(p -> assertThat(p.subnetZones()).isEmpty());
        assertThat(pools.get(1).ready()).isFalse();
    }

    @Test
    void noNodePoolCrdMeansNoNodePools() {
        cluster.server().expect().get().withPath("/apis/karpenter.sh/v1/nodepools")
                .andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound").withMessage("the server could not find "
                        + "the requested resource").build()).once();

        assertThat(backend.nodePools()).isEmpty();
    }

    @Test
    void aZoneRequirementThatExcludesTheZoneFailsTheDeployBeforeAnythingIsCreated() {
        readyCluster(nodePool("default", Map.of("intent", "apps"), List.of(ZONE_IN_B), ec2NodeClassRef("default"), true),
                List.of("eu-west-2a", "eu-west-2b"));

        assertThatThrownBy(() -> deploy())
                .isInstanceOf(PreflightFailedException.class)
                .satisfies(e -> assertThat(((PreflightFailedException) e).findings()).singleElement().asString()
                        .contains("no NodePool can launch a node for the pods in zone eu-west-2a")
                        .contains("NodePool default: it requires topology.kubernetes.io/zone In [eu-west-2b]"));
        assertNothingCreated();
    }

    @Test
    void nodeClassSubnetsElsewhereFailTheDeployBeforeAnythingIsCreated() {
        readyCluster(nodePool("default", Map.of("intent", "apps"), List.of(), ec2NodeClassRef("default"), true),
                List.of("eu-west-2b", "eu-west-2c"));

        assertThatThrownBy(() -> deploy())
                .isInstanceOf(PreflightFailedException.class)
                .satisfies(e -> assertThat(((PreflightFailedException) e).findings()).singleElement().asString()
                        .contains("NodePool default: its node class has subnets only in [eu-west-2b, eu-west-2c], not in eu-west-2a"));
        assertNothingCreated();
    }

    @Test
    void aNodePoolThatFitsLetsTheDeployApply() {
        readyCluster(nodePool("default", Map.of("intent", "apps"), List.of(List.of("topology.kubernetes.io/zone", "In",
                "eu-west-2a", "eu-west-2b")), ec2NodeClassRef("default"), true), List.of("eu-west-2a"));

        BlueprintRun run = deploy().keep();

        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).hasSize(1);
        assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).hasSize(1);
        run.close();
    }

    @Test
    void withoutAZoneTheDeployTakesTheFirstZoneTheNodePoolsAllowWhereTheirNodeClassHasSubnets() {
        readyCluster(nodePool("default", Map.of("intent", "apps"), List.of(List.of("topology.kubernetes.io/zone", "In",
                "eu-west-2a", "eu-west-2b", "eu-west-2c")), ec2NodeClassRef("default"), true), List.of("eu-west-2c", "eu-west-2b"));
        // Its nodes never get the workload's intent=apps label: its zone does not count.
        KarpenterFixture.create(client, nodePool("gpu", Map.of("intent", "gpu"), List.of(List.of("topology.kubernetes.io/zone",
                "In", "eu-west-2a")), null, true));
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().namespace(NS).zone(Zones.firstAvailable())
                .runId("topology").build();

        ZoneSource zones = Zones.ofCluster(backend, blueprint);
        assertThat(zones.availableZones()).extracting(AvailabilityZone::name).containsExactly("eu-west-2b", "eu-west-2c");
        assertThat(zones.description()).isEqualTo("the cluster's Karpenter NodePools");

        try (BlueprintRun run = blueprint.deploy(DeployOptions.builder().backend(backend).build()).keep()) {
            assertThat(run.blueprint().zone()).contains("eu-west-2b");
            assertThat(client.storage().v1().storageClasses().withName("storage-gp3").get().getAllowedTopologies().get(0)
                    .getMatchLabelExpressions().get(0).getValues()).containsExactly("eu-west-2b");
        }
    }

    @Test
    void aNodePoolThatNamesNoZoneLeavesTheZoneToTheUserBeforeAnythingIsCreated() {
        readyCluster(nodePool("default", Map.of("intent", "apps"), List.of(), null, true), List.of());
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().namespace(NS).zone(Zones.firstAvailable()).build();

        assertThatThrownBy(() -> blueprint.deploy(DeployOptions.builder().backend(backend).build()))
                .isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining("NodePool default allows every zone (no topology.kubernetes.io/zone requirement")
                .hasMessageContaining("name the zone");
        assertNothingCreated();
    }

    private BlueprintRun deploy() {
        return StatefulEbsBlueprint.builder().namespace(NS).zone(ZONE).runId("topology").backend(backend).deploy();
    }

    private void readyCluster(io.fabric8.kubernetes.api.model.GenericKubernetesResource pool, List<String> subnetZones) {
        KarpenterFixture.installKarpenterAndDriver(client, 2);
        KarpenterFixture.create(client, ec2NodeClass("default", subnetZones));
        KarpenterFixture.create(client, pool);
        cluster.drainRequests();
    }

    /** No write reached the server, and none of the blueprint's kinds holds an object. */
    private void assertNothingCreated() {
        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getMethod).containsOnly("GET");
        assertThat(client.storage().v1().storageClasses().list().getItems()).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).isEmpty();
    }
}
