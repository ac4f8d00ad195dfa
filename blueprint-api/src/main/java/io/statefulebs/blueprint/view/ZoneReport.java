package io.statefulebs.blueprint.view;

import java.util.List;

/** What {@code verifyZone()} checked: the nodes running the workload and the bound claims, all in {@code zone}. */
public record ZoneReport(String zone, List<NodeView> nodes, List<ClaimView> claims) {
    /**
     * Copies the lists.
     *
     * @param zone the chosen zone
     * @param nodes the nodes running the workload
     * @param claims the bound claims
     */
    public ZoneReport {
        nodes = List.copyOf(nodes);
        claims = List.copyOf(claims);
    }
}
