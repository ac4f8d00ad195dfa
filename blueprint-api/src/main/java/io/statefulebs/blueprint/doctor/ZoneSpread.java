package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.inventory.PodDetails.SpreadConstraint;
import io.statefulebs.blueprint.view.LabelSelector;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The zones a hard ({@code DoNotSchedule}) topology spread constraint over zones lets a pod into, the way the
 * scheduler counts: the pods its label selector (plus the pod's own values of its {@code matchLabelKeys}) matches in
 * the pod's namespace, per zone of their nodes, over the zones the pod could otherwise use (its domains); a zone is
 * allowed while its count plus this pod (when the pod matches the selector itself) exceeds the smallest count by at
 * most {@code maxSkew}. A bound volume does not move with the skew, so a zone the volume pins and the spread forbids
 * stays forbidden until the other pods move. A selector with an operator label selectors do not have, or an empty
 * one, is not evaluated ({@link #notEvaluated}): the constraint is then listed as evidence, never guessed.
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
        if (!spread.hard() || !Examination.ZONE_KEYS.contains(spread.topologyKey()) || notEvaluated(spread).isPresent()
                || domains.isEmpty()) {
            return Optional.empty();
        }
        LabelSelector selector = effectiveSelector(pod, spread);
        Map<String, Integer> counts = new TreeMap<>();
        domains.forEach(zone -> counts.put(zone, 0));
        for (PodDetails other : cluster.inventory().pods()) {
            if (other.namespace().equals(pod.namespace()) && !other.pod().node().isEmpty() && selector.matches(other.pod().labels())) {
                cluster.node(other.pod().node()).map(n -> n.zone()).filter(counts::containsKey)
                        .ifPresent(zone -> counts.merge(zone, 1, Integer::sum));
            }
        }
        int self = selector.matches(pod.pod().labels()) ? 1 : 0;
        int fewest = counts.values().stream().min(Integer::compare).orElse(0);
        Set<String> allowed = new TreeSet<>();
        counts.forEach((zone, count) -> {
            if (count + self - fewest <= spread.maxSkew()) {
                allowed.add(zone);
            }
        });
        return Optional.of(Map.entry(allowed, "its topology spread (maxSkew=" + spread.maxSkew() + " over " + spread.topologyKey()
                + ", DoNotSchedule; pods matching " + selector + " per zone " + counts + ") allows"));
    }

    /** {@return why the constraint's selector is not evaluated, empty when it is} */
    static Optional<String> notEvaluated(SpreadConstraint spread) {
        if (!spread.selector().understood()) {
            return Optional.of("its labelSelector uses operator(s) " + spread.selector().unknownOperators()
                    + " that label selectors do not have");
        }
        if (spread.selector().isEmpty()) {
            return Optional.of("it has no labelSelector");
        }
        return Optional.empty();
    }

    /** The selector plus {@code key In [value]} for each {@code matchLabelKeys} key the pod carries (the scheduler skips the others). */
    private static LabelSelector effectiveSelector(PodDetails pod, SpreadConstraint spread) {
        LabelSelector selector = spread.selector();
        for (String key : spread.matchLabelKeys()) {
            String value = pod.pod().labels().get(key);
            if (value != null) {
                selector = selector.and(key, value);
            }
        }
        return selector;
    }
}
