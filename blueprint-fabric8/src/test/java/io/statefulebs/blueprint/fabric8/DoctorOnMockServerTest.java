package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.statefulebs.blueprint.doctor.DoctorChecks;
import io.statefulebs.blueprint.doctor.DoctorReport;
import io.statefulebs.blueprint.doctor.StatefulStorageDoctor;
import io.statefulebs.blueprint.error.ForbiddenException;
import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.view.Finding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.statefulebs.blueprint.view.Finding.Severity.ERROR;
import static io.statefulebs.blueprint.view.Finding.Severity.INFO;
import static io.statefulebs.blueprint.view.Finding.Severity.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The doctor through the fabric8 backend, on the mock API server with objects shaped like a real EKS cluster's. */
class DoctorOnMockServerTest extends MockClusterTest {
    private static final String NS = "shop";
    private static final String NODE_A = "ip-10-0-11-21.eu-west-2.compute.internal";
    private static final String NODE_B = "ip-10-0-12-34.eu-west-2.compute.internal";
    private StorageFixtures fixtures;

    @BeforeEach
    void aKarpenterClusterWithTheEbsDriver() {
        fixtures = new StorageFixtures(client);
        KarpenterFixture.installKarpenterAndDriver(client, 2);
        KarpenterFixture.create(client, KarpenterFixture.nodePool("default", Map.of("intent", "apps"), List.of(
                List.of("topology.kubernetes.io/zone", "In", "eu-west-2a", "eu-west-2b"),
                List.of("karpenter.sh/capacity-type", "In", "spot", "on-demand")), null, true));
        fixtures.storageClass("storage-gp3", StorageFixtures.DRIVER, "WaitForFirstConsumer", Map.of("type", "gp3", "encrypted", "true"),
                "eu-west-2a", "eu-west-2b");
        fixtures.node(NODE_A, "eu-west-2a", true);
        fixtures.csiNode(NODE_A, 25);
    }

    private DoctorReport examine() {
        return StatefulStorageDoctor.on(backend).examine(NS);
    }

    private static List<Finding> problems(DoctorReport report) {
        return report.findings().stream().filter(f -> f.severity() != INFO).toList();
    }

    @Test
    void aStatefulSetWithABudgetIsHealthy() {
        for (int i = 0; i < 2; i++) {
            fixtures.volume("pvc-db-" + i, "eu-west-2a", NS, "data-db-" + i, "Bound", "Delete");
            fixtures.boundClaim(NS, "data-db-" + i, "pvc-db-" + i);
            fixtures.create(fixtures.pod(NS, "db-" + i, "StatefulSet", "db", "data-db-" + i, NODE_A));
            fixtures.attachment("csi-db-" + i, "pvc-db-" + i, NODE_A, true);
        }
        fixtures.budget(NS, "db", Map.of("app", "stateful"));

        DoctorReport report = examine();

        assertThat(report.findings()).isEmpty();
        assertThat(report.backend()).isEqualTo("fabric8");
    }

    @Test
    void aBudgetSelectingByMatchExpressionsCoversThePodsItMatches() {
        fixtures.volume("pvc-db-0", "eu-west-2a", NS, "data-db-0", "Bound", "Delete");
        fixtures.boundClaim(NS, "data-db-0", "pvc-db-0");
        fixtures.create(fixtures.pod(NS, "db-0", "StatefulSet", "db", "data-db-0", NODE_A));
        fixtures.attachment("csi-db-0", "pvc-db-0", NODE_A, true);
        fixtures.budget(NS, "others", new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("NotIn")
                .withValues("stateful").endMatchExpression().build());
        assertThat(examine().findings(DoctorChecks.DISRUPTION)).as("a budget for other pods").hasSize(1);

        fixtures.budget(NS, "db", new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("In")
                .withValues("stateful", "cache").endMatchExpression().build());

        assertThat(examine().findings()).isEmpty();
    }

