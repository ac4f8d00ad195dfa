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
    /**
     * Copies the labels and lists.
     *
     * @param name the NodePool's name
     * @param templateLabels the labels its nodes get
     * @param requirements its requirements
     * @param ready whether it is Ready
     * @param subnetZones the zones of its node class's subnets, empty when unknown
     */
    public NodePoolView {
        templateLabels = Map.copyOf(templateLabels);
        requirements = List.copyOf(requirements);
        subnetZones = List.copyOf(subnetZones);
    }

    /**
     * The first requirement of the NodePool on {@code key} that a node labelled {@code key=value} would break.
     *
     * @param key the label key
     * @param value the label value
     * @return the broken requirement, or empty
     */
    public Optional<NodeRequirement> violated(String key, String value) {
        return requirements.stream().filter(r -> r.key().equals(key) && !r.allows(value)).findFirst();
    }

    /**
     * Whether the NodePool constrains {@code key} at all.
     *
     * @param key the label key
     * @return whether any requirement is on {@code key}
     */
    public boolean constrains(String key) {
        return requirements.stream().anyMatch(r -> r.key().equals(key));
    }

    /**
     * The NodePool's requirements on a label key.
     *
     * @param key the label key
     * @return the requirements on {@code key}
     */
    public List<NodeRequirement> requirements(String key) {
        return requirements.stream().filter(r -> r.key().equals(key)).toList();
    }
}
