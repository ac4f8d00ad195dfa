package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.inventory.AttachmentDetails;
import io.statefulebs.blueprint.inventory.CsiNodeView;
import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.inventory.NamespacedEvent;
import io.statefulebs.blueprint.inventory.NodeClaimView;
import io.statefulebs.blueprint.inventory.NodeDetails;
import io.statefulebs.blueprint.inventory.NodePoolDetails;
import io.statefulebs.blueprint.inventory.PersistentVolumeView;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.inventory.ResourceCondition;
import io.statefulebs.blueprint.inventory.StorageClassView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeRequirement;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated cluster's {@link Inventory}: its own objects shaped as a real cluster shows them (Deployment pods
 * owned by a ReplicaSet and labelled {@code pod-template-hash}, one CSINode and NodeClaim per node, the
 * {@code ebs.csi.aws.com} CSIDriver) plus what tests planted ({@link PlantedObjects}). Called holding the cluster's lock.
 */
final class SimInventory {
    static final String DRIVER = "ebs.csi.aws.com";

    private SimInventory() {
    }

    static Inventory read(ClusterModel model, PlantedObjects planted, NodePoolView pool, InventoryScope scope) {
        List<PodDetails> pods = new ArrayList<>(model.pods.all().stream().filter(p -> scope.covers(p.namespace))
                .map(p -> pod(p, planted)).toList());
        planted.pendingPods.stream().filter(p -> scope.covers(p.namespace())).forEach(pods::add);
        var claims = model.claims.values().stream().filter(c -> scope.covers(c.namespace)).map(c -> SimViews.claim(c, model)).toList();
        List<PersistentVolumeView> volumes = new ArrayList<>(model.volumes.values().stream().map(v -> volume(model, v)).toList());
        volumes.addAll(planted.retainedVolumes);
        List<StorageClassView> classes = model.storageClasses.values().stream().map(SimInventory::storageClass).toList();
        List<NodeDetails> nodes = model.nodes.values().stream().filter(n -> n.registered).map(n -> node(model, n)).toList();
        return new Inventory(scope, model.now(), pods, claims, volumes, classes, attachments(model, planted), nodes,
                nodeClaims(model, planted), List.of(new NodePoolDetails(pool, Map.of())), csiNodes(model, planted), List.of(DRIVER),
                planted.disruptionBudgets.stream().filter(b -> scope.covers(b.namespace())).toList(), events(model, scope));
    }

    /** The pod as the API shows it, with the annotations planted on it. */
    static PodDetails pod(SimPod pod, PlantedObjects planted) {
        PodView view = SimViews.pod(pod);
        Map<String, String> annotations = planted.podAnnotations.getOrDefault(pod.key(), Map.of());
        if (pod.owner.statefulSet()) {
            return new PodDetails(view, "StatefulSet", pod.owner.name, annotations, pod.template.nodeSelector(), List.of(), List.of());
        }
        Map<String, String> labels = new LinkedHashMap<>(view.labels());
        labels.put("pod-template-hash", pod.owner.templateHash);
        PodView labelled = new PodView(view.namespace(), view.name(), view.uid(), view.phase(), view.ready(), view.node(), view.reason(),
                view.restarts(), view.createdAt(), labels, view.claimNames());
        return new PodDetails(labelled, "ReplicaSet", pod.owner.name + "-" + pod.owner.templateHash, annotations,
                pod.template.nodeSelector(), List.of(), List.of());
    }

    private static PersistentVolumeView volume(ClusterModel model, SimVolume v) {
        SimClaim claim = v.claimKey == null ? null : model.claims.get(v.claimKey);
        return new PersistentVolumeView(v.name, claim == null ? "Released" : "Bound", "Delete", v.storageClass, v.size,
                claim == null ? "" : claim.namespace, claim == null ? "" : claim.name, DRIVER, "vol-" + Integer.toHexString(v.name.hashCode()),
                v.zone, null);
    }

