package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.MultiAttachRecovery;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.doctor.DoctorChecks;
import io.statefulebs.blueprint.doctor.DoctorReport;
import io.statefulebs.blueprint.doctor.StatefulStorageDoctor;
import io.statefulebs.blueprint.error.VerificationFailedException;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.testkit.WalkthroughFacts;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;
import io.statefulebs.blueprint.view.VolumeAttachmentView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The blueprint's node loss on real components, through the fabric8 backend: the node under the three pods powers off
 * ungracefully ({@link NodePower}), kube-controller-manager's real attach-detach controller keeps the volume attached to
 * it and reports {@code Multi-Attach error} on the replacements, and {@code diagnoseMultiAttach()} and
 * {@code recoverMultiAttach(...)} work from its events and VolumeAttachments; the storage doctor, reading as the
 * read-only identity, finds the stale attachment and the Multi-Attach error with the same recovery. The same facts are checked on the
 * simulator ({@code blueprint-api}'s MultiAttachRecoveryTest) with {@link WalkthroughFacts}.
 */
class NodeLossIT {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLossIT.class);
    private static final String ZONE = "eu-west-2a";
    /** Detection (30 s grace), eviction (15 s) or pod garbage collection (40 s), a new node and the replacements. */
    private static final Duration UNTIL_MULTI_ATTACH = Duration.ofMinutes(3);
    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace("node-loss");
    private final List<String> poweredOff = new ArrayList<>();

    @AfterEach
    void removeTheLostNodes() {
        poweredOff.forEach(this::deleteNodeObject);
    }

    /**
     * The instance is terminated: heartbeats stop and the Node object goes (as Karpenter's garbage collection removes
     * it on EKS). The pod garbage collector deletes the orphaned pods, the volume stays attached to the missing node
     * (its kubelet never reported it unmounted), and deleting that stale VolumeAttachment lets the controller attach
     * it to the new node at its next reconcile sync; the out-of-service taint is refused, there is no node to taint.
     */
    @Test
    void aTerminatedInstanceLeavesAStaleAttachmentThatDeletingRecovers() {
        try (Fabric8Backend backend = cluster.newBackend(FeatureIdentity.RECOVERY); BlueprintRun run = blueprint(backend)) {
            run.awaitReady(Duration.ofMinutes(5));
            String lost = WalkthroughFacts.assertReadyAsTheWalkthroughShows(run, ZONE).node().name();
            String volume = run.claim().volumeName();
            assertThat(backend.volumeAttachments()).filteredOn(a -> a.volumeName().equals(volume))
                    .singleElement().satisfies(a -> {
                        assertThat(a.node()).isEqualTo(lost);
                        assertThat(a.attached()).isTrue();
                    });
            FileContent before = run.readFile();

            powerOff(lost);
            deleteNodeObject(lost);
            awaitMultiAttach(run);

            MultiAttachDiagnosis diagnosis = WalkthroughFacts.assertMultiAttachAfterNodeLoss(run, lost, false);
            assertThat(diagnosis.explanation()).contains("is gone");
            DoctorReport report = examineAsReader();
            assertThat(report.findings(DoctorChecks.STALE_ATTACHMENT)).singleElement().satisfies(f -> {
                assertThat(f.objects()).containsExactly("VolumeAttachment/" + diagnosis.attachment(), "PersistentVolume/" + volume,
                        "Node/" + lost);
                assertThat(f.cause()).contains("which no longer exists");
                assertThat(f.fix()).contains("DELETE_STALE_ATTACHMENT").doesNotContain("TAINT_OUT_OF_SERVICE");
            });
            assertThat(report.findings(DoctorChecks.MULTI_ATTACH)).isNotEmpty().allSatisfy(f -> {
                // A warning until the attach-detach controller's 6-minute force detach is overdue, then an error.
                assertThat(f.severity()).isNotEqualTo(Finding.Severity.INFO);
                assertThat(f.objects()).contains("PersistentVolume/" + volume, "VolumeAttachment/" + diagnosis.attachment());
                assertThat(f.fix()).contains("DELETE_STALE_ATTACHMENT");
            });
            assertThatThrownBy(() -> run.recoverMultiAttach(MultiAttachPolicy.TAINT_OUT_OF_SERVICE, Duration.ofMinutes(1)))
                    .isInstanceOf(VerificationFailedException.class).hasMessageContaining("no longer exists");

            MultiAttachRecovery recovery = run.recoverMultiAttach(MultiAttachPolicy.DELETE_STALE_ATTACHMENT, Duration.ofMinutes(3));

            LOG.info("recovered: {}\nevents:\n{}", recovery, String.join("\n", run.events().stream().map(EventView::toString).toList()));
            assertThat(recovery.actions()).singleElement().asString()
                    .contains("deleted stale VolumeAttachment " + diagnosis.attachment());
            WalkthroughFacts.assertRecoveredFromNodeLoss(run, recovery, MultiAttachPolicy.DELETE_STALE_ATTACHMENT, lost, ZONE, before);
            String newNode = run.pods().get(0).node();
            assertThat(backend.volumeAttachments()).filteredOn(a -> a.volumeName().equals(volume))
                    .extracting(VolumeAttachmentView::node, VolumeAttachmentView::attached).containsExactly(tuple(newNode, true));
        }
    }

    /**
     * The instance stops but its Node object stays, NotReady: taint eviction deletes the pods (at once: the blueprint's
     * terminationGracePeriodSeconds is 0), but the volume stays attached, its last {@code volumesInUse} saying it is
     * mounted there. Deleting the VolumeAttachment is refused (the node exists and might still write); the
     * out-of-service taint makes the controller detach at once (Kubernetes' non-graceful node shutdown).
     */
    @Test
    void aStoppedInstanceNeedsTheOutOfServiceTaint() {
        try (Fabric8Backend backend = cluster.newBackend(FeatureIdentity.RECOVERY); BlueprintRun run = blueprint(backend)) {
            run.awaitReady(Duration.ofMinutes(5));
            String lost = WalkthroughFacts.assertReadyAsTheWalkthroughShows(run, ZONE).node().name();
            FileContent before = run.readFile();

            powerOff(lost);
            awaitMultiAttach(run);

            WalkthroughFacts.assertMultiAttachAfterNodeLoss(run, lost, true);
            assertThat(examineAsReader().findings(DoctorChecks.STALE_ATTACHMENT)).singleElement().satisfies(f -> {
                assertThat(f.cause()).contains("NotReady node " + lost);
                assertThat(f.fix()).contains("TAINT_OUT_OF_SERVICE").doesNotContain("DELETE_STALE_ATTACHMENT");
            });
            assertThatThrownBy(() -> run.recoverMultiAttach(MultiAttachPolicy.DELETE_STALE_ATTACHMENT, Duration.ofMinutes(1)))
                    .isInstanceOf(VerificationFailedException.class).hasMessageContaining("still exists");

            MultiAttachRecovery recovery = run.recoverMultiAttach(MultiAttachPolicy.TAINT_OUT_OF_SERVICE, Duration.ofMinutes(3));

            LOG.info("recovered: {}\nevents:\n{}", recovery, String.join("\n", run.events().stream().map(EventView::toString).toList()));
            assertThat(recovery.actions()).singleElement().asString().contains("node.kubernetes.io/out-of-service=nodeshutdown:NoExecute");
            WalkthroughFacts.assertRecoveredFromNodeLoss(run, recovery, MultiAttachPolicy.TAINT_OUT_OF_SERVICE, lost, ZONE, before);
            assertThat(run.pods()).noneMatch(p -> p.node().equals(lost));
        }
    }

    /** The storage doctor on this namespace, read as the read-only identity (its role is all it needs). */
    private static DoctorReport examineAsReader() {
        try (Fabric8Backend reader = cluster.newBackend(FeatureIdentity.READ_ONLY)) {
            return StatefulStorageDoctor.on(reader).examine(cluster.namespace());
        }
    }

    private static BlueprintRun blueprint(Fabric8Backend backend) {
        return StatefulEbsBlueprint.builder().namespace(cluster.namespace()).zone(ZONE).replicas(3).backend(backend).deploy();
    }

    private void powerOff(String node) {
        poweredOff.add(node);
        NodePower.powerOff(cluster.client(), node);
        LOG.info("powered off {}", node);
    }

    /** The Node object goes without Karpenter's drain: its termination finalizer is taken off first. */
    private void deleteNodeObject(String node) {
        if (cluster.client().nodes().withName(node).get() == null) {
            return;
        }
        cluster.client().nodes().withName(node).edit(n -> new NodeBuilder(n).editMetadata().withFinalizers(List.of()).endMetadata().build());
        cluster.client().nodes().withName(node).delete();
        LocalCluster.awaitTrue("node " + node + " deleted", Duration.ofMinutes(1), () -> cluster.client().nodes().withName(node).get() == null);
    }

    /** Waits (bounded) until the library recognises a Multi-Attach error on the run's pods. */
    private static void awaitMultiAttach(BlueprintRun run) {
        LocalCluster.awaitTrue("a Multi-Attach error on a replacement pod", UNTIL_MULTI_ATTACH, () -> !run.diagnoseMultiAttach().isEmpty());
    }
}
