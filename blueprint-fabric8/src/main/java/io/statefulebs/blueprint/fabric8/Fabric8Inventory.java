package io.statefulebs.blueprint.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulebs.blueprint.inventory.AttachmentDetails;
import io.statefulebs.blueprint.inventory.CsiNodeView;
import io.statefulebs.blueprint.inventory.DisruptionBudgetView;
import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.inventory.NamespacedEvent;
import io.statefulebs.blueprint.inventory.NodeClaimView;
import io.statefulebs.blueprint.inventory.NodeDetails;
import io.statefulebs.blueprint.inventory.PersistentVolumeView;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.inventory.ResourceCondition;
import io.statefulebs.blueprint.inventory.StorageClassView;
import io.statefulebs.blueprint.view.LabelSelector;
import io.statefulebs.blueprint.view.NodeRequirement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.statefulebs.blueprint.fabric8.ViewMapper.firstNonNull;
import static io.statefulebs.blueprint.fabric8.ViewMapper.instant;
import static io.statefulebs.blueprint.fabric8.ViewMapper.orEmpty;

/**
 * Reads the storage doctor's {@link Inventory} with list requests only (nothing is watched, cached or changed).
 * Namespaced kinds (pods, claims, PodDisruptionBudgets, core/v1 events) are listed in the scope's namespace or across
 * all; cluster-scoped ones (persistent volumes, StorageClasses, VolumeAttachments, nodes, CSINodes, CSIDrivers,
 * Karpenter's NodeClaims and NodePools with their EC2NodeClasses) always; DoctorOnMockServerTest checks the exact
 * requests and the README lists them for the doctor's read-only role.
 */
final class Fabric8Inventory {
    private final KubernetesClient client;
    private final ApiCalls calls;
    private final KarpenterNodePools karpenter;
    private final Clock clock;

    Fabric8Inventory(KubernetesClient client, ApiCalls calls, KarpenterNodePools karpenter, Clock clock) {
        this.client = client;
        this.calls = calls;
        this.karpenter = karpenter;
        this.clock = clock;
    }

    Inventory read(InventoryScope scope) {
        Instant takenAt = clock.instant();
        String ns = scope.all() ? null : scope.namespace();
        List<Pod> pods = namespaced("pods", "", ns, () -> (ns == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(ns)).list().getItems());
        List<PersistentVolumeClaim> claims = namespaced("persistentvolumeclaims", "", ns, () -> (ns == null
                ? client.persistentVolumeClaims().inAnyNamespace() : client.persistentVolumeClaims().inNamespace(ns)).list().getItems());
        List<PodDisruptionBudget> budgets = namespaced("poddisruptionbudgets", "policy", ns, () -> (ns == null
                ? client.policy().v1().podDisruptionBudget().inAnyNamespace()
                : client.policy().v1().podDisruptionBudget().inNamespace(ns)).list().getItems());
        List<Event> events = namespaced("events", "", ns, () -> (ns == null ? client.v1().events().inAnyNamespace()
                : client.v1().events().inNamespace(ns)).list().getItems());
        List<PersistentVolume> volumes = cluster("persistentvolumes", "", () -> client.persistentVolumes().list().getItems());
        List<StorageClass> classes = cluster("storageclasses", "storage.k8s.io", () -> client.storage().v1().storageClasses().list().getItems());
        List<VolumeAttachment> attachments = cluster("volumeattachments", "storage.k8s.io",
                () -> client.storage().v1().volumeAttachments().list().getItems());
        List<Node> nodes = cluster("nodes", "", () -> client.nodes().list().getItems());
        List<CSINode> csiNodes = cluster("csinodes", "storage.k8s.io", () -> client.storage().v1().csiNodes().list().getItems());
        List<CSIDriver> drivers = cluster("csidrivers", "storage.k8s.io", () -> client.storage().v1().csiDrivers().list().getItems());

        Map<String, PersistentVolumeView> volumeViews = new LinkedHashMap<>();
        volumes.forEach(v -> volumeViews.put(v.getMetadata().getName(), volume(v)));
        return new Inventory(scope, takenAt, pods.stream().map(Fabric8Inventory::pod).toList(),
                claims.stream().map(c -> ViewMapper.claim(c, zoneOf(c, volumeViews))).toList(), List.copyOf(volumeViews.values()),
                classes.stream().map(Fabric8Inventory::storageClass).toList(),
                attachments.stream().map(Fabric8Inventory::attachment).toList(), nodes.stream().map(Fabric8Inventory::node).toList(),
                karpenter.nodeClaims().stream().map(Fabric8Inventory::nodeClaim).toList(), karpenter.details(),
                csiNodes.stream().map(Fabric8Inventory::csiNode).toList(),
                drivers.stream().map(d -> d.getMetadata().getName()).toList(),
                budgets.stream().map(Fabric8Inventory::budget).toList(),
                events.stream().map(e -> new NamespacedEvent(orEmpty(e.getMetadata().getNamespace()), ViewMapper.event(e))).toList());
    }

