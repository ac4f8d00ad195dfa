package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.WaitDiagnostics;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Describes a run's objects for an error: pod phases and reasons, claim phases, the latest events. */
final class RunDiagnostics {
    private RunDiagnostics() {
    }

    static Function<ClusterView, WaitDiagnostics> of(RunScope scope) {
        return cluster -> describe(scope, cluster);
    }

    static WaitDiagnostics describe(RunScope scope, ClusterView cluster) {
        List<PodView> pods = scope.pods(cluster);
        List<ClaimView> claims = scope.claims(cluster);
        return new WaitDiagnostics(pods, claims, relevantEvents(scope, cluster, pods, claims));
    }

    static List<EventView> relevantEvents(RunScope scope, ClusterView cluster, List<PodView> pods, List<ClaimView> claims) {
        Set<String> names = Stream.of(pods.stream().map(PodView::name), claims.stream().map(ClaimView::name),
                Stream.of(scope.workload().name())).flatMap(s -> s).collect(Collectors.toSet());
        return cluster.events(scope.namespace()).stream()
                .filter(e -> names.contains(e.objectName()) || e.objectName().startsWith(scope.workload().name() + "-"))
                .toList();
    }
}
