package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spi.Waiter;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.ManagedKind;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.CleanupReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Deletes what a run created, found by its ownership labels (so it also works from another process that only
 * knows the namespace and run id), waits until that and the volumes its claims were bound to are gone, then
 * lists what is left.
 */
final class RunCleanup {
    private RunCleanup() {
    }

    static CleanupReport run(ClusterBackend unbounded, String namespace, String runId, Duration timeout) {
        StepDeadline deadline = StepDeadline.after(unbounded, timeout);
        ClusterBackend backend = deadline.backend();
        Map<String, String> ownership = OwnershipLabels.forRun(runId);
        List<ResourceRef> owned = new ArrayList<>(backend.listLabelled(namespace, ownership));
        // ManagedKind lists kinds in delete order: workloads first, the StorageClass last.
        owned.sort(Comparator.comparing(r -> ManagedKind.of(r).map(Enum::ordinal).orElse(0)));
        List<ResourceRef> volumes = backend.claims(namespace, ownership).stream()
                .map(ClaimView::volumeName).filter(v -> !v.isEmpty()).map(ResourceRef::persistentVolume).toList();
        List<String> deleted = new ArrayList<>();
        for (ResourceRef ref : owned) {
            if (backend.delete(ref)) {
                deleted.add(ref.toString());
            }
        }
        List<ResourceRef> expectedGone = new ArrayList<>(owned);
        expectedGone.addAll(volumes);
        Waiter.await(backend, Wait.<Void>until("deletion of the objects of run " + runId, deadline.remaining(), cluster -> {
            List<String> left = remaining(cluster, namespace, ownership, expectedGone);
            return left.isEmpty() ? Verdict.satisfied(null) : Verdict.pending("still present: " + left);
        }));
        List<ResourceRef> relisted = new ArrayList<>(backend.listLabelled(namespace, ownership));
        relisted.addAll(volumes);
        return new CleanupReport(runId, deleted, remaining(backend, namespace, ownership, relisted));
    }

    private static List<String> remaining(ClusterView cluster, String namespace, Map<String, String> ownership,
                                          List<ResourceRef> refs) {
        List<String> left = new ArrayList<>();
        refs.stream().filter(cluster::exists).map(ResourceRef::toString).distinct().forEach(left::add);
        cluster.pods(namespace, ownership).forEach(p -> left.add("Pod/" + namespace + "/" + p.name()));
        return left;
    }
}
