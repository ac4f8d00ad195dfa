package io.statefulebs.blueprint.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Karpenter with one NodePool: launches the cheapest instance that fits pending pods, in a zone that satisfies
 * their node selector, their volume's topology and the NodePool's requirements; removes nodes that stayed empty
 * for consolidateAfter; notices lost instances. A pod that no offering can ever fit gets the
 * {@code FailedScheduling} event Karpenter v1 writes ("incompatible requirements, ..." or "no instance type has the
 * required offering, requirements=...").
 */
final class KarpenterModel {
    static final String SOURCE = "karpenter";
    /** How often Karpenter's termination controller re-checks a draining node's VolumeAttachments. */
    private static final Duration AWAIT_REQUEUE = Duration.ofSeconds(1);
    private Instant evictionsBlockedUntil;
    private final ClusterModel cluster;
    private final NodePoolModel pool;

    KarpenterModel(ClusterModel cluster, NodePoolModel pool) {
        this.cluster = cluster;
        this.pool = pool;
    }

    NodePoolModel pool() {
        return pool;
    }

    /** A node being planned in this round: its zone options, pods and CPU they need. */
    private static final class Plan {
        final Set<String> zones;
        final List<SimPod> pods = new ArrayList<>();
        long cpuMillis;

        Plan(Set<String> zones) {
            this.zones = new TreeSet<>(zones);
        }
    }

    boolean provision() {
        List<SimPod> pending = cluster.pods.onNode("").stream()
                .filter(p -> p.nominatedNode.isEmpty() && p.reason.equals("Unschedulable"))
                .sorted(Comparator.comparingLong((SimPod p) -> p.template.cpuMillis()).reversed())
                .toList();
        if (pending.isEmpty()) {
            return false;
        }
        long largest = offerings(Set.of()).stream().mapToLong(InstanceType::allocatableMillis).max().orElse(0);
        List<Plan> plans = new ArrayList<>();
        for (SimPod pod : pending) {
            Optional<String> incompatible = incompatibility(pod);
            if (incompatible.isPresent()) {
                incompatibleEvent(pod, incompatible.get());
                continue;
            }
            Set<String> zones = feasibleZones(pod);
            Set<String> arch = pinned(pod, NodePoolModel.ARCH);
            List<InstanceType> types = offerings(arch).stream().filter(t -> t.allocatableMillis() >= pod.template.cpuMillis()).toList();
            if (types.isEmpty()) {
                incompatibleEvent(pod, "no instance type satisfied resources {\"cpu\":\"" + pod.template.cpuMillis()
                        + "m\",\"pods\":\"1\"} and requirements " + describeRequirements());
                continue;
            }
            Plan plan = plans.stream().filter(p -> p.cpuMillis + pod.template.cpuMillis() <= largest
                    && p.zones.stream().anyMatch(zones::contains)).findFirst().orElse(null);
            if (plan == null) {
                plan = new Plan(zones);
                plans.add(plan);
            }
            plan.zones.retainAll(zones);
            plan.pods.add(pod);
            plan.cpuMillis += pod.template.cpuMillis();
        }
        plans.forEach(this::launch);
        return !plans.isEmpty();
    }

    private void launch(Plan plan) {
        record Offer(InstanceType type, String capacityType) {
        }
        Offer offer = offerings(Set.of()).stream()
                .filter(t -> t.allocatableMillis() >= plan.cpuMillis)
                .flatMap(t -> pool.allowed(NodePoolModel.CAPACITY_TYPE).orElse(Set.of("on-demand")).stream()
                        .map(c -> new Offer(t, c)))
                .min(Comparator.comparingDouble((Offer o) -> o.type().price(o.capacityType())))
                .orElseThrow();
        List<String> zones = List.copyOf(plan.zones);
        String zone = zones.get(cluster.random.nextInt(zones.size()));
        String claim = pool.name() + "-" + cluster.randomSuffix(5);
        String name = "ip-10-0-" + (16 + cluster.random.nextInt(48)) + "-" + (1 + cluster.random.nextInt(254)) + "."
                + cluster.region + ".compute.internal";
        SimNode node = new SimNode(name, claim, offer.type(), offer.capacityType(), zone);
        node.labels.putAll(pool.templateLabels());
        node.labels.put("karpenter.sh/nodepool", pool.name());
        node.labels.put(NodePoolModel.CAPACITY_TYPE, offer.capacityType());
        node.labels.put(NodePoolModel.INSTANCE_TYPE, offer.type().name());
        node.labels.put("beta.kubernetes.io/instance-type", offer.type().name());
        node.labels.put(NodePoolModel.ZONE, zone);
        node.labels.put("topology.ebs.csi.aws.com/zone", zone);
        node.labels.put("topology.kubernetes.io/region", cluster.region);
        node.labels.put(NodePoolModel.ARCH, offer.type().arch());
        node.labels.put(NodePoolModel.INSTANCE_CPU, String.valueOf(offer.type().vcpus()));
        node.labels.put(NodePoolModel.INSTANCE_CATEGORY, offer.type().category());
        node.labels.put("kubernetes.io/hostname", name);
        cluster.nodes.put(name, node);
        for (SimPod pod : plan.pods) {
            cluster.pods.nominate(pod, name);
            cluster.event(pod.namespace, "Normal", "Nominated", "Pod", pod.name,
                    "Pod should schedule on: nodeclaim/" + claim, SOURCE);
        }
        cluster.event("", "Normal", "Launched", "NodeClaim", claim, "Status condition transitioned, Type: Launched, Status: True",
                SOURCE);
        cluster.after(cluster.timings.nodeLaunch(), () -> {
            node.registered = true;
            node.registeredAt = cluster.now();
            cluster.event("", "Normal", "Registered", "Node", name, "Status condition transitioned, Type: Registered, Status: True", SOURCE);
            cluster.after(cluster.timings.nodeInitialization(), () -> {
                if (!node.lost && cluster.nodes.get(name) == node) {
                    node.ready = true;
                    node.labels.put("karpenter.sh/initialized", "true");
                    node.labels.put("karpenter.sh/registered", "true");
                }
            });
        });
    }

    /** Why the NodePool can never host this pod, in Karpenter's words; empty when it can. */
    private Optional<String> incompatibility(SimPod pod) {
        for (Map.Entry<String, String> selector : pod.template.nodeSelector().entrySet()) {
            String key = selector.getKey();
            String value = selector.getValue();
            String template = pool.templateLabels().get(key);
            boolean known = template != null || pool.requirements().containsKey(key) || wellKnown(key);
            if (!known) {
                return Optional.of("incompatible requirements, label \"" + key + "\" does not have known values");
            }
            if (template != null ? !template.equals(value) : !pool.allows(key, value) || !wellKnownValue(key, value)) {
                return Optional.of("incompatible requirements, key " + key + ", " + key + " In [" + value + "] not in "
                        + (template != null ? key + " In [" + template + "]"
                        : NodePoolModel.describe(key, pool.allowed(key).orElse(Set.of()))));
            }
        }
        Set<String> volumeZones = cluster.ebs.zonesFor(pod).orElse(Set.copyOf(cluster.zones));
        Set<String> poolZones = new TreeSet<>(pool.allowed(NodePoolModel.ZONE).orElse(Set.copyOf(cluster.zones)));
        poolZones.retainAll(cluster.zones);
        if (feasibleZones(pod).isEmpty()) {
            return Optional.of("no instance type has the required offering, requirements=" + offeringRequirements(volumeZones, poolZones)
                    + ", resources={\"cpu\":\"" + pod.template.cpuMillis() + "m\",\"pods\":\"1\"}");
        }
        return Optional.empty();
    }

    /** The requirements Karpenter v1 lists when no offering fits: the NodePool's, its labels, and both zone keys. */
    private String offeringRequirements(Set<String> volumeZones, Set<String> poolZones) {
        Map<String, Set<String>> requirements = new java.util.TreeMap<>();
        pool.templateLabels().forEach((k, v) -> requirements.put(k, Set.of(v)));
        pool.requirements().forEach(requirements::put);
        requirements.put("karpenter.sh/nodepool", Set.of(pool.name()));
        requirements.put("topology.ebs.csi.aws.com/zone", volumeZones);
        requirements.put(NodePoolModel.ZONE, poolZones);
        return requirements.entrySet().stream().map(e -> NodePoolModel.describe(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private Set<String> feasibleZones(SimPod pod) {
        Set<String> zones = new LinkedHashSet<>(cluster.zones);
        pool.allowed(NodePoolModel.ZONE).ifPresent(zones::retainAll);
        cluster.ebs.zonesFor(pod).ifPresent(zones::retainAll);
        String selected = pod.template.nodeSelector().get(NodePoolModel.ZONE);
        if (selected != null) {
            zones.retainAll(Set.of(selected));
        }
        return zones;
    }

    private boolean wellKnown(String key) {
        return key.equals(NodePoolModel.ZONE) || key.equals(NodePoolModel.ARCH) || key.equals(NodePoolModel.CAPACITY_TYPE)
                || key.equals(NodePoolModel.INSTANCE_TYPE) || key.equals(NodePoolModel.INSTANCE_CPU)
                || key.equals(NodePoolModel.INSTANCE_CATEGORY) || key.equals("karpenter.sh/nodepool");
    }

    private boolean wellKnownValue(String key, String value) {
        return switch (key) {
            case "karpenter.sh/nodepool" -> value.equals(pool.name());
            case NodePoolModel.ZONE -> cluster.zones.contains(value);
            default -> true;
        };
    }

    /** The NodePool's value for {@code key} pinned by a pod's node selector, or none. */
    private Set<String> pinned(SimPod pod, String key) {
        String value = pod.template.nodeSelector().get(key);
        return value == null ? Set.of() : Set.of(value);
    }

    private List<InstanceType> offerings(Set<String> arch) {
        return InstanceType.CATALOG.stream()
                .filter(t -> pool.allows(NodePoolModel.ARCH, t.arch()) && (arch.isEmpty() || arch.contains(t.arch())))
                .filter(t -> pool.allows(NodePoolModel.INSTANCE_CPU, String.valueOf(t.vcpus())))
                .filter(t -> pool.allows(NodePoolModel.INSTANCE_CATEGORY, t.category()))
                .filter(t -> pool.allows(NodePoolModel.INSTANCE_TYPE, t.name()))
                .sorted(InstanceType.bySize())
                .collect(Collectors.toList());
    }

    private String describeRequirements() {
        Map<String, Set<String>> sorted = new LinkedHashMap<>(pool.requirements());
        return sorted.entrySet().stream().map(e -> NodePoolModel.describe(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private void incompatibleEvent(SimPod pod, String why) {
        cluster.event(pod.namespace, "Warning", "FailedScheduling", "Pod", pod.name, "Failed to schedule pod, " + why, SOURCE);
    }

    /** Deletes nodes that stayed empty for consolidateAfter; returns whether one went. */
    boolean consolidate() {
        boolean changed = false;
        for (SimNode node : List.copyOf(cluster.nodes.values())) {
            if (!node.registered || node.lost || node.draining) {
                continue;
            }
            if (!cluster.pods.nodeEmpty(node.name)) {
                node.emptySince = null;
                continue;
            }
            if (node.emptySince == null) {
                node.emptySince = cluster.now();
                cluster.after(pool.consolidateAfter(), () -> { });
            } else if (!cluster.now().isBefore(node.emptySince.plus(pool.consolidateAfter()))) {
                cluster.event("", "Normal", "DisruptionTerminating", "Node", node.name, "Disrupting Node: Empty/Delete", SOURCE);
                cluster.nodes.remove(node.name);
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Its NodeClaim was deleted: Karpenter taints the node {@code karpenter.sh/disrupted:NoSchedule}, evicts its pods
     * (refused while evictions are blocked, with the {@code FailedDraining} event Karpenter writes for a PDB's 429),
     * waits for its VolumeAttachments to go ({@code AwaitingVolumeDetachment}, requeued every second), then terminates
     * the instance and removes the node. The evicted pods' replacements are pending until a new node is launched.
     */
    void drain(SimNode node) {
        node.draining = true;
        evict(node);
    }

    private void evict(SimNode node) {
        if (cluster.nodes.get(node.name) != node) {
            return;
        }
        List<SimPod> on = cluster.pods.onNode(node.name);
        if (!on.isEmpty() && evictionsBlockedUntil != null && cluster.now().isBefore(evictionsBlockedUntil)) {
            on.forEach(p -> cluster.event("", "Warning", "FailedDraining", "Node", node.name,
                    "Failed to drain node, evicting pod violates a PDB (Pod=" + p.key() + ")", SOURCE));
            Duration left = Duration.between(cluster.now(), evictionsBlockedUntil);
            cluster.after(left.compareTo(cluster.timings.eventResync()) < 0 ? left : cluster.timings.eventResync(), () -> evict(node));
            return;
        }
        for (SimPod pod : on) {
            cluster.event(pod.namespace, "Normal", "Evicted", "Pod", pod.name, "Evicted pod: NodeClaim " + node.nodeClaim
                    + " is being deleted", SOURCE);
            cluster.deletePod(pod);
        }
        cluster.after(AWAIT_REQUEUE, () -> awaitVolumeDetachment(node));
    }

    private void awaitVolumeDetachment(SimNode node) {
        if (cluster.nodes.get(node.name) != node) {
            return;
        }
        List<String> pending = cluster.ebs.attachmentsOn(node.name);
        if (!pending.isEmpty()) {
            cluster.event("", "Normal", "AwaitingVolumeDetachment", "Node", node.name,
                    "Awaiting deletion of bound volumeattachments (" + String.join(", ", pending) + ")", SOURCE);
            cluster.after(AWAIT_REQUEUE, () -> awaitVolumeDetachment(node));
            return;
        }
        cluster.nodes.remove(node.name);
    }

    /** Karpenter's evictions are refused (429, a PodDisruptionBudget) until {@code until}. */
    void blockEvictionsUntil(Instant until) {
        evictionsBlockedUntil = until;
    }

    /** The instance behind {@code node} vanished: the node goes NotReady, and Karpenter deletes it once it notices. */
    void loseInstance(SimNode node) {
        node.lost = true;
        node.ready = false;
        cluster.event("", "Normal", "NodeNotReady", "Node", node.name, "Node " + node.name + " status is now: NodeNotReady",
                "node-controller");
        cluster.pods.onNode(node.name).forEach(cluster::stopContainer);
        cluster.after(cluster.timings.nodeLossDetection(), () -> {
            if (cluster.nodes.get(node.name) != node) {
                return;
            }
            cluster.event("", "Normal", "DisruptionTerminating", "Node", node.name, "Deleting node: instance is terminated", SOURCE);
            cluster.nodes.remove(node.name);
            cluster.pods.onNode(node.name).forEach(cluster::deletePod);
        });
    }
}
