package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.UnsupportedCapabilityException;
import io.statefulebs.blueprint.error.VerificationFailedException;
import io.statefulebs.blueprint.error.WaitTimedOutException;
import io.statefulebs.blueprint.inventory.DisruptionBudgetView;
import io.statefulebs.blueprint.inventory.NodeClaimView;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.NodeDisruption;
import io.statefulebs.blueprint.spi.NodeOccupancy;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Waiter;
import io.statefulebs.blueprint.view.DisruptionDelay;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.PodView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The graceful node replacement of {@code disruptNode}: picks the run's node, refuses when the drain could never finish
 * or would evict someone else's pods, deletes the node's NodeClaim, waits until every replica runs again off that node
 * in the volume's zone, checks the file survived, and classifies what slowed it ({@link DisruptionDelays}).
 */
final class NodeDisruptions {
    static final String DO_NOT_DISRUPT = "karpenter.sh/do-not-disrupt";
    static final ResourceRef ANY_NODE_CLAIM = new ResourceRef("karpenter.sh/v1", "NodeClaim", null, "");

    private final RunScope scope;
    private final int replicas;
    private final DisruptionOptions options;

    NodeDisruptions(RunScope scope, int replicas, DisruptionOptions options) {
        this.scope = scope;
        this.replicas = replicas;
        this.options = options;
    }

    /** What the step writes, asked before anything is read or changed. */
    static AccessChecks access() {
        return new AccessChecks().need("delete", ANY_NODE_CLAIM);
    }

    static NodeDisruption capability(ClusterBackend backend) {
        if (backend instanceof NodeDisruption disruption) {
            return disruption;
        }
        throw new UnsupportedCapabilityException("disrupt node", backend.name(), "NodeDisruption",
                "run it on a backend that can delete Karpenter NodeClaims (fabric8, or the simulated cluster)");
    }

    /**
     * Runs the replacement through {@code backend} (bounded by the step's deadline); {@code read} reads the run's file
     * from its newest running pod.
     */
    DisruptionReport run(ClusterBackend backend, Duration waitTimeout, Function<ClusterBackend, FileContent> read) {
        NodeDisruption disruption = capability(backend);
        String zone = scope.blueprint().zone().orElseThrow();
        List<PodView> pods = scope.pods(backend);
        String node = chooseNode(pods);
        NodeOccupancy occupancy = disruption.occupancy(node);
        NodeClaimView claim = refuseUnsafe(occupancy);
        FileContent before = read.apply(backend);
        Instant start = backend.clock().instant();
        disruption.deleteNodeClaim(claim.name());
        List<PodView> after;
        try {
            after = Waiter.await(backend, RunConditions.movedOff(scope, node, zone, replicas, waitTimeout));
        } catch (WaitTimedOutException e) {
            VerificationFailedException failed = new VerificationFailedException(timedOut(backend, disruption, node, claim, start,
                    pods, e));
            failed.initCause(e);
            throw failed;
        }
        Duration took = Duration.between(start, backend.clock().instant());
        FileContent afterContent = read.apply(backend);
        if (!afterContent.startsWith(before)) {
            throw new VerificationFailedException("content of " + before.path() + " was lost when node " + node + " was replaced:"
                    + " before (from " + before.pod() + ") " + before.lines() + ", after (from " + afterContent.pod() + ") "
                    + afterContent.lines());
        }
        List<DisruptionDelay> delays = delays(backend, disruption, node, claim, start, pods, after);
        return new DisruptionReport(node, claim.name(), after.stream().map(PodView::node).distinct().toList(), zone, took,
                options.bound(), delays, before, afterContent);
    }

    /** The named node, or the one running most of the run's pods (the oldest pod's on a tie). */
    private String chooseNode(List<PodView> pods) {
        List<PodView> placed = pods.stream().filter(p -> !p.node().isEmpty()).toList();
        if (options.node().isPresent()) {
            String named = options.node().get();
            if (placed.stream().noneMatch(p -> p.node().equals(named))) {
                throw new VerificationFailedException("refusing to disrupt node " + named + ": no pod of " + scope.workload()
                        + " runs there (they run on " + placed.stream().map(PodView::node).distinct().toList()
                        + "); nothing was changed. Name one of those nodes, or leave the node unset");
            }
            return named;
        }
        Map<String, Long> counts = placed.stream().collect(Collectors.groupingBy(PodView::node, Collectors.counting()));
        return placed.stream().map(PodView::node).distinct().max(Comparator.comparingLong(counts::get))
                .orElseThrow(() -> new VerificationFailedException("no pod of " + scope.workload() + " runs on a node, so there is"
                        + " no node to disrupt: call awaitReady() first"));
    }

