package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The run's pods, its claims and Karpenter's initialized nodes at one moment of the backend's clock. */
public record ClusterSnapshot(Instant at, List<PodView> pods, List<ClaimView> claims, List<NodeView> nodes) {
    public ClusterSnapshot {
        pods = List.copyOf(pods);
        claims = List.copyOf(claims);
        nodes = List.copyOf(nodes);
    }

    public Duration age(PodView pod) {
        return ageSince(pod.createdAt());
    }

    public Duration age(ClaimView claim) {
        return ageSince(claim.createdAt());
    }

    public Duration age(NodeView node) {
        return ageSince(node.createdAt());
    }

    private Duration ageSince(Instant created) {
        return Duration.between(created, at);
    }

    /** The distinct zones of the nodes, sorted. */
    public List<String> nodeZones() {
        return nodes.stream().map(NodeView::zone).distinct().sorted().toList();
    }
}
