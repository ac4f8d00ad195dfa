package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.ZoneReport;

import java.util.List;
import java.util.Optional;

/**
 * The typed result of a walkthrough: every step with its outcome, and what each step found. A result is empty
 * when its step did not run (it failed earlier, or was skipped).
 *
 * @param ready          the run's pods, claims and nodes once ready (the walkthrough's "Results" listings)
 * @param firstRead      the file's content read after the pods came up
 * @param disruption     what the {@code --disrupt} step measured (empty without it)
 * @param afterScaleDown the cluster after scaling to 0 and consolidation
 * @param afterScaleUp   the cluster after scaling back up
 */
public record WalkthroughReport(String backend, String runId, String namespace, String zone, List<StepRecord> steps,
                                Optional<ClaimEvents> applied, Optional<ClusterSnapshot> ready,
                                Optional<ZoneReport> zoneVerified, Optional<FileContent> firstRead,
                                Optional<FailoverReport> failover, Optional<DisruptionReport> disruption,
                                Optional<ClusterSnapshot> afterScaleDown,
                                Optional<ClusterSnapshot> afterScaleUp, Optional<CleanupReport> cleanup) {
    public WalkthroughReport {
        steps = List.copyOf(steps);
    }

    /** Whether every step that ran passed (steps skipped by choice, such as cleanup with keep, do not count). */
    public boolean passed() {
        return steps.stream().noneMatch(StepRecord::failed);
    }

    /** The step that failed, if one did. */
    public Optional<StepRecord> failure() {
        return steps.stream().filter(StepRecord::failed).findFirst();
    }
}
