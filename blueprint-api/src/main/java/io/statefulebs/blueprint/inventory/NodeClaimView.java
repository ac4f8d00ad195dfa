package io.statefulebs.blueprint.inventory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A Karpenter NodeClaim: its node (empty until registered), NodePool, whether it is being deleted, and its conditions. */
public record NodeClaimView(String name, String node, String nodePool, boolean deleting, List<ResourceCondition> conditions) {
    public NodeClaimView {
        Objects.requireNonNull(name, "name");
        conditions = List.copyOf(conditions);
    }

    public Optional<ResourceCondition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
