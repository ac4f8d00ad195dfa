package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.error.VerificationFailedException;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.PodView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The failover step for a StatefulSet. Workaround: {@link BlueprintRun#failover(Duration)} waits until no pod of
 * the deleted pod's name exists, but a StatefulSet recreates its pod under the same name, so that wait never ends.
 * This tells the replacement apart by its creation time. Remove once the API does the same.
 */
final class StatefulSetFailover {
    private StatefulSetFailover() {
    }

    static FailoverReport run(BlueprintRun run, ClusterBackend backend, int replicas, Duration timeout) {
        FileContent before = run.readFile();
        String namespace = run.blueprint().namespace();
        Instant deletedCreatedAt = run.pods().stream().filter(p -> p.name().equals(before.pod())).findFirst()
                .map(PodView::createdAt)
                .orElseThrow(() -> new VerificationFailedException("pod " + before.pod() + " vanished before the failover"));
        Map<String, String> runPods = OwnershipLabels.forRun(run.runId());
        backend.delete(ResourceRef.pod(namespace, before.pod()));
        backend.await(Wait.until("pod " + before.pod() + " recreated and " + replicas + " pod(s) Running", timeout,
                cluster -> {
                    List<PodView> pods = cluster.pods(namespace, runPods);
                    boolean recreated = pods.stream().anyMatch(p -> p.name().equals(before.pod())
                            && p.createdAt().isAfter(deletedCreatedAt) && p.running());
                    long running = pods.stream().filter(PodView::running).count();
                    return recreated && running == replicas && pods.size() == replicas ? Verdict.satisfied(pods)
                            : Verdict.pending((recreated ? "" : "pod " + before.pod() + " not recreated and Running yet; ")
                            + running + "/" + replicas + " pod(s) Running");
                }));
        FileContent after = run.readFile();
        if (!after.startsWith(before)) {
            throw new VerificationFailedException("content of " + before.path() + " was lost after deleting pod "
                    + before.pod() + ": before " + before.lines() + ", after (from " + after.pod() + ") " + after.lines());
        }
        return new FailoverReport(before.pod(), after.pod(), before, after, true);
    }
}
