package io.statefulebs.blueprint;

import io.statefulebs.blueprint.render.ManifestRenderer;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.PodView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which objects belong to one run, and how to find them in a {@link ClusterView}. */
record RunScope(StatefulEbsBlueprint blueprint) {
    static final Comparator<PodView> OLDEST_FIRST = Comparator.comparing(PodView::createdAt).thenComparing(PodView::name);

    String namespace() {
        return blueprint.namespace();
    }

    ResourceRef workload() {
        return ManifestRenderer.workloadRef(blueprint.namespace(), blueprint.workload());
    }

    /** The pods of this run: the workload's selector plus the run id. */
    Map<String, String> podSelector() {
        Map<String, String> selector = new LinkedHashMap<>(ManifestRenderer.podSelector(blueprint.workload()));
        selector.putAll(OwnershipLabels.forRun(blueprint.runId()));
        return selector;
    }

    Map<String, String> ownership() {
        return OwnershipLabels.forRun(blueprint.runId());
    }

    List<PodView> pods(ClusterView cluster) {
        List<PodView> pods = new ArrayList<>(cluster.pods(namespace(), podSelector()));
        pods.sort(OLDEST_FIRST);
        return pods;
    }

    /** The claims that {@code replicas} pods need: the shared one, or one per StatefulSet ordinal. */
    List<String> claimNames(int replicas) {
        String claim = blueprint.storage().claimName();
        if (blueprint.workload().kind() == WorkloadKind.DEPLOYMENT) {
            return List.of(claim);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            names.add(ManifestRenderer.statefulSetClaimName(claim, blueprint.workload().name(), i));
        }
        return names;
    }

    /** Claims of this run that exist, in name order. */
    List<ClaimView> claims(ClusterView cluster) {
        if (blueprint.workload().kind() == WorkloadKind.DEPLOYMENT) {
            return cluster.claim(namespace(), blueprint.storage().claimName()).stream().toList();
        }
        List<ClaimView> claims = new ArrayList<>(cluster.claims(namespace(), ownership()));
        claims.sort(Comparator.comparing(ClaimView::name));
        return claims;
    }

    Optional<PodView> newestRunningPod(ClusterView cluster) {
        return pods(cluster).stream().filter(PodView::running).max(OLDEST_FIRST);
    }
}
