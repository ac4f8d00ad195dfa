package io.statefulebs.blueprint.inventory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A CSINode: for each driver registered on the node, how many of its volumes the node can attach (absent when the driver reports no limit). */
public record CsiNodeView(String node, Map<String, Integer> allocatableByDriver) {
    /**
     * Creates the view, copying {@code allocatableByDriver}.
     *
     * @param node                the node's name, non-null
     * @param allocatableByDriver per registered driver, how many of its volumes the node can attach
     */
    public CsiNodeView {
        Objects.requireNonNull(node, "node");
        allocatableByDriver = Map.copyOf(allocatableByDriver);
    }

    /**
     * How many volumes of {@code driver} the node can attach.
     *
     * @param driver the CSI driver's name
     * @return the driver's attach limit on this node, empty when the driver is not registered or reports no limit
     */
    public Optional<Integer> allocatable(String driver) {
        return Optional.ofNullable(allocatableByDriver.get(driver));
    }
}
