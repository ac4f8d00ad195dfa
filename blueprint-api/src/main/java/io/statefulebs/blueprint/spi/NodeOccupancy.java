package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.inventory.DisruptionBudgetView;
import io.statefulebs.blueprint.inventory.NodeClaimView;
import io.statefulebs.blueprint.inventory.PodDetails;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link NodeDisruption#occupancy(String)} read about one node.
 *
 * @param node the node's name
 * @param nodeClaim its NodeClaim, empty when Karpenter did not launch it
 * @param pods every pod bound to it, in every namespace
 * @param budgets the PodDisruptionBudgets of the namespaces of those pods
 */
public record NodeOccupancy(String node, Optional<NodeClaimView> nodeClaim, List<PodDetails> pods,
                            List<DisruptionBudgetView> budgets) {
    /**
     * Copies the lists.
     *
     * @param node the node's name
     * @param nodeClaim its NodeClaim, or empty
     * @param pods the pods bound to it
     * @param budgets the budgets of their namespaces
     */
    public NodeOccupancy {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(nodeClaim, "nodeClaim");
        pods = List.copyOf(pods);
        budgets = List.copyOf(budgets);
    }
}
