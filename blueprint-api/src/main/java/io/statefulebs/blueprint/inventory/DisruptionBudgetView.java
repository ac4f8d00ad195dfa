package io.statefulebs.blueprint.inventory;

import io.statefulebs.blueprint.view.LabelSelector;

import java.util.Map;
import java.util.Objects;

/**
 * A PodDisruptionBudget: its pod selector ({@code matchLabels} and {@code matchExpressions}, matched as
 * {@link LabelSelector} does; a selector that is empty or uses an operator label selectors do not have is read as
 * covering no pod rather than guessed), and how many disruptions it allows now.
 *
 * @param namespace          the budget's namespace
 * @param name               the budget's name
 * @param selector           its {@code spec.selector}
 * @param disruptionsAllowed how many disruptions it allows now
 */
public record DisruptionBudgetView(String namespace, String name, LabelSelector selector, int disruptionsAllowed) {
    /**
     * Creates the view.
     *
     * @param namespace          the budget's namespace, non-null
     * @param name               the budget's name, non-null
     * @param selector           its {@code spec.selector}, non-null
     * @param disruptionsAllowed how many disruptions it allows now
     * @throws NullPointerException naming the field that is null
     */
    public DisruptionBudgetView {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(selector, "selector");
    }

    /**
     * A budget whose selector is {@code matchLabels} only.
     *
     * @param namespace          the budget's namespace, non-null
     * @param name               the budget's name, non-null
     * @param matchLabels        the labels its selector matches, non-null
     * @param disruptionsAllowed how many disruptions it allows now
     * @return the view
     */
    public static DisruptionBudgetView ofLabels(String namespace, String name, Map<String, String> matchLabels, int disruptionsAllowed) {
        return new DisruptionBudgetView(namespace, name, LabelSelector.of(Objects.requireNonNull(matchLabels, "matchLabels")),
                disruptionsAllowed);
    }

    /**
     * Whether the budget covers a pod of {@code podNamespace} with {@code podLabels}: same namespace, and a non-empty,
     * understood selector that matches the pod's labels.
     *
     * @param podNamespace the pod's namespace
     * @param podLabels    the pod's labels
     * @return whether the budget's selector matches the pod
     */
    public boolean covers(String podNamespace, Map<String, String> podLabels) {
        return namespace.equals(podNamespace) && !selector.isEmpty() && selector.understood() && selector.matches(podLabels);
    }
}
