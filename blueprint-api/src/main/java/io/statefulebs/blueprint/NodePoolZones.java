package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.spi.ClusterChecks;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.NodePoolView;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The zones a cluster's Karpenter NodePools can launch the blueprint's pods in: the zones their
 * {@code topology.kubernetes.io/zone} requirements name, narrowed by their node classes' subnet zones where known,
 * keeping those where some NodePool passes the topology preflight for the workload. A cluster offers no zone when one
 * usable NodePool names none (it would launch anywhere EC2 puts it: only EC2, or the user, can pick).
 */
final class NodePoolZones implements ZoneSource {
    private final ClusterChecks checks;
    private final StatefulEbsBlueprint blueprint;

    NodePoolZones(ClusterChecks checks, StatefulEbsBlueprint blueprint) {
        this.checks = checks;
        this.blueprint = blueprint;
    }

    @Override
    public List<AvailabilityZone> availableZones() {
        List<NodePoolView> pools = checks.nodePools();
        if (pools.isEmpty()) {
            throw noZone("the cluster has no Karpenter NodePool to take zones from");
        }
        Optional<String> pinned = pinnedZone();
        if (pinned.isEmpty()) {
            // A zone-free NodePool passes every zone-specific check, so any name stands for "a zone it does not name".
            Optional<NodePoolView> open = pools.stream()
                    .filter(p -> zonesNamed(p).isEmpty() && TopologyPreflight.reasons(blueprint, "", p).isEmpty())
                    .findFirst();
            if (open.isPresent()) {
                throw noZone("NodePool " + open.get().name() + " allows every zone (no " + TopologyPreflight.ZONE
                        + " requirement, no known subnet zones)");
            }
        }
        Set<String> candidates = pinned.<Set<String>>map(Set::of).orElseGet(() -> {
            Set<String> named = new TreeSet<>();
            pools.forEach(p -> named.addAll(zonesNamed(p)));
            return named;
        });
        List<AvailabilityZone> zones = candidates.stream().sorted()
                .filter(zone -> pools.stream().anyMatch(p -> TopologyPreflight.reasons(blueprint, zone, p).isEmpty()))
                .map(zone -> new AvailabilityZone(zone, "", ""))
                .toList();
        if (zones.isEmpty()) {
            throw noZone("no NodePool can launch the pods in any zone the NodePools name (" + candidates + ")");
        }
        return zones;
    }

    @Override
    public String description() {
        return "the cluster's Karpenter NodePools";
    }

    private Optional<String> pinnedZone() {
        return blueprint.workload().nodeSelector().entrySet().stream()
                .filter(e -> TopologyPreflight.ZONE_KEYS.contains(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    private static Set<String> zonesNamed(NodePoolView pool) {
        Set<String> zones = new TreeSet<>(pool.subnetZones());
        pool.requirements(TopologyPreflight.ZONE).stream().filter(r -> r.operator().equals("In"))
                .forEach(r -> zones.addAll(r.values()));
        return zones;
    }

    private static PreflightFailedException noZone(String why) {
        return new PreflightFailedException(List.of(Finding.error("zone-source", "", "zone: cannot take a zone from the"
                + " cluster: " + why, "name the zone with .zone(\"eu-west-2a\"), or pass a zone source (blueprint-aws)")));
    }
}
