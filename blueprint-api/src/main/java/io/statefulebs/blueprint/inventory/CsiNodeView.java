package io.statefulebs.blueprint.inventory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A CSINode: for each driver registered on the node, how many of its volumes the node can attach (absent when the driver reports no limit). */
public record CsiNodeView(String node, Map<String, Integer> allocatableByDriver) {
    public CsiNodeView {
        Objects.requireNonNull(node, "node");
        allocatableByDriver = Map.copyOf(allocatableByDriver);
    }

    public Optional<Integer> allocatable(String driver) {
        return Optional.ofNullable(allocatableByDriver.get(driver));
    }
}
