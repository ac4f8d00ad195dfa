package io.statefulebs.blueprint.examples.output;

import io.statefulebs.blueprint.examples.walkthrough.ClusterSnapshot;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TablesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    @Test
    void podsTableAlignsColumnsAndShowsWhyAPodIsNotRunning() {
        ClusterSnapshot snapshot = snapshot(List.of(
                pod("stateful-7b68c8d7bc-6mkvn", "Running", true, "", 120),
                pod("stateful-7b68c8d7bc-x", "Pending", false, "ContainerCreating", 5)), List.of(), List.of());

        assertThat(Tables.pods(snapshot)).isEqualTo("""
                NAME                        READY   STATUS              RESTARTS   AGE
                stateful-7b68c8d7bc-6mkvn   1/1     Running             0          2m
                stateful-7b68c8d7bc-x       0/1     ContainerCreating   0          5s
                """);
    }

    @Test
    void claimsTableAbbreviatesAccessModesAndAgesFromTheSnapshot() {
        ClaimView claim = new ClaimView("default", "ebs-claim", "Bound", "pvc-d4c11e32-9da0-41d6-a477-d454a4aade94", "4Gi", "4Gi",
                List.of("ReadWriteOnce"), "storage-gp3", "eu-west-2a", NOW.minusSeconds(116));
        ClusterSnapshot snapshot = new ClusterSnapshot(NOW, List.of(), List.of(claim), List.of());

        assertThat(Tables.claims(snapshot)).isEqualTo("""
                NAME        STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   AGE
                ebs-claim   Bound    pvc-d4c11e32-9da0-41d6-a477-d454a4aade94   4Gi        RWO            storage-gp3    116s
                """);
        assertThat(Tables.accessModes(List.of("ReadWriteOncePod", "ReadWriteMany"))).isEqualTo("RWOP,RWX");
    }

    @Test
    void nodesTableHasTheWalkthroughsLabelColumns() {
        NodeView node = new NodeView("ip-10-0-52-243.eu-west-2.compute.internal", "eu-west-2a", "m7g.xlarge", "spot",
                "default", true, true, "v1.30.2-eks-1552ad0", NOW.minusSeconds(16), Map.of());
        ClusterSnapshot snapshot = new ClusterSnapshot(NOW, List.of(), List.of(), List.of(node));

        assertThat(Tables.nodes(snapshot)).isEqualTo("""
                NAME                                        STATUS   ROLES    AGE   VERSION               CAPACITY-TYPE   INSTANCE-TYPE   NODEPOOL   ZONE
                ip-10-0-52-243.eu-west-2.compute.internal   Ready    <none>   16s   v1.30.2-eks-1552ad0   spot            m7g.xlarge      default    eu-west-2a
                """);
    }

    @Test
    void emptyListingsReadLikeKubectl() {
        ClusterSnapshot empty = snapshot(List.of(), List.of(), List.of());

        assertThat(Tables.pods(empty)).isEqualTo("No resources found\n");
        assertThat(Tables.nodes(empty)).isEqualTo("No resources found\n");
        assertThat(Tables.events(List.of(), NOW)).isEqualTo("Events:  <none>\n");
    }

    @Test
    void eventsShowRepeatsLikeKubectlDescribe() {
        EventView repeated = new EventView("Normal", "WaitForFirstConsumer", "PersistentVolumeClaim", "ebs-claim",
                "waiting for first consumer to be created before binding", 16, NOW.minusSeconds(227), NOW.minusSeconds(14),
                "persistentvolume-controller");

        assertThat(Tables.events(List.of(repeated), NOW)).isEqualTo("""
                Events:
                  Type    Reason                Age                   From                         Message
                  ----    ------                ----                  ----                         -------
                  Normal  WaitForFirstConsumer  14s (x16 over 3m47s)  persistentvolume-controller  waiting for first consumer to be created before binding
                """);
    }

    private static ClusterSnapshot snapshot(List<PodView> pods, List<ClaimView> claims, List<NodeView> nodes) {
        return new ClusterSnapshot(NOW, pods, claims, nodes);
    }

    private static PodView pod(String name, String phase, boolean ready, String reason, long ageSeconds) {
        return new PodView("default", name, "uid-" + name, phase, ready, "node", reason, 0, NOW.minusSeconds(ageSeconds), Map.of(), List.of());
    }
}
