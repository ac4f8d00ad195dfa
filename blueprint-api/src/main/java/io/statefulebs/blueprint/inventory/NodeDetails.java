package io.statefulebs.blueprint.inventory;

import io.statefulebs.blueprint.view.NodeView;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A node with its taints ({@code key=value:Effect}) and when its Ready condition last changed. */
public record NodeDetails(NodeView node, List<String> taints, Instant readySince) {
    /**
     * Creates the details, copying {@code taints}; {@code node} and {@code readySince} must be non-null.
     *
     * @param node       the node
     * @param taints     its taints, as {@code key=value:Effect}
     * @param readySince when its Ready condition last changed
     */
    public NodeDetails {
        Objects.requireNonNull(node, "node");
        taints = List.copyOf(taints);
        Objects.requireNonNull(readySince, "readySince");
    }

    /** {@return the node's name} */
    public String name() {
        return node.name();
    }
}
