package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.MultiAttachRecovery;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /**
     * What a run shows after the node under its pods was lost ungracefully and the replacements were scheduled on
     * another node: one Multi-Attach diagnosis for the claim's volume, still attached (a {@code csi-} VolumeAttachment)
     * to the lost node, which is NotReady ({@code nodeStillExists}) or gone, naming the policy that fits; and the
     * attach-detach controller's own Warning {@code FailedAttachVolume} "Multi-Attach error for volume ..." on a
     * replacement pod.
     *
     * @param run             the run whose node was lost
     * @param lostNode        the node that was lost
     * @param nodeStillExists whether its Node object is still there (NotReady) or gone
     * @return the one diagnosis
     */
    public static MultiAttachDiagnosis assertMultiAttachAfterNodeLoss(BlueprintRun run, String lostNode, boolean nodeStillExists) {
        String volume = run.claim().volumeName();
        Map<String, PodView> pods = run.pods().stream().collect(Collectors.toMap(PodView::name, Function.identity()));
        List<MultiAttachDiagnosis> diagnoses = run.diagnoseMultiAttach();
        assertThat(diagnoses).singleElement().satisfies(d -> {
            assertThat(d.volume()).isEqualTo(volume);
            assertThat(d.attachedNode()).isEqualTo(lostNode);
            assertThat(d.attachment()).startsWith("csi-");
            assertThat(d.nodeExists()).isEqualTo(nodeStillExists);
            assertThat(d.nodeReady()).isFalse();
            assertThat(d.waitingPods()).isNotEmpty().allSatisfy(name -> assertThat(pods.get(name)).satisfies(p -> {
                assertThat(p.running()).isFalse();
                assertThat(p.node()).isNotEqualTo(lostNode);
            }));
            assertThat(d.explanation()).contains(nodeStillExists ? "MultiAttachPolicy.TAINT_OUT_OF_SERVICE" : "MultiAttachPolicy.DELETE_STALE_ATTACHMENT");
        });
        assertThat(run.events()).anySatisfy(e -> {
            assertThat(e.warning()).isTrue();
            assertThat(e.reason()).isEqualTo("FailedAttachVolume");
            assertThat(e.objectKind()).isEqualTo("Pod");
            assertThat(e.message()).startsWith("Multi-Attach error for volume \"" + volume + "\" Volume is already ");
        });
        return diagnoses.get(0);
    }

    /**
     * After {@code recoverMultiAttach(policy, ...)}: it acted on the one diagnosis of the lost node, the three pods run
     * again on one other node in the zone with the volume attached there (the controller's {@code SuccessfulAttachVolume}),
     * no Multi-Attach is left, and the file holds what it held before the loss.
     *
     * @param run      the run that recovered
     * @param recovery what {@code recoverMultiAttach} returned
     * @param policy   the policy it was given
     * @param lostNode the node that was lost
     * @param zone     the volume's zone
     * @param before   the file as read before the loss
     */
    public static void assertRecoveredFromNodeLoss(BlueprintRun run, MultiAttachRecovery recovery, MultiAttachPolicy policy,
                                                   String lostNode, String zone, FileContent before) {
        assertThat(recovery.policy()).isEqualTo(policy);
        assertThat(recovery.diagnoses()).singleElement().satisfies(d -> assertThat(d.attachedNode()).isEqualTo(lostNode));
        assertThat(recovery.actions()).singleElement().asString().contains(lostNode);
        assertRunningAgainElsewhere(run, lostNode, zone, before);
    }

    /**
     * Three replicas Running on one node other than {@code oldNode}, in {@code zone}, no Multi-Attach error left, the
     * volume attached there for a current pod, and every line read before still in the file; returns that node.
     */
    private static String assertRunningAgainElsewhere(BlueprintRun run, String oldNode, String zone, FileContent before) {
        String volume = run.claim().volumeName();
        List<PodView> pods = run.pods();
        assertThat(pods).hasSize(3).allSatisfy(p -> assertThat(p.running()).isTrue());
        assertThat(pods).extracting(PodView::node).containsOnly(pods.get(0).node()).doesNotContain(oldNode);
        assertThat(run.workloadNodes()).singleElement().satisfies(n -> assertThat(n.zone()).isEqualTo(zone));
        assertThat(run.diagnoseMultiAttach()).isEmpty();
        assertThat(run.events()).anySatisfy(e -> {
            assertThat(e.reason()).isEqualTo("SuccessfulAttachVolume");
            assertThat(e.message()).contains("AttachVolume.Attach succeeded for volume \"" + volume + "\"");
            assertThat(pods).extracting(PodView::name).contains(e.objectName());
        });
        assertThat(run.readFile().startsWith(before)).isTrue();
        return pods.get(0).node();
    }

    /**
     * What a graceful replacement of the run's node ends with, on every backend: the old node gone from the replicas,
     * every replica Running on one new node in {@code zone}, within {@code bound}, no Multi-Attach error left, the
     * volume attached to the new node ({@code SuccessfulAttachVolume} for a current pod) and every line read before
     * still there.
     *
     * @param run the run after {@code disruptNode}
     * @param report what {@code disruptNode} returned
     * @param oldNode the node that ran the replicas before
     * @param zone the volume's zone
     * @param bound the bound the replacement must meet
     */
    public static void assertReplacedGracefully(BlueprintRun run, DisruptionReport report, String oldNode, String zone,
                                                Duration bound) {
        assertThat(report.oldNode()).isEqualTo(oldNode);
        assertThat(report.zone()).isEqualTo(zone);
        assertThat(report.bound()).isEqualTo(bound);
        assertThat(report.withinBound()).as("replaced within %s: %s", bound, report).isTrue();
        assertThat(report.contentPreserved()).isTrue();
        String newNode = assertRunningAgainElsewhere(run, oldNode, zone, report.before());
        assertThat(report.newNodes()).containsExactly(newNode);
    }
}
