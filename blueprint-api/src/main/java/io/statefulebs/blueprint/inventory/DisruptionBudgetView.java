package io.statefulebs.blueprint.inventory;

import java.util.Map;
import java.util.Objects;

/**
 * A PodDisruptionBudget: the labels its selector matches ({@code matchLabels}; a budget with match expressions is
 * read as matching nothing it cannot prove), and how many disruptions it allows now.
 */
public record DisruptionBudgetView(String namespace, String name, Map<String, String> matchLabels, int disruptionsAllowed) {
    public DisruptionBudgetView {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        matchLabels = Map.copyOf(matchLabels);
    }

    /** Whether the budget covers a pod of {@code podNamespace} with {@code podLabels}. */
    public boolean covers(String podNamespace, Map<String, String> podLabels) {
        return namespace.equals(podNamespace) && !matchLabels.isEmpty()
                && matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }
}
