package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.statefulebs.blueprint.error.ForbiddenException;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.spi.NodeOccupancy;
import io.statefulebs.blueprint.view.EventView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What disruptNode asks of the fabric8 backend: the node's occupancy, the NodeClaim's delete, Karpenter's node events. */
class NodeDisruptionOnMockServerTest extends MockClusterTest {
    private static final String NODE = "ip-10-0-52-243";
    private static final String OTHER = "ip-10-0-17-4";

    private void nodeClaim(String name, String node) {
        GenericKubernetesResource claim = new GenericKubernetesResourceBuilder().withApiVersion("karpenter.sh/v1").withKind("NodeClaim")
                .withNewMetadata().withName(name).addToLabels("karpenter.sh/nodepool", "default").endMetadata()
                .addToAdditionalProperties("status", Map.of("nodeName", node, "conditions", List.of(
                        Map.of("type", "Initialized", "status", "True", "reason", "Initialized", "message", "",
                                "lastTransitionTime", "2026-01-01T00:00:00Z")))).build();
        client.genericKubernetesResources(KarpenterNodePools.NODE_CLAIMS).resource(claim).create();
    }

    private static Pod pod(String namespace, String name, String node, Map<String, String> annotations) {
        return new PodBuilder(ClusterObjects.running(ClusterObjects.pendingPod(namespace, name, "ebs-claim"), node)).editMetadata()
                .addToAnnotations(annotations).endMetadata().build();
    }

    /**
     * The API server's answer to the pods list by {@code spec.nodeName} (the mock server's CRUD mode filters by no field
     * but metadata's): {@code pods}, one of them (on {@code OTHER}) as a server that ignored the selector would add.
     */
    private void podsOnNode(Pod... pods) {
        cluster.server().expect().get().withPath("/api/v1/pods?fieldSelector=spec.nodeName%3D" + NODE)
                .andReturn(200, new PodListBuilder().withItems(pods).build()).always();
    }

    @Test
    void occupancyReadsTheNodesClaimItsPodsInEveryNamespaceAndTheirBudgets() {
        nodeClaim("default-abcde", NODE);
        nodeClaim("default-fghij", OTHER);
        podsOnNode(pod("default", "stateful-1", NODE, Map.of()), pod("payments", "ledger-1", NODE,
                Map.of("karpenter.sh/do-not-disrupt", "true")), pod("default", "elsewhere", OTHER, Map.of()));
        client.policy().v1().podDisruptionBudget().inNamespace("payments").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("ledger").withNamespace("payments").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "stateful").endSelector().endSpec()
                .withNewStatus().withDisruptionsAllowed(0).endStatus().build()).create();
        cluster.drainRequests();

        NodeOccupancy occupancy = backend.occupancy(NODE);

        assertThat(occupancy.nodeClaim()).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("default-abcde"));
        assertThat(occupancy.pods()).extracting(PodDetails::ref).containsExactlyInAnyOrder("Pod/default/stateful-1", "Pod/payments/ledger-1");
        assertThat(occupancy.pods()).filteredOn(p -> p.name().equals("ledger-1")).singleElement()
                .satisfies(p -> assertThat(p.annotations()).containsEntry("karpenter.sh/do-not-disrupt", "true"));
        assertThat(occupancy.budgets()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("ledger");
            assertThat(b.disruptionsAllowed()).isZero();
        });
        assertThat(cluster.drainRequests()).extracting(r -> r.getMethod() + " " + r.getPath().replaceAll("\\?.*", ""))
                .containsExactly("GET /apis/karpenter.sh/v1/nodeclaims", "GET /api/v1/pods",
                        "GET /apis/policy/v1/namespaces/default/poddisruptionbudgets",
                        "GET /apis/policy/v1/namespaces/payments/poddisruptionbudgets");
    }

    @Test
    void aNodeKarpenterDidNotLaunchHasNoClaim() {
        podsOnNode(pod("default", "stateful-1", NODE, Map.of()));

        assertThat(backend.occupancy(NODE).nodeClaim()).isEmpty();
    }

    @Test
    void thePodsAreSelectedByNodeNameOnTheServer() {
        nodeClaim("default-abcde", NODE);
        cluster.drainRequests();

        backend.occupancy(NODE);

        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getPath).filteredOn(p -> p.startsWith("/api/v1/pods"))
                .singleElement().asString().contains("fieldSelector=spec.nodeName%3D" + NODE);
    }

    @Test
    void deleteNodeClaimDeletesTheKarpenterV1ObjectAndSaysWhetherItExisted() {
        nodeClaim("default-abcde", NODE);
        cluster.drainRequests();

        assertThat(backend.deleteNodeClaim("default-abcde")).isTrue();
        assertThat(cluster.drainRequests()).extracting(r -> r.getMethod() + " " + r.getPath())
                .containsExactly("DELETE /apis/karpenter.sh/v1/nodeclaims/default-abcde");
        assertThat(client.genericKubernetesResources(KarpenterNodePools.NODE_CLAIMS).withName("default-abcde").get()).isNull();
        assertThat(backend.deleteNodeClaim("default-abcde")).isFalse();
    }

    @Test
    void aForbiddenDeleteNamesTheDisruptionRole() {
        cluster.server().expect().delete().withPath("/apis/karpenter.sh/v1/nodeclaims/default-abcde")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("forbidden").build()).once();

        assertThatThrownBy(() -> backend.deleteNodeClaim("default-abcde")).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("'delete' on 'nodeclaims.karpenter.sh' (cluster-wide)")
                .hasMessageContaining("ClusterRole stateful-ebs-blueprint-disruption");
    }

    @Test
    void nodeEventsAreKarpentersAboutTheNodeAndItsClaimInTheDefaultNamespace() {
        event("a", "Node", NODE, "AwaitingVolumeDetachment", "Awaiting deletion of bound volumeattachments (csi-1)");
        event("b", "NodeClaim", "default-abcde", "Launched", "Status condition transitioned, Type: Launched, Status: True");
        event("c", "Node", OTHER, "FailedDraining", "Failed to drain node, 1 pods are waiting to be evicted");
        event("d", "Pod", NODE, "Scheduled", "not a node");

        List<EventView> events = backend.nodeEvents(NODE, "default-abcde");

        assertThat(events).extracting(EventView::reason).containsExactlyInAnyOrder("AwaitingVolumeDetachment", "Launched");
    }

    @Test
    void nullInputIsRefusedAtTheCall() {
        assertThatThrownBy(() -> backend.occupancy(null)).isInstanceOf(NullPointerException.class).hasMessage("node");
        assertThatThrownBy(() -> backend.deleteNodeClaim(null)).isInstanceOf(NullPointerException.class).hasMessage("nodeClaim");
        assertThatThrownBy(() -> backend.nodeEvents(NODE, null)).isInstanceOf(NullPointerException.class).hasMessage("nodeClaim");
    }

    private void event(String name, String kind, String object, String reason, String message) {
        client.v1().events().inNamespace("default").resource(new EventBuilder().withNewMetadata().withName(name)
                .withNamespace("default").endMetadata().withNewInvolvedObject().withKind(kind).withName(object).endInvolvedObject()
                .withReason(reason).withMessage(message).withType("Normal").withCount(1)
                .withFirstTimestamp("2026-01-01T00:00:00Z").withLastTimestamp("2026-01-01T00:00:00Z").build()).create();
    }
}
