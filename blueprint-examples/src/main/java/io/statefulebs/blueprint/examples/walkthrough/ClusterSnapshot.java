package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The run's pods, its claims and Karpenter's initialized nodes at one moment of the backend's clock, with the
 * best known creation time of each claim and node (for the AGE column; pods carry their own).
 */
public record ClusterSnapshot(Instant at, List<PodView> pods, List<ClaimView> claims, List<NodeView> nodes,
                              Map<String, Instant> claimCreated, Map<String, Instant> nodeCreated) {
    public ClusterSnapshot {
        pods = List.copyOf(pods);
        claims = List.copyOf(claims);
        nodes = List.copyOf(nodes);
        claimCreated = Map.copyOf(claimCreated);
        nodeCreated = Map.copyOf(nodeCreated);
    }

    public Duration age(PodView pod) {
        return ageSince(pod.createdAt());
    }

    public Duration ageOfClaim(String name) {
        return ageSince(claimCreated.getOrDefault(name, at));
    }

    public Duration ageOfNode(String name) {
        return ageSince(nodeCreated.getOrDefault(name, at));
    }

    private Duration ageSince(Instant created) {
        return Duration.between(created, at);
    }

    /** The distinct zones of the nodes, sorted. */
    public List<String> nodeZones() {
        return nodes.stream().map(NodeView::zone).distinct().sorted().toList();
    }
}