    private <T> List<T> namespaced(String plural, String group, String namespace, Supplier<List<T>> list) {
        return calls.run("list " + plural + (namespace == null ? " in all namespaces" : " in " + namespace),
                RequiredAccess.of("list", plural, group, namespace), list);
    }

    private <T> List<T> cluster(String plural, String group, Supplier<List<T>> list) {
        return calls.run("list " + plural, RequiredAccess.of("list", plural, group, null), list);
    }

    private static String zoneOf(PersistentVolumeClaim claim, Map<String, PersistentVolumeView> volumes) {
        String volume = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
        PersistentVolumeView view = volume == null ? null : volumes.get(volume);
        return view == null ? "" : view.zone();
    }

    static PodDetails pod(Pod pod) {
        OwnerReference owner = pod.getMetadata().getOwnerReferences() == null ? null : pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().orElse(null);
        var spec = pod.getSpec();
        List<List<NodeRequirement>> terms = new ArrayList<>();
        var affinity = spec == null || spec.getAffinity() == null ? null : spec.getAffinity().getNodeAffinity();
        if (affinity != null && affinity.getRequiredDuringSchedulingIgnoredDuringExecution() != null
                && affinity.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms() != null) {
            for (NodeSelectorTerm term : affinity.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()) {
                terms.add(requirements(term.getMatchExpressions()));
            }
        }
        List<PodDetails.SpreadConstraint> spread = spec == null || spec.getTopologySpreadConstraints() == null ? List.of()
                : spec.getTopologySpreadConstraints().stream().map(Fabric8Inventory::spread).toList();
        return new PodDetails(ViewMapper.pod(pod), owner == null ? "" : orEmpty(owner.getKind()), owner == null ? "" : orEmpty(owner.getName()),
                orEmpty(pod.getMetadata().getAnnotations()), spec == null ? Map.of() : orEmpty(spec.getNodeSelector()), terms, spread);
    }

    private static PodDetails.SpreadConstraint spread(TopologySpreadConstraint c) {
        return new PodDetails.SpreadConstraint(orEmpty(c.getTopologyKey()), c.getMaxSkew() == null ? 1 : c.getMaxSkew(),
                orEmpty(c.getWhenUnsatisfiable()), labelSelector(c.getLabelSelector()),
                c.getMatchLabelKeys() == null ? List.of() : c.getMatchLabelKeys());
    }

    private static List<NodeRequirement> requirements(List<NodeSelectorRequirement> expressions) {
        return expressions == null ? List.of() : expressions.stream().map(e -> new NodeRequirement(orEmpty(e.getKey()),
                orEmpty(e.getOperator()), e.getValues() == null ? List.of() : e.getValues())).toList();
    }

    static PersistentVolumeView volume(PersistentVolume v) {
        var spec = v.getSpec();
        Quantity size = spec == null || spec.getCapacity() == null ? null : spec.getCapacity().get("storage");
        var claimRef = spec == null ? null : spec.getClaimRef();
        var csi = spec == null ? null : spec.getCsi();
        return new PersistentVolumeView(v.getMetadata().getName(), v.getStatus() == null ? "" : orEmpty(v.getStatus().getPhase()),
                spec == null ? "" : orEmpty(spec.getPersistentVolumeReclaimPolicy()), spec == null ? "" : orEmpty(spec.getStorageClassName()),
                size == null ? "" : size.toString(), claimRef == null ? "" : orEmpty(claimRef.getNamespace()),
                claimRef == null ? "" : orEmpty(claimRef.getName()), csi == null ? "" : orEmpty(csi.getDriver()),
                csi == null ? "" : orEmpty(csi.getVolumeHandle()), ViewMapper.zone(v), instant(v.getMetadata().getCreationTimestamp()));
    }

