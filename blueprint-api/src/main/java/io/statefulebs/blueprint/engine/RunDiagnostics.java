package io.statefulebs.blueprint.engine;

import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.PodView;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Describes a run's objects for an error message: pod phases and reasons, claim phases, the latest events. */
final class RunDiagnostics {
    private static final int EVENTS_SHOWN = 10;

    private RunDiagnostics() {
    }

    static Function<ClusterView, String> of(RunScope scope) {
        return cluster -> describe(scope, cluster);
    }

    static String describe(RunScope scope, ClusterView cluster) {
        List<PodView> pods = scope.pods(cluster);
        List<ClaimView> claims = scope.claims(cluster);
        StringBuilder out = new StringBuilder();
        out.append("  pods:");
        if (pods.isEmpty()) {
            out.append(" none");
        }
        pods.forEach(p -> out.append("\n    ").append(p.name()).append(' ').append(p.phase())
                .append(p.reason().isEmpty() ? "" : " (" + p.reason() + ")")
                .append(p.node().isEmpty() ? ", not scheduled" : " on " + p.node()));
        out.append("\n  claims:");
        if (claims.isEmpty()) {
            out.append(" none");
        }
        claims.forEach(c -> out.append("\n    ").append(c.name()).append(' ').append(c.phase())
                .append(c.volumeName().isEmpty() ? "" : " volume " + c.volumeName() + " in " + c.zone()));
        List<EventView> events = relevantEvents(scope, cluster, pods, claims);
        out.append("\n  recent events:");
        if (events.isEmpty()) {
            out.append(" none");
        }
        events.stream().skip(Math.max(0, events.size() - EVENTS_SHOWN)).forEach(e -> out.append("\n    ")
                .append(e.type()).append(' ').append(e.reason()).append(' ').append(e.objectKind()).append('/')
                .append(e.objectName()).append(e.count() > 1 ? " (x" + e.count() + ")" : "").append(": ").append(e.message()));
        return out.toString();
    }

    static List<EventView> relevantEvents(RunScope scope, ClusterView cluster, List<PodView> pods, List<ClaimView> claims) {
        Set<String> names = Stream.of(pods.stream().map(PodView::name), claims.stream().map(ClaimView::name),
                Stream.of(scope.workload().name())).flatMap(s -> s).collect(Collectors.toSet());
        return cluster.events(scope.namespace()).stream()
                .filter(e -> names.contains(e.objectName()) || e.objectName().startsWith(scope.workload().name() + "-"))
                .toList();
    }
}
