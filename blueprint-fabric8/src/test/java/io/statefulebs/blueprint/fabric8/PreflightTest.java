package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.testkit.PreflightRequests;
import io.statefulebs.blueprint.view.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Preflight against the mock server: each missing prerequisite is one line saying how to fix it. */
class PreflightTest extends MockClusterTest {
    private static final StatefulEbsBlueprint BLUEPRINT =
            StatefulEbsBlueprint.builder().namespace("blueprint").zone("eu-west-2a").runId("r1").build();

    @Test
    void anEmptyClusterLacksKarpenterAndTheEbsDriver() {
        assertThat(preflight(backend, BLUEPRINT)).satisfiesExactly(
                line -> assertThat(line).contains("nodepools.karpenter.sh is missing").contains("install Karpenter"),
                line -> assertThat(line).contains("nodeclaims.karpenter.sh is missing"),
                line -> assertThat(line).contains("CSIDriver ebs.csi.aws.com is missing").contains("aws-ebs-csi-driver"));
    }

    @Test
    void aClusterReadyForTheBlueprintPasses() {
        installKarpenterAndDriver(true, 2);
        backend.apply(BLUEPRINT.render().find("StorageClass").orElseThrow());

        assertThat(preflight(backend, BLUEPRINT)).isEmpty();
    }

    @Test
    void reportsANodePoolThatIsNotReadyAndADriverNotRunning() {
        installKarpenterAndDriver(false, 1);

        assertThat(preflight(backend, BLUEPRINT)).satisfiesExactly(
                line -> assertThat(line).startsWith("NodePool default matches the workload's nodeSelector but is not Ready"),
                line -> assertThat(line).contains("ebs-csi-node has 1 of 2 pods ready"));
    }

    @Test
    void reportsNoNodePoolForTheSelectorAndAStorageClassWithOtherSettings() {
        installKarpenterAndDriver(true, 2);
        StatefulEbsBlueprint other = BLUEPRINT.toBuilder().workload(w -> w.nodeSelector(Map.of("intent", "databases"))).build();
        backend.apply(BLUEPRINT.withZone("eu-west-2b").render().find("StorageClass").orElseThrow());

        List<String> failures = preflight(backend, other);

        assertThat(failures).satisfiesExactly(
                line -> assertThat(line).contains("no Karpenter NodePool launches nodes labelled {intent=databases}")
                        .contains("default"),
                line -> assertThat(line).contains("StorageClass storage-gp3 already exists with other allowedTopologies"));
    }

    @Test
    void passingClusterWideReadsAreReusedAndAFixCountsAtOnce() {
        assertThat(preflight(backend, BLUEPRINT)).isNotEmpty();
        installKarpenterAndDriver(true, 2);
        assertThat(preflight(backend, BLUEPRINT)).as("a failed check is never kept").isEmpty();
        cluster.drainRequests();

        assertThat(preflight(backend, BLUEPRINT)).isEmpty();

        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getPath)
                .as("within the minute only the run's own StorageClass is read again")
                .containsExactly("/apis/storage.k8s.io/v1/storageclasses/storage-gp3");
    }

    @Test
    void aCheckThatFailsWithKeptAnswersIsMadeAgainWithFreshReads() {
        installKarpenterAndDriver(true, 2);
        assertThat(preflight(backend, BLUEPRINT)).isEmpty();
        client.storage().v1().csiDrivers().withName("ebs.csi.aws.com").delete();
        backend.apply(BLUEPRINT.withZone("eu-west-2b").render().find("StorageClass").orElseThrow());
        cluster.drainRequests();

        assertThat(preflight(backend, BLUEPRINT)).satisfiesExactly(
                line -> assertThat(line).contains("CSIDriver ebs.csi.aws.com is missing"),
                line -> assertThat(line).contains("StorageClass storage-gp3 already exists with other allowedTopologies"));
        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getPath).contains("/version",
                "/apis/storage.k8s.io/v1/csidrivers/ebs.csi.aws.com");
    }

    @Test
    void anUnreachableServerIsOneLine() {
        KubernetesClient unreachable = cluster.newClient();
        Fabric8Backend offline = Fabric8Backend.builder().client(unreachable).build();
        cluster.server().shutdown();

        assertThat(preflight(offline, BLUEPRINT)).singleElement().asString().contains("is not reachable");
        offline.close();
    }

    @Test
    void findingsAreTyped() {
        assertThat(backend.preflight(PreflightRequests.of(BLUEPRINT))).anySatisfy(f -> {
            assertThat(f.check()).isEqualTo("csi-driver");
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.objects()).containsExactly("CSIDriver/ebs.csi.aws.com");
            assertThat(f.fix()).startsWith("install the Amazon EBS CSI driver");
        });
    }

    private static List<String> preflight(Fabric8Backend backend, StatefulEbsBlueprint blueprint) {
        return backend.preflight(PreflightRequests.of(blueprint)).stream().map(Finding::toString).toList();
    }

    private void installKarpenterAndDriver(boolean nodePoolReady, int csiNodesReady) {
        KarpenterFixture.installKarpenterAndDriver(client, csiNodesReady);
        KarpenterFixture.create(client, KarpenterFixture.nodePool("default", Map.of("intent", "apps"), List.of(), null,
                nodePoolReady));
    }
}
