package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.inventory.PodDetails.SpreadConstraint;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The zones a hard ({@code DoNotSchedule}) topology spread constraint over zones lets a pod into, the way the
 * scheduler counts: the pods matching the constraint's labels in the pod's namespace, per zone of their nodes, over
 * the zones the pod could otherwise use (its domains); a zone is allowed while its count plus this pod exceeds the
 * smallest count by at most {@code maxSkew}. A bound volume does not move with the skew, so a zone the volume pins
 * and the spread forbids stays forbidden until the other pods move.
 */
final class ZoneSpread {
    private ZoneSpread() {
    }

    /**
     * @param domains the zones the pod's selector and the NodePools (or nodes) allow; empty when unknown
     * @return the allowed zones and the constraint in words, empty when the constraint cannot be evaluated
     */
    static Optional<Map.Entry<Set<String>, String>> allowed(Examination cluster, PodDetails pod, SpreadConstraint spread,
                                                            Collection<String> domains) {
        if (!spread.hard() || !Examination.ZONE_KEYS.contains(spread.topologyKey()) || spread.matchLabels().isEmpty() || domains.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> counts = new TreeMap<>();
        domains.forEach(zone -> counts.put(zone, 0));
        for (PodDetails other : cluster.inventory().pods()) {
            boolean matches = other.namespace().equals(pod.namespace()) && !other.pod().node().isEmpty()
                    && other.pod().labels().entrySet().containsAll(spread.matchLabels().entrySet());
            if (matches) {
                cluster.node(other.pod().node()).map(n -> n.zone()).filter(counts::containsKey)
                        .ifPresent(zone -> counts.merge(zone, 1, Integer::sum));
            }
        }
        int fewest = counts.values().stream().min(Integer::compare).orElse(0);
        Set<String> allowed = new TreeSet<>();
        counts.forEach((zone, count) -> {
            if (count + 1 - fewest <= spread.maxSkew()) {
                allowed.add(zone);
            }
        });
        return Optional.of(Map.entry(allowed, "its topology spread (maxSkew=" + spread.maxSkew() + " over " + spread.topologyKey()
                + ", DoNotSchedule; pods matching " + new TreeMap<>(spread.matchLabels()) + " per zone " + counts + ") allows"));
    }
}
