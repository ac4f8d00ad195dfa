package io.statefulebs.blueprint.inventory;

import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cluster's stateful workloads stand on, read at {@code takenAt}: the namespaced objects of {@code scope}
 * (pods, claims, PodDisruptionBudgets, events) and every cluster-scoped one (persistent volumes, StorageClasses,
 * VolumeAttachments, nodes, NodeClaims, NodePools, CSINodes, CSIDrivers). Lists are empty where the cluster has none
 * (a cluster without Karpenter has no NodeClaims or NodePools). Immutable.
 */
public record Inventory(InventoryScope scope, Instant takenAt, List<PodDetails> pods, List<ClaimView> claims,
                        List<PersistentVolumeView> volumes, List<StorageClassView> storageClasses,
                        List<AttachmentDetails> attachments, List<NodeDetails> nodes, List<NodeClaimView> nodeClaims,
                        List<NodePoolDetails> nodePools, List<CsiNodeView> csiNodes, List<String> csiDrivers,
                        List<DisruptionBudgetView> disruptionBudgets, List<NamespacedEvent> events) {
    /**
     * Creates the inventory, copying every list; {@code scope} and {@code takenAt} must be non-null.
     *
     * @param scope             the namespaces the namespaced objects were read from
     * @param takenAt           when the inventory was read
     * @param pods              the pods in scope
     * @param claims            the persistent volume claims in scope
     * @param volumes           the persistent volumes
     * @param storageClasses    the StorageClasses
     * @param attachments       the VolumeAttachments
     * @param nodes             the nodes
     * @param nodeClaims        Karpenter's NodeClaims
     * @param nodePools         Karpenter's NodePools
     * @param csiNodes          the CSINodes
     * @param csiDrivers        the names of the CSIDrivers
     * @param disruptionBudgets the PodDisruptionBudgets in scope
     * @param events            the events in scope
     */
    public Inventory {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(takenAt, "takenAt");
        pods = List.copyOf(pods);
        claims = List.copyOf(claims);
        volumes = List.copyOf(volumes);
        storageClasses = List.copyOf(storageClasses);
        attachments = List.copyOf(attachments);
        nodes = List.copyOf(nodes);
        nodeClaims = List.copyOf(nodeClaims);
        nodePools = List.copyOf(nodePools);
        csiNodes = List.copyOf(csiNodes);
        csiDrivers = List.copyOf(csiDrivers);
        disruptionBudgets = List.copyOf(disruptionBudgets);
        events = List.copyOf(events);
    }

    /**
     * Looks up a claim.
     *
     * @param namespace the claim's namespace
     * @param name      the claim's name
     * @return the claim, empty when the inventory has none of that name
     */
    public Optional<ClaimView> claim(String namespace, String name) {
        return claims.stream().filter(c -> c.namespace().equals(namespace) && c.name().equals(name)).findFirst();
    }

    /**
     * Looks up a persistent volume.
     *
     * @param name the volume's name
     * @return the volume, empty when the inventory has none of that name
     */
    public Optional<PersistentVolumeView> volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /**
     * Looks up a StorageClass.
     *
     * @param name the StorageClass's name
     * @return the StorageClass, empty when the inventory has none of that name
     */
    public Optional<StorageClassView> storageClass(String name) {
        return storageClasses.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Looks up a node.
     *
     * @param name the node's name
     * @return the node, empty when the inventory has none of that name
     */
    public Optional<NodeDetails> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /**
     * The events recorded in {@code namespace}, oldest first.
     *
     * @param namespace the namespace the events were recorded in
     * @return those events, in inventory order
     */
    public List<EventView> events(String namespace) {
        return events.stream().filter(e -> e.namespace().equals(namespace)).map(NamespacedEvent::event).toList();
    }

    /**
     * The events about one object ({@code kind}, {@code name}) in {@code namespace}, oldest first.
     *
     * @param namespace the namespace the events were recorded in
     * @param kind      the object's kind, e.g. {@code Pod}
     * @param name      the object's name
     * @return the events about that object
     */
    public List<EventView> eventsAbout(String namespace, String kind, String name) {
        return events(namespace).stream().filter(e -> e.about(kind, name)).toList();
    }
}
