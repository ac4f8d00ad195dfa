package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulebs.blueprint.inventory.DisruptionBudgetView;
import io.statefulebs.blueprint.inventory.NodeClaimView;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.spi.NodeOccupancy;
import io.statefulebs.blueprint.view.EventView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link io.statefulebs.blueprint.spi.NodeDisruption} requests: the node's NodeClaim (list {@code nodeclaims}), its
 * pods (list {@code pods} in all namespaces by {@code spec.nodeName}), the PodDisruptionBudgets of their namespaces,
 * the delete of the NodeClaim ({@code karpenter.sh/v1}), and the events about the node and its NodeClaim (list
 * {@code events} in {@code default}, where Kubernetes keeps the events of cluster-scoped objects). rbac.yaml's
 * {@code stateful-ebs-blueprint-disruption} grants exactly these.
 */
final class NodeClaimDisruption {
    /** Where the API server's event recorders put events about cluster-scoped objects (a Node, a NodeClaim). */
    static final String CLUSTER_EVENTS_NAMESPACE = "default";

    private final KubernetesClient client;
    private final ApiCalls calls;
    private final KarpenterNodePools karpenter;

    NodeClaimDisruption(KubernetesClient client, ApiCalls calls, KarpenterNodePools karpenter) {
        this.client = client;
        this.calls = calls;
        this.karpenter = karpenter;
    }

    NodeOccupancy occupancy(String node) {
        Optional<NodeClaimView> claim = karpenter.nodeClaims().stream().map(Fabric8Inventory::nodeClaim)
                .filter(c -> c.node().equals(node)).findFirst();
        List<Pod> pods = calls.run("list the pods on node " + node, RequiredAccess.of("list", "pods", "", null),
                () -> client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems());
        // The field selector is the server's filter; checking it again keeps a server that ignores it from widening the set.
        List<PodDetails> onNode = pods.stream().filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                .map(Fabric8Inventory::pod).toList();
        List<DisruptionBudgetView> budgets = new ArrayList<>();
        for (String namespace : onNode.stream().map(PodDetails::namespace).distinct().sorted().toList()) {
            calls.run("list PodDisruptionBudgets in " + namespace, RequiredAccess.of("list", "poddisruptionbudgets", "policy", namespace),
                    () -> client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems())
                    .forEach(b -> budgets.add(Fabric8Inventory.budget(b)));
        }
        return new NodeOccupancy(node, claim, onNode, budgets);
    }

    boolean deleteNodeClaim(String name) {
        List<StatusDetails> deleted = calls.run("delete NodeClaim " + name,
                ApiKinds.access("delete", KarpenterNodePools.NODE_CLAIMS, null),
                () -> client.genericKubernetesResources(KarpenterNodePools.NODE_CLAIMS).withName(name).delete());
        return !deleted.isEmpty();
    }

    List<EventView> nodeEvents(String node, String nodeClaim) {
        List<Event> events = calls.run("list events in " + CLUSTER_EVENTS_NAMESPACE,
                RequiredAccess.of("list", "events", "", CLUSTER_EVENTS_NAMESPACE),
                () -> client.v1().events().inNamespace(CLUSTER_EVENTS_NAMESPACE).list().getItems());
        return events.stream().filter(e -> e.getInvolvedObject() != null && (about(e, "Node", node) || about(e, "NodeClaim", nodeClaim)))
                .map(ViewMapper::event).sorted(Comparator.comparing(EventView::lastTime)).toList();
    }

    private static boolean about(Event e, String kind, String name) {
        return kind.equals(e.getInvolvedObject().getKind()) && Objects.equals(name, e.getInvolvedObject().getName());
    }
}
