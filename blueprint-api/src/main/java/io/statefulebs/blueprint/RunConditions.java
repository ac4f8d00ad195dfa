package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The waits of a run, as data: what counts as done, what as hopeless, what to report otherwise. */
final class RunConditions {
    private RunConditions() {
    }

    /** Every needed claim Bound and exactly {@code replicas} pods Running and ready. */
    static Wait<List<PodView>> ready(RunScope scope, int replicas, Duration timeout) {
        List<String> claimNames = scope.claimNames(replicas);
        return Wait.<List<PodView>>until("claims Bound and " + replicas + " pod(s) of " + scope.workload() + " Running",
                timeout, cluster -> {
                    List<PodView> pods = scope.pods(cluster);
                    Map<String, String> unbound = replicas == 0 ? Map.of() : unboundClaims(scope, cluster, claimNames);
                    List<String> waitingPods = pods.stream().filter(p -> !p.running()).map(PodView::name).toList();
                    Optional<String> hopeless = TerminalEvents.find(cluster.events(scope.namespace()), waitingPods,
                            unbound.keySet());
                    if (hopeless.isPresent()) {
                        return Verdict.failed(hopeless.get());
                    }
                    String claimsMissing = unbound.entrySet().stream()
                            .map(c -> "claim " + c.getKey() + " " + c.getValue() + "; ").collect(Collectors.joining());
                    long running = pods.size() - waitingPods.size();
                    if (claimsMissing.isEmpty() && running == replicas && pods.size() == replicas) {
                        List<String> uninitialized = uninitializedNodes(cluster, pods);
                        return uninitialized.isEmpty() ? Verdict.satisfied(pods)
                                : Verdict.pending("node(s) " + uninitialized + " not yet initialized by Karpenter");
                    }
                    return Verdict.pending(claimsMissing + running + "/" + replicas + " pods Running"
                            + notRunning(pods));
                }).diagnosedBy(RunDiagnostics.of(scope));
    }

    /** {@code deleted} is gone (a StatefulSet's replacement has its name, not its uid) and {@code replicas} pods run again. */
    static Wait<List<PodView>> replaced(RunScope scope, PodView deleted, int replicas, Duration timeout) {
        Wait<List<PodView>> ready = ready(scope, replicas, timeout);
        return Wait.<List<PodView>>until("a replacement for pod " + deleted.name() + " Running", timeout, cluster -> {
            if (scope.pods(cluster).stream().anyMatch(p -> p.uid().equals(deleted.uid()))) {
                return Verdict.pending("pod " + deleted.name() + " is still terminating");
            }
            return ready.evaluate(cluster);
        }).diagnosedBy(RunDiagnostics.of(scope));
    }

    /**
     * {@code replicas} pods Running and ready again, none on {@code oldNode}, each on a node in {@code zone} (the volume's):
     * what a graceful replacement of {@code oldNode} ends with.
     */
    static Wait<List<PodView>> movedOff(RunScope scope, String oldNode, String zone, int replicas, Duration timeout) {
        Wait<List<PodView>> ready = ready(scope, replicas, timeout);
        return Wait.<List<PodView>>until(replicas + " pod(s) of " + scope.workload() + " Running again off node " + oldNode
                + " in zone " + zone, timeout, cluster -> {
            List<String> stillThere = scope.pods(cluster).stream().filter(p -> p.node().equals(oldNode)).map(PodView::name).toList();
            if (!stillThere.isEmpty()) {
                return Verdict.pending("pod(s) " + stillThere + " still on node " + oldNode + " (draining)");
            }
            Verdict<List<PodView>> verdict = ready.evaluate(cluster);
            if (verdict instanceof Verdict.Satisfied<List<PodView>> done) {
                Map<String, String> zones = cluster.nodes().stream().collect(Collectors.toMap(NodeView::name, NodeView::zone, (a, b) -> a));
                List<String> elsewhere = done.value().stream().filter(p -> !zone.equals(zones.get(p.node())))
                        .map(p -> p.name() + " on " + p.node() + " in " + zones.getOrDefault(p.node(), "an unknown zone")).toList();
                if (!elsewhere.isEmpty()) {
                    return Verdict.failed("pod(s) " + elsewhere + " run outside the volume's zone " + zone);
                }
            }
            return verdict;
        }).diagnosedBy(RunDiagnostics.of(scope));
    }

    /** The run's pods are gone and none of {@code nodes} exists any more. */
    static Wait<List<String>> nodesReleased(RunScope scope, Set<String> nodes, Duration timeout) {
        return Wait.<List<String>>until("consolidation to remove node(s) " + nodes, timeout, cluster -> {
            List<PodView> pods = scope.pods(cluster);
            if (!pods.isEmpty()) {
                return Verdict.pending(pods.size() + " pod(s) still present");
            }
            List<String> remaining = cluster.nodes().stream().map(NodeView::name).filter(nodes::contains).toList();
            return remaining.isEmpty() ? Verdict.satisfied(List.copyOf(nodes))
                    : Verdict.pending("node(s) " + remaining + " still present");
        }).diagnosedBy(RunDiagnostics.of(scope));
    }

    /**
     * Karpenter nodes the pods run on that lack {@code karpenter.sh/initialized}: pods can run before Karpenter marks
     * the node, and the walkthrough lists nodes by that label.
     */
    private static List<String> uninitializedNodes(ClusterView cluster, List<PodView> pods) {
        Set<String> used = pods.stream().map(PodView::node).collect(Collectors.toSet());
        return cluster.nodes().stream().filter(n -> used.contains(n.name()) && n.karpenterManaged() && !n.initialized())
                .map(NodeView::name).toList();
    }

    /** Claim name to phase ("absent" before it exists), for each claim not yet Bound, in {@code claimNames} order. */
    private static Map<String, String> unboundClaims(RunScope scope, ClusterView cluster, List<String> claimNames) {
        Map<String, String> unbound = new LinkedHashMap<>();
        for (String name : claimNames) {
            String phase = cluster.claim(scope.namespace(), name).map(ClaimView::phase).orElse("absent");
            if (!phase.equals("Bound")) {
                unbound.put(name, phase);
            }
        }
        return unbound;
    }

    private static String notRunning(List<PodView> pods) {
        String waiting = pods.stream().filter(p -> !p.running())
                .map(p -> p.name() + " " + p.phase() + (p.reason().isEmpty() ? "" : " (" + p.reason() + ")"))
                .collect(Collectors.joining(", "));
        return waiting.isEmpty() ? "" : ": " + waiting;
    }
}