    @Test
    void theDefaultDeploymentGetsExactlyTheSharedClaimWarning() {
        fixtures.volume("pvc-shared", "eu-west-2a", NS, "ebs-claim", "Bound", "Delete");
        fixtures.boundClaim(NS, "ebs-claim", "pvc-shared");
        fixtures.attachment("csi-shared", "pvc-shared", NODE_A, true);
        for (String suffix : List.of("x2x4k", "b5d7q", "r9tzw")) {
            fixtures.create(fixtures.pod(NS, "stateful-6d8f7c9b5d-" + suffix, "ReplicaSet", "stateful-6d8f7c9b5d", "ebs-claim", NODE_A));
        }

        DoctorReport report = examine();

        assertThat(problems(report)).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(DoctorChecks.SHARED_RWO_CLAIM);
            assertThat(f.objects()).containsExactly("Deployment/shop/stateful", "PersistentVolumeClaim/shop/ebs-claim");
        });
        assertThat(report.findings(DoctorChecks.DISRUPTION)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(INFO));
    }

    @Test
    void aBoundVolumeInAZoneNoNodePoolServesCanNeverBePlaced() {
        fixtures.volume("pvc-c", "eu-west-2c", NS, "data-db-0", "Bound", "Delete");
        fixtures.boundClaim(NS, "data-db-0", "pvc-c");
        fixtures.create(fixtures.pod(NS, "db-0", "StatefulSet", "db", "data-db-0", null));
        fixtures.event(NS, "db-0.1", "Warning", "FailedScheduling", "db-0", "Failed to schedule pod, incompatible with nodepool"
                + " \"default\", incompatible requirements, key topology.kubernetes.io/zone, topology.kubernetes.io/zone In"
                + " [eu-west-2c] not in topology.kubernetes.io/zone In [eu-west-2a eu-west-2b]", "karpenter", 14);

        DoctorReport report = examine();

        assertThat(report.hasErrors()).isTrue();
        assertThat(report.findings().get(0)).satisfies(f -> {
            assertThat(f.check()).isEqualTo(DoctorChecks.PLACEMENT);
            assertThat(f.severity()).isEqualTo(ERROR);
            assertThat(f.objects()).containsExactly("Pod/shop/db-0", "PersistentVolumeClaim/shop/data-db-0");
            assertThat(f.evidence()).startsWith("PersistentVolume/pvc-c (claim data-db-0) is in [eu-west-2c]",
                    "NodePool(s) [default] launch nodes in [eu-west-2a, eu-west-2b]");
            assertThat(f.evidence().get(2)).contains("(x14").contains("incompatible with nodepool");
            assertThat(f.fix()).startsWith("let a NodePool launch nodes in eu-west-2c");
        });
    }

    @Test
    void aHardZoneSpreadThatForbidsTheVolumesZoneCanNeverBePlaced() {
        List<Finding> placement = placementOfTwoReplicas(Map.of(), zoneSpread().withNewLabelSelector()
                .addToMatchLabels("app", "stateful").endLabelSelector().build());

        assertThat(placement).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(ERROR);
            assertThat(f.objects()).startsWith("Pod/shop/db-1");
            assertThat(f.evidence()).startsWith("PersistentVolume/pvc-db-1 (claim data-db-1) is in [eu-west-2a]",
                    "NodePool(s) [default] launch nodes in [eu-west-2a, eu-west-2b]",
                    "its topology spread (maxSkew=1 over topology.kubernetes.io/zone, DoNotSchedule; pods matching {app=stateful}"
                            + " per zone {eu-west-2a=1, eu-west-2b=0}) allows [eu-west-2b]");
        });
    }

    @Test
    void aZoneSpreadSelectingByMatchExpressionsAndMatchLabelKeysIsEvaluated() {
        List<Finding> placement = placementOfTwoReplicas(Map.of("controller-revision-hash", "db-7d4b9c"), zoneSpread()
                .withNewLabelSelector().addNewMatchExpression().withKey("app").withOperator("In").withValues("stateful", "cache")
                .endMatchExpression().addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression()
                .endLabelSelector().withMatchLabelKeys("controller-revision-hash").build());

        assertThat(placement).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(ERROR);
            assertThat(f.objects()).startsWith("Pod/shop/db-1");
            assertThat(f.evidence()).contains("its topology spread (maxSkew=1 over topology.kubernetes.io/zone, DoNotSchedule; pods"
                    + " matching {app In [stateful, cache], canary DoesNotExist, controller-revision-hash In [db-7d4b9c]} per zone"
                    + " {eu-west-2a=1, eu-west-2b=0}) allows [eu-west-2b]");
        });
    }

    private static TopologySpreadConstraintBuilder zoneSpread() {
        return new TopologySpreadConstraintBuilder().withTopologyKey("topology.kubernetes.io/zone").withMaxSkew(1)
                .withWhenUnsatisfiable("DoNotSchedule");
    }

    /** db-0 runs on NODE_A and db-1 is Pending, both with {@code labels}, volumes in eu-west-2a and {@code spread}. */
    private List<Finding> placementOfTwoReplicas(Map<String, String> labels, TopologySpreadConstraint spread) {
        for (int i = 0; i < 2; i++) {
            fixtures.volume("pvc-db-" + i, "eu-west-2a", NS, "data-db-" + i, "Bound", "Delete");
            fixtures.boundClaim(NS, "data-db-" + i, "pvc-db-" + i);
            fixtures.create(new PodBuilder(fixtures.pod(NS, "db-" + i, "StatefulSet", "db", "data-db-" + i, i == 0 ? NODE_A : null))
                    .editMetadata().addToLabels(labels).endMetadata().editSpec().addToTopologySpreadConstraints(spread).endSpec().build());
        }
        return examine().findings(DoctorChecks.PLACEMENT);
    }

    @Test
    void aNodePoolWhoseNodesLackSlotsForThePendingVolumesIsAWarning() {
        for (int i = 0; i < 24; i++) {
            fixtures.attachment("csi-other-" + i, "pvc-other-" + i, NODE_A, true);
        }
        for (int i = 0; i < 2; i++) {
            fixtures.pendingClaim(NS, "data-db-" + i, "storage-gp3");
            fixtures.create(fixtures.pod(NS, "db-" + i, "StatefulSet", "db", "data-db-" + i, null));
        }

        List<Finding> headroom = examine().findings(DoctorChecks.ATTACH_HEADROOM);

        assertThat(headroom).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(WARNING);
            assertThat(f.objects()).containsExactly("NodePool/default", "Pod/shop/db-0", "Pod/shop/db-1");
            assertThat(f.evidence()).startsWith("EBS attachments per node of NodePool default (attached/CSINode allocatable): {"
                    + NODE_A + "=24/25}", "pending pods with volumes that fit it: 2, needing 2 attachment(s)");
            assertThat(f.cause()).startsWith("NodePool default's nodes have 1 free EBS attachment slot(s) for the 2 its pending"
                    + " pods need (a node takes at most 25)");
        });
    }

    @Test
    void aVolumeHeldByANotReadyNodeIsAnErrorWithTheTaintAsRecovery() {
        fixtures.node(NODE_B, "eu-west-2a", false);
        fixtures.volume("pvc-db", "eu-west-2a", NS, "data-db-0", "Bound", "Delete");
        fixtures.boundClaim(NS, "data-db-0", "pvc-db");
        fixtures.attachment("csi-db-b", "pvc-db", NODE_B, true);
        fixtures.create(fixtures.pod(NS, "db-0", "StatefulSet", "db", "data-db-0", NODE_A));
        client.pods().inNamespace(NS).withName("db-0").editStatus(p -> {
            p.getStatus().setPhase("Pending");
            p.getStatus().getConditions().clear();
            return p;
        });
        fixtures.event(NS, "db-0.2", "Warning", "FailedAttachVolume", "db-0", "Multi-Attach error for volume \"pvc-db\" Volume is"
                + " already exclusively attached to one node and can't be attached to another", "attachdetach-controller", 9);

        DoctorReport report = examine();

        assertThat(report.findings(DoctorChecks.MULTI_ATTACH)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(ERROR);
            assertThat(f.cause()).contains("is NotReady").contains("for 8m");
            assertThat(f.fix()).contains("TAINT_OUT_OF_SERVICE (kubectl taint node " + NODE_B).doesNotContain("DELETE_STALE");
        });
        assertThat(report.findings(DoctorChecks.STALE_ATTACHMENT)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).contains("Node/" + NODE_B + " NotReady for 10m"));
    }

    @Test
    void aLeakedAttachmentOfADeletedNodeIsFound() {
        fixtures.attachment("csi-0f3c2a", "pvc-gone", "ip-10-0-13-99.eu-west-2.compute.internal", true);
        fixtures.volume("pvc-of-another-team", "eu-west-2a", "billing", "data-ledger-0", "Bound", "Delete");
        fixtures.attachment("csi-9d8e7f", "pvc-of-another-team", "ip-10-0-13-99.eu-west-2.compute.internal", true);

        DoctorReport report = examine();

        assertThat(problems(report)).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(DoctorChecks.STALE_ATTACHMENT);
            assertThat(f.fix()).contains("DELETE_STALE_ATTACHMENT (kubectl delete volumeattachment csi-0f3c2a");
        });
    }

    @Test
    void aPodWaitingForASlotOnAFullNodeIsAnError() {
        fixtures.csiNode(NODE_B, 2);
        fixtures.node(NODE_B, "eu-west-2a", true);
        fixtures.attachment("csi-other-1", "pvc-other-1", NODE_B, true);
        fixtures.attachment("csi-other-2", "pvc-other-2", NODE_B, true);
        fixtures.volume("pvc-db", "eu-west-2a", NS, "data-db-0", "Bound", "Delete");
        fixtures.boundClaim(NS, "data-db-0", "pvc-db");
        fixtures.create(fixtures.pod(NS, "db-0", "StatefulSet", "db", "data-db-0", NODE_B));
        client.pods().inNamespace(NS).withName("db-0").editStatus(p -> {
            p.getStatus().setPhase("Pending");
            p.getStatus().getConditions().clear();
            return p;
        });

        DoctorReport report = examine();

        assertThat(report.findings(DoctorChecks.ATTACH_CAPACITY)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(ERROR);
            assertThat(f.objects()).containsExactly("Node/" + NODE_B, "Pod/shop/db-0");
            assertThat(f.evidence()).startsWith("CSINode/" + NODE_B + " ebs.csi.aws.com allocatable.count=2",
                    "VolumeAttachments on " + NODE_B + ": 2");
        });
    }

    @Test
    void aNodeClaimWaitingForDetachmentIsFound() {
        fixtures.volume("pvc-db", "eu-west-2a", NS, "data-db-0", "Bound", "Delete");
        fixtures.attachment("csi-db", "pvc-db", NODE_A, true);
        fixtures.nodeClaimAwaitingDetach("default-x7k2p", NODE_A);
        fixtures.attachment("csi-other", "pvc-other", NODE_B, true);
        fixtures.nodeClaimAwaitingDetach("default-q9w8e", NODE_B);

        DoctorReport report = examine();

        assertThat(report.findings(DoctorChecks.VOLUME_DETACH)).singleElement().satisfies(f -> {
            assertThat(f.objects()).containsExactly("NodeClaim/default-x7k2p", "Node/" + NODE_A);
            assertThat(f.cause()).contains("waiting 5m for 1 volume(s) to detach from " + NODE_A);
        });
    }

    @Test
    void configurationRisksAreFound() {
        fixtures.storageClass("auto-gp3", "ebs.csi.eks.amazonaws.com", "WaitForFirstConsumer", Map.of("type", "gp3"));
        fixtures.pendingClaim(NS, "data-cache-0", "auto-gp3");
        fixtures.storageClass("eager", StorageFixtures.DRIVER, "Immediate", Map.of("type", "gp3", "throughput", "100"));
        fixtures.volume("pvc-old", "eu-west-2b", "shop", "data-legacy-0", "Released", "Retain");

        DoctorReport report = examine();

        assertThat(report.findings()).extracting(f -> f.severity() + " " + f.check() + " " + f.objects().get(0)).containsExactly(
                "ERROR csi-driver StorageClass/auto-gp3",
                "ERROR gp3-parameters StorageClass/eager",
                "WARNING immediate-binding StorageClass/eager",
                "WARNING retained-volume PersistentVolume/pvc-old");
        assertThat(report.findings(DoctorChecks.CSI_DRIVER).get(0).fix()).contains("provisioner ebs.csi.aws.com");
        assertThat(report.findings(DoctorChecks.RETAINED_VOLUME).get(0).evidence().get(1))
                .contains("claimRef=shop/data-legacy-0 volumeHandle=vol-0");
    }

    @Test
    void aPendingClaimTooSmallForItsClassesIopsIsAnErrorOnTheClaim() {
        fixtures.storageClass("fast-gp3", StorageFixtures.DRIVER, "WaitForFirstConsumer", Map.of("type", "gp3", "iops", "8000"));
        fixtures.pendingClaim(NS, "data-db-0", "fast-gp3");

        List<Finding> gp3 = examine().findings(DoctorChecks.GP3_PARAMETERS);

        assertThat(gp3).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(ERROR);
            assertThat(f.objects()).containsExactly("PersistentVolumeClaim/shop/data-db-0", "StorageClass/fast-gp3");
            assertThat(f.evidence()).startsWith("PersistentVolumeClaim/shop/data-db-0 phase=Pending requests=4Gi (4 GiB)",
                    "iops 8000 / 4 GiB = 2000.0 IOPS per GiB (gp3 allows at most 500)");
            assertThat(f.fix()).startsWith("request at least 16Gi in claim data-db-0");
        });
    }

    @Test
    void theInventoryIsReadWithListRequestsOnly() {
        cluster.drainRequests();

        Inventory namespace = backend.inventory(InventoryScope.namespace(NS));
        List<RecordedRequest> requests = cluster.drainRequests();
        backend.inventory(InventoryScope.allNamespaces());
        List<RecordedRequest> allRequests = cluster.drainRequests();

        assertThat(namespace.nodePools()).singleElement().satisfies(p -> assertThat(p.pool().name()).isEqualTo("default"));
        assertThat(namespace.csiDrivers()).containsExactly(StorageFixtures.DRIVER);
        assertThat(namespace.csiNodes()).singleElement().satisfies(n -> assertThat(n.allocatable(StorageFixtures.DRIVER)).contains(25));
        assertThat(requests).extracting(RecordedRequest::getMethod).containsOnly("GET");
        assertThat(requests).extracting(r -> r.getPath().replaceAll("\\?.*", "")).containsExactlyInAnyOrder(
                "/api/v1/namespaces/shop/pods", "/api/v1/namespaces/shop/persistentvolumeclaims",
                "/apis/policy/v1/namespaces/shop/poddisruptionbudgets", "/api/v1/namespaces/shop/events",
                "/api/v1/persistentvolumes", "/apis/storage.k8s.io/v1/storageclasses", "/apis/storage.k8s.io/v1/volumeattachments",
                "/api/v1/nodes", "/apis/storage.k8s.io/v1/csinodes", "/apis/storage.k8s.io/v1/csidrivers",
                "/apis/karpenter.sh/v1/nodeclaims", "/apis/karpenter.sh/v1/nodepools");
        assertThat(allRequests).extracting(r -> r.getPath().replaceAll("\\?.*", "")).contains("/api/v1/pods",
                "/api/v1/persistentvolumeclaims", "/apis/policy/v1/poddisruptionbudgets", "/api/v1/events")
                .noneMatch(p -> p.contains("/namespaces/"));
    }

    @Test
    void aMissingGrantNamesTheListItNeeds() {
        cluster.server().expect().get().withPath("/api/v1/namespaces/shop/pods")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("pods is forbidden").build()).once();

        assertThatThrownBy(this::examine).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("'list' on 'pods' in namespace 'shop'");
    }
}
