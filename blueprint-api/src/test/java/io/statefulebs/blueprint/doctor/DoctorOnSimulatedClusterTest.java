package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.sim.ForeignManifests;
import io.statefulebs.blueprint.sim.NodePoolModel;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.spi.ClusterInventory;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EbsVolumeView;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.LabelSelector;
import io.statefulebs.blueprint.view.NodeRequirement;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.view.NodeView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.statefulebs.blueprint.view.Finding.Severity.ERROR;
import static io.statefulebs.blueprint.view.Finding.Severity.INFO;
import static io.statefulebs.blueprint.view.Finding.Severity.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of doctor finding, planted on the simulated cluster; and the two reference clusters (healthy, default). */
class DoctorOnSimulatedClusterTest {
    private final SimulatedCluster cluster = new SimulatedCluster();

    private static List<Finding> problems(DoctorReport report) {
        return report.findings().stream().filter(f -> f.severity() != INFO).toList();
    }

    @Test
    void theStatefulSetVariantWithABudgetIsHealthy() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET)).deploy()) {
            run.awaitReady();
            String app = run.pods().get(0).labels().get(OwnershipLabels.APP);
            DoctorReport unbudgeted = StatefulStorageDoctor.on(cluster).examine("default");
            assertThat(unbudgeted.findings(DoctorChecks.DISRUPTION)).singleElement()
                    .satisfies(f -> assertThat(f.objects()).containsExactly("StatefulSet/default/" + app));

            cluster.plant().disruptionBudget("default", app, Map.of(OwnershipLabels.APP, app));
            DoctorReport report = StatefulStorageDoctor.on(cluster).examine("default");

            assertThat(problems(report)).isEmpty();
            assertThat(report.findings()).isEmpty();
            assertThat(report.hasErrors()).isFalse();
            assertThat(report.backend()).isEqualTo("simulated");
        }
    }

    @Test
    void theDefaultDeploymentGetsExactlyTheSharedClaimWarning() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).deploy()) {
            run.awaitReady();
            String claim = run.claim().name();

            DoctorReport report = StatefulStorageDoctor.on(cluster).examine("default");

            assertThat(problems(report)).singleElement().satisfies(f -> {
                assertThat(f.check()).isEqualTo(DoctorChecks.SHARED_RWO_CLAIM);
                assertThat(f.severity()).isEqualTo(WARNING);
                assertThat(f.objects()).hasSize(2).element(0).asString().startsWith("Deployment/default/");
                assertThat(f.objects()).contains("PersistentVolumeClaim/default/" + claim);
                assertThat(f.cause()).startsWith("3 replicas of Deployment/default/").contains("ReadWriteOnce claim " + claim);
                assertThat(f.evidence()).hasSize(4).first().asString().contains("accessModes=[ReadWriteOnce]");
            });
        }
    }

    @Test
    void aVolumeZoneNoNodePoolServesCanNeverBePlaced() {
        SimulatedCluster narrow = SimulatedCluster.builder()
                .nodePool(NodePoolModel.blueprintDefault().withRequirement(NodePoolModel.ZONE, "eu-west-2b", "eu-west-2c")).build();
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(narrow).preflight(false)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET).replicas(1)).deploy()) {
            narrow.advance(Duration.ofMinutes(2));

            DoctorReport report = StatefulStorageDoctor.on(narrow).examine("default");

            assertThat(report.hasErrors()).isTrue();
            Finding placement = report.findings().get(0);
            assertThat(placement.check()).isEqualTo(DoctorChecks.PLACEMENT);
            assertThat(placement.severity()).isEqualTo(ERROR);
            assertThat(placement.cause()).contains("can never be placed, because no zone satisfies every constraint");
            assertThat(placement.evidence())
                    .contains("StorageClass/" + run.claims().get(0).storageClass() + " allowedTopologies allow [eu-west-2a]",
                            "NodePool(s) [default] launch nodes in [eu-west-2b, eu-west-2c]")
                    .anySatisfy(e -> assertThat(e).contains("FailedScheduling").contains("no instance type has the required offering"));
        }
    }

    @Test
    void aPodStillBeingPlacedIsWaitingNotBroken() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET).replicas(1)).deploy()) {
            DoctorReport report = StatefulStorageDoctor.on(cluster).examine("default");

            assertThat(report.findings(DoctorChecks.PLACEMENT)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(INFO);
                assertThat(f.cause()).contains("is waiting for a node in zone(s) [eu-west-2a]").contains("NodePool(s) [default]");
            });
            assertThat(report.hasErrors()).isFalse();
        }
    }

    @Test
    void aLostNodeShowsMultiAttachAndTheStaleAttachmentWithTheRecoveriesThatApply() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).deploy()) {
            run.awaitReady();
            ClaimView claim = run.claim();
            NodeView lost = run.nodes().get(0);
            cluster.loseNode(lost.name());
            cluster.advance(Duration.ofMinutes(3));

            DoctorReport report = StatefulStorageDoctor.on(cluster).examine("default");

            assertThat(report.findings(DoctorChecks.MULTI_ATTACH)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(WARNING);
                assertThat(f.objects()).contains("PersistentVolume/" + claim.volumeName());
                assertThat(f.cause()).contains("is gone").contains("for ");
                assertThat(f.fix()).contains("WAIT").contains("DELETE_STALE_ATTACHMENT").doesNotContain("TAINT_OUT_OF_SERVICE");
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).contains("Multi-Attach error for volume"));
            });
            assertThat(report.findings(DoctorChecks.STALE_ATTACHMENT)).singleElement().satisfies(f -> {
                assertThat(f.objects()).contains("Node/" + lost.name());
                assertThat(f.evidence()).contains("Node/" + lost.name() + " does not exist");
                assertThat(f.fix()).contains("DELETE_STALE_ATTACHMENT");
            });
        }
    }

    @Test
    void aDeadKubeletHoldsTheVolumeUntilTheNodeIsTaintedOutOfService() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).deploy()) {
            run.awaitReady();
            NodeView stopped = run.nodes().get(0);
            cluster.stopKubelet(stopped.name());
            cluster.advance(Duration.ofMinutes(8));

            DoctorReport report = StatefulStorageDoctor.on(cluster).examine("default");

            assertThat(report.findings(DoctorChecks.STALE_ATTACHMENT)).singleElement().satisfies(f -> {
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e).startsWith("Node/" + stopped.name() + " NotReady for 8m"));
                assertThat(f.fix()).contains("TAINT_OUT_OF_SERVICE").doesNotContain("DELETE_STALE_ATTACHMENT");
            });
            assertThat(report.findings(DoctorChecks.MULTI_ATTACH)).allSatisfy(f -> assertThat(f.severity()).isEqualTo(ERROR));
        }
    }

    @Test
    void aLeakedAttachmentOfADeletedNodeIsFound() {
        cluster.plant().leakedAttachment("pvc-0a1b", "ip-10-0-1-5.eu-west-2.compute.internal");
        cluster.advance(Duration.ofMinutes(30));

        DoctorReport report = StatefulStorageDoctor.on(cluster).examineAllNamespaces();

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(DoctorChecks.STALE_ATTACHMENT);
            assertThat(f.evidence().get(0)).contains("volume=pvc-0a1b").contains("age=30m");
            assertThat(f.cause()).contains("ip-10-0-1-5.eu-west-2.compute.internal, which no longer exists");
            assertThat(f.fix()).contains("kubectl delete volumeattachment csi-");
        });
    }

    /** A team running {@code doctor --namespace shop} hears of its own volumes and nodes, not of every team's. */
    @Test
    void aNamespacesExaminationLeavesOutOtherNamespacesAttachmentsNodesAndVolumes() {
        cluster.plant().retainedVolume("pvc-9f8e", "100Gi", "eu-west-2b", "shop", "data-db-0");
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET).replicas(1)).deploy()) {
            run.awaitReady();
            cluster.plant().attachLimit(run.nodes().get(0).name(), 1);
            // default's volume also left attached to a node that is gone
            cluster.plant().leakedAttachment(run.claims().get(0).volumeName(), "ip-10-0-1-5.eu-west-2.compute.internal");

            DoctorReport shop = StatefulStorageDoctor.on(cluster).examine("shop");
            DoctorReport all = StatefulStorageDoctor.on(cluster).examineAllNamespaces();
            DoctorReport defaults = StatefulStorageDoctor.on(cluster).examine("default");

            assertThat(shop.findings()).extracting(Finding::check).containsExactly(DoctorChecks.RETAINED_VOLUME);
            assertThat(defaults.findings()).extracting(Finding::check).contains(DoctorChecks.ATTACH_CAPACITY,
                    DoctorChecks.STALE_ATTACHMENT).doesNotContain(DoctorChecks.RETAINED_VOLUME);
            assertThat(all.findings()).extracting(Finding::check).contains(DoctorChecks.STALE_ATTACHMENT,
                    DoctorChecks.ATTACH_CAPACITY, DoctorChecks.RETAINED_VOLUME);
        }
    }

    @Test
    void aNodeAtItsCsiNodeLimitIsReported() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET).replicas(2)).deploy()) {
            run.awaitReady();
            String node = run.pods().get(0).node();
            long onNode = run.pods().stream().filter(p -> p.node().equals(node)).count();
            DoctorReport roomy = StatefulStorageDoctor.on(cluster).examine("default");
            cluster.plant().attachLimit(node, (int) onNode);

            DoctorReport full = StatefulStorageDoctor.on(cluster).examine("default");

            assertThat(roomy.findings(DoctorChecks.ATTACH_CAPACITY)).isEmpty();
            assertThat(full.findings(DoctorChecks.ATTACH_CAPACITY)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(WARNING);
                assertThat(f.evidence()).contains("CSINode/" + node + " ebs.csi.aws.com allocatable.count=" + onNode);
            });
        }
    }

    @Test
    void aNodePoolWhoseNodesLackSlotsForThePendingVolumesIsReported() {
        try (BlueprintRun running = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET).replicas(1)).deploy()) {
            running.awaitReady();
            String node = running.nodes().get(0).name();
            cluster.plant().attachLimit(node, 2);
            assertThat(StatefulStorageDoctor.on(cluster).examine("default").findings(DoctorChecks.ATTACH_HEADROOM))
                    .as("nothing pending").isEmpty();

            // In another zone: the pod waits for Karpenter's new node (the simulated scheduler ignores attach limits).
            try (BlueprintRun pending = StatefulEbsBlueprint.builder().namespace("shop").zone("eu-west-2b").backend(cluster)
                    .storage(s -> s.storageClassName("storage-gp3-shop"))
                    .workload(w -> w.kind(WorkloadKind.STATEFULSET).replicas(1)).deploy()) {
                assertThat(pending.pods()).singleElement().satisfies(p -> assertThat(p.phase()).isEqualTo("Pending"));
                assertThat(StatefulStorageDoctor.on(cluster).examine("shop").findings(DoctorChecks.ATTACH_HEADROOM))
                        .as("one free slot for one volume").isEmpty();

                cluster.plant().attachLimit(node, 1);
                DoctorReport report = StatefulStorageDoctor.on(cluster).examine("shop");

                assertThat(report.findings(DoctorChecks.ATTACH_HEADROOM)).singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(WARNING);
                    assertThat(f.objects()).containsExactly("NodePool/default", "Pod/shop/" + pending.pods().get(0).name());
                    assertThat(f.evidence()).startsWith("EBS attachments per node of NodePool default (attached/CSINode allocatable):"
                            + " {" + node + "=1/1}", "pending pods with volumes that fit it: 1, needing 1 attachment(s)");
                    assertThat(f.cause()).startsWith("NodePool default's nodes have 0 free EBS attachment slot(s) for the 1 its"
                            + " pending pods need (a node takes at most 1): the rest wait for Karpenter to launch nodes");
                });
            }
        }
    }

    @Test
    void aRetainedReleasedVolumeIsMoneyLeftBehind() {
        cluster.plant().retainedVolume("pvc-9f8e", "100Gi", "eu-west-2b", "shop", "data-db-0");

        DoctorReport report = StatefulStorageDoctor.on(cluster).examine("shop");

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(DoctorChecks.RETAINED_VOLUME);
            assertThat(f.cause()).contains("pvc-9f8e (100Gi)").contains("shop/data-db-0");
            assertThat(f.fix()).contains("vol-0");
        });
    }

    @Test
    void onlyOldAvailableDriverVolumesWithoutAPersistentVolumeOfTheScopeAreLeftBehind() {
        cluster.plant().retainedVolume("pvc-kept", "10Gi", "eu-west-2a", "shop", "data-db-1");
        String keptHandle = ((ClusterInventory) cluster).inventory(InventoryScope.allNamespaces()).volume("pvc-kept").orElseThrow()
                .volumeHandle();
        Instant now = cluster.clock().instant();
        Instant old = now.minus(Duration.ofDays(3));
        List<EbsVolumeView> ec2 = List.of(
                driverVolume("vol-gone", 100, old, "pvc-gone", "shop"),
                driverVolume("vol-young", 100, now.minus(Duration.ofMinutes(2)), "pvc-young", "shop"),
                driverVolume("vol-by-name", 10, old, "pvc-kept", "shop"),
                driverVolume(keptHandle, 10, old, "pvc-renamed", "shop"),
                driverVolume("vol-elsewhere", 5, old, "pvc-elsewhere", "other"),
                new EbsVolumeView("vol-untagged", "eu-west-2a", 5, "gp3", "available", old,
                        Map.of(EbsVolumeView.DRIVER_TAG, "true", EbsVolumeView.CSI_VOLUME_NAME, "pvc-untagged")),
                new EbsVolumeView("vol-in-use", "eu-west-2a", 5, "gp3", "in-use", old, Map.of(EbsVolumeView.DRIVER_TAG, "true")),
                new EbsVolumeView("vol-by-hand", "eu-west-2a", 5, "gp3", "available", old, Map.of("Name", "scratch")));
        StatefulStorageDoctor doctor = StatefulStorageDoctor.on(cluster).volumes(() -> ec2);

        assertThat(doctor.examine("shop").findings(DoctorChecks.LEFT_BEHIND_VOLUME)).singleElement().satisfies(f -> {
            assertThat(f.objects()).containsExactly("EBSVolume/vol-gone");
            assertThat(f.cause()).isEqualTo("EBS volume vol-gone (100 GiB gp3 in eu-west-2a) was created by the EBS CSI driver for"
                    + " PersistentVolume pvc-gone (claim shop/data-pvc-gone), which no longer exists: it is attached to nothing and"
                    + " billed though nothing in the cluster can use it");
            assertThat(f.evidence().get(0)).endsWith("created 3d ago");
        });
        assertThat(doctor.examineAllNamespaces().findings(DoctorChecks.LEFT_BEHIND_VOLUME)).extracting(f -> f.objects().get(0))
                .containsExactly("EBSVolume/vol-elsewhere", "EBSVolume/vol-gone", "EBSVolume/vol-untagged");
        assertThat(StatefulStorageDoctor.on(cluster).examineAllNamespaces().findings(DoctorChecks.LEFT_BEHIND_VOLUME))
                .as("without AWS lookups nothing is known").isEmpty();
    }

    @Test
    void aPlantedPendingPodWhoseSpreadSelectsByExpressionsForbidsItsVolumesZone() {
        try (BlueprintRun web = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).storage(s -> s.claimName("data"))
                .workload(w -> w.name("web").kind(WorkloadKind.STATEFULSET).replicas(2)).deploy()) {
            web.awaitReady();
            web.scale(1);
            web.awaitReady();
            String app = web.pods().get(0).labels().get(OwnershipLabels.APP);
            var spread = new PodDetails.SpreadConstraint("topology.kubernetes.io/zone", 1, "DoNotSchedule",
                    new LabelSelector(Map.of(), List.of(new NodeRequirement(OwnershipLabels.APP, "In", List.of(app)))), List.of());
            cluster.plant().pendingPod("default", "web-1", "data-web-1", Map.of(OwnershipLabels.APP, app), List.of(spread));

            DoctorReport report = StatefulStorageDoctor.on(cluster).examine("default");

            assertThat(report.findings(DoctorChecks.PLACEMENT)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(ERROR);
                assertThat(f.objects()).containsExactly("Pod/default/web-1", "PersistentVolumeClaim/default/data-web-1");
                assertThat(f.evidence()).contains("its topology spread (maxSkew=1 over topology.kubernetes.io/zone, DoNotSchedule; pods"
                        + " matching {" + OwnershipLabels.APP + " In [" + app + "]} per zone {eu-west-2a=1, eu-west-2b=0, eu-west-2c=0})"
                        + " allows [eu-west-2b, eu-west-2c]");
            });
        }
    }

    @Test
    void aPendingPodNeedsAnExistingClaim() {
        assertThatThrownBy(() -> cluster.plant().pendingPod("default", "web-1", "data-web-1", Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no claim default/data-web-1");
    }

    @Test
    void theSimulatedClusterListsItsPlantedLeftBehindVolumes() {
        cluster.plant().leftBehindVolume("vol-0feed", 50, "eu-west-2b", "pvc-gone", "shop", "data-db-0");
        cluster.advance(Duration.ofMinutes(15));

        DoctorReport report = StatefulStorageDoctor.on(cluster).volumes(cluster).examine("shop");

        assertThat(report.findings(DoctorChecks.LEFT_BEHIND_VOLUME)).singleElement().satisfies(f -> {
            assertThat(f.objects()).containsExactly("EBSVolume/vol-0feed");
            assertThat(f.cause()).startsWith("EBS volume vol-0feed (50 GiB gp3 in eu-west-2b) was created by the EBS CSI driver for"
                    + " PersistentVolume pvc-gone (claim shop/data-db-0), which no longer exists");
        });
    }

    private static EbsVolumeView driverVolume(String id, long sizeGiB, Instant created, String pv, String namespace) {
        return new EbsVolumeView(id, "eu-west-2a", sizeGiB, "gp3", "available", created, Map.of(EbsVolumeView.DRIVER_TAG, "true",
                EbsVolumeView.CSI_VOLUME_NAME, pv, EbsVolumeView.CREATED_FOR_CLAIM_NAMESPACE, namespace,
                EbsVolumeView.CREATED_FOR_CLAIM, "data-" + pv));
    }

    @Test
    void aNodeClaimWaitingForDetachIsReported() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).deploy()) {
            run.awaitReady();
            String node = run.nodes().get(0).name();
            cluster.plant().nodeClaimWaitingForDetach(node, "awaiting volume detachment");
            cluster.advance(Duration.ofMinutes(4));

            DoctorReport report = StatefulStorageDoctor.on(cluster).examine("default");

            assertThat(report.findings(DoctorChecks.VOLUME_DETACH)).singleElement().satisfies(f -> {
                assertThat(f.cause()).contains("waiting 4m for 1 volume(s) to detach from " + node);
                assertThat(f.evidence().get(0)).contains("VolumesDetached=False").contains("awaiting volume detachment");
            });
        }
    }

    @Test
    void storageClassRisksAreFoundOnAppliedClasses() throws Exception {
        cluster.apply(ForeignManifests.storageClass("auto-mode", "ebs.csi.eks.amazonaws.com", "WaitForFirstConsumer", Map.of("type", "gp3")));
        cluster.apply(ForeignManifests.storageClass("immediate", "ebs.csi.aws.com", "Immediate", Map.of("type", "gp3")));
        cluster.apply(ForeignManifests.storageClass("slow", "ebs.csi.aws.com", "WaitForFirstConsumer", Map.of("type", "gp3", "iops", "2000",
                "throughput", "600")));
        cluster.apply(ForeignManifests.storageClass("per-gb", "ebs.csi.aws.com", "WaitForFirstConsumer", Map.of("type", "gp3", "iopsPerGB", "50")));
        cluster.apply(ForeignManifests.storageClass("fine", "ebs.csi.aws.com", "WaitForFirstConsumer", Map.of("type", "gp3", "iops", "3000",
                "throughput", "500")));
        cluster.apply(ForeignManifests.storageClass("fast", "ebs.csi.aws.com", "WaitForFirstConsumer", Map.of("type", "gp3", "IOPS", "6000",
                "throughput", "500")));
        cluster.apply(ForeignManifests.storageClass("huge", "ebs.csi.aws.com", "WaitForFirstConsumer", Map.of("type", "gp3", "iops", "90000",
                "throughput", "2500")));
        cluster.apply(ForeignManifests.storageClass("both", "ebs.csi.aws.com", "WaitForFirstConsumer", Map.of("type", "gp3", "iops", "4000",
                "iopsPerGB", "10")));
        cluster.apply(ForeignManifests.storageClass("capped", "ebs.csi.aws.com", "WaitForFirstConsumer", Map.of("type", "gp3", "iopsPerGB", "600",
                "allowAutoIOPSPerGBIncrease", "true")));

        DoctorReport report = StatefulStorageDoctor.on(cluster).examineAllNamespaces();

        assertThat(report.findings()).extracting(f -> f.severity() + " " + f.check() + " " + f.objects().get(0)).containsExactly(
                "ERROR gp3-parameters StorageClass/both",
                "ERROR gp3-parameters StorageClass/huge",
                "ERROR gp3-parameters StorageClass/slow",
                "WARNING csi-driver StorageClass/auto-mode",
                "WARNING gp3-parameters StorageClass/both",
                "WARNING gp3-parameters StorageClass/fast",
                "WARNING gp3-parameters StorageClass/per-gb",
                "WARNING immediate-binding StorageClass/immediate",
                "INFO gp3-parameters StorageClass/capped");
        assertThat(causeOf(report, "slow")).contains("iops 2000 is below gp3's minimum of 3000")
                .contains("throughput 600 MiB/s exceeds 0.25 MiB/s per IOPS of 2000 IOPS (at most 500)");
        assertThat(causeOf(report, "huge")).contains("iops 90000 is above gp3's maximum of 80000")
                .contains("throughput 2500 MiB/s is above gp3's maximum of 2000");
        assertThat(causeOf(report, "both")).contains("iops and iopsPerGB are both set");
        assertThat(causeOf(report, "fast")).endsWith("sets iops=6000: gp3 allows at most 500 IOPS per GiB above its 3000"
                + " baseline, so EC2 refuses claims under 12 GiB");
        assertThat(causeOf(report, "capped")).contains("the driver caps it at gp3's 500 IOPS per GiB");
        assertThat(report.findings(DoctorChecks.CSI_DRIVER).get(0).fix()).contains("provisioner ebs.csi.aws.com");
    }

    @Test
    void iopsAboveTheRatioIsJudgedPerClaimByItsRequestedSize() {
        cluster.apply(ForeignManifests.storageClass("fast", "ebs.csi.aws.com", "WaitForFirstConsumer",
                Map.of("type", "gp3", "iops", "8000")));
        cluster.apply(ForeignManifests.storageClass("unclaimed", "ebs.csi.aws.com", "WaitForFirstConsumer",
                Map.of("type", "gp3", "iops", "6000")));
        cluster.apply(ForeignManifests.claim("shop", "small", "fast", "4Gi"));
        cluster.apply(ForeignManifests.claim("shop", "large", "fast", "16Gi"));

        DoctorReport report = StatefulStorageDoctor.on(cluster).examine("shop");

        assertThat(report.findings(DoctorChecks.GP3_PARAMETERS)).extracting(f -> f.severity() + " " + f.objects()).containsExactly(
                "ERROR [PersistentVolumeClaim/shop/small, StorageClass/fast]",
                "WARNING [StorageClass/unclaimed]");
        Finding small = report.findings(DoctorChecks.GP3_PARAMETERS).get(0);
        assertThat(small.evidence()).startsWith("PersistentVolumeClaim/shop/small phase=Pending requests=4Gi (4 GiB)",
                "iops 8000 / 4 GiB = 2000.0 IOPS per GiB (gp3 allows at most 500)");
        assertThat(small.cause()).isEqualTo("claim shop/small requests 4 GiB with StorageClass fast's iops=8000, 2000.0 IOPS per GiB:"
                + " EC2 refuses every CreateVolume above 500");
        assertThat(small.fix()).startsWith("request at least 16Gi in claim small");
        assertThat(report.hasErrors()).isTrue();
    }

    private static String causeOf(DoctorReport report, String storageClass) {
        return report.findings(DoctorChecks.GP3_PARAMETERS).stream()
                .filter(f -> f.objects().contains("StorageClass/" + storageClass)).findFirst().orElseThrow().cause();
    }
}
