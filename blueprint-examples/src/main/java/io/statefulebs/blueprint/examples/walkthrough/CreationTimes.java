package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodeView;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Best known creation times of claims and nodes, for the AGE column. The API's claim and node views carry no
 * creation timestamp, so this takes the earliest of: when the walkthrough created the object (claims it applied),
 * the first event about it, and when the walkthrough first saw it.
 */
final class CreationTimes {
    private final Map<String, Instant> claims = new HashMap<>();
    private final Map<String, Instant> nodes = new HashMap<>();

    void claimApplied(String name, Instant at) {
        claims.merge(name, at, CreationTimes::earlier);
    }

    ClusterSnapshot snapshot(BlueprintRun run, ClusterView cluster, Instant now) {
        List<EventView> events = cluster.events(run.blueprint().namespace());
        List<ClaimView> claimViews = run.claims();
        List<NodeView> nodeViews = run.nodes();
        claimViews.forEach(c -> claims.merge(c.name(), firstSign(events, "PersistentVolumeClaim", c.name(), now),
                CreationTimes::earlier));
        nodeViews.forEach(n -> nodes.merge(n.name(), firstSign(events, "Node", n.name(), now), CreationTimes::earlier));
        return new ClusterSnapshot(now, run.pods(), claimViews, nodeViews, claims, nodes);
    }

    private static Instant firstSign(List<EventView> events, String kind, String name, Instant now) {
        return events.stream().filter(e -> e.about(kind, name)).map(EventView::firstTime)
                .reduce(now, CreationTimes::earlier);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
