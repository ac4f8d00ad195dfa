package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spec.Quantity;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.NodePoolView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Can any NodePool launch a node for the blueprint's pods in its zone? Intersects the StorageClass zone with each
 * NodePool's zone requirement and subnet zones, the node selector with the template labels and requirements, the
 * CPU request with the instance sizes allowed, and the capacity types and architectures left. Finds the walkthrough's
 * "pods Pending forever" before anything is applied.
 */
final class TopologyPreflight {
    static final String ZONE = "topology.kubernetes.io/zone";
    static final Set<String> ZONE_KEYS = Set.of(ZONE, "topology.ebs.csi.aws.com/zone");
    /** Labels Karpenter puts on every node it launches, whatever the NodePool says. */
    private static final Set<String> WELL_KNOWN = Set.of("kubernetes.io/arch", "kubernetes.io/os",
            "node.kubernetes.io/instance-type", "karpenter.sh/capacity-type", "topology.kubernetes.io/region");
    private static final String INSTANCE_CPU = "karpenter.k8s.aws/instance-cpu";
    private static final List<String> CAPACITY_TYPES = List.of("spot", "on-demand", "reserved");
    private static final List<String> ARCHITECTURES = List.of("amd64", "arm64");

    private TopologyPreflight() {
    }

    /** One finding naming every NodePool and what excludes it, or none when one fits (or none is known). */
    static List<Finding> check(StatefulEbsBlueprint blueprint, List<NodePoolView> pools) {
        if (pools.isEmpty()) {
            return List.of();
        }
        String zone = blueprint.zone().orElseThrow();
        List<String> excluded = new ArrayList<>();
        for (NodePoolView pool : pools) {
            List<String> reasons = reasons(blueprint, zone, pool);
            if (reasons.isEmpty()) {
                return List.of();
            }
            excluded.add("NodePool " + pool.name() + ": " + String.join("; ", reasons));
        }
        return List.of(new Finding("node-pool-topology", Finding.Severity.ERROR,
                pools.stream().map(p -> "NodePool/" + p.name()).toList(), excluded,
                "no NodePool can launch a node for the pods in zone " + zone + " (they would stay Pending): "
                        + String.join(" | ", excluded), "choose a zone every constraint allows, or change the NodePool"));
    }

    /** {@return why {@code pool} cannot launch a node for the blueprint's pods in {@code zone}; empty when it can} */
    static List<String> reasons(StatefulEbsBlueprint blueprint, String zone, NodePoolView pool) {
        List<String> reasons = new ArrayList<>();
        if (!pool.ready()) {
            reasons.add("it is not Ready");
        }
        pool.violated(ZONE, zone).ifPresent(r -> reasons.add("it requires " + r + ", which excludes the StorageClass zone " + zone));
        if (!pool.subnetZones().isEmpty() && !pool.subnetZones().contains(zone)) {
            reasons.add("its node class has subnets only in " + pool.subnetZones() + ", not in " + zone);
        }
        for (Map.Entry<String, String> selector : blueprint.workload().nodeSelector().entrySet()) {
            selectorConflict(pool, zone, selector.getKey(), selector.getValue()).ifPresent(reasons::add);
        }
        if (CAPACITY_TYPES.stream().allMatch(c -> pool.violated("karpenter.sh/capacity-type", c).isPresent())) {
            reasons.add("it requires " + pool.requirements("karpenter.sh/capacity-type") + ", which leaves no capacity type");
        }
        if (ARCHITECTURES.stream().allMatch(a -> pool.violated("kubernetes.io/arch", a).isPresent())) {
            reasons.add("it requires " + pool.requirements("kubernetes.io/arch") + ", which leaves no architecture");
        }
        long cpuMillis = Quantity.of(blueprint.workload().cpuRequest()).millis();
        largestCpus(pool).filter(cpus -> cpus * 1000 <= cpuMillis).ifPresent(cpus -> reasons.add("each pod requests "
                + blueprint.workload().cpuRequest() + " CPU but its largest instance has " + cpus + " (" + INSTANCE_CPU + ")"));
        return reasons;
    }

    private static Optional<String> selectorConflict(NodePoolView pool, String zone, String key, String value) {
        String template = pool.templateLabels().get(key);
        if (template != null) {
            return template.equals(value) ? Optional.empty()
                    : Optional.of("the node selector wants " + key + "=" + value + " but its nodes get " + key + "=" + template);
        }
        if (ZONE_KEYS.contains(key)) {
            return value.equals(zone) ? Optional.empty()
                    : Optional.of("the node selector pins " + key + "=" + value + ", not the StorageClass zone " + zone);
        }
        if (pool.constrains(key)) {
            return pool.violated(key, value).map(r -> "the node selector wants " + key + "=" + value + " but it requires " + r);
        }
        if (key.equals("karpenter.sh/nodepool")) {
            return value.equals(pool.name()) ? Optional.empty() : Optional.of("the node selector wants NodePool " + value);
        }
        if (WELL_KNOWN.contains(key) || key.startsWith("karpenter.k8s.aws/")) {
            return Optional.empty();
        }
        return Optional.of("the node selector wants " + key + "=" + value + " but its nodes never get label " + key
                + ": add it to the NodePool's spec.template.metadata.labels");
    }

    /** The most CPUs the NodePool's instance-cpu requirements allow, if they bound them. */
    private static Optional<Long> largestCpus(NodePoolView pool) {
        return pool.requirements(INSTANCE_CPU).stream().map(r -> switch (r.operator()) {
            case "In" -> r.values().stream().map(TopologyPreflight::parse).flatMap(Optional::stream).max(Long::compare);
            case "Lt" -> parse(r.values().get(0)).map(v -> v - 1);
            default -> Optional.<Long>empty();
        }).flatMap(Optional::stream).min(Long::compare);
    }

    private static Optional<Long> parse(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
