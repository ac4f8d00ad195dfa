package io.statefulebs.blueprint.inventory;

import java.util.Map;
import java.util.Objects;

/**
 * A PodDisruptionBudget: the labels its selector matches ({@code matchLabels}; a budget with match expressions is
 * read as matching nothing it cannot prove), and how many disruptions it allows now.
 */
public record DisruptionBudgetView(String namespace, String name, Map<String, String> matchLabels, int disruptionsAllowed) {
    /**
     * Creates the view, copying {@code matchLabels}.
     *
     * @param namespace          the budget's namespace, non-null
     * @param name               the budget's name, non-null
     * @param matchLabels        the labels its selector matches ({@code matchLabels})
     * @param disruptionsAllowed how many disruptions it allows now
     */
    public DisruptionBudgetView {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        matchLabels = Map.copyOf(matchLabels);
    }

    /**
     * Whether the budget covers a pod of {@code podNamespace} with {@code podLabels}: same namespace, and a non-empty
     * {@code matchLabels} all present on the pod.
     *
     * @param podNamespace the pod's namespace
     * @param podLabels    the pod's labels
     * @return whether the budget's selector matches the pod
     */
    public boolean covers(String podNamespace, Map<String, String> podLabels) {
        return namespace.equals(podNamespace) && !matchLabels.isEmpty()
                && matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }
}
