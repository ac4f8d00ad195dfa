package io.statefulebs.blueprint.inventory;

import io.statefulebs.blueprint.view.NodeView;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A node with its taints ({@code key=value:Effect}) and when its Ready condition last changed. */
public record NodeDetails(NodeView node, List<String> taints, Instant readySince) {
    public NodeDetails {
        Objects.requireNonNull(node, "node");
        taints = List.copyOf(taints);
        Objects.requireNonNull(readySince, "readySince");
    }

    public String name() {
        return node.name();
    }
}
