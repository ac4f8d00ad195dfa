package io.statefulebs.blueprint.inventory;

import io.statefulebs.blueprint.view.NodePoolView;

import java.util.Map;
import java.util.Objects;

/** A Karpenter NodePool with its {@code spec.limits} (e.g. {@code cpu: 1000}; empty when unlimited). */
public record NodePoolDetails(NodePoolView pool, Map<String, String> limits) {
    /**
     * Creates the details, copying {@code limits}.
     *
     * @param pool   the NodePool, non-null
     * @param limits its {@code spec.limits}, empty when unlimited
     */
    public NodePoolDetails {
        Objects.requireNonNull(pool, "pool");
        limits = Map.copyOf(limits);
    }
}