    private static StorageClassView storageClass(SimStorageClass sc) {
        JsonNode body = sc.body();
        List<NodeRequirement> topologies = sc.allowedZones().isEmpty() ? List.of()
                : List.of(NodeRequirement.in(sc.topologyKey(), sc.allowedZones().stream().sorted().toList()));
        return new StorageClassView(sc.name(), sc.provisioner(), body.path("volumeBindingMode").asText("Immediate"),
                body.path("reclaimPolicy").asText("Delete"), PodTemplate.strings(body.path("parameters")), topologies);
    }

    private static NodeDetails node(ClusterModel model, SimNode node) {
        Instant readySince = node.ready ? node.registeredAt : lastEvent(model, "NodeNotReady", node.name).orElse(node.registeredAt);
        List<String> taints = new ArrayList<>();
        if (!node.ready) {
            taints.add("node.kubernetes.io/unreachable:NoExecute");
        }
        if (node.outOfService) {
            taints.add("node.kubernetes.io/out-of-service=nodeshutdown:NoExecute");
        }
        return new NodeDetails(SimViews.node(node), taints, readySince);
    }

    private static java.util.Optional<Instant> lastEvent(ClusterModel model, String reason, String node) {
        return model.events.in("").stream().filter(e -> e.reason().equals(reason) && e.about("Node", node))
                .map(EventView::lastTime).max(Instant::compareTo);
    }

    private static List<AttachmentDetails> attachments(ClusterModel model, PlantedObjects planted) {
        List<AttachmentDetails> out = new ArrayList<>();
        for (VolumeAttachmentView a : SimViews.attachments(model)) {
            SimVolume volume = model.volumes.get(a.volumeName());
            Instant created = volume.attachedAt != null && a.attached() ? volume.attachedAt : model.now();
            out.add(new AttachmentDetails(a, DRIVER, created, false, ""));
        }
        planted.leakedAttachments.forEach(l -> out.add(new AttachmentDetails(new VolumeAttachmentView(l.name(), l.volume(), l.node(), true),
                DRIVER, l.createdAt(), false, "")));
        return out;
    }

    static List<NodeClaimView> nodeClaims(ClusterModel model, PlantedObjects planted) {
        List<NodeClaimView> out = new ArrayList<>();
        for (SimNode node : model.nodes.values()) {
            List<ResourceCondition> conditions = new ArrayList<>();
            conditions.add(new ResourceCondition("Launched", "True", "Launched", "", node.registeredAt));
            if (node.registered) {
                conditions.add(new ResourceCondition("Registered", "True", "Registered", "", node.registeredAt));
            }
            PlantedObjects.StuckDetach stuck = planted.stuckDetaches.get(node.name);
            if (stuck != null) {
                conditions.add(new ResourceCondition("VolumesDetached", "False", "AwaitingVolumeDetachment", stuck.message(), stuck.since()));
            } else if (node.draining && !model.ebs.attachmentsOn(node.name).isEmpty()) {
                conditions.add(new ResourceCondition("VolumesDetached", "Unknown", "AwaitingVolumeDetachment", "AwaitingVolumeDetachment",
                        model.now()));
            }
            out.add(new NodeClaimView(node.nodeClaim, node.registered ? node.name : "", node.labels.getOrDefault("karpenter.sh/nodepool", ""),
                    stuck != null || node.draining, conditions));
        }
        return out;
    }

    private static List<CsiNodeView> csiNodes(ClusterModel model, PlantedObjects planted) {
        return model.nodes.values().stream().filter(n -> n.registered).map(n -> new CsiNodeView(n.name,
                Map.of(DRIVER, planted.attachLimits.getOrDefault(n.name, PlantedObjects.DEFAULT_ATTACH_LIMIT)))).toList();
    }

    private static List<NamespacedEvent> events(ClusterModel model, InventoryScope scope) {
        List<NamespacedEvent> out = new ArrayList<>();
        model.events.byNamespace().forEach((namespace, events) -> {
            if (namespace.isEmpty() || scope.covers(namespace)) {
                events.forEach(e -> out.add(new NamespacedEvent(namespace, e)));
            }
        });
        return out;
    }
}
