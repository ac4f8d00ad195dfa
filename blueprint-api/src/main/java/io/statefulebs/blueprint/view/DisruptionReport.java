package io.statefulebs.blueprint.view;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code disruptNode} measured: the node Karpenter was asked to replace, where the replicas run now, how long
 * until every replica was Ready again in the volume's zone against the bound, why it was slower when it was, and the
 * file read before and after.
 *
 * @param oldNode the node whose NodeClaim was deleted
 * @param nodeClaim that NodeClaim
 * @param newNodes the nodes the replicas run on afterwards
 * @param zone the volume's zone, which every new node is in
 * @param duration from the NodeClaim's deletion until every replica was Ready again
 * @param bound the duration the replacement should take at most
 * @param delays what slowed it, from the events (may be non-empty within the bound too)
 * @param before the file as read before the disruption
 * @param after the file as read after it, from a replica on a new node
 */
public record DisruptionReport(String oldNode, String nodeClaim, List<String> newNodes, String zone, Duration duration,
                               Duration bound, List<DisruptionDelay> delays, FileContent before, FileContent after) {
    /**
     * Copies the lists.
     *
     * @param oldNode the disrupted node
     * @param nodeClaim its NodeClaim
     * @param newNodes the replicas' nodes afterwards
     * @param zone the volume's zone
     * @param duration the time to Ready again
     * @param bound the bound
     * @param delays the causes of delay found
     * @param before the file before
     * @param after the file after
     */
    public DisruptionReport {
        Objects.requireNonNull(oldNode, "oldNode");
        Objects.requireNonNull(nodeClaim, "nodeClaim");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        newNodes = List.copyOf(newNodes);
        delays = List.copyOf(delays);
    }

    /** {@return whether every replica was Ready again within the bound} */
    public boolean withinBound() {
        return duration.compareTo(bound) <= 0;
    }

    /** {@return the causes of delay found, without their evidence} */
    public Set<DelayCause> causes() {
        return delays.stream().map(DisruptionDelay::cause).collect(Collectors.toUnmodifiableSet());
    }

    /** {@return whether every line read before the disruption was still there, in order, after it} */
    public boolean contentPreserved() {
        return after.startsWith(before);
    }
}
