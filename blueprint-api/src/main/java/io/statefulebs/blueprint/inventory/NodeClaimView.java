package io.statefulebs.blueprint.inventory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A Karpenter NodeClaim: its node (empty until registered), NodePool, whether it is being deleted, and its conditions. */
public record NodeClaimView(String name, String node, String nodePool, boolean deleting, List<ResourceCondition> conditions) {
    /**
     * Creates the view, copying {@code conditions}.
     *
     * @param name       the NodeClaim's name, non-null
     * @param node       its node, empty until registered
     * @param nodePool   the NodePool it belongs to
     * @param deleting   whether it is being deleted
     * @param conditions its status conditions
     */
    public NodeClaimView {
        Objects.requireNonNull(name, "name");
        conditions = List.copyOf(conditions);
    }

    /**
     * Looks up a condition by type.
     *
     * @param type the condition type, e.g. {@code Ready}
     * @return the first condition of that type, empty when it has none
     */
    public Optional<ResourceCondition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
