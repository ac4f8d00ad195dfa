package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.error.UnsupportedCapabilityException;
import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.inventory.NodeDetails;
import io.statefulebs.blueprint.inventory.NodePoolDetails;
import io.statefulebs.blueprint.inventory.PersistentVolumeView;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.inventory.StorageClassView;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterChanges;
import io.statefulebs.blueprint.spi.ExecResult;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.LabelSelector;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeRequirement;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The doctor's strict input, and placement answers that need constraints the simulator does not model (affinity, selectors). */
class DoctorInputAndPlacementTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void inputIsCheckedAndNamed() {
        SimulatedCluster cluster = new SimulatedCluster();

        assertThatThrownBy(() -> StatefulStorageDoctor.on(null)).isInstanceOf(NullPointerException.class).hasMessage("backend");
        assertThatThrownBy(() -> StatefulStorageDoctor.on(cluster).examine((String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("namespace");
        assertThatThrownBy(() -> StatefulStorageDoctor.on(cluster).examine(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allNamespaces()");
        assertThatThrownBy(() -> StatefulStorageDoctor.on(cluster).zones(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("zoneSource");
        assertThatThrownBy(() -> StatefulStorageDoctor.diagnose(null)).isInstanceOf(NullPointerException.class).hasMessage("inventory");
    }

    @Test
    void aBackendWithoutTheInventoryIsRefusedNamingTheCapability() {
        assertThatThrownBy(() -> StatefulStorageDoctor.on(new CoreOnly())).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("backend core-only does not offer ClusterInventory");
    }

    @Test
    void aNodeSelectorNoNodePoolOffersCanNeverBePlaced() {
        PodDetails pod = pendingPod(Map.of("karpenter.sh/capacity-type", "on-demand", "team", "db"), List.of());
        NodePoolDetails spotOnly = pool("spot", List.of(NodeRequirement.in("karpenter.sh/capacity-type", List.of("spot"))), Map.of());
        NodePoolDetails unlabelled = pool("general", List.of(), Map.of());

        Finding f = single(inventory(pod, List.of(spotOnly, unlabelled)));

        assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.cause()).contains("no NodePool fits its node selector")
                .contains("NodePool spot requires karpenter.sh/capacity-type In [spot] (node selector karpenter.sh/capacity-type=on-demand)")
                .contains("NodePool general does not define label team (node selector team=db)");
    }

    @Test
    void requiredNodeAffinityOutsideTheStorageClassZonesCanNeverBePlaced() {
        PodDetails pod = pendingPod(Map.of(), List.of(List.of(NodeRequirement.in("topology.kubernetes.io/zone", List.of("eu-west-2b")))));

        Finding f = single(inventory(pod, List.of(pool("default", List.of(), Map.of()))));

        assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.evidence()).containsExactly("StorageClass/gp3 allowedTopologies allow [eu-west-2a]",
                "the pod's required node affinity allows [eu-west-2b]");
    }

    @Test
    void aFittingPoolMeansWaitingForANodeInTheZonesLeft() {
        PodDetails pod = pendingPod(Map.of("team", "db"), List.of());

        Finding f = single(inventory(pod, List.of(pool("db", List.of(), Map.of("team", "db")))));

        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(f.cause()).endsWith("is waiting for a node in zone(s) [eu-west-2a] (Karpenter launches one from NodePool(s) [db])");
    }

    @Test
    void aHardZoneSpreadThatForbidsTheVolumesZoneCanNeverBePlaced() {
        Finding f = single(spreadInventory("eu-west-2a"));

        assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.cause()).contains("can never be placed, because no zone satisfies every constraint");
        assertThat(f.evidence()).containsExactly("PersistentVolume/pvc-1 (claim data-db-1) is in [eu-west-2a]",
                "NodePool(s) [default] launch nodes in [eu-west-2a, eu-west-2b]",
                "its topology spread (maxSkew=1 over topology.kubernetes.io/zone, DoNotSchedule; pods matching {app=db} per zone"
                        + " {eu-west-2a=1, eu-west-2b=0}) allows [eu-west-2b]");
        assertThat(f.fix()).startsWith("let a NodePool launch nodes in eu-west-2a");
    }

    @Test
    void aHardZoneSpreadThatAllowsTheVolumesZoneOnlyWaits() {
        Finding f = single(spreadInventory("eu-west-2b"));

        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(f.cause()).contains("is waiting for a node in zone(s) [eu-west-2a]");
        assertThat(f.evidence()).contains("its topology spread (maxSkew=1 over topology.kubernetes.io/zone, DoNotSchedule; pods"
                + " matching {app=db} per zone {eu-west-2a=0, eu-west-2b=1}) allows [eu-west-2a]");
    }

    @Test
    void matchExpressionsCountThePodsTheySelect() {
        Finding f = single(spreadInventory("eu-west-2a", selector(Map.of(), new NodeRequirement("app", "In", List.of("db", "cache")),
                new NodeRequirement("canary", "DoesNotExist", List.of())), List.of()));

        assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.evidence()).contains("its topology spread (maxSkew=1 over topology.kubernetes.io/zone, DoNotSchedule; pods"
                + " matching {app In [db, cache], canary DoesNotExist} per zone {eu-west-2a=1, eu-west-2b=0}) allows [eu-west-2b]");
    }

    @Test
    void matchExpressionsThatSelectNeitherPodLeaveEveryZoneOpen() {
        Finding f = single(spreadInventory("eu-west-2a", selector(Map.of("app", "db"), new NodeRequirement("release", "NotIn",
                List.of("v1", "v2"))), List.of()));

        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(f.evidence()).contains("its topology spread (maxSkew=1 over topology.kubernetes.io/zone, DoNotSchedule; pods"
                + " matching {app=db, release NotIn [v1, v2]} per zone {eu-west-2a=0, eu-west-2b=0}) allows [eu-west-2a, eu-west-2b]");
    }

    @Test
    void matchLabelKeysCountOnlyThePodsWithThePodsOwnValues() {
        var selector = selector(Map.of("app", "db"));

        assertThat(single(spreadInventory("eu-west-2a", selector, List.of())).severity()).isEqualTo(Finding.Severity.ERROR);
        Finding f = single(spreadInventory("eu-west-2a", selector, List.of("release", "absent-from-the-pod")));
        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(f.evidence()).contains("its topology spread (maxSkew=1 over topology.kubernetes.io/zone, DoNotSchedule; pods"
                + " matching {app=db, release In [v2]} per zone {eu-west-2a=0, eu-west-2b=0}) allows [eu-west-2a, eu-west-2b]");
    }

    @Test
    void anOperatorLabelSelectorsDoNotHaveIsNotGuessed() {
        Finding f = single(spreadInventory("eu-west-2a", selector(Map.of(), new NodeRequirement("app", "Matches", List.of("d.*"))),
                List.of()));

        assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(f.cause()).contains("is waiting for a node in zone(s) [eu-west-2a]");
        assertThat(f.evidence()).contains("topology spread over topology.kubernetes.io/zone maxSkew=1 DoNotSchedule selecting"
                + " {app Matches [d.*]} not evaluated: its labelSelector uses operator(s) [Matches] that label selectors do not have");
    }

    private static LabelSelector selector(Map<String, String> labels, NodeRequirement... expressions) {
        return new LabelSelector(labels, List.of(expressions));
    }

    /** db-0 runs in {@code runningZone}; db-1 is Pending with its volume in eu-west-2a and a hard zone spread over app=db. */
    private static Inventory spreadInventory(String runningZone) {
        return spreadInventory(runningZone, selector(Map.of("app", "db")), List.of());
    }

    /**
     * db-0 (release v1) runs in {@code runningZone}; db-1 (release v2) is Pending with its volume in eu-west-2a and a hard
     * zone spread with this selector and these {@code matchLabelKeys}.
     */
    private static Inventory spreadInventory(String runningZone, LabelSelector selector,
                                             List<String> matchLabelKeys) {
        PodView running = new PodView("shop", "db-0", "uid-0", "Running", true, "node-0", "", 0, NOW.minusSeconds(900),
                Map.of("app", "db", "release", "v1"), List.of("data-db-0"));
        PodView pending = new PodView("shop", "db-1", "uid-1", "Pending", false, "", "Unschedulable", 0, NOW.minusSeconds(300),
                Map.of("app", "db", "release", "v2"), List.of("data-db-1"));
        List<PodDetails.SpreadConstraint> spread = List.of(
                new PodDetails.SpreadConstraint("topology.kubernetes.io/zone", 1, "DoNotSchedule", selector, matchLabelKeys));
        NodeView node = new NodeView("node-0", runningZone, "m5.large", "on-demand", "default", true, true, "v1.33.0",
                NOW.minusSeconds(1000), Map.of("topology.kubernetes.io/zone", runningZone));
        ClaimView claim = new ClaimView("shop", "data-db-1", "Bound", "pvc-1", "10Gi", "10Gi", List.of("ReadWriteOnce"), "gp3", "eu-west-2a",
                NOW.minusSeconds(300));
        PersistentVolumeView volume = new PersistentVolumeView("pvc-1", "Bound", "Delete", "gp3", "10Gi", "shop", "data-db-1",
                "ebs.csi.aws.com", "vol-1", "eu-west-2a", NOW.minusSeconds(300));
        NodePoolDetails pool = pool("default", List.of(NodeRequirement.in("topology.kubernetes.io/zone", List.of("eu-west-2a", "eu-west-2b"))),
                Map.of());
        return new Inventory(InventoryScope.namespace("shop"), NOW,
                List.of(new PodDetails(running, "StatefulSet", "db", Map.of(), Map.of(), List.of(), spread),
                        new PodDetails(pending, "StatefulSet", "db", Map.of(), Map.of(), List.of(), spread)),
                List.of(claim), List.of(volume), List.of(), List.of(), List.of(new NodeDetails(node, List.of(), NOW.minusSeconds(1000))),
                List.of(), List.of(pool), List.of(), List.of("ebs.csi.aws.com"), List.of(), List.of());
    }

    private static Finding single(Inventory inventory) {
        List<Finding> findings = StatefulStorageDoctor.diagnose(inventory).findings(DoctorChecks.PLACEMENT);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    private static PodDetails pendingPod(Map<String, String> selector, List<List<NodeRequirement>> affinity) {
        PodView view = new PodView("shop", "db-0", "uid-1", "Pending", false, "", "Unschedulable", 0, NOW.minusSeconds(300),
                Map.of("app", "db"), List.of("data-db-0"));
        return new PodDetails(view, "StatefulSet", "db", Map.of(), selector, affinity, List.of());
    }

    private static NodePoolDetails pool(String name, List<NodeRequirement> requirements, Map<String, String> labels) {
        return new NodePoolDetails(new NodePoolView(name, labels, requirements, true, List.of()), Map.of("cpu", "1000"));
    }

    private static Inventory inventory(PodDetails pod, List<NodePoolDetails> pools) {
        ClaimView claim = new ClaimView("shop", "data-db-0", "Pending", "", "", "4Gi", List.of("ReadWriteOnce"), "gp3", "", NOW.minusSeconds(300));
        StorageClassView gp3 = new StorageClassView("gp3", "ebs.csi.aws.com", "WaitForFirstConsumer", "Delete", Map.of("type", "gp3"),
                List.of(NodeRequirement.in("topology.kubernetes.io/zone", List.of("eu-west-2a"))));
        return new Inventory(InventoryScope.namespace("shop"), NOW, List.of(pod), List.of(claim), List.of(), List.of(gp3), List.of(),
                List.of(), List.of(), pools, List.of(), List.of("ebs.csi.aws.com"), List.of(), List.of());
    }

    /** A backend with the core only, no optional capability. */
    private static final class CoreOnly implements ClusterBackend {
        @Override public String name() { return "core-only"; }
        @Override public Clock clock() { return Clock.systemUTC(); }
        @Override public void create(Manifest manifest) { throw new UnsupportedOperationException(); }
        @Override public void apply(Manifest manifest) { throw new UnsupportedOperationException(); }
        @Override public boolean delete(ResourceRef ref) { return false; }
        @Override public boolean delete(ResourceRef ref, String resourceVersion) { return false; }
        @Override public List<ResourceRef> listLabelled(String namespace, Map<String, String> labels) { return List.of(); }
        @Override public void scale(ResourceRef workload, int replicas) { throw new UnsupportedOperationException(); }
        @Override public ExecResult exec(String namespace, String pod, List<String> command) { throw new UnsupportedOperationException(); }
        @Override public ClusterChanges changes(String purpose, Instant deadline) { throw new UnsupportedOperationException(); }
        @Override public List<NodeView> nodes() { return List.of(); }
        @Override public List<PodView> pods(String namespace, Map<String, String> selector) { return List.of(); }
        @Override public Optional<ClaimView> claim(String namespace, String name) { return Optional.empty(); }
        @Override public List<ClaimView> claims(String namespace, Map<String, String> selector) { return List.of(); }
        @Override public List<EventView> events(String namespace) { return List.of(); }
        @Override public List<VolumeAttachmentView> volumeAttachments() { return List.of(); }
        @Override public boolean exists(ResourceRef ref) { return false; }
        @Override public Optional<ObjectMetadata> metadata(ResourceRef ref) { return Optional.empty(); }
    }
}