    /** The node's NodeClaim, unless the drain could never finish or would evict pods that are not the run's. */
    private NodeClaimView refuseUnsafe(NodeOccupancy occupancy) {
        String node = occupancy.node();
        NodeClaimView claim = occupancy.nodeClaim().orElseThrow(() -> refusal(node, "it has no NodeClaim (Karpenter did not"
                + " launch it)", "only Karpenter's nodes can be replaced this way"));
        if (claim.deleting()) {
            throw refusal(node, "its NodeClaim " + claim.name() + " is already being deleted", "wait for Karpenter to finish");
        }
        List<String> blockers = new ArrayList<>();
        for (PodDetails pod : occupancy.pods()) {
            if (active(pod) && "true".equals(pod.annotations().get(DO_NOT_DISRUPT))) {
                blockers.add(pod.ref() + " is annotated " + DO_NOT_DISRUPT + "=true (Karpenter never evicts it)");
            }
            for (DisruptionBudgetView budget : occupancy.budgets()) {
                if (active(pod) && budget.disruptionsAllowed() <= 0 && budget.covers(pod.namespace(), pod.pod().labels())) {
                    blockers.add(pod.ref() + " is covered by PodDisruptionBudget " + budget.namespace() + "/" + budget.name()
                            + ", which allows 0 disruptions now");
                }
            }
        }
        if (!blockers.isEmpty()) {
            throw refusal(node, "its drain could never finish: " + String.join("; ", blockers),
                    "remove the annotation or let the budget allow a disruption, then try again");
        }
        List<String> foreign = occupancy.pods().stream().filter(p -> !ours(p) && !perNode(p) && active(p)).map(PodDetails::ref).toList();
        if (!foreign.isEmpty() && !options.allowForeignPods()) {
            throw refusal(node, "it also runs pods that are not this run's: " + foreign,
                    "pass DisruptionOptions.builder().allowForeignPods(true) to evict them too");
        }
        return claim;
    }

    private static VerificationFailedException refusal(String node, String why, String fix) {
        return new VerificationFailedException("refusing to disrupt node " + node + ": " + why + "; nothing was changed. " + fix);
    }

    private boolean ours(PodDetails pod) {
        return pod.namespace().equals(scope.namespace())
                && pod.pod().labels().entrySet().containsAll(scope.podSelector().entrySet());
    }

    /** DaemonSet pods (every node runs them) and static pods go with any node: they are not workloads displaced. */
    private static boolean perNode(PodDetails pod) {
        return pod.ownerKind().equals("DaemonSet") || pod.ownerKind().equals("Node");
    }

    private static boolean active(PodDetails pod) {
        return !pod.pod().phase().equals("Succeeded") && !pod.pod().phase().equals("Failed");
    }

    private List<DisruptionDelay> delays(ClusterBackend backend, NodeDisruption disruption, String node, NodeClaimView claim,
                                         Instant start, List<PodView> earlier, List<PodView> current) {
        Set<String> runPods = new LinkedHashSet<>();
        current.forEach(p -> runPods.add(p.name()));
        scope.pods(backend).forEach(p -> runPods.add(p.name()));
        earlier.forEach(p -> runPods.add(p.name()));
        var nodeClaim = disruption.occupancy(node).nodeClaim().filter(c -> c.name().equals(claim.name()));
        return DisruptionDelays.classify(backend.events(scope.namespace()), runPods, disruption.nodeEvents(node, claim.name()),
                nodeClaim, start);
    }

    private String timedOut(ClusterBackend backend, NodeDisruption disruption, String node, NodeClaimView claim, Instant start,
                            List<PodView> earlier, WaitTimedOutException e) {
        NodeOccupancy now = disruption.occupancy(node);
        List<String> blockers = now.pods().stream().filter(p -> "true".equals(p.annotations().get(DO_NOT_DISRUPT)))
                .map(p -> p.ref() + " (" + DO_NOT_DISRUPT + ")").toList();
        List<DisruptionDelay> delays = delays(backend, disruption, node, claim, start, earlier, List.of());
        String state = now.nodeClaim().filter(c -> c.name().equals(claim.name()))
                .map(c -> "NodeClaim " + c.name() + " is still being deleted: Karpenter keeps draining node " + node
                        + " (pods still there: " + now.pods().stream().map(PodDetails::ref).toList() + ")"
                        + (blockers.isEmpty() ? "" : "; never evicted: " + blockers))
                .orElse("NodeClaim " + claim.name() + " is gone");
        return "node " + node + " was not replaced within " + options.timeout() + ": " + e.reason() + ". " + state
                + (delays.isEmpty() ? "" : ". Delayed by: " + delays.stream().map(d -> d.cause() + " " + d.evidence())
                .collect(Collectors.joining("; ")));
    }
}