    static StorageClassView storageClass(StorageClass sc) {
        List<NodeRequirement> topologies = sc.getAllowedTopologies() == null || sc.getAllowedTopologies().isEmpty()
                || sc.getAllowedTopologies().get(0).getMatchLabelExpressions() == null ? List.of()
                : sc.getAllowedTopologies().get(0).getMatchLabelExpressions().stream()
                .map(e -> NodeRequirement.in(orEmpty(e.getKey()), e.getValues() == null ? List.of() : e.getValues())).toList();
        return new StorageClassView(sc.getMetadata().getName(), orEmpty(sc.getProvisioner()),
                sc.getVolumeBindingMode() == null ? "Immediate" : sc.getVolumeBindingMode(),
                sc.getReclaimPolicy() == null ? "Delete" : sc.getReclaimPolicy(), orEmpty(sc.getParameters()), topologies);
    }

    static AttachmentDetails attachment(VolumeAttachment a) {
        var status = a.getStatus();
        String error = status == null ? "" : status.getAttachError() != null ? orEmpty(status.getAttachError().getMessage())
                : status.getDetachError() != null ? orEmpty(status.getDetachError().getMessage()) : "";
        return new AttachmentDetails(ViewMapper.volumeAttachment(a), a.getSpec() == null ? "" : orEmpty(a.getSpec().getAttacher()),
                firstNonNull(instant(a.getMetadata().getCreationTimestamp()), Instant.EPOCH),
                a.getMetadata().getDeletionTimestamp() != null, error);
    }

    static NodeDetails node(Node node) {
        List<String> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints().stream().map(Fabric8Inventory::taint).toList();
        Instant readySince = node.getStatus() == null || node.getStatus().getConditions() == null ? null
                : node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .map(c -> instant(c.getLastTransitionTime())).filter(t -> t != null).findFirst().orElse(null);
        var view = ViewMapper.node(node);
        return new NodeDetails(view, taints, firstNonNull(readySince, view.createdAt()));
    }

    private static String taint(Taint t) {
        return orEmpty(t.getKey()) + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue()) + ":" + orEmpty(t.getEffect());
    }

    static CsiNodeView csiNode(CSINode node) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (node.getSpec() != null && node.getSpec().getDrivers() != null) {
            node.getSpec().getDrivers().stream().filter(d -> d.getAllocatable() != null && d.getAllocatable().getCount() != null)
                    .forEach(d -> counts.put(d.getName(), d.getAllocatable().getCount()));
        }
        return new CsiNodeView(node.getMetadata().getName(), counts);
    }

    static DisruptionBudgetView budget(PodDisruptionBudget b) {
        var selector = b.getSpec() == null ? null : b.getSpec().getSelector();
        return new DisruptionBudgetView(b.getMetadata().getNamespace(), b.getMetadata().getName(), labelSelector(selector),
                b.getStatus() == null || b.getStatus().getDisruptionsAllowed() == null ? 0 : b.getStatus().getDisruptionsAllowed());
    }

    /** A label selector as the doctor's view; none (null) reads as the empty selector, which covers and counts nothing. */
    private static LabelSelector labelSelector(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        List<NodeRequirement> expressions = selector == null || selector.getMatchExpressions() == null ? List.of()
                : selector.getMatchExpressions().stream().map(e -> new NodeRequirement(orEmpty(e.getKey()), orEmpty(e.getOperator()),
                e.getValues() == null ? List.of() : e.getValues())).toList();
        return new LabelSelector(selector == null ? Map.of() : orEmpty(selector.getMatchLabels()), expressions);
    }

    static NodeClaimView nodeClaim(JsonNode claim) {
        List<ResourceCondition> conditions = new ArrayList<>();
        for (JsonNode c : claim.path("status").path("conditions")) {
            conditions.add(new ResourceCondition(c.path("type").asText(), c.path("status").asText(), c.path("reason").asText(),
                    c.path("message").asText(), firstNonNull(instant(c.path("lastTransitionTime").asText(null)), Instant.EPOCH)));
        }
        JsonNode meta = claim.path("metadata");
        return new NodeClaimView(meta.path("name").asText(), claim.path("status").path("nodeName").asText(""),
                meta.path("labels").path(ViewMapper.NODE_POOL).asText(""), !meta.path("deletionTimestamp").isMissingNode()
                && !meta.path("deletionTimestamp").isNull(), conditions);
    }
}
