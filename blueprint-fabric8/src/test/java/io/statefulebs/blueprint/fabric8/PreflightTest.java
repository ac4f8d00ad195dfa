package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Preflight against the mock server: each missing prerequisite is one line saying how to fix it. */
class PreflightTest {
    private static final StatefulEbsBlueprint BLUEPRINT =
            StatefulEbsBlueprint.builder().namespace("blueprint").zone("eu-west-2a").runId("r1").build();
    private static final ResourceDefinitionContext NODE_POOLS = new ResourceDefinitionContext.Builder()
            .withGroup("karpenter.sh").withVersion("v1").withKind("NodePool").withPlural("nodepools").withNamespaced(false).build();

    private MockCluster cluster;
    private KubernetesClient client;
    private Fabric8Backend backend;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        client = cluster.client();
        backend = Fabric8Backend.builder().client(cluster.newClient()).build();
    }

    @AfterEach
    void stop() {
        backend.close();
        cluster.close();
    }

    @Test
    void anEmptyClusterLacksKarpenterAndTheEbsDriver() {
        assertThat(backend.preflight(BLUEPRINT)).satisfiesExactly(
                line -> assertThat(line).contains("nodepools.karpenter.sh is missing").contains("install Karpenter"),
                line -> assertThat(line).contains("nodeclaims.karpenter.sh is missing"),
                line -> assertThat(line).contains("CSIDriver ebs.csi.aws.com is missing").contains("aws-ebs-csi-driver"));
    }

    @Test
    void aClusterReadyForTheBlueprintPasses() {
        installKarpenterAndDriver(true, 2);
        backend.apply(BLUEPRINT.render().find("StorageClass").orElseThrow());

        assertThat(backend.preflight(BLUEPRINT)).isEmpty();
    }

    @Test
    void reportsANodePoolThatIsNotReadyAndADriverNotRunning() {
        installKarpenterAndDriver(false, 1);

        assertThat(backend.preflight(BLUEPRINT)).satisfiesExactly(
                line -> assertThat(line).startsWith("NodePool default matches the workload's nodeSelector but is not Ready"),
                line -> assertThat(line).contains("ebs-csi-node has 1 of 2 pods ready"));
    }

    @Test
    void reportsNoNodePoolForTheSelectorAndAStorageClassWithOtherSettings() {
        installKarpenterAndDriver(true, 2);
        StatefulEbsBlueprint other = BLUEPRINT.toBuilder().workload(w -> w.nodeSelector(Map.of("intent", "databases"))).build();
        backend.apply(BLUEPRINT.withZone("eu-west-2b").render().find("StorageClass").orElseThrow());

        List<String> failures = backend.preflight(other);

        assertThat(failures).satisfiesExactly(
                line -> assertThat(line).contains("no Karpenter NodePool launches nodes labelled {intent=databases}")
                        .contains("default"),
                line -> assertThat(line).contains("StorageClass storage-gp3 already exists with other allowedTopologies"));
    }

    @Test
    void anUnreachableServerIsOneLine() {
        KubernetesClient unreachable = cluster.newClient();
        Fabric8Backend offline = Fabric8Backend.builder().client(unreachable).build();
        cluster.server().shutdown();

        assertThat(offline.preflight(BLUEPRINT)).singleElement().asString().contains("is not reachable");
        offline.close();
    }

    private void installKarpenterAndDriver(boolean nodePoolReady, int csiNodesReady) {
        for (String plural : List.of("nodepools", "nodeclaims")) {
            client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName(plural + ".karpenter.sh").endMetadata()
                    .withNewSpec().withGroup("karpenter.sh").withScope("Cluster")
                    .withNewNames().withPlural(plural).withKind(plural.equals("nodepools") ? "NodePool" : "NodeClaim").endNames()
                    .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                    .endSpec().build()).create();
        }
        GenericKubernetesResource pool = new GenericKubernetesResourceBuilder().withApiVersion("karpenter.sh/v1")
                .withKind("NodePool").withNewMetadata().withName("default").endMetadata()
                .addToAdditionalProperties("spec", Map.of("template", Map.of("metadata", Map.of("labels", Map.of("intent", "apps")))))
                .addToAdditionalProperties("status", Map.of("conditions", List.of(Map.of("type", "Ready",
                        "status", nodePoolReady ? "True" : "False", "reason", "NodeClassNotReady", "message", "no subnets"))))
                .build();
        client.genericKubernetesResources(NODE_POOLS).resource(pool).create();
        client.storage().v1().csiDrivers().resource(new CSIDriverBuilder().withNewMetadata().withName("ebs.csi.aws.com")
                .endMetadata().withNewSpec().endSpec().build()).create();
        client.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder().withNewMetadata()
                .withName("ebs-csi-node").withNamespace("kube-system").endMetadata()
                .withNewStatus().withDesiredNumberScheduled(2).withNumberReady(csiNodesReady).endStatus().build()).create();
    }
}
