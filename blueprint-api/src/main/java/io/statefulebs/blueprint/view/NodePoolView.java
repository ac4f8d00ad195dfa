package io.statefulebs.blueprint.view;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Karpenter NodePool as far as placement goes: the labels its nodes get, its requirements, whether it is Ready,
 * and the zones of its node class's subnets (empty when unknown).
 */
public record NodePoolView(String name, Map<String, String> templateLabels, List<NodeRequirement> requirements,
                           boolean ready, List<String> subnetZones) {
    public NodePoolView {
        templateLabels = Map.copyOf(templateLabels);
        requirements = List.copyOf(requirements);
        subnetZones = List.copyOf(subnetZones);
    }

    /** The first requirement of the NodePool on {@code key} that a node labelled {@code key=value} would break. */
    public Optional<NodeRequirement> violated(String key, String value) {
        return requirements.stream().filter(r -> r.key().equals(key) && !r.allows(value)).findFirst();
    }

    /** Whether the NodePool constrains {@code key} at all. */
    public boolean constrains(String key) {
        return requirements.stream().anyMatch(r -> r.key().equals(key));
    }

    public List<NodeRequirement> requirements(String key) {
        return requirements.stream().filter(r -> r.key().equals(key)).toList();
    }
}
